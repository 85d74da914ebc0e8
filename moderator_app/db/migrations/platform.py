"""Migration 0002: what the platform sync (HTTP contract 2) keeps: records, claims, the outbox, sync state.

Why these tables:
- ``platform_records``: a listed record waits here (raw, validated) until its clip is claimed,
  downloaded and verified; only then does it become a ``submissions`` row, so the queue never
  shows a clip that is not on disk and whole.
- ``claims``: the leases this desk holds, so they can be renewed, released on quit, and re-taken
  after a restart.
- ``outbox``: one row per decision on a platform submission, filled by a trigger in the same
  transaction as the decision (committed locally first, by construction); a push only updates
  its bookkeeping and ``decisions.pushed_at``.
- ``sync_log``: what the sync did, in words a moderator can read (never personal data).
"""

SCHEMA = """
CREATE TABLE sync_state (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE platform_records (
    position INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    record TEXT NOT NULL,
    clip_url TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    size INTEGER NOT NULL,
    listed_at TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'listed'
        CHECK (state IN ('listed', 'claimed', 'ready', 'taken', 'gone', 'quarantined')),
    note TEXT
);
CREATE INDEX platform_records_state ON platform_records(state, position);

CREATE TABLE claims (
    submission_id TEXT PRIMARY KEY,
    moderator TEXT NOT NULL,
    lease_until TEXT,
    expires_at REAL NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('held', 'released', 'lost')),
    lost_to TEXT,
    changed_at TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX claims_state ON claims(state, expires_at);

CREATE TABLE outbox (
    seq INTEGER PRIMARY KEY REFERENCES decisions(seq),
    submission_id TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'pending'
        CHECK (state IN ('pending', 'acked', 'conflict', 'superseded', 'local')),
    attempts INTEGER NOT NULL DEFAULT 0,
    last_error TEXT,
    last_try TEXT,
    conflict TEXT,
    seen INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX outbox_state ON outbox(state, seq);
CREATE INDEX outbox_submission ON outbox(submission_id, seq);

CREATE TRIGGER decisions_outbox AFTER INSERT ON decisions
WHEN (SELECT source FROM submissions WHERE id = NEW.submission_id) LIKE 'platform/%'
BEGIN
    INSERT INTO outbox (seq, submission_id) VALUES (NEW.seq, NEW.submission_id);
END;

CREATE TABLE sync_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    level TEXT NOT NULL,
    message TEXT NOT NULL
);
"""
