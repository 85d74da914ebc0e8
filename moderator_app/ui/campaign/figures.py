"""The dashboard's funnel: each stage as a big number with its name, from received to notified.

Numbers are written the interface's way (QLocale: "100 000" in French, "100,000" in English). Until the
first report arrives a card shows a light placeholder, never a zero that is not true yet. A failed
notification count is red as soon as it is not zero: someone must act on it.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from moderator_app.services.report import CampaignReport
from moderator_app.ui.campaign.charts import APPROVED, REJECTED

STAGES: tuple[tuple[str, ...], ...] = (
    ("received", "quarantined", "screened", "approved", "rejected", "pending"),
    ("in_spots", "rendered", "scheduled", "aired", "notified", "failed"),
)
"""Two rows: screening, then production and air; read left to right as the campaign goes."""


def counted(text: str, n: int) -> str:
    """``text`` as ``tr(source, "", n)`` returned it, with an English source's "(s)" resolved.

    English is the source language and ships no translation file, so Qt hands the source back as written
    ("%Ln spot(s) saved" -> "1 spot(s) saved"); a translation (French numerus forms) has no "(s)" left."""
    return text.replace("(s)", "" if n == 1 else "s")


def stage_title(key: str) -> str:
    return {
        "received": QCoreApplication.translate("Dashboard", "Received"),
        "quarantined": QCoreApplication.translate("Dashboard", "Quarantined"),
        "screened": QCoreApplication.translate("Dashboard", "Screened"),
        "approved": QCoreApplication.translate("Dashboard", "Approved"),
        "rejected": QCoreApplication.translate("Dashboard", "Rejected"),
        "pending": QCoreApplication.translate("Dashboard", "To review"),
        "in_spots": QCoreApplication.translate("Dashboard", "In spots"),
        "rendered": QCoreApplication.translate("Dashboard", "Rendered"),
        "scheduled": QCoreApplication.translate("Dashboard", "Scheduled"),
        "aired": QCoreApplication.translate("Dashboard", "Aired"),
        "notified": QCoreApplication.translate("Dashboard", "Notified"),
        "failed": QCoreApplication.translate("Dashboard", "Notification failed"),
    }.get(key, key)


class FigureCard(QFrame):
    """One stage: the number large, its name under it."""

    def __init__(self, key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.setObjectName(f"figure_{key}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.value = QLabel("…", self)
        self.value.setObjectName("figureValue")
        self.value.setTextFormat(Qt.TextFormat.PlainText)
        self.value.setAlignment(Qt.AlignmentFlag.AlignCenter)
        big = QFont(self.font())
        big.setPointSizeF(max(self.font().pointSizeF(), 8.0) * 2.0)
        big.setBold(True)
        self.value.setFont(big)
        self.caption = QLabel(self)
        self.caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.caption.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.setSpacing(0)
        layout.addWidget(self.value)
        layout.addWidget(self.caption)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.number: int | None = None
        self.set_loading()
        self.retranslate()

    def retranslate(self) -> None:
        self.caption.setText(stage_title(self.key))
        if self.number is not None:
            self.set_number(self.number)

    def set_loading(self) -> None:
        self.number = None
        self.value.setText("…")
        self.value.setStyleSheet("color: palette(mid);")

    def set_number(self, number: int) -> None:
        self.number = number
        self.value.setText(QLocale().toString(number))
        colour = {"approved": APPROVED, "failed": REJECTED if number else None, "rejected": REJECTED}.get(self.key)
        self.value.setStyleSheet(f"color: {colour.name()};" if colour is not None else "")

    def value_text(self) -> str:
        """The number as shown, or "" while loading."""
        return "" if self.number is None else self.value.text()


class Funnel(QWidget):
    """The twelve stages in two rows of cards, laid out to share the window's width."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.cards: dict[str, FigureCard] = {}
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(6)
        for r, row in enumerate(STAGES):
            for c, key in enumerate(row):
                card = FigureCard(key, self)
                self.cards[key] = card
                grid.addWidget(card, r, c)

    def set_report(self, report: CampaignReport) -> None:
        for key, card in self.cards.items():
            card.set_number(int(getattr(report, key)))

    def set_loading(self) -> None:
        for card in self.cards.values():
            card.set_loading()

    def retranslate(self) -> None:
        for card in self.cards.values():
            card.retranslate()
