"""Export dialog and report: the full-quality master renders in a worker (progress, cancel) while the editor
and its preview stay usable; when it is done the measured report (``report``) says pass or fail per preset
rule, and the dialog offers to show the file in its folder or to close.

The dialog is as tall as what it shows (no empty space before an export), grows to show the report and
stays inside the screen; on a short screen its body scrolls while the buttons stay in sight."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from moderator_app.services.spots import SpotService, default_output
from moderator_app.spot import PRESETS, ExportCancelled, ExportResult, Spot, TitleRenderer, export_spot
from moderator_app.tasks import TaskRunner
from moderator_app.ui.plaintext import plain
from moderator_app.ui.screenfit import available, keep_inside
from moderator_app.ui.spot.preview import copy_spot
from moderator_app.ui.spot.report import ExportReportView

DELIVERY_PRESETS = tuple(name for name in PRESETS if name != "preview")


class SpotExportDialog(QDialog):
    """Non-modal: the producer keeps previewing and editing while the master renders."""

    progress_changed = Signal(float)
    exported = Signal(object)
    """The ExportResult, once written and measured."""
    export_failed = Signal(str)

    def __init__(self, spot: Spot, runner: TaskRunner, titles: TitleRenderer, folder: Path,
                 parent: QWidget | None = None, *, record: Callable[[Spot, Path, str], None] | None = None) -> None:
        """``record``: called on the worker with each written master (the spot, its path, the preset's name),
        so an erase can later list the masters that carry a message."""
        super().__init__(parent)
        self.record = record
        self.setObjectName("spotExportDialog")
        self.setWindowTitle(self.tr("Export the spot"))
        self.spot = copy_spot(spot)
        self.runner = runner
        self.titles = titles
        self.folder = folder
        self.last_result: ExportResult | None = None
        self._cancel: threading.Event | None = None
        self.preset_box = QComboBox(self)
        self.preset_box.setObjectName("spotExportPreset")
        for name in DELIVERY_PRESETS:
            self.preset_box.addItem(PRESETS[name].label, name)
        self.out_edit = QLineEdit(self)
        self.out_edit.setObjectName("spotExportPath")
        browse = QPushButton(self.tr("Choose…"), self)
        out_row = QHBoxLayout()
        out_row.addWidget(self.out_edit, 1)
        out_row.addWidget(browse)
        form = QFormLayout()
        form.addRow(self.tr("Preset"), self.preset_box)
        form.addRow(self.tr("File"), out_row)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 1000)
        self.status = plain(QLabel(self))  # ffmpeg's reasons may quote titles, i.e. names
        self.status.setObjectName("spotExportStatus")
        self.status.setWordWrap(True)
        self.export_button = QPushButton(self.tr("Export"), self)
        self.export_button.setObjectName("spotExportStart")
        self.export_button.setDefault(True)
        self.cancel_button = QPushButton(self.tr("Cancel export"), self)
        self.cancel_button.setObjectName("spotExportCancel")
        self.cancel_button.setEnabled(False)
        self.folder_button = QPushButton(self.tr("Show in folder"), self)
        self.folder_button.setObjectName("spotExportShowFolder")
        self.folder_button.hide()
        self.close_button = QPushButton(self.tr("Close"), self)
        self.close_button.setObjectName("spotExportClose")
        buttons = QHBoxLayout()
        buttons.addWidget(self.folder_button)
        buttons.addStretch(1)
        for button in (self.export_button, self.cancel_button, self.close_button):
            buttons.addWidget(button)
        self.report = ExportReportView(self)
        self.report.hide()
        body = QWidget(self)
        inner = QVBoxLayout(body)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.addLayout(form)
        inner.addWidget(self.progress)
        inner.addWidget(self.status)
        inner.addWidget(self.report)
        inner.addStretch(1)
        self.scroll = QScrollArea(self)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setWidgetResizable(True)
        self.scroll.setWidget(body)
        layout = QVBoxLayout(self)
        layout.addWidget(self.scroll, 1)
        layout.addLayout(buttons)
        self.preset_box.currentIndexChanged.connect(self._default_path)
        browse.clicked.connect(self._browse)
        self.export_button.clicked.connect(self.start)
        self.cancel_button.clicked.connect(self.cancel)
        self.folder_button.clicked.connect(self.show_folder)
        self.close_button.clicked.connect(self.reject)
        self.progress_changed.connect(self._on_progress)
        self._default_path()
        self._fit_to_content(720)

    def _fit_to_content(self, width: int) -> None:
        """As tall as the body (no empty space, the whole report in sight) and no larger than the screen."""
        area = available(self)
        body = self.scroll.widget().sizeHint()
        chrome = self.sizeHint().height() - self.scroll.sizeHint().height()
        self.resize(min(max(width, body.width() + 40), area.width()),
                    min(body.height() + chrome + 8, round(area.height() * 0.9)))
        if self.isVisible():
            keep_inside(self)

    @Slot()
    def show_folder(self) -> bool:
        """The folder of the written master in the system's file manager."""
        if self.last_result is None:
            return False
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.last_result.path.parent)))

    @property
    def preset_name(self) -> str:
        return str(self.preset_box.currentData())

    def select_preset(self, name: str) -> None:
        self.preset_box.setCurrentIndex(self.preset_box.findData(name))

    @Slot()
    def _default_path(self) -> None:
        preset = PRESETS[self.preset_name]
        self.out_edit.setText(str(default_output(self.folder, self.spot, preset.name, preset.extension)))

    @Slot()
    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export the spot"), self.out_edit.text())
        if path:
            self.out_edit.setText(path)

    @property
    def running(self) -> bool:
        return self._cancel is not None

    @Slot()
    def start(self, draft: bool = False) -> None:
        if self._cancel is not None:
            return
        target = Path(self.out_edit.text()).expanduser()
        preset = PRESETS[self.preset_name]
        cancel = threading.Event()
        self._cancel = cancel
        self.last_result = None
        self.report.hide()
        self.progress.setValue(0)
        self.status.setText(self.tr("Rendering {preset}…").format(preset=preset.label))
        self.folder_button.hide()
        self.export_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        spot, titles, emit = self.spot, self.titles, self.progress_changed.emit

        record = self.record

        def work() -> ExportResult:
            result = export_spot(spot, preset, target, title_renderer=titles, progress=emit, cancel=cancel,
                                 draft=draft)
            if record is not None:
                record(spot, result.path, preset.name)
            return result

        self.runner.run(work, self._done, self._failed)

    @Slot()
    def cancel(self) -> None:
        if self._cancel is not None:
            self._cancel.set()
            self.status.setText(self.tr("Cancelling…"))

    @Slot(float)
    def _on_progress(self, fraction: float) -> None:
        self.progress.setValue(round(max(0.0, min(1.0, fraction)) * 1000))

    def _finish(self) -> None:
        self._cancel = None
        self.export_button.setEnabled(True)
        self.cancel_button.setEnabled(False)

    def _done(self, result: ExportResult) -> None:
        self._finish()
        self.last_result = result
        self.progress.setValue(1000)
        self.status.setText(self.tr("Written: {path}").format(path=str(result.path)))
        self.report.show_result(result)
        self.report.show()
        self.folder_button.show()
        self.close_button.setDefault(True)
        self._fit_to_content(self.width())
        self.exported.emit(result)

    def _failed(self, exc: BaseException) -> None:
        self._finish()
        self.progress.setValue(0)
        if isinstance(exc, ExportCancelled):
            self.status.setText(self.tr("Export cancelled; nothing was written."))
        else:
            self.status.setText(self.tr("Export failed: {reason}").format(reason=str(exc)))
        self.export_failed.emit(str(exc))

    def reject(self) -> None:
        """Closing the dialog cancels a running export (nothing half-written is left)."""
        self.cancel()
        super().reject()


def open_export_dialog(current: SpotExportDialog | None, spot: Spot, runner: TaskRunner, titles: TitleRenderer,
                       service: SpotService, preset: str, parent: QWidget) -> SpotExportDialog:
    """The export running now brought to the front, or a new dialog for ``spot`` made for ``preset``."""
    if current is not None and current.running:
        current.show()
        current.raise_()
        return current
    dialog = SpotExportDialog(spot, runner, titles, service.export_folder, parent, record=service.record_export)
    dialog.select_preset(preset)
    dialog.show()
    return dialog
