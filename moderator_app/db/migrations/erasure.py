"""Migration: erasure on request (GDPR art. 17) — tombstones, the redacted decision history, exported masters.

Why these tables:
- ``erasures``: the tombstone of an erased submission — its id, when, why (a code, never free text) and
  who ran the erase. Syncs skip these ids, so neither the inbox nor the platform brings the person back.
- ``erased_decisions``: the decision history of an erased submission without its notes (who, when,
  what and which flags: no personal data). The decisions themselves reference ``submissions`` and
  carry the notes, so they leave ``decisions`` with the submission.
- ``decisions_no_delete`` is replaced: the history stays append-only, except for the rows of a
  submission that has a tombstone — the erase writes the tombstone first, in the same transaction, so
  only the erase path can delete (and ``decisions_no_update`` is untouched: nothing can rewrite history).
- ``spot_exports``: each master rendered from a spot (path, preset, when, the submissions it carries), so
  an erase can list the masters outside the cache that still show the person.
- ``decision_history``: one view over both histories, for audit readers.
"""

SCHEMA = """
CREATE TABLE erasures (
    submission_id TEXT PRIMARY KEY,
    erased_at TEXT NOT NULL,
    reason TEXT NOT NULL,
    erased_by TEXT NOT NULL DEFAULT '',
    outbox TEXT NOT NULL DEFAULT 'none' CHECK (outbox IN ('none', 'pushed', 'dropped'))
) WITHOUT ROWID;

CREATE TABLE erased_decisions (
    seq INTEGER PRIMARY KEY,
    submission_id TEXT NOT NULL REFERENCES erasures(submission_id),
    decision TEXT NOT NULL,
    flags TEXT NOT NULL DEFAULT '[]',
    moderator TEXT NOT NULL DEFAULT '',
    decided_at TEXT NOT NULL,
    key TEXT NOT NULL,
    pushed_at TEXT,
    note_redacted INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX erased_decisions_submission ON erased_decisions(submission_id, seq);

CREATE TRIGGER erased_decisions_no_update BEFORE UPDATE ON erased_decisions
BEGIN SELECT RAISE(ABORT, 'decisions are append-only'); END;
CREATE TRIGGER erased_decisions_no_delete BEFORE DELETE ON erased_decisions
BEGIN SELECT RAISE(ABORT, 'decisions are append-only'); END;

DROP TRIGGER decisions_no_delete;
CREATE TRIGGER decisions_no_delete BEFORE DELETE ON decisions
WHEN NOT EXISTS (SELECT 1 FROM erasures e WHERE e.submission_id = OLD.submission_id)
    OR NOT EXISTS (SELECT 1 FROM erased_decisions x WHERE x.seq = OLD.seq)
BEGIN SELECT RAISE(ABORT, 'decisions are append-only'); END;

CREATE TABLE spot_exports (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    spot_id TEXT NOT NULL,
    path TEXT NOT NULL,
    preset TEXT NOT NULL,
    exported_at TEXT NOT NULL
);
CREATE INDEX spot_exports_spot ON spot_exports(spot_id);

CREATE TABLE spot_export_clips (
    export_id INTEGER NOT NULL REFERENCES spot_exports(id) ON DELETE CASCADE,
    submission_id TEXT NOT NULL,
    PRIMARY KEY (submission_id, export_id)
) WITHOUT ROWID;

CREATE VIEW decision_history AS
    SELECT seq, submission_id, decision, flags, moderator, decided_at, 0 AS erased FROM decisions
    UNION ALL
    SELECT seq, submission_id, decision, flags, moderator, decided_at, 1 AS erased FROM erased_decisions;
"""
