"""The schedule: the media plan imported into the cache, spots put on slots, and each slot's state.

The window and ``moderator-app schedule`` both come through here, so "which spot may air" is one rule:
a spot is *eligible* when every message in it may still air (approved, broadcast consent, accepted terms)
and a master of the spot **as saved now** passed its preset (``spot render-all`` / export: the spots list's
``verified``; export only takes a complete spot of exactly its length, so that is checked too). A producer schedules what
the channel will receive; a spot that was never rendered, or was edited after its master, is not it.

Slot states for the view: ``empty``; ``assigned``; ``conflict`` (the spot no longer fits the slot's
country or length, or is no longer eligible: ``conflict_reason`` says which); ``changed`` (the spot was
edited after it was put on the slot: its content differs from the one scheduled); ``aired`` (the slot's
instant has passed with a spot on it).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Literal

from moderator_app.base.clock import utc_now
from moderator_app.db import schedule, spot_batch, spots
from moderator_app.db.cache import Cache
from moderator_app.db.schedule import SlotRow
from moderator_app.onair.assign import (
    AssignmentRefused,
    SlotFit,
    SpotFit,
    SpotNotReady,
    UnknownSlot,
    auto_assign,
    check_fit,
    fits,
)
from moderator_app.onair.plan import PlanRefused, PlanSlot, parse_plan
from moderator_app.services.assembly import AssemblyService, UnknownSpot
from moderator_app.services.spots import SpotService
from moderator_app.spot.timecode import FPS

__all__ = [
    "AssignmentRefused", "ImportSummary", "PlanRefused", "PlanSlot", "ScheduleService", "SlotState", "SlotView",
    "UnknownSlot",
]

SlotState = Literal["empty", "assigned", "conflict", "changed", "aired"]


@dataclass(frozen=True, slots=True)
class ImportSummary:
    added: int
    updated: int
    unchanged: int
    outdated: int
    """Notifications already sent for a slot that moved: marked outdated (re-sent only when asked)."""
    absent: list[str]
    """Slots in the cache this plan does not list: kept as they are."""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class SlotView:
    slot_id: str
    country: str
    channel: str
    programme: str | None
    air_at: str
    air_date: str
    """The local day (the view groups by it)."""
    local_time: str
    """``HH:MM:SS`` at ``timezone``, as the plan gave it."""
    timezone: str
    length_s: int
    spot_id: str | None
    state: SlotState
    conflict_reason: str | None = None
    """For ``conflict``: ``wrong_country``, ``wrong_length`` or ``not_ready``."""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class _Spots:
    """Every saved spot's fit, the eligible ones, and their content hashes, read once per call."""

    fit: dict[str, SpotFit]
    eligible: frozenset[str]
    why: dict[str, str]
    """``spot_id -> why it is not eligible``."""
    content: dict[str, str]


def spot_seconds(total_frames: int) -> int | None:
    return total_frames // FPS if total_frames % FPS == 0 else None


class ScheduleService:
    def __init__(self, cache: Cache, spot_service: SpotService | None = None) -> None:
        self.cache = cache
        self.spot_service = spot_service or SpotService(cache)

    # the plan -------------------------------------------------------------------------------------

    def import_plan(self, path: Path) -> ImportSummary:
        """Parse and upsert the plan; raises PlanRefused (nothing imported) or OSError."""
        return self.import_slots(self.read_plan(path))

    @staticmethod
    def read_plan(path: Path) -> list[PlanSlot]:
        """The plan's slots, checked, nothing written: the window reads a large plan off the writer lane, so
        decisions are not kept waiting behind a spreadsheet. Raises PlanRefused or OSError."""
        return parse_plan(path)

    def import_slots(self, plan: list[PlanSlot]) -> ImportSummary:
        """Upsert checked slots in one transaction."""
        done = schedule.upsert_slots(self.cache.db, plan)
        return ImportSummary(len(done.added), len(done.updated), done.unchanged, done.outdated, done.absent)

    # reading -------------------------------------------------------------------------------------

    def _spots(self) -> _Spots:
        db = self.cache.db
        countries = spot_batch.countries(db)
        assembly = AssemblyService(self.spot_service)
        summaries = {s.spot_id: s for s in assembly.summaries()}
        attention = {a.spot_id for a in self.spot_service.attention()}
        fit: dict[str, SpotFit] = {}
        content: dict[str, str] = {}
        why: dict[str, str] = {}
        for row in spots.list_spots(db):
            fit[row.spot_id] = SpotFit(row.spot_id, countries.get(row.spot_id, ""),
                                       spot_seconds(int(row.template["total_frames"])))
            content[row.spot_id] = row.content
            summary = summaries.get(row.spot_id)
            if summary is None or summary.state != "verified":
                why[row.spot_id] = "no passing master of the spot as saved (render it first)"
            elif row.spot_id in attention:
                why[row.spot_id] = "a message in it may no longer air"
            # complete and exact need no check of their own: a master of this very content passed its preset,
            # and export refuses a spot that is not (services/spots.blocked)
        eligible = frozenset(sid for sid in fit if sid not in why)
        return _Spots(fit, eligible, why, content)

    def slots(self, now: str | None = None) -> list[SlotView]:
        """Every slot in air order with its state."""
        known = self._spots()
        moment = now or utc_now()
        return [self._view(row, known, moment) for row in schedule.list_slots(self.cache.db)]

    def _view(self, row: SlotRow, known: _Spots, now: str) -> SlotView:
        state: SlotState = "empty"
        reason: str | None = None
        if row.spot_id is not None:
            spot = known.fit.get(row.spot_id)
            if row.air_at <= now:
                state = "aired"
            elif spot is None or not fits(_slot_fit(row), spot):
                state, reason = "conflict", ("wrong_country" if spot is None or spot.country != row.country
                                             else "wrong_length")
            elif known.content.get(row.spot_id) != row.spot_content:
                state = "changed"
            elif row.spot_id not in known.eligible:
                state, reason = "conflict", "not_ready"
            else:
                state = "assigned"
        return SlotView(row.slot_id, row.country, row.channel, row.programme, row.air_at, row.air_date,
                        row.air_time, row.timezone, row.length_s, row.spot_id, state, reason)

    def eligible_spots(self, slot_id: str) -> list[str]:
        """The spots that may go on ``slot_id`` now (its country and length, eligible), by id."""
        row = self._slot(slot_id)
        known = self._spots()
        return sorted(sid for sid in known.eligible if fits(_slot_fit(row), known.fit[sid]))

    # assigning -----------------------------------------------------------------------------------

    def assign_auto(self, now: str | None = None) -> dict[str, str | None]:
        """Fill the slots not yet aired (``onair.assign`` says how); returns ``slot_id -> spot_id`` of the
        slots whose spot changed now."""
        known = self._spots()
        rows = schedule.list_slots(self.cache.db)
        chosen = auto_assign([_slot_fit(r) for r in rows], (known.fit[s] for s in known.eligible),
                             now or utc_now())
        before = {r.slot_id: r for r in rows}
        changes = [(slot_id, spot_id, known.content.get(spot_id) if spot_id else None)
                   for slot_id, spot_id in chosen.items() if before[slot_id].spot_id != spot_id]
        schedule.set_assignments(self.cache.db, changes)
        return {slot_id: spot_id for slot_id, spot_id, _ in changes}

    def assign(self, spot_id: str, slot_id: str) -> None:
        """Put ``spot_id`` on ``slot_id`` (again: this also accepts a spot changed since it was scheduled).

        Raises UnknownSlot, UnknownSpot, WrongCountry, WrongLength or SpotNotReady."""
        row = self._slot(slot_id)
        known = self._spots()
        spot = known.fit.get(spot_id)
        if spot is None:
            raise UnknownSpot(spot_id)
        check_fit(_slot_fit(row), spot)
        if spot_id not in known.eligible:
            raise SpotNotReady(f"spot {spot_id} cannot air now: {known.why.get(spot_id, 'not eligible')}")
        schedule.set_assignments(self.cache.db, [(slot_id, spot_id, known.content[spot_id])])

    def unassign(self, slot_id: str) -> None:
        self._slot(slot_id)
        schedule.set_assignments(self.cache.db, [(slot_id, None, None)])

    def _slot(self, slot_id: str) -> SlotRow:
        row = schedule.load_slot(self.cache.db, slot_id)
        if row is None:
            raise UnknownSlot(slot_id)
        return row


def _slot_fit(row: SlotRow) -> SlotFit:
    return SlotFit(row.slot_id, row.country, row.length_s, row.air_at, row.spot_id)

