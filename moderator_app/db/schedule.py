"""The air slots' SQL: a media plan upserted in one transaction, and which spot each slot carries.

Importing is idempotent: a slot whose plan columns are unchanged is not written at all (its ``updated_at``
stays), so importing the same plan twice changes nothing. A slot that changed (another instant, channel,
programme, country or length) is updated, and when what a notification announces changed (the instant,
the channel or the programme) the notifications already ``sent`` for it become ``outdated`` in the same
transaction: there is no moment where the slot says one
time and the journal believes the sender was told it.

Slots the new plan does not list are KEPT as they are: agencies send a plan per country, per channel or
per week, so a plan is a set of slots to add or correct, not the whole schedule. Deleting a missing slot
would also delete its notification journal (``ON DELETE CASCADE``), which is what stops a sender being
told twice. The import reports them (``absent``) so the producer can see a slot the agency dropped.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import sqlite_utils

from moderator_app.base.clock import utc_now
from moderator_app.db.unit import transaction
from moderator_app.onair.plan import PlanSlot

PLAN_COLUMNS = ("country", "channel", "programme", "air_date", "air_time", "timezone", "air_at", "length_s")
ANNOUNCED = ("channel", "programme", "air_at")
"""What a notification tells the sender: when one changes, a message already sent says something false."""


@dataclass(frozen=True, slots=True)
class Upserted:
    added: list[str]
    updated: list[str]
    unchanged: int
    outdated: int
    """Notifications ``sent`` for a slot that moved, now ``outdated``."""
    absent: list[str]
    """Slots in the cache the plan did not list (kept)."""


@dataclass(frozen=True, slots=True)
class SlotRow(PlanSlot):
    """A stored slot: the plan's fields, and the spot put on it."""

    spot_id: str | None
    spot_content: str | None
    assigned_at: str | None


def _plan_values(slot: PlanSlot) -> tuple[Any, ...]:
    return tuple(getattr(slot, name) for name in PLAN_COLUMNS)


def upsert_slots(db: sqlite_utils.Database, plan: Sequence[PlanSlot]) -> Upserted:
    """Add new slots, update the ones that changed, leave the rest untouched; one transaction."""
    now = utc_now()
    with transaction(db):
        columns = ", ".join(PLAN_COLUMNS)
        existing = {row[0]: tuple(row[1:]) for row in db.execute(f"SELECT slot_id, {columns} FROM air_slots")}
        added: list[tuple[Any, ...]] = []
        updated: list[tuple[Any, ...]] = []
        moved: list[str] = []
        unchanged = 0
        for slot in plan:
            values = _plan_values(slot)
            before = existing.get(slot.slot_id)
            if before is None:
                added.append((slot.slot_id, *values, now, now))
            elif before != values:
                updated.append((*values, now, slot.slot_id))
                if any(before[PLAN_COLUMNS.index(name)] != getattr(slot, name) for name in ANNOUNCED):
                    moved.append(slot.slot_id)
            else:
                unchanged += 1
        db.conn.executemany(
            f"INSERT INTO air_slots (slot_id, {columns}, imported_at, updated_at)"
            f" VALUES ({', '.join('?' * (len(PLAN_COLUMNS) + 3))})", added)
        sets = ", ".join(f"{name} = ?" for name in PLAN_COLUMNS)
        db.conn.executemany(f"UPDATE air_slots SET {sets}, updated_at = ? WHERE slot_id = ?", updated)
        outdated = 0
        for slot_id in moved:
            outdated += db.execute(
                "UPDATE notifications SET state = 'outdated' WHERE slot_id = ? AND state = 'sent'", [slot_id]).rowcount
        listed = {slot.slot_id for slot in plan}
    return Upserted(
        added=[row[0] for row in added],
        updated=[row[-1] for row in updated],
        unchanged=unchanged,
        outdated=outdated,
        absent=sorted(set(existing) - listed),
    )


_SELECT = ("SELECT slot_id, country, channel, programme, air_date, air_time, timezone, air_at, length_s, spot_id,"
           " spot_content, assigned_at FROM air_slots")


def _slots(db: sqlite_utils.Database, where: str = "", params: Sequence[str] = ()) -> list[SlotRow]:
    """In air order (then id, so two slots at one instant always list the same way)."""
    return [
        SlotRow(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], int(r[8]), r[9], r[10], r[11])
        for r in db.execute(f"{_SELECT}{where} ORDER BY air_at, slot_id", list(params))
    ]


def list_slots(db: sqlite_utils.Database) -> list[SlotRow]:
    return _slots(db)


def load_slot(db: sqlite_utils.Database, slot_id: str) -> SlotRow | None:
    found = _slots(db, " WHERE slot_id = ?", [slot_id])
    return found[0] if found else None


def set_assignments(db: sqlite_utils.Database, changes: Sequence[tuple[str, str | None, str | None]]) -> int:
    """Put ``(slot_id, spot_id or None, spot content hash or None)`` in one transaction; returns rows changed.

    ``assigned_at`` and ``updated_at`` move only for a slot whose spot or content actually changes."""
    now = utc_now()
    changed = 0
    with transaction(db):
        for slot_id, spot_id, content in changes:
            changed += db.execute(
                "UPDATE air_slots SET spot_id = ?, spot_content = ?, assigned_at = ?, updated_at = ?"
                " WHERE slot_id = ? AND (spot_id IS NOT ? OR spot_content IS NOT ?)",
                [spot_id, content, now if spot_id is not None else None, now, slot_id, spot_id, content],
            ).rowcount
    return changed
