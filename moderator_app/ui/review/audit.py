"""The audit log in the window: who decided what and when (undo included), erasures, purges, exports.

Opened from the review window (a key binding in config.py). The rows come from services/audit.py on the
task runner's quick lane, filtered by moderator and start date; "Export CSV…" writes them through the
same safe CSV as ``audit --csv``. Nothing personal is shown: ids, kinds, moderators and codes only.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDate, QEvent, QLocale, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from moderator_app.base.durable import write_atomic
from moderator_app.services.audit import AuditRow, audit_csv, audit_log, moderators, parse_since
from moderator_app.services.review import ReviewService
from moderator_app.tasks import QUICK, TaskRunner
from moderator_app.ui.review.audit_words import details_words


def kind_label(kind: str) -> str:
    labels = {
        "decision": QCoreApplication.translate("Audit", "Decision"),
        "undo": QCoreApplication.translate("Audit", "Undo"),
        "erase": QCoreApplication.translate("Audit", "Erasure"),
        "purge": QCoreApplication.translate("Audit", "Purge"),
        "export_spot": QCoreApplication.translate("Audit", "Spot export"),
        "export_access": QCoreApplication.translate("Audit", "Access export"),
        "notify": QCoreApplication.translate("Audit", "Notification"),
        "blocking_confirmed": QCoreApplication.translate("Audit", "Approved despite a blocking flag"),
    }
    return labels.get(kind, kind)


class AuditDialog(QDialog):
    loaded = Signal(int)
    """The table shows this many entries (after each filter change)."""
    exported = Signal(str)
    """The CSV file was written."""

    def __init__(self, review: ReviewService, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("auditLog")
        self.review = review
        self.runner = runner
        self.rows: list[AuditRow] = []
        self.moderator = QComboBox(self)
        self.moderator.setObjectName("auditModerator")
        self.since_on = QCheckBox(self)
        self.since = QDateEdit(QDate.currentDate(), self)
        self.since.setCalendarPopup(True)
        self.since.setDisplayFormat("yyyy-MM-dd")
        self.since.setEnabled(False)
        self.table = QTableWidget(0, 5, self)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.count = QLabel(self)
        self.csv_button = QPushButton(self)
        self.close_button = QPushButton(self)
        self.moderator_label = QLabel(self)

        filters = QHBoxLayout()
        filters.addWidget(self.moderator_label)
        filters.addWidget(self.moderator)
        filters.addWidget(self.since_on)
        filters.addWidget(self.since)
        filters.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.count)
        buttons.addStretch(1)
        buttons.addWidget(self.csv_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table)
        layout.addLayout(buttons)

        self.moderator.currentIndexChanged.connect(lambda _i: self.reload())
        self.since_on.toggled.connect(self.since.setEnabled)
        self.since_on.toggled.connect(lambda _on: self.reload())
        self.since.dateChanged.connect(lambda _d: self.reload() if self.since_on.isChecked() else None)
        self.csv_button.clicked.connect(self._choose_csv)
        self.close_button.clicked.connect(self.reject)
        self.retranslate()
        self.resize(980, 560)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Audit log"))
        self.moderator_label.setText(self.tr("Moderator"))
        self.since_on.setText(self.tr("Since"))
        self.csv_button.setText(self.tr("Export CSV…"))
        self.close_button.setText(self.tr("Close"))
        self.table.setHorizontalHeaderLabels(
            [self.tr("When (UTC)"), self.tr("Action"), self.tr("Submission"), self.tr("Moderator"), self.tr("Details")]
        )
        if self.moderator.count():
            self.moderator.setItemText(0, self.tr("Everyone"))
        self._show_count()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- loading ----------------------------------------------------------------------------------

    def open_log(self) -> None:
        """Refresh the moderators and the rows, then show the dialog (non-modal: the desk stays usable)."""
        cache = self.review.cache
        self.runner.run(lambda: moderators(cache), on_done=self._set_moderators, lane=QUICK)
        self.show()
        self.raise_()
        self.activateWindow()

    def _set_moderators(self, names: list[str]) -> None:
        chosen = self.selected_moderator()
        self.moderator.blockSignals(True)
        self.moderator.clear()
        self.moderator.addItem(self.tr("Everyone"), None)
        for name in names:
            self.moderator.addItem(name, name)
        at = self.moderator.findData(chosen) if chosen is not None else 0
        self.moderator.setCurrentIndex(max(at, 0))
        self.moderator.blockSignals(False)
        self.reload()

    def selected_moderator(self) -> str | None:
        data = self.moderator.currentData()
        return data if isinstance(data, str) else None

    def selected_since(self) -> str | None:
        if not self.since_on.isChecked():
            return None
        return parse_since(self.since.date().toString("yyyy-MM-dd"))

    def reload(self) -> None:
        cache, who, since = self.review.cache, self.selected_moderator(), self.selected_since()
        self.runner.run(lambda: audit_log(cache, moderator=who, since=since), on_done=self._show, lane=QUICK)

    def _show(self, rows: list[AuditRow]) -> None:
        self.rows = rows
        self.table.setRowCount(len(rows))
        french = QLocale().language() == QLocale.Language.French
        labels = {f.code: f.label_fr if french else f.label_en for f in self.review.flags()}
        for r, row in enumerate(reversed(rows)):  # newest first: the question is usually "what just happened"
            cells = (row.at, kind_label(row.kind), row.subject_id, row.moderator,
                     details_words(row.details, labels))
            for c, text in enumerate(cells):
                self.table.setItem(r, c, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        self._show_count()
        self.loaded.emit(len(rows))

    def _show_count(self) -> None:
        self.count.setText(self.tr("%n entries", "", len(self.rows)))

    # -- CSV ----------------------------------------------------------------------------------------

    def _choose_csv(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Export the audit log"), "audit.csv", "CSV (*.csv)")
        if name:
            self.export_csv(Path(name))

    def export_csv(self, path: Path) -> None:
        """The rows shown (same filters) as safe CSV, written off the GUI thread."""
        data = audit_csv(self.rows).encode("utf-8")
        self.runner.run(lambda: write_atomic(path, data), on_done=lambda _r: self.exported.emit(str(path)),
                        lane=QUICK)


def open_audit_log(window: QWidget) -> AuditDialog:
    """One audit dialog per review window (``window.audit_dialog``), refreshed each time it opens."""
    dialog: AuditDialog | None = getattr(window, "audit_dialog", None)
    if dialog is None:
        dialog = AuditDialog(window.review, window.runner, window)  # type: ignore[attr-defined]
        window.audit_dialog = dialog  # type: ignore[attr-defined]
    dialog.open_log()
    return dialog
