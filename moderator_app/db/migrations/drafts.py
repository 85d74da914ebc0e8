"""Migration 0013: a moderator's unfinished flags and note per clip, kept until the clip is decided.

Moving to the next clip (J/K), quitting or a crash must not lose them; the decision that follows takes them
and the draft row goes. Notes can name people: erasure deletes the row with the submission.
"""

SCHEMA = """
CREATE TABLE drafts (
    submission_id TEXT PRIMARY KEY REFERENCES submissions(id) ON DELETE CASCADE,
    flags TEXT NOT NULL DEFAULT '[]',
    note TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL
) WITHOUT ROWID;
"""
