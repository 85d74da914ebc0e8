"""The export report: the preset by its label, pass or fail in words, and each rule's target beside the value
measured, in a compact table as tall as its rows (no scroll bar hiding the loudness rows)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from moderator_app.spot import PRESETS, ExportResult
from moderator_app.spot.verdict import Rule
from moderator_app.ui.plaintext import plain

RULE_CODE = Qt.ItemDataRole.UserRole
"""Each row's first cell keeps the rule's stable name (``frames``, ``true peak (dBTP)``) for scripts and tests."""



def rule_words(name: str) -> str:
    """A rule's name as a person reads it (the report file keeps the stable English name)."""
    words = {
        "container": QCoreApplication.translate("ExportReportView", "File type"),
        "video codec": QCoreApplication.translate("ExportReportView", "Video codec"),
        "frame size": QCoreApplication.translate("ExportReportView", "Picture size"),
        "frame rate": QCoreApplication.translate("ExportReportView", "Frame rate"),
        "pixel format": QCoreApplication.translate("ExportReportView", "Pixel format"),
        "audio codec": QCoreApplication.translate("ExportReportView", "Audio codec"),
        "sample rate": QCoreApplication.translate("ExportReportView", "Sample rate (Hz)"),
        "channels": QCoreApplication.translate("ExportReportView", "Audio channels"),
        "frames": QCoreApplication.translate("ExportReportView", "Length (frames)"),
        "audio bits": QCoreApplication.translate("ExportReportView", "Audio bits"),
        "integrated loudness (LUFS)": QCoreApplication.translate("ExportReportView", "Loudness, whole spot (LUFS)"),
        "max short-term loudness (LUFS)": QCoreApplication.translate("ExportReportView", "Loudest 3 seconds (LUFS)"),
        "true peak (dBTP)": QCoreApplication.translate("ExportReportView", "True peak (dBTP)"),
    }
    return words.get(name, name)


def preset_label(name: str) -> str:
    preset = PRESETS.get(name)
    return preset.label if preset is not None else name


def _num(value: float | None, unit: str) -> str:
    return "—" if value is None else f"{value:.1f} {unit}"


class ExportReportView(QWidget):
    """The measured file beside the preset's rules; failed rules in red, in words."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.verdict = QLabel(self)
        self.verdict.setObjectName("spotReportVerdict")
        self.verdict.setWordWrap(True)
        self.summary = plain(QLabel(self))
        self.summary.setObjectName("spotReportSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.table = QTableWidget(0, 4, self)
        self.table.setObjectName("spotReportRules")
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.setWordWrap(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.verdict)
        layout.addWidget(self.summary)
        layout.addWidget(self.table)

    def show_result(self, result: ExportResult) -> None:
        m = result.measurements
        size_mb = result.path.stat().st_size / 1_000_000 if result.path.is_file() else 0.0
        audio = f"{m.audio_codec or '—'} {m.sample_rate or '—'} Hz {m.channels or '—'} ch"
        if m.audio_bits:
            audio += f" {m.audio_bits} bit"
        self.summary.setText(
            QCoreApplication.translate("ExportReportView", "{frames} frames · {size:.1f} MB · {w}x{h} at {rate} fps · {audio}\n"
                "Integrated {i} · max short-term {s} · true peak {tp}").format(
                frames=m.frames, size=size_mb, w=m.width, h=m.height, rate=m.frame_rate, audio=audio,
                i=_num(m.integrated_lufs, "LUFS"), s=_num(m.max_short_term_lufs, "LUFS"),
                tp=_num(m.true_peak_dbtp, "dBTP"))
        )
        report = result.report
        label = preset_label(report.preset)
        if report.passed:
            self.verdict.setText(QCoreApplication.translate("ExportReportView", "Ready to deliver: passes every rule of {preset}.").format(preset=label))
        else:
            n = len(report.failures)  # a plain name: lupdate skips a call whose count is an expression
            self.verdict.setText(QCoreApplication.translate("ExportReportView", "Not ready for {preset}: rules failed: %n.", "", n)
                                 .format(preset=label))
        self.verdict.setStyleSheet(f"font-weight: bold; color: {'#2e7d32' if report.passed else '#c62828'};")
        self.table.setHorizontalHeaderLabels([QCoreApplication.translate("ExportReportView", "Rule"), QCoreApplication.translate("ExportReportView", "Target"), QCoreApplication.translate("ExportReportView", "Measured"), QCoreApplication.translate("ExportReportView", "Result")])
        self.table.setRowCount(len(report.rules))
        for row, rule in enumerate(report.rules):
            self._fill_row(row, rule)
        self._fit_rows()

    def _fill_row(self, row: int, rule: Rule) -> None:
        cells = (rule_words(rule.name), rule.expected, rule.measured, QCoreApplication.translate("ExportReportView", "Passes") if rule.passed else QCoreApplication.translate("ExportReportView", "Fails"))
        for col, text in enumerate(cells):
            item = QTableWidgetItem(text)
            if col == 0:
                item.setData(RULE_CODE, rule.name)
            if not rule.passed:
                item.setForeground(QColor("#c62828"))
            self.table.setItem(row, col, item)

    def _fit_rows(self) -> None:
        """As tall as every row: the loudness rows at the bottom are never scrolled out of sight."""
        self.table.resizeRowsToContents()
        header = self.table.horizontalHeader()
        height = max(header.height(), header.sizeHint().height()) + 2 * self.table.frameWidth()
        height += sum(self.table.rowHeight(r) for r in range(self.table.rowCount()))
        self.table.setFixedHeight(height)
