"""The editor's words for what stops a spot: why it cannot be previewed or exported, and which placed clips
may no longer air. The rules are the service's (``services.spots.blocked`` / ``airing_problems``); this module
only words them, in the editor's translation context (see ``editor``)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from moderator_app.services.spots import airing_problems, blocked
from moderator_app.spot.model import Spot, SpotClip


def blocked_words(spot: Spot) -> str | None:
    """Why ``spot`` cannot be previewed or exported now, in the user's words, or None."""
    reason = blocked(spot)
    if reason is None:
        return None
    if reason.kind == "empty_slot":
        return QCoreApplication.translate("SpotEditorWindow", "Slot {n} is empty.").format(n=(reason.slot or 0) + 1)
    if reason.kind == "not_allowed":
        placed = spot.placements[reason.slot or 0]
        return not_allowed_words(placed.clip) if placed is not None else reason.detail
    return QCoreApplication.translate("SpotEditorWindow", "The spot is not exactly {frames} frames: fit it or trim the messages.").format(
        frames=spot.template.total_frames)


def airing_words(spot: Spot) -> str:
    """The red warning over the preview: the placed clips that may not air, or "" when every one may."""
    words = {"not_approved": QCoreApplication.translate("SpotEditorWindow", "Slot {n}: clip {id} is no longer approved."),
             "no_consent": QCoreApplication.translate("SpotEditorWindow", "Slot {n}: clip {id} has lost its broadcast consent."),
             "terms_not_accepted": QCoreApplication.translate("SpotEditorWindow", "Slot {n}: clip {id} was consented under terms the campaign does not accept.")}
    lines = [words[a.reason].format(n=a.slot + 1, id=a.submission_id) for a in airing_problems(spot)]
    if not lines:
        return ""
    return QCoreApplication.translate("SpotEditorWindow", "This spot cannot air as it is. Replace these clips:") + "\n" + "\n".join(lines)


def not_allowed_words(clip: SpotClip) -> str:
    """Why a clip may not go on air, in the user's words (the core's reason is the CLI's English)."""
    if not clip.approved:
        return QCoreApplication.translate("SpotEditorWindow", "Clip {id} cannot go on air: it is not approved.").format(
            id=clip.submission_id)
    if not clip.consent_broadcast:
        return QCoreApplication.translate(
            "SpotEditorWindow", "Clip {id} cannot go on air: the sender did not consent to broadcast.").format(
            id=clip.submission_id)
    return QCoreApplication.translate(
        "SpotEditorWindow", "Clip {id} cannot go on air: its consent terms are not accepted by the campaign.").format(
        id=clip.submission_id)
