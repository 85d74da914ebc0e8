"""Migration 0009 (retention): purged submissions, and a decision note that may be cleared, never rewritten.

Why:
- ``submissions.purged_at``: a purged submission keeps its row (its id stops an inbox or platform sync
  from bringing the clip back) and its decision history (who, when, flags), but its names, contacts,
  message, raw record and clip are gone; the queue shows it as purged.
- A decision's note may hold a name ("same girl as yesterday, Léa"), so retention (and erasure) must be able
  to blank it. History stays append-only otherwise: who decided what and when cannot change, and a note
  can only become empty, never say something else.
- Consent record: ``consent_terms`` / ``consent_given_at`` exist since 0001 and ingest fills them; rows whose
  columns are empty while their raw record has the values are filled from it (older caches, hand edits).
"""

SCHEMA = """
ALTER TABLE submissions ADD COLUMN purged_at TEXT;
CREATE INDEX submissions_purge ON submissions(status, decided_at) WHERE purged_at IS NULL;

DROP TRIGGER decisions_no_update;
CREATE TRIGGER decisions_no_update BEFORE UPDATE OF
    submission_id, decision, flags, moderator, decided_at, key ON decisions
BEGIN SELECT RAISE(ABORT, 'decisions are append-only'); END;
CREATE TRIGGER decisions_note_clear_only BEFORE UPDATE OF note ON decisions
WHEN NEW.note != ''
BEGIN SELECT RAISE(ABORT, 'decisions are append-only: a note can only be cleared'); END;

UPDATE submissions SET consent_terms = json_extract(raw, '$.consent.terms_version')
WHERE consent_terms IS NULL AND json_valid(raw)
  AND json_type(raw, '$.consent.terms_version') = 'text';
UPDATE submissions SET consent_given_at = json_extract(raw, '$.consent.given_at')
WHERE consent_given_at IS NULL AND json_valid(raw)
  AND json_type(raw, '$.consent.given_at') = 'text';
"""
