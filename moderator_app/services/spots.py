"""Glue between the cache and the spot core: approved clips become SpotClips, spots are saved and reloaded.

The window and ``moderator-app spot export`` both build spots through here, so the rule "only approved clips
with broadcast consent, given under terms the campaign accepts, go on air" is read from the same rows in both. What blocks a preview or an export
(``blocked``) and which placed clips may no longer air (``clip_states``, ``airing_problems``) are decided here
too, so the editor only words them. No Qt and no SQL here (that is ``db.spots``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any, Literal

from moderator_app.db import decisions, erasure, queue, spots
from moderator_app.db.cache import Cache
from moderator_app.db.connection import ensure_private_dir
from moderator_app.db.decisions import UnknownSubmission
from moderator_app.db.queue import QueueFilter
from moderator_app.db.spots import Attention
from moderator_app.db.unit import transaction
from moderator_app.models import Flag
from moderator_app.services.consent import accepted_terms, terms_accepted
from moderator_app.services.review import blocking_flags
from moderator_app.spot.brand import DEFAULT_BRAND, Brand, BrandError, campaign_brand
from moderator_app.spot.errors import ClipNotAllowed
from moderator_app.spot.model import (
    Placement,
    Slack,
    Spot,
    SpotClip,
    Template,
    Transition,
    check_allowed,
    clamp_trim,
)

__all__ = [
    "Attention", "Blocked", "Candidate", "ClipState", "SpotService", "airing_problems", "apply_clip_states",
    "attention_to_dict", "blocked", "default_output", "is_exact", "template_from_dict", "template_to_dict",
    "valid_spot_id",
]  # fmt: skip

_SPOT_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")


@dataclass(frozen=True, slots=True)
class Candidate:
    """One row of the editor's clip picker: an approved clip with broadcast consent under accepted terms."""

    clip: SpotClip
    country: str
    recipient: str
    sender: str
    findings: tuple[str, ...] | None
    """None when the checks have not reached the clip yet."""
    flags: tuple[Flag, ...] = ()
    """The flags the moderator left on the approved clip, in catalogue order (codes and both labels)."""
    blocking: tuple[str, ...] = ()
    """Those of ``flags`` the campaign marks as blocking (minor shown, personal data …): show them loudly."""


def valid_spot_id(spot_id: str) -> str:
    """Spot ids name files (``{id}_{preset}.mxf``): letters, digits, ``_ . -`` only."""
    if not _SPOT_ID.match(spot_id):
        raise ValueError(f"invalid spot id {spot_id!r}: use letters, digits, '_', '.', '-' (64 at most)")
    return spot_id


def template_to_dict(template: Template) -> dict[str, Any]:
    return {
        "total_frames": template.total_frames,
        "intro_frames": template.intro_frames,
        "outro_frames": template.outro_frames,
        "slot_count": template.slot_count,
        "transition": template.transition,
        "dissolve_frames": template.dissolve_frames,
        "min_message_frames": template.min_message_frames,
    }


def template_from_dict(data: dict[str, Any], brand: Brand = DEFAULT_BRAND) -> Template:
    transition: Transition = "dissolve" if data.get("transition") == "dissolve" else "cut"
    return Template(
        total_frames=int(data["total_frames"]),
        intro_frames=int(data["intro_frames"]),
        outro_frames=int(data["outro_frames"]),
        slot_count=int(data["slot_count"]),
        transition=transition,
        dissolve_frames=int(data.get("dissolve_frames", 8)),
        min_message_frames=int(data.get("min_message_frames", 25)),
        brand=brand,
    )


def _placement_to_dict(p: Placement | None) -> dict[str, Any] | None:
    if p is None:
        return None
    return {"submission_id": p.clip.submission_id, "in_frame": p.in_frame, "out_frame": p.out_frame, "title": p.title}


class SpotService:
    def __init__(self, cache: Cache, brand: Brand | None = None) -> None:
        """``brand``: the look to use; by default the campaign's (its data folder's brand file)."""
        self.cache = cache
        self._brand = brand
        self.brand_error: str | None = None
        """Why the campaign's brand file could not be used (the neutral defaults are used instead)."""

    @property
    def brand(self) -> Brand:
        if self._brand is None:
            try:
                self._brand = campaign_brand(self.cache.data_dir)
            except BrandError as exc:
                self.brand_error = str(exc)
                self._brand = DEFAULT_BRAND
        return self._brand

    def template(self, seconds: int = 30, *, slots: int = 3, transition: Transition = "cut") -> Template:
        """The standard template in the campaign's brand."""
        return Template.standard(seconds, slots=slots, transition=transition, brand=self.brand)

    # reads ------------------------------------------------------------------------------------

    def _clip_from_row(self, row: dict[str, Any], accepted: list[str]) -> SpotClip:
        version = row.get("consent_terms")
        return SpotClip(
            submission_id=row["id"],
            path=self.cache.clip_path(row["clip_file"]),
            duration_s=float(row["duration_s"] or 0.0),
            approved=row["status"] == "approved",
            consent_broadcast=bool(row["consent_broadcast"]),
            recipient_first_name=row["recipient_first"],
            sender_first_name=row["sender_first"],
            language=row.get("language"),
            terms_version=version,
            terms_accepted=terms_accepted(accepted, version),
        )

    def clip_from_row(self, row: dict[str, Any], accepted: list[str] | None = None) -> SpotClip:
        """A SpotClip from a row with the submission's status, consent, first names, clip file and duration
        (planners that read thousands of rows at once build clips without one query each: they pass the
        campaign's ``accepted`` terms versions, read once)."""
        return self._clip_from_row(row, accepted_terms(self.cache) if accepted is None else accepted)

    def clip(self, submission_id: str) -> SpotClip:
        """The clip as it stands now (approved or not: ``Spot.place`` refuses the ones not allowed).

        Raises UnknownSubmission when the cache has no such submission or no clip for it.
        """
        row = spots.clip_row(self.cache.db, submission_id)
        if row is None:
            raise UnknownSubmission(submission_id)
        return self._clip_from_row(row, accepted_terms(self.cache))

    def candidates(self, search: str = "", country: str | None = None, finding: str | None = None,
                   without_findings: bool = False) -> list[Candidate]:
        """Approved clips with broadcast consent under accepted terms, newest first, filtered like the queue."""
        db = self.cache.db
        accepted = accepted_terms(self.cache)
        f = QueueFilter(status="approved", country=country or None, finding=finding or None, search=search,
                        descending=True)
        found = queue.rows(db, queue.rowids(db, f))
        clips = spots.clip_files(db, [r["id"] for r in found.values() if r["consent_broadcast"]])
        out: list[Candidate] = []
        catalogue, blocking = decisions.flag_catalogue(db), set(blocking_flags(self.cache))
        for row in sorted(found.values(), key=lambda r: r["received_at"], reverse=True):
            c = clips.get(row["id"])
            if c is None or not row["consent_broadcast"] or not terms_accepted(accepted, c["consent_terms"]):
                continue
            findings = None if row["findings"] is None else tuple(row["findings"])
            if without_findings and findings != ():
                continue  # "no findings" means checked and clean, not "not checked yet"
            clip = self._clip_from_row({**row, "clip_file": c["file"], "duration_s": c["duration_s"],
                                        "consent_terms": c["consent_terms"], "language": c["language"]}, accepted)
            out.append(Candidate(
                clip=clip,
                country=row["country"],
                recipient=f"{row['recipient_first']} {row['recipient_last']}",
                sender=f"{row['sender_first']} {row['sender_last']}",
                findings=findings,
                flags=tuple(f for f in catalogue if f.code in (row.get("flags") or ())),
                blocking=tuple(c for c in (row.get("flags") or ()) if c in blocking),
            ))
        return out

    def countries(self) -> list[str]:
        return queue.countries(self.cache.db)

    def finding_codes(self) -> list[str]:
        """Finding codes present among approved clips (the picker's filter offers only those)."""
        return spots.approved_finding_codes(self.cache.db)

    # building ---------------------------------------------------------------------------------

    def build_spot(self, submission_ids: list[str], seconds: int = 30, spot_id: str = "spot") -> Spot:
        """A spot from the standard template with one slot per id, fitted to the exact length.

        Raises UnknownSubmission, ClipNotAllowed (not approved / no consent / terms not accepted) or ClipTooShort.
        """
        if not submission_ids:
            raise ValueError("a spot needs at least one clip")
        clips = [self.clip(sid) for sid in submission_ids]  # all lookups first: "not found" wins over refusals
        spot = Spot(self.template(seconds, slots=len(clips)), valid_spot_id(spot_id))
        for slot, clip in enumerate(clips):
            spot.place(slot, clip)
        spot.fit()
        return spot

    # persistence ------------------------------------------------------------------------------

    def save(self, spot: Spot) -> None:
        """The template is saved with the slack its cards took at the last fit, so a reloaded spot is the
        timeline the editor showed."""
        spots.save_spot(
            self.cache.db,
            valid_spot_id(spot.spot_id),
            {**template_to_dict(spot.template), "slack": spot.slack.to_dict()},
            [_placement_to_dict(p) for p in spot.placements],
        )

    def load(self, spot_id: str) -> Spot | None:
        """The saved spot with its clips as they are now; a clip no longer allowed stays in its slot so the
        editor can show why (``attention``) and export refuses it. A clip gone from the cache empties its slot."""
        row = spots.load_spot(self.cache.db, spot_id)
        if row is None:
            return None
        slack = Slack.from_dict(row.template.get("slack"))
        spot = Spot(template_from_dict(row.template, self.brand), row.spot_id, slack=slack)
        for slot, data in enumerate(row.placements[: spot.template.slot_count]):
            if data is None:
                continue
            try:
                clip = self.clip(str(data["submission_id"]))
            except UnknownSubmission:
                continue
            in_frame, out_frame = clamp_trim(clip, int(data["in_frame"]), int(data["out_frame"]))
            spot.placements[slot] = Placement(clip, in_frame, out_frame, str(data["title"]))
        return spot

    def saved_ids(self) -> list[str]:
        return [row.spot_id for row in spots.list_spots(self.cache.db)]

    def delete(self, spot_id: str) -> None:
        spots.delete_spot(self.cache.db, spot_id)

    def attention(self, spot_id: str | None = None) -> list[Attention]:
        """Saved spots' slots whose clip may no longer air: lost approval or consent, or terms not accepted."""
        marks = spots.spots_needing_attention(self.cache.db, spot_id)
        accepted = accepted_terms(self.cache)
        if accepted:
            seen = {(a.spot_id, a.slot) for a in marks}
            marks += [Attention(sid, slot, sub, "terms_not_accepted")
                      for sid, slot, sub, version in spots.placed_terms(self.cache.db, spot_id)
                      if (sid, slot) not in seen and not terms_accepted(accepted, version)]
            marks.sort(key=lambda a: (a.spot_id, a.slot))
        return marks

    def clip_states(self, placements: Sequence[Placement | None]) -> list[ClipState]:
        """The placed clips' approval and consent as the cache has them now, so a clip that lost its approval
        since it was placed also blocks a spot that was never saved. A clip gone from the cache may not air."""
        states = []
        for slot, placement in enumerate(placements):
            if placement is None:
                continue
            try:
                clip = self.clip(placement.clip.submission_id)
            except UnknownSubmission:
                states.append(ClipState(slot, False, False))
                continue
            states.append(ClipState(slot, clip.approved, clip.consent_broadcast, clip.terms_accepted))
        return states

    def record_export(self, spot: Spot, path: Path, preset: str) -> None:
        """Remember a rendered master and the messages it carries, so an erase can list or delete it."""
        ids = [p.clip.submission_id for p in spot.placements if p is not None]
        with transaction(self.cache.db):
            erasure.record_export(self.cache.db, spot.spot_id, str(path.resolve()), preset, ids)

    @property
    def export_folder(self) -> Path:
        """Where the editor proposes to write deliveries: the campaign's data folder, in a folder of the
        app's own that is private (masters show private people's faces; the data folder may be shared)."""
        return ensure_private_dir(self.cache.data_dir / "spots")


# what may be previewed, exported, aired ---------------------------------------------------------------

BlockedKind = Literal["empty_slot", "not_allowed", "not_exact"]


@dataclass(frozen=True, slots=True)
class Blocked:
    """Why a spot cannot be previewed or exported now (the window words it in the user's language)."""

    kind: BlockedKind
    slot: int | None = None
    detail: str = ""
    """For ``not_allowed``: the refusal, naming the clip and why."""


def is_exact(spot: Spot) -> bool:
    """Complete and exactly the template's length (dissolves included): what render and export accept."""
    return spot.exact


def blocked(spot: Spot) -> Blocked | None:
    """The first reason ``spot`` cannot be previewed or exported, or None: an empty slot, a clip that may not
    air (as the spot knows it: refresh it with ``apply_clip_states``), or a length that is not exact."""
    for slot, placement in enumerate(spot.placements):
        if placement is None:
            return Blocked("empty_slot", slot)
        try:
            check_allowed(placement.clip)
        except ClipNotAllowed as exc:
            return Blocked("not_allowed", slot, str(exc))
    if not is_exact(spot):
        return Blocked("not_exact")
    return None


@dataclass(frozen=True, slots=True)
class ClipState:
    """A placed clip's approval and consent (and whether its terms version is accepted) as the cache has them now."""

    slot: int
    approved: bool
    consent_broadcast: bool
    terms_accepted: bool = True


def apply_clip_states(spot: Spot, states: Sequence[ClipState]) -> None:
    """Bring the placed clips' approval and consent up to date, so ``blocked`` and ``airing_problems`` see
    decisions taken since the clips were placed (in the review window, say)."""
    for state in states:
        p = spot.placements[state.slot] if state.slot < len(spot.placements) else None
        now = (state.approved, state.consent_broadcast, state.terms_accepted)
        if p is not None and (p.clip.approved, p.clip.consent_broadcast, p.clip.terms_accepted) != now:
            clip = replace(p.clip, approved=state.approved, consent_broadcast=state.consent_broadcast,
                           terms_accepted=state.terms_accepted)
            spot.placements[state.slot] = replace(p, clip=clip)


def airing_problems(spot: Spot) -> list[Attention]:
    """Placed clips that may not air as the spot knows them: ``not_approved`` first, else ``no_consent``,
    else ``terms_not_accepted``."""
    return [
        Attention(spot.spot_id, slot, p.clip.submission_id, _airing_reason(p.clip))
        for slot, p in enumerate(spot.placements)
        if p is not None and not p.clip.may_air
    ]


def _airing_reason(clip: SpotClip) -> str:
    if not clip.approved:
        return "not_approved"
    return "no_consent" if not clip.consent_broadcast else "terms_not_accepted"


def attention_to_dict(item: Attention) -> dict[str, Any]:
    return asdict(item)


def default_output(folder: Path, spot: Spot, preset_name: str, extension: str) -> Path:
    return folder / f"{spot.spot_id}_{preset_name}.{extension}"
