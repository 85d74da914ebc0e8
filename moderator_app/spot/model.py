"""The spot as pure data and frame arithmetic: a template (intro, message slots, outro) and placed clips.

Everything is counted in whole frames at 25 fps so a 30 s spot is exactly 750 frames whatever the clips'
own rates; seconds only appear at the edges (clip durations in, timecodes out).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal

from moderator_app.spot.brand import DEFAULT_BRAND, Brand, lower_third_text
from moderator_app.spot.errors import (
    ClipAlreadyPlaced,
    ClipNotAllowed,
    ClipTooShort,
    Shortfall,
    TimelineError,
)
from moderator_app.spot.slack import Slack, absorb, hold_frames, max_slack, taken
from moderator_app.spot.timecode import FPS, seconds_to_frames, timecode

Transition = Literal["cut", "dissolve"]
SegmentKind = Literal["intro", "message", "between", "outro"]

__all__ = [
    "SPOT_LENGTHS_S", "Placement", "Segment", "SegmentKind", "Slack", "Spot", "SpotClip", "Template", "Transition",
    "absorb", "check_allowed", "clamp_trim", "max_slack", "taken",
]  # fmt: skip

SPOT_LENGTHS_S: tuple[int, ...] = (10, 15, 20, 30, 45)
"""Lengths broadcasters sell; any whole number of frames works, these get ready-made templates."""


@dataclass(frozen=True, slots=True)
class SpotClip:
    """What the spot needs to know about a submission's clip (built by the caller from the cache)."""

    submission_id: str
    path: Path
    duration_s: float
    approved: bool
    consent_broadcast: bool
    recipient_first_name: str
    sender_first_name: str
    language: str | None = None
    """The submission's language (BCP 47, ``fr-MA``): picks the lower third's wording."""
    terms_version: str | None = None
    """The consent terms version of the record (``consent.terms_version``)."""
    terms_accepted: bool = True
    """Whether the campaign accepts that terms version (services/consent.py decides)."""

    @property
    def may_air(self) -> bool:
        return self.approved and self.consent_broadcast and self.terms_accepted

    @property
    def frames(self) -> int:
        return seconds_to_frames(self.duration_s)


@dataclass(frozen=True, slots=True)
class Template:
    """Durations are in frames; with dissolves each join overlaps its two neighbours by ``dissolve_frames``."""

    total_frames: int = 30 * FPS
    intro_frames: int = 2 * FPS
    outro_frames: int = 3 * FPS
    slot_count: int = 3
    transition: Transition = "cut"
    dissolve_frames: int = 8
    min_message_frames: int = FPS
    """A message shorter than this is not worth airing; fit() refuses to squeeze a slot below it."""
    brand: Brand = DEFAULT_BRAND

    def __post_init__(self) -> None:
        if self.slot_count < 1:
            raise ValueError("a spot needs at least one message slot")
        if min(self.total_frames, self.intro_frames, self.outro_frames) <= 0:
            raise ValueError("durations must be positive")
        if self.transition == "dissolve" and not 0 < self.dissolve_frames < min(
            self.intro_frames, self.outro_frames
        ):
            raise ValueError("a dissolve must be shorter than the cards")
        if self.message_frames < self.slot_count * self.min_message_frames:
            raise ValueError("intro and outro leave no room for the messages")

    @classmethod
    def standard(
        cls, seconds: int = 30, *, slots: int = 3, transition: Transition = "cut", brand: Brand = DEFAULT_BRAND
    ) -> Template:
        """Ready-made template: short spots get shorter cards so the messages keep most of the time; the
        cards stay within the brand's shortest and longest holds."""
        intro, outro = (1 * FPS, 2 * FPS) if seconds <= 15 else (2 * FPS, 3 * FPS)
        intro = min(max(intro, hold_frames(brand.intro_hold.min_s)), hold_frames(brand.intro_hold.max_s))
        outro = min(max(outro, hold_frames(brand.outro_hold.min_s)), hold_frames(brand.outro_hold.max_s))
        return cls(
            total_frames=seconds * FPS,
            intro_frames=intro,
            outro_frames=outro,
            slot_count=slots,
            transition=transition,
            brand=brand,
        )

    @property
    def seconds(self) -> int:
        """Whole seconds at the broadcast rate (the length a template is sold as)."""
        return self.total_frames // FPS

    @property
    def joins(self) -> int:
        return self.slot_count + 1

    @property
    def overlap_frames(self) -> int:
        """Frames of the timeline shown twice (under a dissolve) in total."""
        return self.joins * self.dissolve_frames if self.transition == "dissolve" else 0

    @property
    def message_frames(self) -> int:
        """Sum of the message segments' own lengths that makes the total exact."""
        return self.total_frames - self.intro_frames - self.outro_frames + self.overlap_frames


@dataclass(frozen=True, slots=True)
class Placement:
    """A clip in a slot: ``in_frame`` inclusive, ``out_frame`` exclusive, counted in the clip at 25 fps."""

    clip: SpotClip
    in_frame: int
    out_frame: int
    title: str

    @property
    def frames(self) -> int:
        return self.out_frame - self.in_frame


@dataclass(frozen=True, slots=True)
class Segment:
    """One piece of the timeline; ``start_frame`` is where it begins in the spot (dissolves overlap)."""

    kind: SegmentKind
    start_frame: int
    frames: int
    slot: int | None = None
    placement: Placement | None = None

    @property
    def end_frame(self) -> int:
        return self.start_frame + self.frames


def clamp_trim(clip: SpotClip, in_frame: int, out_frame: int) -> tuple[int, int]:
    """In and out points pulled inside ``clip``, at least one frame apart (a drag or a saved trim may overshoot)."""
    start = max(0, min(in_frame, clip.frames - 1))
    return start, max(start + 1, min(out_frame, clip.frames))


def check_allowed(clip: SpotClip) -> None:
    """Only approved clips with broadcast consent under accepted terms go on air; raise with the reason otherwise."""
    reasons = []
    if not clip.approved:
        reasons.append("it is not approved")
    if not clip.consent_broadcast:
        reasons.append("the sender did not consent to broadcast")
    if not clip.terms_accepted:
        version = clip.terms_version or "none given"
        reasons.append(f"the consent was given under terms version {version}, which the campaign does not accept")
    if reasons:
        raise ClipNotAllowed(clip.submission_id, " and ".join(reasons))


@dataclass(slots=True)
class Spot:
    """A template plus one placement per slot; mutable so an editor can change slots one at a time.

    ``slack`` is what ``fit`` gave the cards when the messages were shorter than their share."""

    template: Template = field(default_factory=Template)
    spot_id: str = "spot"
    placements: list[Placement | None] = field(default_factory=list)
    slack: Slack = field(default_factory=Slack)

    def __post_init__(self) -> None:
        if not self.placements:
            self.placements = [None] * self.template.slot_count
        if len(self.placements) != self.template.slot_count:
            raise TimelineError("one placement per slot is needed")

    def place(
        self,
        slot: int,
        clip: SpotClip,
        *,
        in_frame: int | None = None,
        out_frame: int | None = None,
        title: str | None = None,
    ) -> Placement:
        """Put ``clip`` in ``slot`` (whole clip unless in/out given); raises ClipNotAllowed for unusable clips
        and ClipAlreadyPlaced when the clip is in another slot already (replacing it in its own slot is fine)."""
        if not 0 <= slot < self.template.slot_count:
            raise TimelineError(f"no slot {slot + 1} in a {self.template.slot_count}-slot template")
        check_allowed(clip)
        where = self.slot_of(clip.submission_id)
        if where is not None and where != slot:
            raise ClipAlreadyPlaced(clip.submission_id, where)
        start = 0 if in_frame is None else in_frame
        end = clip.frames if out_frame is None else out_frame
        if not 0 <= start < end <= clip.frames:
            raise TimelineError(
                f"in/out {timecode(start)}–{timecode(end)} outside clip {clip.submission_id} "
                f"({timecode(clip.frames)} long)"
            )
        placement = Placement(
            clip=clip,
            in_frame=start,
            out_frame=end,
            title=lower_third_text(
                clip.recipient_first_name, clip.sender_first_name, self.template.brand, clip.language
            )
            if title is None
            else title,
        )
        self.placements[slot] = placement
        return placement

    def slot_of(self, submission_id: str) -> int | None:
        """The slot holding ``submission_id``'s clip, or None."""
        return next((i for i, p in enumerate(self.placements) if p is not None
                     and p.clip.submission_id == submission_id), None)

    def set_title(self, slot: int, title: str) -> None:
        """Producers may edit the prefilled lower third (a nickname, a typo in the record)."""
        placement = self.placements[slot]
        if placement is None:
            raise TimelineError(f"slot {slot + 1} is empty")
        self.placements[slot] = replace(placement, title=title)

    def clear(self, slot: int) -> None:
        self.placements[slot] = None

    def trim(self, slot: int, in_frame: int, out_frame: int) -> bool:
        """Move ``slot``'s in and out points (kept inside its clip); False when the slot is empty or unchanged."""
        placement = self.placements[slot]
        if placement is None:
            return False
        in_frame, out_frame = clamp_trim(placement.clip, in_frame, out_frame)
        if (in_frame, out_frame) == (placement.in_frame, placement.out_frame):
            return False
        self.placements[slot] = replace(placement, in_frame=in_frame, out_frame=out_frame)
        return True

    def swap(self, a: int, b: int) -> bool:
        """Exchange two slots, each message keeping its trim and title; False when ``b`` is not a slot."""
        if not (0 <= a < self.template.slot_count and 0 <= b < self.template.slot_count):
            return False
        self.placements[a], self.placements[b] = self.placements[b], self.placements[a]
        return True

    def empty_slots(self) -> list[int]:
        return [i for i, p in enumerate(self.placements) if p is None]

    def with_template(self, template: Template) -> Spot:
        """The same spot on another template: placed messages stay in order, extra slots are dropped or empty
        (and no slack: the new length is fitted anew)."""
        slots = template.slot_count
        return Spot(template, self.spot_id, (self.placements + [None] * slots)[:slots])

    def _placed(self) -> list[Placement]:
        missing = [i + 1 for i, p in enumerate(self.placements) if p is None]
        if missing:
            raise TimelineError(f"slot(s) {', '.join(map(str, missing))} still empty")
        return [p for p in self.placements if p is not None]

    def fit(self) -> list[Placement]:
        """Choose in/out points (and card holds) so the spot is exactly the template's length.

        Messages longer than their share: the message time is shared equally, each cut centred in its clip;
        a clip shorter than its share is used whole and the others give the difference. Messages shorter
        than the time they have together: each is used whole (never slowed, looped or frozen) and the
        cards absorb the slack within the brand's holds (``absorb``). Raises ClipTooShort, saying how much
        is missing, only when even the longest cards leave time unfilled, or a clip is under the
        template's minimum message length.
        """
        placed = self._placed()
        t = self.template
        available = [p.clip.frames for p in placed]
        lengths = _share(available, t.message_frames, t.min_message_frames)
        slack = Slack()
        if lengths is None:
            if min(available) < t.min_message_frames:
                raise self._too_short(placed)
            found = absorb(t, t.message_frames - sum(available))
            if isinstance(found, int):
                raise self._too_short(placed, found)
            lengths = _share(available, t.message_frames - taken(t, found), t.min_message_frames)
            if lengths is None:
                raise self._too_short(placed)
            slack = found
        fitted = []
        for slot, (placement, length) in enumerate(zip(placed, lengths, strict=True)):
            start = (placement.clip.frames - length) // 2
            fitted.append(replace(placement, in_frame=start, out_frame=start + length))
            self.placements[slot] = fitted[-1]
        self.slack = slack
        return fitted

    def _too_short(self, placed: list[Placement], missing: int | None = None) -> ClipTooShort:
        """The refusal: clips short of an equal share of what even the longest cards leave to the messages."""
        total = self.template.message_frames - max_slack(self.template)
        share = total // len(placed)
        shortfalls = tuple(
            Shortfall(slot, p.clip.submission_id, p.clip.frames, max(share, self.template.min_message_frames))
            for slot, p in enumerate(placed)
            if p.clip.frames < max(share, self.template.min_message_frames)
        )
        have = sum(min(p.clip.frames, total) for p in placed)
        under_minimum = sum(
            self.template.min_message_frames - p.clip.frames
            for p in placed
            if p.clip.frames < self.template.min_message_frames
        )
        return ClipTooShort(shortfalls, max(missing or total - have, under_minimum, 1), FPS)

    @property
    def total_frames(self) -> int:
        """Length of the timeline as placed now (equals the template's total once fitted)."""
        return self.segments()[-1].end_frame

    def segments(self) -> list[Segment]:
        """Intro, messages (with any brand card between two of them) and outro with their start frames on
        the spot's timeline; the cards as long as the template says plus the slack ``fit`` gave them."""
        overlap = self.template.dissolve_frames if self.template.transition == "dissolve" else 0
        placed = self._placed()
        segments = [Segment("intro", 0, self.template.intro_frames + self.slack.intro)]
        for slot, placement in enumerate(placed):
            start = segments[-1].end_frame - overlap
            segments.append(Segment("message", start, placement.frames, slot, placement))
            between = self.slack.between[slot] if slot < len(self.slack.between) else 0
            if between and slot < len(placed) - 1:
                segments.append(Segment("between", segments[-1].end_frame - overlap, between, slot))
        outro = self.template.outro_frames + self.slack.outro
        segments.append(Segment("outro", segments[-1].end_frame - overlap, outro))
        return segments

    @property
    def exact(self) -> bool:
        """Complete and exactly the template's length (dissolves included): what render and export accept."""
        try:
            self.validate()
        except TimelineError:
            return False
        return True

    def validate(self) -> list[Segment]:
        """The timeline, if it is complete and exactly the template's length; raises TimelineError otherwise."""
        segments = self.segments()
        if self.template.transition == "dissolve":
            for segment in segments:
                if segment.frames <= 2 * self.template.dissolve_frames:
                    raise TimelineError(f"{segment.kind} segment is shorter than its two dissolves")
        end = segments[-1].end_frame
        if end != self.template.total_frames:
            raise TimelineError(
                f"spot is {timecode(end)} ({end} frames), the template needs "
                f"{timecode(self.template.total_frames)} ({self.template.total_frames} frames): run fit()"
            )
        return segments


def _share(available: list[int], total: int, minimum: int) -> list[int] | None:
    """Split ``total`` frames among clips of ``available`` frames as evenly as they allow (water-filling).

    Clips that cannot take an equal share give all they have; the rest is shared again among the others;
    leftover frames of an uneven split go to the first slots. None if the footage cannot cover ``total``
    or a slot would get fewer than ``minimum`` frames.
    """
    if sum(available) < total or min(available) < min(minimum, total // len(available)):
        return None
    lengths: list[int | None] = [None] * len(available)
    remaining = total
    while True:
        open_slots = [i for i, n in enumerate(lengths) if n is None]
        share = remaining // len(open_slots)
        capped = [i for i in open_slots if available[i] < share]
        if not capped:
            break
        for i in capped:
            lengths[i] = available[i]
            remaining -= available[i]
    open_slots = [i for i, n in enumerate(lengths) if n is None]
    base, extra = divmod(remaining, len(open_slots))
    for i in open_slots:
        bonus = 1 if extra and available[i] > base else 0
        lengths[i] = base + bonus
        extra -= bonus
    result = [n for n in lengths if n is not None]
    if any(n > a for n, a in zip(result, available, strict=True)) or min(result) < minimum:
        return None
    return result
