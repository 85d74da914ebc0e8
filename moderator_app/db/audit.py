"""The audit log's SQL: its own events (erasures, purges, exports, notifications) and the decisions, read.

Decisions are the record of who decided what and when; they are read here, not copied, so the log can
never disagree with the history. Only ids, kinds, moderators, times, flag codes and counts leave this
module: a decision's note is reported as "has a note", never as its text.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import sqlite_utils

from moderator_app.base.clock import utc_now_precise
from moderator_app.db.unit import transaction


@dataclass(frozen=True, slots=True)
class AuditRow:
    at: str
    kind: str
    """``decision``, ``undo``, or the kind an event was recorded with (``erase``, ``purge``, ``export_spot`` …)."""
    subject_id: str
    """The submission (or spot) the entry is about; never a person's name."""
    moderator: str
    details: dict[str, Any]
    seq: int
    """The decision's or the event's sequence number (two tables: with ``kind``, it names one row)."""


def insert_event(
    db: sqlite_utils.Database,
    kind: str,
    subject_id: str,
    moderator: str,
    details: dict[str, Any],
    at: str | None = None,
) -> int:
    """Append one event inside the caller's transaction (an erasure logs itself in its own unit of work)."""
    cur = db.execute(
        "INSERT INTO audit_events (at, kind, subject_id, moderator, details) VALUES (?, ?, ?, ?, ?)",
        [at or utc_now_precise(), kind, subject_id, moderator, json.dumps(details, ensure_ascii=False, sort_keys=True)],
    )
    return int(cur.lastrowid or 0)


def record_event(
    db: sqlite_utils.Database,
    kind: str,
    subject_id: str,
    moderator: str,
    details: dict[str, Any],
    at: str | None = None,
) -> int:
    """Append one event in a transaction of its own; return its sequence number."""
    with transaction(db):
        return insert_event(db, kind, subject_id, moderator, details, at)


def _filters(column_at: str, moderator: str | None, since: str | None, until: str | None) -> tuple[str, list[str]]:
    where: list[str] = []
    params: list[str] = []
    if moderator is not None:
        where.append("moderator = ?")
        params.append(moderator)
    if since is not None:
        where.append(f"{column_at} >= ?")
        params.append(since)
    if until is not None:
        where.append(f"{column_at} < ?")
        params.append(until)
    return (" WHERE " + " AND ".join(where)) if where else "", params


def _decision_row(r: dict[str, Any]) -> AuditRow:
    details: dict[str, Any] = {
        "decision": r["decision"],
        "flags": json.loads(r["flags"]),
        "has_note": bool(r["note"]),
    }
    if r["undoes"] is not None:
        details["undoes"] = r["undoes"]
    return AuditRow(
        at=r["decided_at"],
        kind="decision" if r["undoes"] is None else "undo",
        subject_id=r["submission_id"],
        moderator=r["moderator"],
        details=details,
        seq=r["seq"],
    )


def entries(
    db: sqlite_utils.Database,
    *,
    moderator: str | None = None,
    since: str | None = None,
    until: str | None = None,
    subject_id: str | None = None,
) -> list[AuditRow]:
    """Decisions and events, oldest first; ``since``/``until`` compare the stored UTC timestamps as text."""
    where, params = _filters("decided_at", moderator, since, until)
    if subject_id is not None:
        where += (" AND " if where else " WHERE ") + "submission_id = ?"
        params.append(subject_id)
    rows = [
        _decision_row(r)
        for r in db.query(
            "SELECT seq, submission_id, decision, flags, has_note AS note, moderator, decided_at, undoes"
            " FROM decision_history" + where,
            params,
        )
    ]
    where, params = _filters("at", moderator, since, until)
    if subject_id is not None:
        where += (" AND " if where else " WHERE ") + "subject_id = ?"
        params.append(subject_id)
    rows += [
        AuditRow(r["at"], r["kind"], r["subject_id"], r["moderator"], json.loads(r["details"]), r["seq"])
        for r in db.query("SELECT * FROM audit_events" + where, params)
    ]
    return sorted(rows, key=lambda row: (row.at, row.kind not in ("decision", "undo"), row.seq))


def moderators(db: sqlite_utils.Database) -> list[str]:
    """Everyone who appears in the log, for the window's filter."""
    return [
        r[0]
        for r in db.execute(
            "SELECT moderator FROM decision_history UNION SELECT moderator FROM audit_events ORDER BY 1"
        ).fetchall()
        if r[0]
    ]
