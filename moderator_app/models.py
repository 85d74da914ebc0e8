"""Plain data shared by every layer (no Qt, no SQL).

Records cross the boundary between the untrusted outside (inbox files, HTTP) and the cache only
as these validated types, so nothing downstream ever handles raw input.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

Status = Literal["queued", "approved", "rejected"]
DecisionValue = Literal["approved", "rejected", "queued"]
"""``queued`` is only written by undo, to return a submission to the undecided state."""

STATUSES: tuple[str, ...] = ("queued", "approved", "rejected")


@dataclass(frozen=True, slots=True)
class Person:
    first_name: str
    last_name: str


@dataclass(frozen=True, slots=True)
class Submission:
    """A validated submission record (see docs/queue-contract.md)."""

    id: str
    campaign: str
    received_at: str
    country: str
    recipient: Person
    sender: Person
    consent_broadcast: bool
    consent_given_at: str
    language: str | None = None
    relationship: str | None = None
    town: str | None = None
    sender_email: str | None = None
    sender_phone: str | None = None
    message: str | None = None
    consent_terms_version: str | None = None
    clip_name: str | None = None
    """Folder contract: the clip's file name, already checked to be a bare, safe name."""
    clip_url: str | None = None
    """HTTP contract: where to download the clip."""
    clip_sha256: str | None = None
    clip_size: int | None = None
    clip_content_type: str | None = None
    raw: dict[str, Any] = field(default_factory=dict)
    """The record as received, unknown fields included."""


@dataclass(frozen=True, slots=True)
class ClipProbe:
    """What a decode pass learnt about a clip; enough to trust it plays."""

    container: str
    duration_s: float
    width: int
    height: int
    rotation: int
    video_codec: str
    audio_codec: str | None
    frames_decoded: int


@dataclass(frozen=True, slots=True)
class CachedClip:
    file: str
    """File name inside the cache's clips folder, built from the validated id only."""
    sha256: str
    size: int
    probe: ClipProbe


@dataclass(frozen=True, slots=True)
class Decision:
    submission_id: str
    decision: DecisionValue
    flags: tuple[str, ...] = ()
    note: str = ""
    moderator: str = ""
    decided_at: str = ""
    key: str = ""
    seq: int = 0


@dataclass(frozen=True, slots=True)
class Flag:
    code: str
    label_fr: str
    label_en: str


@dataclass(frozen=True, slots=True)
class QuarantineItem:
    source: str
    reason: str
    at: str
    record_id: str | None = None
