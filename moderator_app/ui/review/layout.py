"""Where the review desk's panels sit: the queue on the left, the clip in the middle, names and decision
on the right, in proportions that leave the video the most room on a laptop screen."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMainWindow, QSplitter, QVBoxLayout, QWidget

STRETCH = (3, 5, 3)
START_SIZES = [460, 700, 420]


def column(parent: QWidget, *widgets: QWidget) -> QWidget:
    """Widgets stacked top to bottom without margins; the first one takes the spare height."""
    box = QWidget(parent)
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    for n, widget in enumerate(widgets):
        layout.addWidget(widget, 1 if n == 0 else 0)
    return box


def arrange(window: QMainWindow, left: QWidget, centre: list[QWidget], right: list[QWidget]) -> QSplitter:
    splitter = QSplitter(Qt.Orientation.Horizontal, window)
    splitter.addWidget(left)
    splitter.addWidget(column(window, *centre))
    splitter.addWidget(column(window, *right))
    for n, factor in enumerate(STRETCH):
        splitter.setStretchFactor(n, factor)
    splitter.setSizes(START_SIZES)
    window.setCentralWidget(splitter)
    return splitter
