"""Air slots, spots and submissions put straight into a cache for the notification tests.

The media plan import and the slot assignment belong to the schedule feature; these tests only need rows
in the tables that feature fills (schema on main), so they write them with SQL.
"""

from __future__ import annotations

import datetime as dt
import json
import zoneinfo
from collections.abc import Sequence
from dataclasses import dataclass

from moderator_app.db.cache import Cache
from moderator_app.db.unit import transaction

NOW = "2020-04-05T10:00:00Z"


@dataclass(frozen=True)
class Person:
    submission_id: str
    first_name: str
    email: str | None
    language: str | None = "fr"
    sender_first: str = "Lucas"
    last_name: str = "Martin"
    consent: bool = True
    status: str = "approved"
    country: str = "FR"


def add_submission(cache: Cache, p: Person) -> None:
    with transaction(cache.db):
        cache.db.execute(
            "INSERT INTO submissions (id, campaign, country, language, received_at, recipient_first, recipient_last,"
            " sender_first, sender_last, sender_email, consent_broadcast, consent_terms, raw, source, ingested_at,"
            " status) VALUES (?, 'c', ?, ?, ?, ?, ?, ?, ?, ?, ?, '2020-03', '{}', 'test', ?, ?)",
            [p.submission_id, p.country, p.language, NOW, p.first_name, p.last_name, p.sender_first, p.last_name,
             p.email, int(p.consent), NOW, p.status])


def add_spot(cache: Cache, spot_id: str, submission_ids: Sequence[str]) -> None:
    placements = [{"submission_id": sid} for sid in submission_ids]
    with transaction(cache.db):
        cache.db.execute("INSERT INTO spots (id, template, placements, created_at, updated_at, origin)"
                         " VALUES (?, '{}', ?, ?, ?, 'editor')", [spot_id, json.dumps(placements), NOW, NOW])
        cache.db.conn.executemany("INSERT INTO spot_clips (spot_id, slot, submission_id) VALUES (?, ?, ?)",
                                  [(spot_id, i, sid) for i, sid in enumerate(submission_ids)])


def utc_of(air_date: str, air_time: str, timezone: str) -> str:
    local = dt.datetime.fromisoformat(f"{air_date}T{air_time}").replace(tzinfo=zoneinfo.ZoneInfo(timezone))
    return local.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def add_slot(cache: Cache, slot_id: str, spot_id: str | None, *, air_date: str = "2020-04-10",
             air_time: str = "12:55", timezone: str = "Europe/Paris", channel: str = "TF1",
             programme: str | None = "Le 13H", country: str = "FR", length_s: int = 30) -> str:
    """Insert one slot carrying ``spot_id``; returns its UTC instant."""
    air_at = utc_of(air_date, air_time, timezone)
    with transaction(cache.db):
        cache.db.execute(
            "INSERT INTO air_slots (slot_id, country, channel, programme, air_date, air_time, timezone, air_at,"
            " length_s, spot_id, imported_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [slot_id, country, channel, programme, air_date, air_time, timezone, air_at, length_s, spot_id, NOW,
             NOW])
    return air_at


def move_slot(cache: Cache, slot_id: str, air_time: str) -> None:
    """The channel moved the slot: new time, and the rows already sent become outdated (as an import does)."""
    row = cache.db.execute("SELECT air_date, timezone FROM air_slots WHERE slot_id = ?", [slot_id]).fetchone()
    with transaction(cache.db):
        cache.db.execute("UPDATE air_slots SET air_time = ?, air_at = ? WHERE slot_id = ?",
                         [air_time, utc_of(row[0], air_time, row[1]), slot_id])
        cache.db.execute("UPDATE notifications SET state = 'outdated' WHERE slot_id = ? AND state = 'sent'",
                         [slot_id])


def campaign(cache: Cache, people: Sequence[Person], *, spot_id: str = "spot-1", slot_id: str = "TF1-0410-1255",
             **slot: object) -> str:
    for p in people:
        add_submission(cache, p)
    add_spot(cache, spot_id, [p.submission_id for p in people])
    return add_slot(cache, slot_id, spot_id, **slot)  # type: ignore[arg-type]


def states(cache: Cache) -> dict[tuple[str, str], str]:
    return {(r[0], r[1]): r[2] for r in cache.db.execute(
        "SELECT submission_id, slot_id, state FROM notifications").fetchall()}
