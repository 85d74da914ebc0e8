"""Feedback in words: a decided clip named the way a moderator knows it, blocking flags asked about.

"Approved: message for Jeannine from Lucas — Ctrl+Z to undo" instead of "Approved: sub-000101 — saved".
Names come from the public: they are shown as typed (status bar and message boxes are plain text).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from moderator_app.config import KEY_BINDINGS
from moderator_app.models import Decision
from moderator_app.services.review import ReviewService
from moderator_app.ui.keymap import effective
from moderator_app.ui.plaintext import plain_message_box
from moderator_app.ui.review.decision_panel import DecisionPanel
from moderator_app.ui.shortcuts import native_key


def clip_words(review: ReviewService, sid: str) -> str:
    """"message for Jeannine from Lucas"; the id only when the names are gone (erased)."""
    names = review.names(sid)
    if names.recipient and names.sender:
        return QCoreApplication.translate("Feedback", "message for {recipient} from {sender}").format(recipient=names.recipient, sender=names.sender)
    if names.recipient:
        return QCoreApplication.translate("Feedback", "message for {recipient}").format(recipient=names.recipient)
    return QCoreApplication.translate("Feedback", "message {id}").format(id=sid)


def undo_key() -> str:
    return next((native_key(b) for b in effective(KEY_BINDINGS) if b.action == "undo"), "")


def decision_word(decision: str) -> str:
    return {"approved": QCoreApplication.translate("Feedback", "Approved"), "rejected": QCoreApplication.translate("Feedback", "Rejected"), "queued": QCoreApplication.translate("Feedback", "Back to review")}.get(
        decision, decision)


def decided_message(review: ReviewService, d: Decision) -> str:
    return QCoreApplication.translate("Feedback", "{decision}: {clip} — {key} to undo").format(
        decision=decision_word(d.decision), clip=clip_words(review, d.submission_id), key=undo_key())


def undone_message(review: ReviewService, d: Decision) -> str:
    clip = clip_words(review, d.submission_id)
    if d.decision == "queued":
        return QCoreApplication.translate("Feedback", "Undone: {clip} is back to review, with its flags and note").format(clip=clip)
    return QCoreApplication.translate("Feedback", "Undone: {clip} is {decision} again").format(clip=clip, decision=decision_word(d.decision).lower())


def confirm_blocking(parent: QWidget, review: ReviewService, panel: DecisionPanel) -> list[str] | None:
    """Before approving: the ticked flags the campaign marks as blocking, once the moderator confirmed them
    (``[]`` when there are none); ``None`` when they cancelled. Cancel is the default, so Enter (or a
    second A) does not approve by accident."""
    blocking = set(review.blocking_flags())
    codes = [code for code in panel.checked_flags() if code in blocking]
    if not codes:
        return []
    names = "\n".join("• " + panel.label_of(code) for code in codes)
    box = QMessageBox(QMessageBox.Icon.Warning, QCoreApplication.translate("Feedback", "Approve despite a blocking flag?"),
                      QCoreApplication.translate("Feedback", "This clip is flagged:\n{flags}\n\nThe campaign does not air such clips without a second "
                          "look. Approve it anyway?").format(flags=names),
                      QMessageBox.StandardButton.NoButton, parent)
    box.setObjectName("blockingConfirm")
    approve = box.addButton(QCoreApplication.translate("Feedback", "Approve anyway"), QMessageBox.ButtonRole.AcceptRole)
    approve.setObjectName("approveAnyway")
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(cancel)
    box.setEscapeButton(cancel)
    plain_message_box(box).exec()
    return codes if box.clickedButton() is approve else None
