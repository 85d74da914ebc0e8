"""Campaign production's SQL: the messages ``spot auto`` may still place, and what ``render-all`` rendered.

One query each, whatever the campaign's size: 10,000 approved messages are read in one pass (the planner's
budget is two seconds for all of it).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import sqlite_utils

from moderator_app.base.clock import utc_now
from moderator_app.db.unit import transaction

_CANDIDATES = (
    "SELECT s.id, s.country, s.received_at, s.decided_at, s.status, s.consent_broadcast, s.recipient_first,"
    " s.sender_first, s.language, s.flags, s.consent_terms, c.file AS clip_file, c.duration_s, q.duplicate_of"
    " FROM submissions s JOIN clips c ON c.submission_id = s.id"
    " LEFT JOIN qc_reports q ON q.submission_id = s.id"
    " WHERE s.status = 'approved' AND s.consent_broadcast = 1"
    " AND s.id NOT IN (SELECT submission_id FROM spot_clips)"
)


def unplaced_candidates(
    db: sqlite_utils.Database, *, include_flagged: bool = False, country: str | None = None
) -> list[dict[str, Any]]:
    """Approved messages with broadcast consent and a clip, in no saved spot yet; ``duplicate_of`` is the
    checks' original when the clip is a copy. Decided with flags: left out unless ``include_flagged``."""
    sql = _CANDIDATES
    params: list[Any] = []
    if not include_flagged:
        sql += " AND s.flags = '[]'"
    if country is not None:
        sql += " AND s.country = ?"
        params.append(country)
    cursor = db.execute(sql + " ORDER BY s.decided_at, s.id", params)
    columns = [d[0] for d in cursor.description]
    return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]


def used_groups(db: sqlite_utils.Database) -> frozenset[str]:
    """Duplicate-group keys (the original's id, or the message's own) of every message already on a spot,
    and of its originals: a copy of a placed message never airs beside it."""
    rows = db.execute(
        "SELECT c.submission_id, q.duplicate_of FROM spot_clips c"
        " LEFT JOIN qc_reports q ON q.submission_id = c.submission_id"
    ).fetchall()
    return frozenset(dup or sid for sid, dup in rows)


def countries(db: sqlite_utils.Database) -> dict[str, str]:
    """``spot id -> country`` of its messages (countries joined by '+' for a spot mixing them)."""
    out: dict[str, set[str]] = {}
    for spot_id, country in db.execute(
        "SELECT c.spot_id, s.country FROM spot_clips c JOIN submissions s ON s.id = c.submission_id"
    ).fetchall():
        out.setdefault(spot_id, set()).add(country)
    return {spot_id: "+".join(sorted(found)) for spot_id, found in out.items()}


@dataclass(frozen=True, slots=True)
class RenderRow:
    spot_id: str
    preset: str
    file: str
    passed: bool
    content: str
    failures: list[str]
    rendered_at: str


def record_render(
    db: sqlite_utils.Database, spot_id: str, preset: str, file: str, passed: bool, content: str,
    failures: list[str],
) -> None:
    """After the master, its report and cue sheets carry their final names (a crash before leaves no row)."""
    with transaction(db):
        db.execute(
            "INSERT OR REPLACE INTO spot_renders (spot_id, preset, file, passed, content, failures, rendered_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            [spot_id, preset, file, int(passed), content, json.dumps(failures), utc_now()],
        )


def renders(db: sqlite_utils.Database, preset: str | None = None) -> list[RenderRow]:
    sql = "SELECT * FROM spot_renders" + (" WHERE preset = ?" if preset is not None else "")
    return [
        RenderRow(r["spot_id"], r["preset"], r["file"], bool(r["passed"]), r["content"],
                  json.loads(r["failures"]), r["rendered_at"])
        for r in db.query(sql + " ORDER BY spot_id, preset", [preset] if preset is not None else [])
    ]


def delete_spots(db: sqlite_utils.Database, spot_ids: list[str]) -> None:
    """Dissolve spots (re-planning): their messages become free to place again."""
    with transaction(db):
        for spot_id in spot_ids:
            for table, column in (("spot_clips", "spot_id"), ("spot_renders", "spot_id"), ("spots", "id")):
                db.execute(f"DELETE FROM {table} WHERE {column} = ?", [spot_id])
