"""Retention: which submissions are due for purging, and the purge itself (names, contacts, clip rows).

A purged submission keeps its row and its decision history (who, when, flags): the id stops a sync from
bringing the clip back, and the history answers "who rejected this and why". Everything that names or
shows the person goes: names, e-mail, phone, message, town, the raw record (here and in the platform's
listing copy), decision notes, check reports (made from the picture), the clip row, and the titles of
saved spots that placed it. ``secure_delete`` zeroes the freed bytes, the full-text index is rebuilt (its
old segments would keep the names otherwise) and the WAL is checkpointed and truncated after the commit.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

import sqlite_utils

from moderator_app.db.unit import transaction

_CHUNK = 500


def due_rejected(db: sqlite_utils.Database, cutoff: str) -> list[str]:
    """Rejected, not yet purged submissions whose rejection was decided at or before ``cutoff`` (ISO UTC).

    ``submissions.decided_at`` is the time of the decision in force (the rejection), kept by the decisions
    trigger; julianday() compares instants whatever the fraction digits.
    """
    return [str(r[0]) for r in db.execute(
        "SELECT id FROM submissions WHERE status = 'rejected' AND purged_at IS NULL"
        " AND julianday(decided_at) <= julianday(?) ORDER BY decided_at, id",
        [cutoff],
    ).fetchall()]


def unpurged(db: sqlite_utils.Database) -> list[str]:
    """Every submission not purged yet (what the end of the campaign's retention purges)."""
    return [str(r[0]) for r in db.execute(
        "SELECT id FROM submissions WHERE purged_at IS NULL ORDER BY received_at, id").fetchall()]


def purged_ids(db: sqlite_utils.Database) -> set[str]:
    return {str(r[0]) for r in db.execute("SELECT id FROM submissions WHERE purged_at IS NOT NULL").fetchall()}


def purge(db: sqlite_utils.Database, ids: Sequence[str], at: str) -> list[str]:
    """Purge ``ids`` in one transaction; return the clip file names (clips/ folder) they had.

    The caller deletes the files after the commit and then calls :func:`truncate_wal`.
    """
    if not ids:
        return []
    db.execute("PRAGMA secure_delete = ON")  # per connection; freed cells and pages are zeroed
    files: list[str] = []
    with transaction(db):
        for start in range(0, len(ids), _CHUNK):
            chunk = list(ids[start:start + _CHUNK])
            marks = ",".join("?" * len(chunk))
            files.extend(str(r[0]) for r in db.execute(
                f"SELECT file FROM clips WHERE submission_id IN ({marks})", chunk).fetchall())
            db.execute(
                "UPDATE submissions SET recipient_first = '', recipient_last = '', sender_first = '',"
                " sender_last = '', sender_email = NULL, sender_phone = NULL, message = NULL, town = NULL,"
                f" raw = '{{}}', note = '', purged_at = ? WHERE id IN ({marks}) AND purged_at IS NULL",
                [at, *chunk],
            )
            db.execute(f"UPDATE decisions SET note = '' WHERE note != '' AND submission_id IN ({marks})", chunk)
            for table in ("clips", "qc_reports", "submission_findings"):
                db.execute(f"DELETE FROM {table} WHERE submission_id IN ({marks})", chunk)
            db.execute(f"UPDATE platform_records SET record = '{{}}' WHERE id IN ({marks})", chunk)
        _redact_spot_titles(db, set(ids))
        db.execute("INSERT INTO submissions_fts (submissions_fts) VALUES ('rebuild')")
    return files


def _redact_spot_titles(db: sqlite_utils.Database, ids: set[str]) -> None:
    """A saved spot keeps the slot of a purged clip (the editor shows it empty) but not its title (a name)."""
    spot_ids = {str(r[0]) for r in db.execute("SELECT DISTINCT spot_id, submission_id FROM spot_clips").fetchall()
                if str(r[1]) in ids}
    for spot_id in sorted(spot_ids):
        row = db.execute("SELECT placements FROM spots WHERE id = ?", [spot_id]).fetchone()
        if row is None:
            continue
        placements = json.loads(row[0])
        for p in placements:
            if isinstance(p, dict) and str(p.get("submission_id")) in ids:
                p["title"] = ""
        db.execute("UPDATE spots SET placements = ? WHERE id = ?",
                   [json.dumps(placements, ensure_ascii=False, sort_keys=True), spot_id])


def truncate_wal(db: sqlite_utils.Database) -> bool:
    """Copy the WAL into the database and cut it to zero bytes; False if a reader kept part of it.

    The WAL still holds the pages as they were before the purge until this runs.
    """
    row = db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    return row is None or int(row[0]) == 0
