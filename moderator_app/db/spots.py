"""The spot builder's SQL: the clips it may place, saved spots, and which saved spots now use a clip that
may not go on air.

Saved rows store JSON produced by ``moderator_app.services.spots`` (this module does not interpret it), plus
one ``spot_clips`` row per placed submission so the attention query is a join, not a JSON scan.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

import sqlite_utils

from moderator_app.base.clock import utc_now
from moderator_app.db.unit import transaction


@dataclass(frozen=True, slots=True)
class SpotRow:
    spot_id: str
    template: dict[str, Any]
    placements: list[dict[str, Any] | None]
    created_at: str
    updated_at: str
    origin: str = "editor"
    content: str = ""
    """A hash of the saved template and placements: a render of other content is out of date."""


@dataclass(frozen=True, slots=True)
class Attention:
    """A saved spot whose slot holds a clip that can no longer be broadcast, and why."""

    spot_id: str
    slot: int
    submission_id: str
    reason: str
    """``not_approved`` (its status changed or it was removed from the cache), ``no_consent``,
    ``terms_not_accepted`` (its consent terms version is not in the campaign's list), or ``erased`` (the
    person asked to be erased: the slot stays marked until it is refilled)."""


def save_spot(
    db: sqlite_utils.Database,
    spot_id: str,
    template: dict[str, Any],
    placements: list[dict[str, Any] | None],
    origin: str | None = None,
) -> None:
    """Insert or replace one spot and its clip index in one transaction (the caller holds none).

    ``origin`` (``editor`` or ``auto``): None keeps a saved spot's own, ``editor`` for a new one."""
    with transaction(db):
        _save(db, spot_id, template, placements, origin, utc_now())


def save_spots(
    db: sqlite_utils.Database,
    items: list[tuple[str, dict[str, Any], list[dict[str, Any] | None]]],
    origin: str,
) -> list[str]:
    """Save new spots in one transaction (thousands from ``spot auto`` cost one commit, not one each).

    A spot one of whose clips another writer placed meanwhile is left out: each message in one spot only.
    Returns the ids saved."""
    now = utc_now()
    wanted = [str(p["submission_id"]) for _, _, placements in items for p in placements if p is not None]
    with transaction(db):
        taken: set[str] = set()
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            marks = ",".join("?" * len(chunk))
            taken.update(r[0] for r in db.execute(
                f"SELECT submission_id FROM spot_clips WHERE submission_id IN ({marks})", chunk).fetchall())
        spot_rows: list[tuple[str, str, str, str, str, str]] = []
        clip_rows: list[tuple[str, int, str]] = []
        for spot_id, template, placements in items:
            ids = [str(p["submission_id"]) for p in placements if p is not None]
            if taken.intersection(ids):
                continue
            spot_rows.append((spot_id, json.dumps(template, ensure_ascii=False, sort_keys=True),
                              json.dumps(placements, ensure_ascii=False, sort_keys=True), now, now, origin))
            clip_rows.extend((spot_id, slot, str(p["submission_id"])) for slot, p in enumerate(placements) if p is not None)
        db.conn.executemany(
            "INSERT INTO spots (id, template, placements, created_at, updated_at, origin) VALUES (?, ?, ?, ?, ?, ?)",
            spot_rows)
        db.conn.executemany("INSERT INTO spot_clips (spot_id, slot, submission_id) VALUES (?, ?, ?)", clip_rows)
    return [row[0] for row in spot_rows]


def _save(
    db: sqlite_utils.Database,
    spot_id: str,
    template: dict[str, Any],
    placements: list[dict[str, Any] | None],
    origin: str | None,
    now: str,
) -> None:
    created = db.execute("SELECT created_at, origin FROM spots WHERE id = ?", [spot_id]).fetchone()
    # an upsert, not INSERT OR REPLACE: REPLACE deletes the row first, and the delete's foreign-key actions
    # would take the spot off its air slots (SET NULL) and drop its masters (CASCADE) on every save
    db.execute(
        "INSERT INTO spots (id, template, placements, created_at, updated_at, origin) VALUES (?, ?, ?, ?, ?, ?)"
        " ON CONFLICT(id) DO UPDATE SET template = excluded.template, placements = excluded.placements,"
        " updated_at = excluded.updated_at, origin = excluded.origin",
        [
            spot_id,
            json.dumps(template, ensure_ascii=False, sort_keys=True),
            json.dumps(placements, ensure_ascii=False, sort_keys=True),
            created[0] if created else now,
            now,
            origin or (created[1] if created else "editor"),
        ],
    )
    db.execute("DELETE FROM spot_clips WHERE spot_id = ?", [spot_id])
    db.conn.executemany(
        "INSERT INTO spot_clips (spot_id, slot, submission_id) VALUES (?, ?, ?)",
        [(spot_id, slot, str(p["submission_id"])) for slot, p in enumerate(placements) if p is not None],
    )


def _row(row: dict[str, Any]) -> SpotRow:
    return SpotRow(
        spot_id=row["id"],
        template=json.loads(row["template"]),
        placements=json.loads(row["placements"]),
        created_at=row["created_at"],
        updated_at=row["updated_at"],
        origin=row.get("origin") or "editor",
        content=content_hash(row["template"], row["placements"]),
    )


def content_hash(template: str, placements: str) -> str:
    return hashlib.sha256(f"{template}\n{placements}".encode()).hexdigest()[:16]


def load_spot(db: sqlite_utils.Database, spot_id: str) -> SpotRow | None:
    rows = list(db.query("SELECT * FROM spots WHERE id = ?", [spot_id]))
    return _row(rows[0]) if rows else None


def list_spots(db: sqlite_utils.Database) -> list[SpotRow]:
    """Most recently changed first."""
    return [_row(r) for r in db.query("SELECT * FROM spots ORDER BY updated_at DESC, id")]


def delete_spot(db: sqlite_utils.Database, spot_id: str) -> None:
    with transaction(db):
        db.execute("DELETE FROM spot_clips WHERE spot_id = ?", [spot_id])
        db.execute("DELETE FROM spot_renders WHERE spot_id = ?", [spot_id])
        db.execute("DELETE FROM spots WHERE id = ?", [spot_id])


def spots_needing_attention(db: sqlite_utils.Database, spot_id: str | None = None) -> list[Attention]:
    """Saved spots (or just ``spot_id``) with a placed clip no longer approved or without broadcast consent."""
    where = " AND c.spot_id = ?" if spot_id is not None else ""
    rows = db.execute(
        "SELECT c.spot_id, c.slot, c.submission_id, s.status, e.submission_id IS NOT NULL"
        " FROM spot_clips c LEFT JOIN submissions s ON s.id = c.submission_id"
        " LEFT JOIN erasures e ON e.submission_id = c.submission_id"
        " WHERE (s.id IS NULL OR s.status != 'approved' OR s.consent_broadcast = 0)" + where +
        " ORDER BY c.spot_id, c.slot",
        [spot_id] if spot_id is not None else [],
    ).fetchall()
    return [
        Attention(spot, slot, sid, "erased" if erased else "no_consent" if status == "approved" else "not_approved")
        for spot, slot, sid, status, erased in rows
    ]


_CLIP_COLUMNS = (
    "SELECT s.id, s.status, s.consent_broadcast, s.consent_terms, s.recipient_first, s.sender_first, s.language,"
    " c.file AS clip_file, c.duration_s FROM submissions s JOIN clips c ON c.submission_id = s.id"
)


def clip_row(db: sqlite_utils.Database, submission_id: str) -> dict[str, Any] | None:
    """What a spot needs of one submission (status, consent, first names) with its clip's file and duration;
    None when the cache has no such submission or no clip for it."""
    rows = list(db.query(_CLIP_COLUMNS + " WHERE s.id = ?", [submission_id]))
    return rows[0] if rows else None


def clip_files(db: sqlite_utils.Database, submission_ids: list[str]) -> dict[str, dict[str, Any]]:
    """``submission_id -> {file, duration_s, consent_terms, language}`` for those of ``submission_ids`` that
    have a clip."""
    if not submission_ids:
        return {}
    marks = ",".join("?" * len(submission_ids))
    return {
        r["submission_id"]: r
        for r in db.query(
            "SELECT c.submission_id, c.file, c.duration_s, s.consent_terms, s.language FROM clips c"
            f" JOIN submissions s ON s.id = c.submission_id WHERE c.submission_id IN ({marks})", submission_ids
        )
    }


def placed_terms(db: sqlite_utils.Database, spot_id: str | None = None) -> list[tuple[str, int, str, str | None]]:
    """(spot, slot, submission, consent terms version) of every clip placed in saved spots (or ``spot_id``)."""
    where = " WHERE c.spot_id = ?" if spot_id is not None else ""
    return [(str(r[0]), int(r[1]), str(r[2]), r[3]) for r in db.execute(
        "SELECT c.spot_id, c.slot, c.submission_id, s.consent_terms FROM spot_clips c"
        " JOIN submissions s ON s.id = c.submission_id" + where + " ORDER BY c.spot_id, c.slot",
        [spot_id] if spot_id is not None else [],
    ).fetchall()]


def approved_finding_codes(db: sqlite_utils.Database) -> list[str]:
    """Finding codes present among approved submissions, sorted."""
    return [r[0] for r in db.execute(
        "SELECT DISTINCT f.code FROM submission_findings f JOIN submissions s ON s.id = f.submission_id"
        " WHERE s.status = 'approved' ORDER BY f.code").fetchall()]
