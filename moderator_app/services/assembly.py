"""Campaign production from the cache: ``spot auto`` plans saved spots, the spots list shows their state,
the producer swaps a message or re-plans. The window and the CLI both come through here.

States, from the cache: ``planned`` (saved, no up-to-date master for any preset), ``rendered`` (a master of
the spot as saved now exists, but it failed a preset rule), ``verified`` (a master of the spot as saved now
was measured and passed its preset). Editing a spot after rendering makes it ``planned`` again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Literal

from moderator_app.db import spot_batch, spots
from moderator_app.services.consent import accepted_terms, terms_accepted
from moderator_app.services.spots import SpotService, template_to_dict
from moderator_app.spot.assembly import Message, PlannedSpot, plan
from moderator_app.spot.errors import ClipTooShort, TimelineError
from moderator_app.spot.model import Placement, Spot
from moderator_app.spot.timecode import seconds_to_frames

__all__ = ["AssemblyService", "AutoSpot", "SpotState", "SpotSummary", "UnknownSpot", "placement_dict"]

SpotState = Literal["planned", "rendered", "verified"]
_NOT_IN_ID = re.compile(r"[^A-Za-z0-9]")


class UnknownSpot(LookupError):
    """No saved spot with this id."""


@dataclass(frozen=True, slots=True)
class AutoSpot:
    spot_id: str
    clips: tuple[str, ...]
    country: str
    frames: int

    def to_dict(self) -> dict[str, Any]:
        return {"spot_id": self.spot_id, "clips": list(self.clips), "country": self.country, "frames": self.frames}


@dataclass(frozen=True, slots=True)
class SpotSummary:
    spot_id: str
    clips: tuple[str | None, ...]
    country: str
    frames: int
    state: SpotState
    origin: str
    renders: tuple[dict[str, Any], ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        return {"spot_id": self.spot_id, "clips": list(self.clips), "country": self.country,
                "frames": self.frames, "state": self.state, "origin": self.origin, "renders": list(self.renders)}


def placement_dict(p: Placement | None) -> dict[str, Any] | None:
    if p is None:
        return None
    return {"submission_id": p.clip.submission_id, "in_frame": p.in_frame, "out_frame": p.out_frame, "title": p.title}


def _message(row: dict[str, Any]) -> Message:
    return Message(
        submission_id=row["id"],
        country=row["country"],
        approved_at=row["decided_at"] or "",
        received_at=row["received_at"],
        frames=seconds_to_frames(float(row["duration_s"] or 0.0)),
        group=row["duplicate_of"] or row["id"],
    )


class AssemblyService:
    def __init__(self, spot_service: SpotService) -> None:
        self.spots = spot_service
        self.db = spot_service.cache.db
        self.waiting: list[tuple[str, ...]] = []
        """After ``auto``: planned groups left unsaved because their footage cannot fill the length."""

    # spot auto --------------------------------------------------------------------------------

    def auto(self, messages: int = 3, seconds: int = 30, *, include_flagged: bool = False) -> list[AutoSpot]:
        """Plan and save spots of ``messages`` messages from the approved, consented, unplaced ones.

        Raises ValueError for a template that cannot hold ``messages`` slots in ``seconds``."""
        template = self.spots.template(seconds, slots=messages)
        accepted = accepted_terms(self.spots.cache)
        rows = [r for r in spot_batch.unplaced_candidates(self.db, include_flagged=include_flagged)
                if terms_accepted(accepted, r["consent_terms"])]  # the same consent gate as the editor's
        by_id = {r["id"]: r for r in rows}
        planned = plan((_message(r) for r in rows), messages, template.message_frames,
                       spot_batch.used_groups(self.db))
        self.waiting = []
        numbers = self._next_numbers()
        built: list[tuple[Spot, PlannedSpot]] = []
        for group in planned:
            spot_id = self._new_id(group.country, numbers)
            spot = Spot(template, spot_id)
            try:
                for slot, m in enumerate(group.messages):
                    spot.place(slot, self.spots.clip_from_row(by_id[m.submission_id], accepted))
                spot.fit()
            except (ClipTooShort, TimelineError):
                self.waiting.append(tuple(m.submission_id for m in group.messages))
                continue
            built.append((spot, group))
        saved = set(spots.save_spots(
            self.db,
            [(s.spot_id, template_to_dict(s.template), [placement_dict(p) for p in s.placements]) for s, _ in built],
            origin="auto",
        ))
        return [
            AutoSpot(s.spot_id, tuple(m.submission_id for m in g.messages), g.country, s.template.total_frames)
            for s, g in built
            if s.spot_id in saved
        ]

    def _next_numbers(self) -> dict[str, int]:
        numbers: dict[str, int] = {}
        for spot_id in self.spots.saved_ids():
            match = re.fullmatch(r"auto-([A-Za-z0-9]+)-(\d+)", spot_id)
            if match:
                numbers[match[1]] = max(numbers.get(match[1], 0), int(match[2]))
        return numbers

    @staticmethod
    def _new_id(country: str, numbers: dict[str, int]) -> str:
        key = _NOT_IN_ID.sub("", country.upper()) or "XX"
        numbers[key] = numbers.get(key, 0) + 1
        return f"auto-{key}-{numbers[key]:04d}"

    # the spots list ---------------------------------------------------------------------------

    def summaries(self) -> list[SpotSummary]:
        """Every saved spot with its clips, frames and state, in id order."""
        countries = spot_batch.countries(self.db)
        by_spot: dict[str, list[spot_batch.RenderRow]] = {}
        for r in spot_batch.renders(self.db):
            by_spot.setdefault(r.spot_id, []).append(r)
        out = []
        for row in sorted(spots.list_spots(self.db), key=lambda r: r.spot_id):
            current = [r for r in by_spot.get(row.spot_id, []) if r.content == row.content]
            state: SpotState = "planned"
            if current:
                state = "verified" if any(r.passed for r in current) else "rendered"
            out.append(SpotSummary(
                spot_id=row.spot_id,
                clips=tuple(None if p is None else str(p["submission_id"]) for p in row.placements),
                country=countries.get(row.spot_id, ""),
                frames=int(row.template["total_frames"]),
                state=state,
                origin=row.origin,
                renders=tuple({"preset": r.preset, "file": r.file, "passed": r.passed} for r in current),
            ))
        return out

    def summary(self, spot_id: str) -> SpotSummary:
        for s in self.summaries():
            if s.spot_id == spot_id:
                return s
        raise UnknownSpot(spot_id)

    # the producer's changes -------------------------------------------------------------------

    def swap_candidates(self, spot_id: str, *, include_flagged: bool = False) -> list[str]:
        """Messages that may replace one of the spot's: same country, approved, consented, on no spot,
        not a copy of a message on a spot; first approved first."""
        country = self.summary(spot_id).country
        used = spot_batch.used_groups(self.db)
        rows = spot_batch.unplaced_candidates(self.db, include_flagged=include_flagged, country=country)
        return [r["id"] for r in rows if (r["duplicate_of"] or r["id"]) not in used]

    def swap(self, spot_id: str, slot: int, submission_id: str) -> Spot:
        """Put ``submission_id`` in ``slot`` instead of its message, refit, save; the spot is planned again.

        Raises UnknownSpot, UnknownSubmission, ClipNotAllowed, ClipTooShort, or ValueError when the message
        is not free for this spot (other country, already on a spot, a copy of one on a spot)."""
        spot = self.spots.load(spot_id)
        if spot is None:
            raise UnknownSpot(spot_id)
        if submission_id not in self.swap_candidates(spot_id, include_flagged=True):
            self.spots.clip(submission_id)  # UnknownSubmission first
            raise ValueError(f"{submission_id} cannot go in {spot_id}: other country, or already on a spot")
        spot.place(slot, self.spots.clip(submission_id))
        spot.fit()
        self.spots.save(spot)
        return spot

    def replan(self, messages: int = 3, seconds: int = 30, *, include_flagged: bool = False) -> list[AutoSpot]:
        """Dissolve the auto-planned spots not rendered yet and plan again (after new approvals, to regroup);
        spots made in the editor and spots with a master are kept."""
        dissolve = [s.spot_id for s in self.summaries() if s.origin == "auto" and s.state == "planned"]
        spot_batch.delete_spots(self.db, dissolve)
        return self.auto(messages, seconds, include_flagged=include_flagged)

    def saved_spot(self, spot_id: str) -> Spot:
        """The saved spot exactly as the editor shows it (its own trims, titles, joins)."""
        spot = self.spots.load(spot_id)
        if spot is None:
            raise UnknownSpot(spot_id)
        return spot

