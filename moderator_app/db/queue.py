"""The review queue as queries: filter, sort and search, returning row ids to page through.

The window's table model holds only the ordered rowids (cheap for 100,000 rows) and fetches the
visible rows by id, so opening, filtering and searching stay within a single indexed query.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

import sqlite_utils

QUARANTINED = "quarantined"
UNCHECKED = "unchecked"

SORT_COLUMNS: dict[str, str] = {
    "received": "s.received_at",
    "recipient": "s.recipient_last, s.recipient_first",
    "sender": "s.sender_last, s.sender_first",
    "country": "s.country, s.received_at",
    "status": "s.status, s.received_at",
    "decided": "s.decided_at",
    "id": "s.id",
    "findings": "q.findings, s.received_at",
}


@dataclass(frozen=True, slots=True)
class QueueFilter:
    status: str | None = None
    """queued / approved / rejected / quarantined, or None for every submission."""
    flag: str | None = None
    finding: str | None = None
    """A clip-check finding code, or UNCHECKED for clips the checks have not reached yet."""
    country: str | None = None
    search: str = ""
    sort: str = "received"
    descending: bool = False


def fts_query(text: str) -> str:
    """Turn what a person typed into a safe FTS5 prefix query (each word quoted, all required)."""
    words = [w for w in text.replace('"', " ").split() if w]
    return " ".join(f'"{w}"*' for w in words)


def _where(f: QueueFilter) -> tuple[str, list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    selective = bool(f.flag or (f.finding and f.finding != UNCHECKED))
    if f.status:
        # with a flag or finding filter, "+" keeps SQLite from scanning the status index row by row
        # and lets the (small) flag or finding list drive the query instead
        clauses.append("+s.status = ?" if selective else "s.status = ?")
        params.append(f.status)
    if f.country:
        clauses.append("+s.country = ?" if selective else "s.country = ?")
        params.append(f.country)
    if f.flag:
        clauses.append("s.id IN (SELECT submission_id FROM submission_flags WHERE code = ?)")
        params.append(f.flag)
    if f.finding == UNCHECKED:
        clauses.append("s.id NOT IN (SELECT submission_id FROM qc_reports)")
    elif f.finding:
        clauses.append("s.id IN (SELECT submission_id FROM submission_findings WHERE code = ?)")
        params.append(f.finding)
    query = fts_query(f.search)
    if query:
        clauses.append("s.rowid IN (SELECT rowid FROM submissions_fts WHERE submissions_fts MATCH ?)")
        params.append(query)
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def rowids(db: sqlite_utils.Database, f: QueueFilter) -> list[int]:
    """Ordered rowids of the submissions (or quarantine rows) that match the filter."""
    if f.status == QUARANTINED:
        order = "DESC" if f.descending else "ASC"
        return [r[0] for r in db.execute(f"SELECT rowid FROM quarantine ORDER BY at {order}, source").fetchall()]
    where, params = _where(f)
    columns = SORT_COLUMNS.get(f.sort, SORT_COLUMNS["received"])
    direction = " DESC" if f.descending else ""
    order = ", ".join(c.strip() + direction for c in columns.split(","))
    join = " LEFT JOIN qc_reports q ON q.submission_id = s.id" if f.sort == "findings" else ""
    # the tie-break follows the sort direction so a descending sort can walk its index backwards
    sql = f"SELECT s.rowid FROM submissions s{join}{where} ORDER BY {order}, s.rowid{direction}"
    return [r[0] for r in db.execute(sql, params).fetchall()]


def queued_rowids(db: sqlite_utils.Database, f: QueueFilter) -> set[int]:
    """Rowids of the view's submissions still to review: lets the window find the next clip without paging."""
    if f.status not in (None, "queued"):
        return set()
    where, params = _where(replace(f, status="queued"))
    return {r[0] for r in db.execute(f"SELECT s.rowid FROM submissions s{where}", params).fetchall()}


def rowid_of(db: sqlite_utils.Database, submission_id: str) -> int | None:
    row = db.execute("SELECT rowid FROM submissions WHERE id = ?", [submission_id]).fetchone()
    return None if row is None else int(row[0])


ROW_COLUMNS = (
    "s.rowid AS rowid, s.id, s.status, s.country, s.received_at, s.recipient_first, s.recipient_last,"
    " s.sender_first, s.sender_last, s.flags, s.consent_broadcast, s.decided_at, s.purged_at,"
    " q.findings AS findings"
)


def rows(db: sqlite_utils.Database, ids: Sequence[int], *, quarantined: bool = False) -> dict[int, dict[str, Any]]:
    """The display rows for the given rowids, keyed by rowid."""
    out: dict[int, dict[str, Any]] = {}
    for start in range(0, len(ids), 500):
        chunk = list(ids[start : start + 500])
        marks = ",".join("?" * len(chunk))
        if quarantined:
            sql = f"SELECT rowid, source, reason, at, record_id FROM quarantine WHERE rowid IN ({marks})"
        else:
            sql = (
                f"SELECT {ROW_COLUMNS} FROM submissions s LEFT JOIN qc_reports q ON q.submission_id = s.id"
                f" WHERE s.rowid IN ({marks})"
            )
        for row in db.query(sql, chunk):
            if not quarantined:
                row["flags"] = json.loads(row["flags"])
                raw = row["findings"]  # NULL: not checked yet; "": checked, nothing found
                row["findings"] = None if raw is None else [code for code in raw.split(",") if code]
            out[int(row["rowid"])] = row
    return out


def countries(db: sqlite_utils.Database) -> list[str]:
    return [r[0] for r in db.execute("SELECT DISTINCT country FROM submissions ORDER BY country").fetchall()]


def list_items(db: sqlite_utils.Database, status: str | None) -> list[dict[str, Any]]:
    """What ``moderator-app list --json`` prints: contract-level fields only, no contact data."""
    if status == QUARANTINED:
        return [
            {"status": QUARANTINED, "source": r["source"], "reason": r["reason"], "at": r["at"]}
            for r in db.query("SELECT source, reason, at FROM quarantine ORDER BY at, source")
        ]
    where, params = _where(QueueFilter(status=status))
    out = []
    for r in db.query(
        "SELECT s.id, s.status, s.country, s.received_at, s.recipient_first, s.recipient_last,"
        " s.sender_first, s.sender_last, s.flags, s.note, s.consent_broadcast, s.decided_at, s.decided_by"
        f" FROM submissions s{where} ORDER BY s.received_at, s.id",
        params,
    ):
        out.append(
            {
                "id": r["id"],
                "status": r["status"],
                "recipient": {"first_name": r["recipient_first"], "last_name": r["recipient_last"]},
                "sender": {"first_name": r["sender_first"], "last_name": r["sender_last"]},
                "flags": json.loads(r["flags"]),
                "note": r["note"],
                "country": r["country"],
                "received_at": r["received_at"],
                "consent_broadcast": bool(r["consent_broadcast"]),
                "decided_at": r["decided_at"],
                "decided_by": r["decided_by"],
            }
        )
    if status is None:
        out.extend(list_items(db, QUARANTINED))
    return out
