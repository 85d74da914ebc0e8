"""Which spot airs in which slot: the fair automatic fill and the rules a manual choice must keep.

A spot carries messages of one country, so it airs only in that country's slots, and only in slots of its
own length (a 30 s spot in a 20 s slot would be cut by the channel). A spot mixing countries fits no slot.

The automatic fill walks the open slots in air order and gives each the spot of its country and length
that has aired the fewest times so far; a tie goes to the spot whose last airing is the oldest (never
aired first), then to the smaller id. So every spot airs once before any airs twice, twice before any
thrice, and repeats are spread as far apart as the plan allows; the same input always gives the same
schedule.

What the fill leaves alone: slots already aired (history is not rewritten), and slots whose spot is still
eligible and still fits — the producer's choice (or yesterday's fill) stands. A slot whose spot is no
longer eligible (a message lost its consent, the spot was edited and its master is out of date) or no
longer fits (the plan changed its country or length) is freed and filled again. Kept spots count as
airings, so the fill balances around them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

__all__ = [
    "AssignmentRefused", "SlotFit", "SpotFit", "SpotNotReady", "UnknownSlot", "WrongCountry", "WrongLength",
    "auto_assign", "check_fit", "fits",
]  # fmt: skip


@dataclass(frozen=True, slots=True)
class SlotFit:
    """What the fill needs of a slot."""

    slot_id: str
    country: str
    length_s: int
    air_at: str
    """UTC ``YYYY-MM-DDTHH:MM:SSZ``: sorts as text in time order."""
    spot_id: str | None = None


@dataclass(frozen=True, slots=True)
class SpotFit:
    """What the fill needs of a spot: its messages' country (``FR+MA`` when mixed) and whole seconds."""

    spot_id: str
    country: str
    length_s: int | None
    """None when the spot is not a whole number of seconds (it fits no slot)."""


class UnknownSlot(LookupError):
    """No air slot with this id in the cache."""


class AssignmentRefused(ValueError):
    """This spot may not go on this slot; the subclass says why."""


class WrongCountry(AssignmentRefused):
    pass


class WrongLength(AssignmentRefused):
    pass


class SpotNotReady(AssignmentRefused):
    """The spot may not air now: no passing master of it as saved, a message that may not air, not exact."""


def fits(slot: SlotFit, spot: SpotFit) -> bool:
    return "+" not in spot.country and spot.country == slot.country and spot.length_s == slot.length_s


def check_fit(slot: SlotFit, spot: SpotFit) -> None:
    """Raise WrongCountry or WrongLength when ``spot`` may not go on ``slot``."""
    if "+" in spot.country or spot.country != slot.country:
        shown = spot.country or "no country (no message)"
        raise WrongCountry(f"spot {spot.spot_id} carries messages of {shown}; slot {slot.slot_id} is in {slot.country}")
    if spot.length_s != slot.length_s:
        length = "not a whole number of seconds" if spot.length_s is None else f"{spot.length_s} s"
        raise WrongLength(f"spot {spot.spot_id} is {length}; slot {slot.slot_id} is {slot.length_s} s")


def auto_assign(slots: Sequence[SlotFit], eligible: Iterable[SpotFit], now: str) -> dict[str, str | None]:
    """The spot of every slot not yet aired (``air_at`` after ``now``), as ``slot_id -> spot_id or None``.

    Pure: reads nothing, writes nothing. A slot no eligible spot fits maps to None."""
    spots = {s.spot_id: s for s in eligible}
    groups: dict[tuple[str, int], list[str]] = {}
    for spot in sorted(spots.values(), key=lambda s: s.spot_id):
        if spot.length_s is not None and "+" not in spot.country:
            groups.setdefault((spot.country, spot.length_s), []).append(spot.spot_id)
    ordered = sorted(slots, key=lambda s: (s.air_at, s.slot_id))
    count: dict[str, int] = {}
    last: dict[str, str] = {}
    result: dict[str, str | None] = {}
    open_slots: list[SlotFit] = []
    for slot in ordered:  # kept spots count first, wherever they stand in time
        kept = spots.get(slot.spot_id) if slot.spot_id is not None else None
        if slot.air_at <= now or (kept is not None and fits(slot, kept)):
            if slot.spot_id is not None:
                count[slot.spot_id] = count.get(slot.spot_id, 0) + 1
                last[slot.spot_id] = max(last.get(slot.spot_id, ""), slot.air_at)
            if slot.air_at > now:
                result[slot.slot_id] = slot.spot_id
        else:
            open_slots.append(slot)
    for slot in open_slots:
        group = groups.get((slot.country, slot.length_s), [])
        if not group:
            result[slot.slot_id] = None
            continue
        chosen = min(group, key=lambda sid: (count.get(sid, 0), last.get(sid, ""), sid))
        count[chosen] = count.get(chosen, 0) + 1
        last[chosen] = slot.air_at
        result[slot.slot_id] = chosen
    return result


def airings(assigned: Mapping[str, str | None]) -> dict[str, int]:
    """How many slots each spot has in ``assigned``."""
    out: dict[str, int] = {}
    for spot_id in assigned.values():
        if spot_id is not None:
            out[spot_id] = out.get(spot_id, 0) + 1
    return out
