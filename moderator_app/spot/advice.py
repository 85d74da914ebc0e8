"""What to do when a spot is not its exact length, as data the editor words and applies in one click.

A producer who placed three clips sees "875 / 750 frames" and has to guess. ``advise`` says which case the
spot is in and which fixes work, each tried on a copy first so a proposed fix always makes the spot exact:
fit at this length (the cards hold the slack or the messages are trimmed), hold the last card longer
(within the brand's ``outro_hold``), another length broadcasters sell (``SPOT_LENGTHS_S``), or one message
fewer. A fit that would cut messages below the brand's ``min_message_s`` is a warning, not a success.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

from moderator_app.spot.errors import ClipTooShort, TimelineError
from moderator_app.spot.model import SPOT_LENGTHS_S, Spot, Template
from moderator_app.spot.slack import hold_frames, max_slack

AdviceKind = Literal["short", "long", "cannot_fill", "under_minimum"]
FixKind = Literal["fit", "hold_outro", "length", "remove_message", "fit_anyway"]

__all__ = ["Advice", "AdviceKind", "Fix", "FixKind", "advise", "apply_fix", "fit_checked", "minimum_frames"]


@dataclass(frozen=True, slots=True)
class Fix:
    """One click that makes the spot exact: ``seconds`` for ``fit``/``length`` (the length it ends at),
    ``frames`` for ``hold_outro`` (how much longer the last card holds), ``slot`` for ``remove_message``."""

    kind: FixKind
    seconds: int = 0
    frames: int = 0
    slot: int = 0


@dataclass(frozen=True, slots=True)
class Advice:
    """Why the spot is not exact, with the figures a sentence needs (frames) and the fixes that work."""

    kind: AdviceKind
    placed_frames: int
    """The spot's length as placed now."""
    target_frames: int
    messages: int
    message_frames: int
    """The placed messages' own frames (whole clips for ``cannot_fill``)."""
    needed_frames: int
    """``cannot_fill``: the least message time this length needs, even with the cards held longest."""
    cut_frames: int
    """``under_minimum``: the shortest message a fit would leave."""
    minimum_frames: int
    fixes: tuple[Fix, ...]


def minimum_frames(template: Template) -> int:
    """The shortest a fit may cut a message to (the brand's ``min_message_s``)."""
    return hold_frames(template.brand.min_message_s)


def _trial(spot: Spot, template: Template) -> Spot | None:
    """``spot`` fitted on ``template`` (a copy), or None when the messages cannot fill it."""
    trial = Spot(template, spot.spot_id, list(spot.placements))
    try:
        trial.fit()
    except (ClipTooShort, TimelineError, ValueError):
        return None
    return trial


def _shortest_cut(spot: Spot) -> int | None:
    """The shortest message a fit trimmed (a clip used whole is the sender's choice, not a cut)."""
    cut = [p.frames for p in spot.placements if p is not None and p.frames < p.clip.frames]
    return min(cut) if cut else None


def _readable(spot: Spot) -> bool:
    cut = _shortest_cut(spot)
    return cut is None or cut >= minimum_frames(spot.template)


def _template(spot: Spot, seconds: int, slots: int | None = None) -> Template | None:
    t = spot.template
    try:
        return Template.standard(seconds, slots=slots or t.slot_count, transition=t.transition, brand=t.brand)
    except ValueError:
        return None


def _fitting(spot: Spot, longer: bool) -> list[Spot]:
    """The spot fitted at each length broadcasters sell, shorter or longer, nearest first, where a fit works
    and reads well."""
    now = spot.template.seconds
    lengths = sorted((s for s in SPOT_LENGTHS_S if (s > now if longer else s < now)), reverse=not longer)
    found = []
    for seconds in lengths:
        template = _template(spot, seconds)
        trial = None if template is None else _trial(spot, template)
        if trial is not None and _readable(trial):
            found.append(trial)
    return found


def _other_length(spot: Spot, longer: bool) -> int | None:
    """The nearest length broadcasters sell, shorter or longer, at which a fit works and reads well."""
    found = _fitting(spot, longer)
    return found[0].template.seconds if found else None


def _closer_length(spot: Spot, fitted: Spot) -> int | None:
    """A shorter length the messages fill with fewer held card seconds than ``fitted`` (the least; the
    longer of two equal ones), or None: the length that suits messages shorter than their share."""
    found = [t for t in _fitting(spot, longer=False) if t.slack.total < fitted.slack.total]
    if not found:
        return None
    return min(found, key=lambda t: (t.slack.total, -t.template.seconds)).template.seconds


def advise(spot: Spot, selected: int = 0) -> Advice | None:
    """What is wrong with the length of a complete spot and how to fix it; None when it is exact or a slot
    is still empty (then the empty slot is the thing to say). ``selected``: the message a "one message
    fewer" fix removes."""
    if spot.empty_slots() or spot.exact:
        return None
    t = spot.template
    placed = spot.total_frames
    messages = [p for p in spot.placements if p is not None]
    own = sum(p.frames for p in messages)
    here = _trial(spot, t)
    minimum = minimum_frames(t)
    fixes: list[Fix] = []
    if here is not None and _readable(here):
        kind: AdviceKind = "short" if placed < t.total_frames else "long"
        fixes.append(Fix("fit", seconds=t.seconds))
        closer = _closer_length(spot, here) if here.slack.total else None
        if closer is not None:
            fixes.append(Fix("length", seconds=closer))
        missing = t.total_frames - placed
        outro_now = t.outro_frames + spot.slack.outro
        if 0 < missing and outro_now + missing <= hold_frames(t.brand.outro_hold.max_s):
            fixes.append(Fix("hold_outro", frames=missing))
        return Advice(kind, placed, t.total_frames, len(messages), own, 0, 0, minimum, tuple(fixes))
    if here is None:
        kind, longer = "cannot_fill", False
    else:
        kind, longer = "under_minimum", True
    seconds = _other_length(spot, longer)
    if seconds is not None:
        fixes.append(Fix("length", seconds=seconds))
    if kind == "under_minimum" and t.slot_count > 1:
        fixes.append(Fix("remove_message", slot=max(0, min(selected, t.slot_count - 1))))
    if kind == "under_minimum":
        fixes.append(Fix("fit_anyway", seconds=t.seconds))
    whole = sum(p.clip.frames for p in messages)
    needed = max(0, t.message_frames - max_slack(t))
    cut = (_shortest_cut(here) or 0) if here is not None else 0
    return Advice(kind, placed, t.total_frames, len(messages), whole, needed, cut, minimum, tuple(fixes))


def fit_checked(spot: Spot, selected: int = 0) -> Advice | None:
    """Fit ``spot`` in place when the fit works and leaves every cut message readable; otherwise leave it as
    it is and return the advice (the clips cannot fill the length, or the messages would be cut too short)."""
    trial = _trial(spot, spot.template)
    if trial is None or not _readable(trial):
        return advise(spot, selected) or Advice(
            "cannot_fill", spot.total_frames, spot.template.total_frames, 0, 0, 0, 0,
            minimum_frames(spot.template), ())
    spot.placements, spot.slack = trial.placements, trial.slack
    return None


def apply_fix(spot: Spot, fix: Fix) -> Spot:
    """The spot with ``fix`` applied (``spot`` itself when the length stays; a new one on another template).

    Raises ClipTooShort or TimelineError when the spot changed since the fix was proposed and it no longer
    works (the editor then advises again)."""
    if fix.kind in ("fit", "fit_anyway"):
        spot.fit()
        return spot
    if fix.kind == "hold_outro":
        spot.slack = replace(spot.slack, outro=spot.slack.outro + fix.frames)
        spot.validate()
        return spot
    if fix.kind == "length":
        template = _template(spot, fix.seconds)
        if template is None:
            raise TimelineError(f"no {fix.seconds} s template for {spot.template.slot_count} messages")
        changed = spot.with_template(template)
        changed.fit()
        return changed
    slots = spot.template.slot_count - 1
    template = _template(spot, spot.template.seconds, slots)
    if template is None or slots < 1:
        raise TimelineError("a spot needs at least one message")
    kept = [p for i, p in enumerate(spot.placements) if i != fix.slot]
    changed = Spot(template, spot.spot_id, kept)
    changed.fit()
    return changed
