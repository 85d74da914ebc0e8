"""A moderator's unfinished flags and note per clip (migration 0013), kept until the clip is decided.

The decision takes the draft and deletes it in the same transaction (:func:`take_draft` inside the
decision's unit of work), so a crash between the two can neither lose the note nor leave a stale draft.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import sqlite_utils

from moderator_app.base.clock import utc_now_precise
from moderator_app.db.unit import transaction


@dataclass(frozen=True, slots=True)
class Draft:
    submission_id: str
    flags: tuple[str, ...]
    note: str

    @property
    def empty(self) -> bool:
        return not self.flags and not self.note


def get_draft(db: sqlite_utils.Database, submission_id: str) -> Draft | None:
    row = db.execute("SELECT flags, note FROM drafts WHERE submission_id = ?", [submission_id]).fetchone()
    if row is None:
        return None
    try:
        flags = tuple(str(f) for f in json.loads(row[0]))
    except (ValueError, TypeError):
        flags = ()  # a damaged row must not stop the clip from showing; the note still comes back
    return Draft(submission_id, flags, str(row[1]))


def insert_or_delete(db: sqlite_utils.Database, draft: Draft) -> None:
    """Inside the caller's transaction: an empty draft is no draft (the row goes)."""
    if draft.empty:
        db.execute("DELETE FROM drafts WHERE submission_id = ?", [draft.submission_id])
        return
    db.execute(
        "INSERT INTO drafts (submission_id, flags, note, updated_at) VALUES (?, ?, ?, ?)"
        " ON CONFLICT(submission_id) DO UPDATE SET flags = excluded.flags, note = excluded.note,"
        " updated_at = excluded.updated_at",
        [draft.submission_id, json.dumps(sorted(set(draft.flags))), draft.note, utc_now_precise()],
    )


def save_draft(db: sqlite_utils.Database, draft: Draft) -> None:
    """Keep (or, when empty, forget) one clip's draft in a transaction of its own.

    A submission that is gone (erased meanwhile) is skipped instead of failing the writer lane."""
    with transaction(db):
        if db.execute("SELECT 1 FROM submissions WHERE id = ?", [draft.submission_id]).fetchone() is None:
            return
        insert_or_delete(db, draft)


def delete_draft(db: sqlite_utils.Database, submission_id: str) -> None:
    """Inside the caller's transaction (the decision that consumed the draft)."""
    db.execute("DELETE FROM drafts WHERE submission_id = ?", [submission_id])
