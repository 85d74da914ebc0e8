"""One line of plain text that elides instead of growing its layout, with the whole text in the tooltip.

A file name from a stranger, or an error quoting one over several lines, must not widen a column or
make the status bar (and with it the window) taller than a laptop's screen.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from moderator_app.ui.plaintext import plain, tooltip_text


class ElidedLabel(QLabel):
    def __init__(self, parent: QWidget | None = None, *, mode: Qt.TextElideMode = Qt.TextElideMode.ElideMiddle,
                 min_chars: int = 12, max_chars: int = 80) -> None:
        super().__init__(parent)
        plain(self)
        self._full = ""
        self._mode = mode
        em = self.fontMetrics().averageCharWidth()
        self._min, self._max = em * min_chars, em * max_chars
        self.setMinimumWidth(self._min)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def setText(self, text: str) -> None:
        self._full = text
        self.setToolTip(tooltip_text(text) if text else "")
        self.updateGeometry()
        self._elide()

    def text(self) -> str:
        """The whole text as set (what is painted may be elided)."""
        return self._full

    def full_text(self) -> str:
        return self._full

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        line = " ".join(self._full.split())  # one line: a multi-line error must not make the bar taller
        super().setText(self.fontMetrics().elidedText(line, self._mode, max(self.width(), 1)))

    def sizeHint(self) -> QSize:
        line = " ".join(self._full.split())
        width = min(max(self.fontMetrics().horizontalAdvance(line) + 4, self._min), self._max)
        return QSize(width, self.fontMetrics().height() + 2)

    def minimumSizeHint(self) -> QSize:
        return QSize(self._min, self.fontMetrics().height() + 2)
