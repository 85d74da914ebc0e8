"""Where the review desk's panels sit: the queue on the left, the clip in the middle, names and decision
on the right, in proportions that leave the video the most room on a laptop screen.

Laptops at 1366×768 (or Full HD at 150 %, 1280×720 logical) must hold everything a moderator needs:
the columns are splitters the user can drag (their sizes are kept, see ``geometry``), the right column
scrolls instead of squeezing the flag buttons, and the checks panel folds away to give the video room.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QMainWindow,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

STRETCH = (34, 37, 29)
"""Shares of the window's width for queue, clip and decision when nothing was kept from a last session."""
QUEUE_COMFORT_CHARS = 42
CLIP_WISH_CHARS = 96
"""What the middle column would like (the checks figures beside the loudness plot), in average characters."""
"""A queue narrower than this many average characters shows names cut to a few letters: on a first start
in a window that leaves less, the checks panel starts folded (the video column narrows)."""


def column(parent: QWidget, *widgets: QWidget) -> QWidget:
    """Widgets stacked top to bottom without margins; the first one takes the spare height."""
    box = QWidget(parent)
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    for n, widget in enumerate(widgets):
        layout.addWidget(widget, 1 if n == 0 else 0)
    return box


def scrolling(parent: QWidget, widget: QWidget, name: str) -> QScrollArea:
    """``widget`` in a frameless scroll area: on a short screen it scrolls up and down instead of being
    squeezed (the flag buttons keep their readable height); never sideways (its text wraps)."""
    area = QScrollArea(parent)
    area.setObjectName(name)
    area.setWidget(widget)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    return area


class SidewaysScroll(QScrollArea):
    """A strip as high as its content that scrolls sideways when the column is narrower than the content:
    figures growing with a clip's values (or a longer language) never take the width from the queue nor
    make the window wider than the screen."""

    def __init__(self, panel: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidget(panel)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        panel.installEventFilter(self)
        self._fit_height()

    def _fit_height(self) -> None:
        panel = self.widget()
        if panel is None:
            return
        width = max(self.viewport().width(), panel.minimumSizeHint().width())
        # a wrapped line (the findings) makes the panel taller at the width it really gets
        height = max(panel.sizeHint().height(), panel.minimumSizeHint().height(),
                     panel.heightForWidth(width) if panel.hasHeightForWidth() else 0,
                     # a child whose hints undersell it (a fixed-height plot) still shows whole
                     panel.childrenRect().bottom() + 1 + panel.contentsMargins().bottom())
        if panel.minimumSizeHint().width() > self.viewport().width():
            height += self.horizontalScrollBar().sizeHint().height()
        if self.height() != height:
            self.setFixedHeight(height)

    def minimumSizeHint(self) -> QSize:
        return QSize(self.fontMetrics().averageCharWidth() * 10, self.height())

    def sizeHint(self) -> QSize:
        panel = self.widget()
        return QSize(panel.sizeHint().width() if panel is not None else 0, self.height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_height()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.widget() and event.type() == QEvent.Type.LayoutRequest:
            QTimer.singleShot(0, self._fit_height)  # after the panel's own layout has run
        return super().eventFilter(watched, event)


class Foldable(QWidget):
    """A panel under a toggle with its title: folded, only the toggle line is left."""

    def __init__(self, panel: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.panel = panel
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.toggle = QToolButton(self)
        self.toggle.setObjectName("checksToggle")
        self.toggle.setCheckable(True)
        self.toggle.setChecked(True)
        self.toggle.setAutoRaise(True)
        self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toggle.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.toggle.toggled.connect(self._show)
        layout.addWidget(self.toggle)
        self.strip = SidewaysScroll(panel, self)
        layout.addWidget(self.strip)
        self._show(True)
        self.retranslate()

    @property
    def unfolded(self) -> bool:
        return self.toggle.isChecked()

    def set_unfolded(self, unfolded: bool) -> None:
        self.toggle.setChecked(unfolded)

    def _show(self, unfolded: bool) -> None:
        self.toggle.setArrowType(Qt.ArrowType.DownArrow if unfolded else Qt.ArrowType.RightArrow)
        self.strip.setVisible(unfolded)

    def retranslate(self) -> None:
        self.toggle.setText(self.tr("Clip checks"))
        self.toggle.setToolTip(self.tr("Show or hide the figures the automatic checks measured"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


@dataclass
class DeskLayout:
    """The desk's resizable parts, for the window to keep and restore them."""

    columns: QSplitter
    """queue | clip | right column"""
    right: QSplitter
    """details over decision"""
    pages: QStackedWidget
    """the right column: a clip's details and decision, or a quarantined record's panel"""
    checks: Foldable
    decision_area: QScrollArea

    def fit_decision(self) -> None:
        """The right column as wide as the decision panel needs (flag buttons, Approve and Reject side by
        side) plus a scroll bar: it cannot be dragged narrower, the other two columns give way. Called
        once the campaign's flags are in (their labels set the width)."""
        area = self.decision_area
        widget = area.widget()
        if widget is None:
            return
        # new flag buttons: before the first show the layouts keep minimums from before them
        for child in widget.findChildren(QWidget):
            child.updateGeometry()
        bar = area.verticalScrollBar().sizeHint().width()
        area.setMinimumWidth(widget.minimumSizeHint().width() + bar)

    def splitters(self) -> dict[str, QSplitter]:
        return {"columns": self.columns, "right": self.right}

    def room_for_checks(self, width: int) -> bool:
        """Whether the checks panel can stay unfolded in a window this wide and leave the queue readable
        (its figures and the loudness plot set the middle column's minimum width)."""
        em = self.columns.widget(0).fontMetrics().averageCharWidth()
        for child in self.checks.strip.widget().findChildren(QWidget):
            child.updateGeometry()  # before the first show the cached minimums lag behind
        middle = max(self.columns.widget(1).minimumSizeHint().width(),
                     self.checks.strip.widget().minimumSizeHint().width())
        return width - self.right_minimum() - middle - 2 * self.columns.handleWidth() >= em * QUEUE_COMFORT_CHARS

    def right_minimum(self) -> int:
        """The right column's narrowest (the stack's cached hint lags behind ``fit_decision``)."""
        return max(self.decision_area.minimumWidth(), self.pages.minimumSizeHint().width())

    def first_sizes(self, width: int, height: int, decision_height: int) -> None:
        """Sizes for a first start. The right column as wide as the decision panel needs; on a small screen
        the clip (video, checks figures and plot) before the queue, which keeps a readable width; on a
        large one the shares of ``STRETCH``. On the right, the decision panel whole when it fits in two
        thirds of the height (the details scroll above it), else two thirds."""
        em = self.columns.widget(0).fontMetrics().averageCharWidth()
        right = max(width * STRETCH[2] // sum(STRETCH), self.right_minimum())
        rest = max(width - right, 2)
        share = rest * STRETCH[0] // (STRETCH[0] + STRETCH[1])
        queue = max(em * QUEUE_COMFORT_CHARS, min(share, rest - em * CLIP_WISH_CHARS))
        self.columns.setSizes([queue, max(rest - queue, 1), right])
        below = min(decision_height, height * 2 // 3)
        self.right.setSizes([max(height - below, 1), below])


def arrange(
    window: QMainWindow, left: QWidget, centre: list[QWidget], checks: QWidget, right: list[QWidget],
    other_page: QWidget,
) -> DeskLayout:
    """Place the panels; ``right`` is the details then the decision panel, ``other_page`` replaces them
    (the quarantine panel) when the queue shows something that is not a clip."""
    columns = QSplitter(Qt.Orientation.Horizontal, window)
    columns.setObjectName("deskColumns")
    columns.setChildrenCollapsible(False)
    columns.addWidget(left)
    foldable = Foldable(checks, window)
    columns.addWidget(column(window, *centre, foldable))
    details, decision = right
    right_split = QSplitter(Qt.Orientation.Vertical, window)
    right_split.setObjectName("deskRight")
    right_split.setChildrenCollapsible(False)
    right_split.addWidget(scrolling(window, details, "detailsScroll"))
    decision_area = scrolling(window, decision, "decisionScroll")
    right_split.addWidget(decision_area)
    right_split.setStretchFactor(0, 2)
    right_split.setStretchFactor(1, 3)
    pages = QStackedWidget(window)
    pages.setObjectName("rightPages")
    pages.addWidget(right_split)
    pages.addWidget(other_page)
    columns.addWidget(pages)
    for n, factor in enumerate(STRETCH):
        columns.setStretchFactor(n, factor)
    window.setCentralWidget(columns)
    return DeskLayout(columns, right_split, pages, foldable, decision_area)

