"""The editor's centre column: the airing warning, the preview, the Preview/Fit row with the frame counter
and the delivery the spot is made for, the advice line, the timeline and the status line.

Every line that shows changing text has a fixed height (from the font's metrics, so it holds at 150 %):
a sentence appearing or going never moves the Preview/Fit row or the timeline between two clicks. Texts
are in the editor's translation context (see ``editor``).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from moderator_app.spot.presets import PRESETS
from moderator_app.ui.plaintext import plain, tooltip_text
from moderator_app.ui.spot.advice import AdviceLine
from moderator_app.ui.spot.preview import SpotPreview
from moderator_app.ui.spot.timeline import FrameCounter, SpotTimeline

STATUS_LINES = 2


class StatusLine(QLabel):
    """Two lines at most, always that high; a longer sentence is cut and shown whole in the tooltip."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        plain(self)  # errors may quote a title, i.e. names from the public
        self.setWordWrap(True)
        self.setFixedHeight(STATUS_LINES * self.fontMetrics().lineSpacing() + 4)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)

    def setText(self, text: str) -> None:
        super().setText(text)
        self.setToolTip(tooltip_text(text))


class EditorCentre(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.safe_preset_box = QComboBox(self)
        self.safe_preset_box.setObjectName("spotSafePreset")
        # the labels are long ("TF1 Publicité PAD (MXF XDCAM HD422)"): the box may shrink on a small screen
        self.safe_preset_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.safe_preset_box.setMinimumContentsLength(14)
        for name, preset in PRESETS.items():
            if name != "preview":
                self.safe_preset_box.addItem(preset.label, name)
        self.warning = plain(QLabel(self))
        self.warning.setObjectName("spotWarning")
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("background: #c62828; color: white; padding: 6px; font-weight: bold;")
        self.warning.hide()
        self.preview = SpotPreview(self)
        self.preview_button = QPushButton(self)
        self.preview_button.setObjectName("spotPreview")
        self.fit_button = QPushButton(self)
        self.fit_button.setObjectName("spotFit")
        self.counter = FrameCounter(self)
        self.counter.setObjectName("spotCounter")
        self.counter.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.advice = AdviceLine(self)
        self.status = StatusLine(self)
        self.status.setObjectName("spotStatus")
        self.timeline = SpotTimeline(self)
        self.safe_label = QLabel(self)
        self.mid_row = QWidget(self)
        self.mid_row.setObjectName("spotFitRow")
        row = QHBoxLayout(self.mid_row)
        row.setContentsMargins(0, 0, 0, 0)
        for w, stretch in ((self.preview_button, 0), (self.fit_button, 0), (self.counter, 1)):
            row.addWidget(w, stretch)
        # what the spot is made for sets the safe area: beside the safe-area box under the picture
        self.preview.controls.addWidget(self.safe_label)
        self.preview.controls.addWidget(self.safe_preset_box)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for part in (self.warning, self.preview, self.mid_row, self.advice, self.timeline, self.status):
            layout.addWidget(part, 1 if part is self.preview else 0)

    def retranslate(self) -> None:
        self.preview_button.setText(QCoreApplication.translate("SpotEditorWindow", "Preview"))
        self.fit_button.setText(QCoreApplication.translate("SpotEditorWindow", "Fit to length"))
        self.fit_button.setToolTip(QCoreApplication.translate(
            "SpotEditorWindow", "Propose in and out points that make the spot exactly its length"))
        self.safe_label.setText(QCoreApplication.translate("SpotEditorWindow", "Made for"))
        self.preview.retranslate()


def editor_splitter(parent: QWidget, picker: QWidget, centre: QWidget, inspector: QWidget) -> QSplitter:
    """picker | centre | inspector; the inspector scrolls on a short screen instead of pushing the window
    past it, and no part collapses to nothing."""
    scroll = QScrollArea(parent)
    scroll.setObjectName("spotInspectorScroll")
    scroll.setWidgetResizable(True)
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    scroll.setWidget(inspector)
    # never narrower than what the inspector needs: its columns are cut otherwise (no horizontal scroll)
    scroll.setMinimumWidth(inspector.minimumSizeHint().width() + scroll.verticalScrollBar().sizeHint().width() + 4)
    splitter = QSplitter(Qt.Orientation.Horizontal, parent)
    splitter.setObjectName("spotSplitter")
    splitter.setChildrenCollapsible(False)
    for index, (part, stretch) in enumerate(((picker, 2), (centre, 5), (scroll, 2))):
        splitter.addWidget(part)
        splitter.setStretchFactor(index, stretch)
    splitter.setSizes([330, 860, 330])
    return splitter
