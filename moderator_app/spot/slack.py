"""Where the time goes that few-second messages cannot fill: the cards hold it, within the brand's holds.

#OnResteEnsemble's senders filmed "quelques secondes": three messages of 4 to 8 s leave a 30 s spot 7 to
13 s short of its message time. A message is never slowed, looped or frozen; instead the intro and outro
cards hold longer and, where the brand allows, a short brand card goes between messages. Each card stays
between the shortest and longest hold the brand sets (``Brand.intro_hold`` etc.); only when the longest
cards cannot fill the length is the spot refused (``ClipTooShort``), saying how much is missing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from moderator_app.spot.brand import Brand
from moderator_app.spot.timecode import FPS


class CardShape(Protocol):
    """What of a template the slack depends on (``model.Template`` is one)."""

    @property
    def intro_frames(self) -> int: ...
    @property
    def outro_frames(self) -> int: ...
    @property
    def slot_count(self) -> int: ...
    @property
    def transition(self) -> str: ...
    @property
    def dissolve_frames(self) -> int: ...
    @property
    def brand(self) -> Brand: ...


@dataclass(frozen=True, slots=True)
class Slack:
    """Where the time went that the messages could not fill, in frames: added to the intro and outro
    cards, and the length of each brand card between two messages (0: none after that message)."""

    intro: int = 0
    outro: int = 0
    between: tuple[int, ...] = ()

    @property
    def total(self) -> int:
        return self.intro + self.outro + sum(self.between)

    def to_dict(self) -> dict[str, object]:
        """For reports and saved spots: frames, and seconds for a reader."""
        return {
            "intro_frames": self.intro,
            "outro_frames": self.outro,
            "between_frames": list(self.between),
            "total_frames": self.total,
            "total_s": round(self.total / FPS, 2),
        }

    @classmethod
    def from_dict(cls, data: object) -> Slack:
        """A saved spot's slack; anything unreadable is no slack (the spot then asks for a fit)."""
        if not isinstance(data, dict):
            return cls()
        try:
            between = tuple(max(0, int(n)) for n in data.get("between_frames", ()))
            return cls(max(0, int(data.get("intro_frames", 0))), max(0, int(data.get("outro_frames", 0))), between)
        except (TypeError, ValueError):
            return cls()


def hold_frames(seconds: float) -> int:
    """A brand hold in whole frames."""
    return round(seconds * FPS)


def _holds(template: CardShape) -> tuple[int, int, int, int, int]:
    """(intro room, outro room, between-card count, shortest and longest between card) in frames: how much
    longer than the template the intro and outro may hold, and the cards the brand allows between messages.
    Under dissolves a card between messages adds a join, so it gives its length less one dissolve."""
    brand = template.brand
    intro = max(0, hold_frames(brand.intro_hold.max_s) - template.intro_frames)
    outro = max(0, hold_frames(brand.outro_hold.max_s) - template.outro_frames)
    hold = brand.between_hold
    if hold is None or template.slot_count < 2:
        return intro, outro, 0, 0, 0
    overlap = template.dissolve_frames if template.transition == "dissolve" else 0
    low = max(hold_frames(hold.min_s), 2 * overlap + 1)
    high = hold_frames(hold.max_s)
    if high < low:
        return intro, outro, 0, 0, 0
    return intro, outro, template.slot_count - 1, low, high


def max_slack(template: CardShape) -> int:
    """The most message time the cards can take over (all held to their longest)."""
    intro, outro, count, _low, high = _holds(template)
    overlap = template.dissolve_frames if template.transition == "dissolve" else 0
    return intro + outro + count * (high - overlap)


def taken(template: CardShape, slack: Slack) -> int:
    """Message time the cards take over with ``slack`` (a card between messages adds a dissolve's overlap)."""
    overlap = template.dissolve_frames if template.transition == "dissolve" else 0
    return slack.intro + slack.outro + sum(n - overlap for n in slack.between if n)


def absorb(template: CardShape, slack: int) -> Slack | int:
    """Share ``slack`` frames of unfilled message time among the cards, or the frames still missing.

    Intro and outro hold longer first, in proportion to the room each has; only when they cannot take it
    all does a card go between every two messages, all of one length (leftover frames to the first ones),
    at least the brand's shortest, at most its longest — the intro and outro giving back what the cards
    between take beyond the rest, so no card is held longer than it needs.
    """
    if slack <= 0:
        return Slack()
    intro_room, outro_room, count, low, high = _holds(template)
    overlap = template.dissolve_frames if template.transition == "dissolve" else 0
    room = intro_room + outro_room
    between: tuple[int, ...] = ()
    rest = slack
    if slack > room:
        if count == 0:
            return slack - room
        per = max(low, -(-(slack - room) // count) + overlap)  # each card gives its length less one dissolve
        if per > high:
            return slack - room - count * (high - overlap)
        extra = slack - room - count * (per - overlap)
        cards = [per] * count
        if extra > 0:
            base, spare = divmod(extra, count)
            cards = [per + base + (1 if i < spare else 0) for i in range(count)]
        between = tuple(cards)
        rest = slack - sum(n - overlap for n in between)
        if rest < 0:  # even the shortest cards between messages overshoot: the messages give the rest back
            return Slack(0, 0, between)
    intro = round(rest * intro_room / room) if room else 0
    return Slack(intro, rest - intro, between)
