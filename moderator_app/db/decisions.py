"""Decisions: append-only history; the submission's current state follows the latest entry.

The state columns on ``submissions`` are written only by the ``decisions_current`` trigger, in the
same transaction as the history row, so the two can never disagree.
"""

from __future__ import annotations

import json
import uuid

import sqlite_utils

from moderator_app.base.clock import utc_now_precise
from moderator_app.db import audit, drafts
from moderator_app.db.unit import transaction
from moderator_app.models import Decision, DecisionValue, Flag

DECISIONS: tuple[DecisionValue, ...] = ("approved", "rejected")
BLOCKING_CONFIRMED = "blocking_confirmed"
"""Audit kind: the moderator approved although the clip carried flags the campaign marks as blocking."""


class UnknownSubmission(LookupError):
    """The id is not in the cache (or is quarantined, which has no trusted id)."""


class UnknownFlag(ValueError):
    """A flag code that is not in the campaign's catalogue."""


class NothingToUndo(LookupError):
    pass


def _row_to_decision(row: dict[str, object]) -> Decision:
    return Decision(
        submission_id=str(row["submission_id"]),
        decision=row["decision"],  # type: ignore[arg-type]
        flags=tuple(json.loads(str(row["flags"]))),
        note=str(row["note"]),
        moderator=str(row["moderator"]),
        decided_at=str(row["decided_at"]),
        key=str(row["key"]),
        seq=int(row["seq"]),  # type: ignore[call-overload]
    )


def flag_codes(db: sqlite_utils.Database) -> list[str]:
    return [r[0] for r in db.execute("SELECT code FROM flag_catalogue ORDER BY position").fetchall()]


def flag_catalogue(db: sqlite_utils.Database) -> list[Flag]:
    """The campaign's flags in the order the number keys toggle them."""
    return [
        Flag(r["code"], r["label_fr"], r["label_en"])
        for r in db.query("SELECT code, label_fr, label_en FROM flag_catalogue ORDER BY position")
    ]


def _insert(
    db: sqlite_utils.Database,
    submission_id: str,
    decision: DecisionValue,
    flags: tuple[str, ...],
    note: str,
    moderator: str,
    undoes: int | None = None,
) -> Decision:
    if db.execute("SELECT 1 FROM submissions WHERE id = ?", [submission_id]).fetchone() is None:
        raise UnknownSubmission(submission_id)
    known = set(flag_codes(db))
    unknown = [f for f in flags if f not in known]
    if unknown:
        raise UnknownFlag(", ".join(unknown))
    ordered = tuple(sorted(set(flags)))
    key = str(uuid.uuid4())
    cur = db.execute(
        "INSERT INTO decisions (submission_id, decision, flags, note, moderator, decided_at, key, undoes)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [submission_id, decision, json.dumps(list(ordered)), note, moderator, utc_now_precise(), key, undoes],
    )
    seq = cur.lastrowid
    row = next(db.query("SELECT * FROM decisions WHERE seq = ?", [seq]))
    return _row_to_decision(row)


def record_decision(
    db: sqlite_utils.Database,
    submission_id: str,
    decision: DecisionValue,
    *,
    flags: tuple[str, ...] | list[str] = (),
    note: str = "",
    moderator: str = "",
    confirmed_blocking: tuple[str, ...] = (),
) -> Decision:
    """Commit one decision durably; return it with its sequence number and idempotency key.

    The clip's draft goes in the same transaction (the decision took it). ``confirmed_blocking``: the
    blocking flag codes the moderator confirmed approving with; the audit log keeps that answer beside it.
    """
    if decision not in DECISIONS:
        raise ValueError(f"decision must be one of {', '.join(DECISIONS)}")
    with transaction(db):
        d = _insert(db, submission_id, decision, tuple(flags), note, moderator)
        drafts.delete_draft(db, submission_id)
        if confirmed_blocking:
            audit.insert_event(db, BLOCKING_CONFIRMED, submission_id, moderator,
                               {"decision_seq": d.seq, "flags": sorted(set(confirmed_blocking))}, d.decided_at)
        return d


def undo_decision(db: sqlite_utils.Database, seq: int, *, moderator: str = "") -> Decision:
    """Restore the state that decision ``seq`` replaced, as a new history entry (nothing is deleted).

    The new entry names ``seq`` in ``undoes``, so the audit log tells an undo from a fresh decision. A clip
    that goes back to review gets the undone decision's flags and note as its draft: the moderator's
    words come back with the clip."""
    with transaction(db):
        rows = list(db.query("SELECT * FROM decisions WHERE seq = ?", [seq]))
        if not rows:
            raise NothingToUndo(str(seq))
        target = _row_to_decision(rows[0])
        before = list(
            db.query(
                "SELECT * FROM decisions WHERE submission_id = ? AND seq < ? ORDER BY seq DESC LIMIT 1",
                [target.submission_id, seq],
            )
        )
        if before:
            prev = _row_to_decision(before[0])
            return _insert(db, prev.submission_id, prev.decision, prev.flags, prev.note, moderator, undoes=seq)
        restored = _insert(db, target.submission_id, "queued", (), "", moderator, undoes=seq)
        drafts.insert_or_delete(db, drafts.Draft(target.submission_id, target.flags, target.note))
        return restored


def history(db: sqlite_utils.Database, submission_id: str) -> list[Decision]:
    return [
        _row_to_decision(r)
        for r in db.query("SELECT * FROM decisions WHERE submission_id = ? ORDER BY seq", [submission_id])
    ]


def latest(db: sqlite_utils.Database, submission_id: str) -> Decision | None:
    rows = list(
        db.query(
            "SELECT * FROM decisions WHERE submission_id = ? ORDER BY seq DESC LIMIT 1", [submission_id]
        )
    )
    return _row_to_decision(rows[0]) if rows else None
