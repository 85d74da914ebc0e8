"""Who the clip is for and from, large and readable, whatever the script.

Every label showing submitted text is plain text (a name is never interpreted as HTML) and takes
its direction from its own content, so an Arabic name reads right-to-left in a French window.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFormLayout, QFrame, QLabel, QSizePolicy, QVBoxLayout, QWidget

from moderator_app.base.text import is_rtl


def plain_label(parent: QWidget, point_delta: int = 0, bold: bool = False) -> QLabel:
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
    if point_delta or bold:
        font = QFont(label.font())
        font.setPointSizeF(font.pointSizeF() + point_delta)
        font.setBold(bold)
        label.setFont(font)
    return label


def set_text(label: QLabel, text: str) -> None:
    """Show ``text`` aligned by its own direction (Arabic right, Latin left)."""
    label.setText(text)
    side = Qt.AlignmentFlag.AlignRight if is_rtl(text) else Qt.AlignmentFlag.AlignLeft
    # absolute: inside a right-to-left paragraph Qt would otherwise mirror "right" back to the left
    label.setAlignment(side | Qt.AlignmentFlag.AlignAbsolute | Qt.AlignmentFlag.AlignVCenter)


class DetailsPanel(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.NoFrame)
        layout = QVBoxLayout(self)
        self.for_caption = QLabel(self)
        self.recipient = plain_label(self, 9, True)
        self.recipient.setObjectName("recipientName")
        self.from_caption = QLabel(self)
        self.sender = plain_label(self, 6, True)
        self.sender.setObjectName("senderName")
        self.message = plain_label(self, 2)
        self.message.setObjectName("message")
        layout.addWidget(self.for_caption)
        layout.addWidget(self.recipient)
        layout.addWidget(self.from_caption)
        layout.addWidget(self.sender)
        layout.addSpacing(6)
        layout.addWidget(self.message)
        form = QFormLayout()
        self.fields: dict[str, QLabel] = {}
        self._captions: dict[str, QLabel] = {}
        for key in ("relationship", "town", "country", "received", "consent", "terms", "given", "clip", "id"):
            caption = QLabel(self)
            value = plain_label(self)
            self.fields[key] = value
            self._captions[key] = caption
            form.addRow(caption, value)
        layout.addLayout(form)
        layout.addStretch(1)
        self.retranslate()
        self.show_submission(None)

    def retranslate(self) -> None:
        self.for_caption.setText(self.tr("For"))
        self.from_caption.setText(self.tr("From"))
        captions = {
            "relationship": self.tr("Relationship"),
            "town": self.tr("Town"),
            "country": self.tr("Country"),
            "received": self.tr("Received"),
            "consent": self.tr("Broadcast consent"),
            "terms": self.tr("Terms version"),
            "given": self.tr("Consent given"),
            "clip": self.tr("Clip"),
            "id": self.tr("Submission"),
        }
        for key, text in captions.items():
            self._captions[key].setText(text)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def show_submission(self, sub: dict[str, Any] | None) -> None:
        if sub is None:
            for label in (self.recipient, self.sender, self.message, *self.fields.values()):
                label.clear()
            self.recipient.setText(self.tr("Nothing selected"))
            return
        if sub.get("purged_at"):  # the names, message and clip are gone; the decision and consent record stay
            set_text(self.recipient, self.tr("Purged on {date}").format(date=_utc(sub["purged_at"])[:10]))
            set_text(self.sender, "")
        else:
            set_text(self.recipient, f"{sub['recipient_first']} {sub['recipient_last']}")
            set_text(self.sender, f"{sub['sender_first']} {sub['sender_last']}")
        set_text(self.message, sub.get("message") or "")
        set_text(self.fields["relationship"], sub.get("relationship") or "—")
        set_text(self.fields["town"], sub.get("town") or "—")
        self.fields["country"].setText(str(sub["country"]))
        self.fields["received"].setText(_utc(sub["received_at"]))
        consent = bool(sub["consent_broadcast"])
        self.fields["consent"].setText(self.tr("Yes") if consent else self.tr("No — screening only, never broadcast"))
        self.fields["consent"].setStyleSheet("" if consent else "color: #b3261e; font-weight: bold;")
        self.show_terms(sub.get("consent_terms"), sub.get("terms_accepted", True))
        self.fields["given"].setText(_utc(sub["consent_given_at"]) if sub.get("consent_given_at") else "—")
        duration = sub.get("duration_s")
        if duration is not None:
            self.fields["clip"].setText(
                self.tr("{seconds:.1f} s, {width}×{height}").format(
                    seconds=float(duration), width=sub.get("width"), height=sub.get("height")
                )
            )
        else:
            self.fields["clip"].setText("—")
        self.fields["id"].setText(str(sub["id"]))

    def show_terms(self, version: str | None, accepted: bool) -> None:
        """The terms version the sender agreed to, in red when the campaign does not accept it (no spot)."""
        text = version or self.tr("not given")
        if not accepted:
            text = self.tr("{version} — not accepted by the campaign, cannot go into a spot").format(version=text)
        set_text(self.fields["terms"], text)
        self.fields["terms"].setStyleSheet("" if accepted else "color: #b3261e; font-weight: bold;")


def _utc(stamp: object) -> str:
    """``2020-04-01T09:59:00Z`` as ``2020-04-01 09:59:00 UTC``."""
    return str(stamp).replace("T", " ").removesuffix("Z") + " UTC"
