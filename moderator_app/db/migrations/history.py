"""0008: one decision history across erasures, for the audit log.

The audit migration taught ``decisions`` which earlier decision an undo reverses (``undoes``); the
erasure migration moves an erased person's decisions to ``erased_decisions`` without their notes. Both
landed side by side, so the erased copy lacked ``undoes`` and the audit log, reading ``decisions`` only,
lost who decided an erased submission and when. This adds the column and makes ``decision_history``
the one place audit readers look.
"""

SCHEMA = """
ALTER TABLE erased_decisions ADD COLUMN undoes INTEGER;

DROP VIEW decision_history;
CREATE VIEW decision_history AS
    SELECT seq, submission_id, decision, flags, note <> '' AS has_note, moderator, decided_at, undoes,
           0 AS erased FROM decisions
    UNION ALL
    SELECT seq, submission_id, decision, flags, note_redacted AS has_note, moderator, decided_at, undoes,
           1 AS erased FROM erased_decisions;
"""
