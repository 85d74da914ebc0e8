"""Migration 0006_audit: the audit log's own events, and undo marked on the decision it writes.

Decisions already are the record of who decided what and when (append-only); the audit log reads them
rather than copying them. What decisions cannot say is kept here: which entry is an undo (``undoes``, the
sequence number it reverted, written with the row and protected like the other columns), and the events
that are not decisions — erasures, purges, exports, notifications — one row each, without personal data
(``details`` is JSON of ids, counts and codes; services/audit.py checks it before it is written).
"""

SCHEMA = """
ALTER TABLE decisions ADD COLUMN undoes INTEGER;
CREATE TRIGGER decisions_undoes_no_update BEFORE UPDATE OF undoes ON decisions
BEGIN SELECT RAISE(ABORT, 'decisions are append-only'); END;

CREATE TABLE audit_events (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    kind TEXT NOT NULL,
    subject_id TEXT NOT NULL DEFAULT '',
    moderator TEXT NOT NULL DEFAULT '',
    details TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_events_at ON audit_events(at);
CREATE INDEX audit_events_moderator ON audit_events(moderator, at);
CREATE INDEX decisions_moderator ON decisions(moderator, decided_at);
CREATE INDEX decisions_decided_at ON decisions(decided_at);

-- the log is append-only too: an erasure removes personal data, never the trace that it happened
CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
"""
