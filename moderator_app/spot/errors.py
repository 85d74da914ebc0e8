"""What can go wrong while building or exporting a spot, as exceptions the UI and CLI can show verbatim."""

from __future__ import annotations

from dataclasses import dataclass


class SpotError(Exception):
    """Base of every spot error: the message is written for a producer, not a developer."""


class ClipNotAllowed(SpotError):
    """A clip that must not go on air (not approved, or no broadcast consent)."""

    def __init__(self, submission_id: str, reason: str) -> None:
        super().__init__(f"clip {submission_id} cannot be placed: {reason}")
        self.submission_id = submission_id
        self.reason = reason


class ClipAlreadyPlaced(SpotError):
    """The same message twice in one spot: an audience would see one sender twice and another not at all."""

    def __init__(self, submission_id: str, slot: int) -> None:
        super().__init__(f"clip {submission_id} is already in slot {slot + 1}; a clip goes in a spot once")
        self.submission_id = submission_id
        self.slot = slot


@dataclass(frozen=True, slots=True)
class Shortfall:
    """One clip shorter than the equal share of time its slot would get."""

    slot: int
    submission_id: str
    have_frames: int
    need_frames: int

    @property
    def missing_frames(self) -> int:
        return self.need_frames - self.have_frames


class ClipTooShort(SpotError):
    """The chosen clips cannot fill the message time exactly; says which clips and how much is missing."""

    def __init__(self, shortfalls: tuple[Shortfall, ...], missing_frames: int, fps: int) -> None:
        self.shortfalls = shortfalls
        self.missing_frames = missing_frames
        parts = [
            f"slot {s.slot + 1} clip {s.submission_id} is {s.have_frames / fps:.2f} s, "
            f"{s.missing_frames / fps:.2f} s short of its {s.need_frames / fps:.2f} s share"
            for s in shortfalls
        ]
        detail = "; ".join(parts)
        super().__init__(
            f"clips too short: {missing_frames / fps:.2f} s ({missing_frames} frames) missing"
            + (f" — {detail}" if detail else "")
        )


class TimelineError(SpotError):
    """The spot is incomplete or its in/out points do not add up to the template's exact length."""


class RenderError(SpotError):
    """ffmpeg failed while rendering; the message carries the tail of its log."""


class ExportCancelled(SpotError):
    """The user cancelled; nothing is left under the output name."""
