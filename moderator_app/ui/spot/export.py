"""Export dialog and report: the full-quality master renders in a worker (progress, cancel) while the editor
and its preview stay usable; when it is done the measured report says pass or fail per preset rule."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from moderator_app.services.spots import SpotService, default_output
from moderator_app.spot import PRESETS, ExportCancelled, ExportResult, Spot, TitleRenderer, export_spot
from moderator_app.tasks import TaskRunner
from moderator_app.ui.plaintext import plain
from moderator_app.ui.spot.preview import copy_spot

DELIVERY_PRESETS = tuple(name for name in PRESETS if name != "preview")


def _num(value: float | None, unit: str) -> str:
    return "—" if value is None else f"{value:.1f} {unit}"


class ExportReportView(QWidget):
    """The measured file beside the preset's rules; failed rules in red."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = QLabel(self)
        self.summary.setObjectName("spotReportSummary")
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.verdict = QLabel(self)
        self.verdict.setObjectName("spotReportVerdict")
        self.table = QTableWidget(0, 4, self)
        self.table.setObjectName("spotReportRules")
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.verdict)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)

    def show_result(self, result: ExportResult) -> None:
        m = result.measurements
        size_mb = result.path.stat().st_size / 1_000_000 if result.path.is_file() else 0.0
        audio = f"{m.audio_codec or '—'} {m.sample_rate or '—'} Hz {m.channels or '—'} ch"
        if m.audio_bits:
            audio += f" {m.audio_bits} bit"
        self.summary.setText(
            self.tr("{frames} frames · {size:.1f} MB · {w}x{h} at {rate} fps · {audio}\n"
                    "Integrated {i} · max short-term {s} · true peak {tp}").format(
                frames=m.frames, size=size_mb, w=m.width, h=m.height, rate=m.frame_rate, audio=audio,
                i=_num(m.integrated_lufs, "LUFS"), s=_num(m.max_short_term_lufs, "LUFS"),
                tp=_num(m.true_peak_dbtp, "dBTP"))
        )
        passed = result.report.passed
        self.verdict.setText(
            self.tr("Passes every rule of {preset}").format(preset=result.report.preset) if passed
            else self.tr("Fails {n} rule(s) of {preset}").format(n=len(result.report.failures),
                                                                preset=result.report.preset)
        )
        self.verdict.setStyleSheet(f"font-weight: bold; color: {'#2e7d32' if passed else '#c62828'};")
        self.table.setHorizontalHeaderLabels([self.tr("Rule"), self.tr("Expected"), self.tr("Measured"),
                                              self.tr("Result")])
        self.table.setRowCount(len(result.report.rules))
        for row, rule in enumerate(result.report.rules):
            cells = (rule.name, rule.expected, rule.measured, self.tr("pass") if rule.passed else self.tr("FAIL"))
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if not rule.passed:
                    item.setForeground(QColor("#c62828"))
                self.table.setItem(row, col, item)


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
        self.cancel_button = QPushButton(self.tr("Cancel export"), self)
        self.cancel_button.setObjectName("spotExportCancel")
        self.cancel_button.setEnabled(False)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.cancel_button)
        self.report = ExportReportView(self)
        self.report.hide()
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        layout.addWidget(self.report, 1)
        self.preset_box.currentIndexChanged.connect(self._default_path)
        browse.clicked.connect(self._browse)
        self.export_button.clicked.connect(self.start)
        self.cancel_button.clicked.connect(self.cancel)
        self.progress_changed.connect(self._on_progress)
        self._default_path()
        self.resize(720, 520)

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
