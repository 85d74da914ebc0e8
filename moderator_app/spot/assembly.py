"""Auto-assembly planner: which approved messages go together into which spot (pure data, no I/O).

The rules, in the order they apply (each one is tested on its own):

- one country per spot (a spot airs on one country's channels);
- of a group of duplicates only the earliest received message may air, and none once a member is in a spot;
- first approved, first placed: messages are taken in approval order, and a remainder smaller than a
  spot waits for later approvals (so re-planning never splits a spot that could still be completed);
- within a small window of consecutive spots (``WINDOW_SPOTS``), messages are grouped so each spot's
  footage is as close as possible to the time its slots need: the least trimming for long messages and
  the least slack for short ones. The window keeps the approval order at the scale a producer sees
  (spot 1 never waits for a message approved after spot 5's) while leaving room to balance lengths.

Only frame counts are used, so the same plan comes out for the same rows on any machine.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

WINDOW_SPOTS = 4
"""Spots balanced together; 4 x 3 messages keeps the swap search tiny (12 items) and the order visible."""


@dataclass(frozen=True, slots=True)
class Message:
    """One approved, consented, unplaced message as the planner sees it."""

    submission_id: str
    country: str
    approved_at: str
    """ISO 8601 UTC; sorts as text."""
    received_at: str
    frames: int
    group: str
    """Its duplicate group's key (the group's original id); its own id when it has no duplicate."""


@dataclass(frozen=True, slots=True)
class PlannedSpot:
    country: str
    messages: tuple[Message, ...]
    """In slot order (approval order within the spot)."""

    @property
    def frames(self) -> int:
        return sum(m.frames for m in self.messages)


def first_of_groups(messages: Iterable[Message], used_groups: frozenset[str] = frozenset()) -> list[Message]:
    """The earliest received message of each duplicate group, none of a group already on a spot."""
    best: dict[str, Message] = {}
    for m in messages:
        if m.group in used_groups:
            continue
        held = best.get(m.group)
        if held is None or (m.received_at, m.submission_id) < (held.received_at, held.submission_id):
            best[m.group] = m
    return list(best.values())


def plan(
    messages: Iterable[Message],
    per_spot: int,
    target_frames: int,
    used_groups: frozenset[str] = frozenset(),
) -> list[PlannedSpot]:
    """Spots of ``per_spot`` messages each, ordered by their first approval; ``target_frames`` is the message
    time a spot's slots share (the template's ``message_frames``)."""
    if per_spot < 1:
        raise ValueError("a spot needs at least one message")
    ordered = sorted(first_of_groups(messages, used_groups), key=lambda m: (m.approved_at, m.submission_id))
    by_country: dict[str, list[Message]] = {}
    for m in ordered:
        by_country.setdefault(m.country, []).append(m)
    spots: list[PlannedSpot] = []
    window = per_spot * WINDOW_SPOTS
    for country, queue in by_country.items():
        usable = queue[: len(queue) - len(queue) % per_spot]  # the latest approved remainder waits
        for start in range(0, len(usable), window):
            block = usable[start : start + window]
            for group in balance(block, per_spot, target_frames):
                spots.append(PlannedSpot(country, tuple(group)))
    spots.sort(key=lambda s: (s.messages[0].approved_at, s.messages[0].submission_id))
    return spots


def _cost(total: int, target: int) -> int:
    return (total - target) ** 2


def balance(block: Sequence[Message], per_spot: int, target_frames: int) -> list[list[Message]]:
    """Split ``block`` (a multiple of ``per_spot`` long) into spots whose footage is nearest ``target_frames``:
    longest first to the emptiest spot, then pairwise swaps while one lowers the summed squared gap."""
    count = len(block) // per_spot
    groups: list[list[Message]] = [[] for _ in range(count)]
    sums = [0] * count
    for m in sorted(block, key=lambda m: (-m.frames, m.approved_at, m.submission_id)):
        open_groups = [g for g in range(count) if len(groups[g]) < per_spot]
        g = min(open_groups, key=lambda g: (sums[g], g))
        groups[g].append(m)
        sums[g] += m.frames
    improved = True
    rounds = 0
    while improved and rounds < 50:
        improved = False
        rounds += 1
        for a in range(count):
            for b in range(a + 1, count):
                if _swap_best(groups, sums, a, b, target_frames):
                    improved = True
    rank = {m.submission_id: n for n, m in enumerate(block)}
    out = [sorted(g, key=lambda m: rank[m.submission_id]) for g in groups]
    out.sort(key=lambda g: rank[g[0].submission_id])
    return out


def _swap_best(groups: list[list[Message]], sums: list[int], a: int, b: int, target: int) -> bool:
    """Make the one swap between spots ``a`` and ``b`` that lowers their cost most; False if none does."""
    before = _cost(sums[a], target) + _cost(sums[b], target)
    best: tuple[int, int, int] | None = None
    for i, ma in enumerate(groups[a]):
        for j, mb in enumerate(groups[b]):
            delta = mb.frames - ma.frames
            if delta == 0:
                continue
            after = _cost(sums[a] + delta, target) + _cost(sums[b] - delta, target)
            if after < before and (best is None or after < best[0]):
                best = (after, i, j)
    if best is None:
        return False
    _, i, j = best
    ma, mb = groups[a][i], groups[b][j]
    groups[a][i], groups[b][j] = mb, ma
    sums[a] += mb.frames - ma.frames
    sums[b] += ma.frames - mb.frames
    return True
