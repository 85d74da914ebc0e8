"""What the queue is filtered by, said in words, and what to do when the view has nothing left.

A search typed an hour ago and forgotten hides clips silently; so whenever a filter narrows the view
beyond its status, a line under the filters names it with a button that clears it, and an empty view
(or one with nothing left to review) says so with the same button instead of a blank table.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy, QWidget

from moderator_app.ui.plaintext import plain, tooltip_text


class FilterChip(QWidget):
    """"Filtered: “xyz” · Morocco — Esc in the search clears it" and a Clear button; hidden when unfiltered."""

    clear_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("filterChip")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 2, 2, 2)
        self.label = plain(QLabel(self))  # quotes the search text as typed
        self.label.setObjectName("filterChipText")
        self.label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.label.setStyleSheet("color: #8a4b00; font-weight: bold;")
        self.button = QPushButton(self)
        self.button.setObjectName("clearFiltersChip")
        self.button.clicked.connect(self.clear_requested)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.button)
        self._parts: list[str] = []
        self.retranslate()
        self.hide()

    def show_filters(self, parts: list[str]) -> None:
        """``parts``: each active filter in words (the search quoted); none hides the line."""
        self._parts = parts
        self._write()
        self.setVisible(bool(parts))

    def _write(self) -> None:
        text = self.tr("Filtered: {filters}").format(filters=" · ".join(self._parts)) if self._parts else ""
        self.label.setText(text)
        self.label.setToolTip(tooltip_text(text + "\n" + self.tr("Esc in the search box clears the search")))

    def retranslate(self) -> None:
        self.button.setText(self.tr("Clear filters"))
        self._write()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class EmptyNotice(QWidget):
    """Under the table when the view is empty or has nothing left to review."""

    clear_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("emptyNotice")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 4, 2, 4)
        self.label = QLabel(self)
        self.label.setObjectName("emptyNoticeText")
        self.label.setWordWrap(True)
        self.button = QPushButton(self)
        self.button.setObjectName("clearFilters")
        self.button.clicked.connect(self.clear_requested)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.button)
        self._filtered = False
        self.retranslate()
        self.hide()

    def show_state(self, nothing_left: bool, filtered: bool) -> None:
        self._filtered = filtered
        self.retranslate()
        self.setVisible(nothing_left)

    def retranslate(self) -> None:
        self.label.setText(
            self.tr("Nothing left here — clear filters") if self._filtered else self.tr("Nothing left here.")
        )
        self.button.setText(self.tr("Clear filters"))
        self.button.setVisible(self._filtered)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
