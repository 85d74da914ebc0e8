"""The queue: filters (status, flag, country, search) above the table, progress below."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from moderator_app.models import Flag
from moderator_app.qc.findings import FINDING_CODES
from moderator_app.services.review import QUARANTINED, UNCHECKED, QueueFilter
from moderator_app.ui.review.checks_panel import finding_label
from moderator_app.ui.review.queue_model import QueueModel

SEARCH_DEBOUNCE_MS = 200


class QueuePanel(QWidget):
    row_activated = Signal(int)

    def __init__(self, model: QueueModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.search = QLineEdit(self)
        self.search.setObjectName("search")
        self.search.setClearButtonEnabled(True)
        layout.addWidget(self.search)
        filters = QHBoxLayout()
        self.status = QComboBox(self)
        self.status.setObjectName("statusFilter")
        self.flag = QComboBox(self)
        self.flag.setObjectName("flagFilter")
        self.country = QComboBox(self)
        self.country.setObjectName("countryFilter")
        self.finding = QComboBox(self)
        self.finding.setObjectName("findingFilter")
        for combo in (self.status, self.flag, self.finding, self.country):
            filters.addWidget(combo, 1)
        layout.addLayout(filters)
        self.table = QTableView(self)
        self.table.setObjectName("queueTable")
        self.table.setModel(model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSortingEnabled(False)
        self.table.horizontalHeader().setSectionsClickable(True)
        self.table.horizontalHeader().setSortIndicatorShown(True)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTabKeyNavigation(False)
        layout.addWidget(self.table, 1)
        self.progress = QLabel(self)
        self.progress.setObjectName("progressLabel")
        layout.addWidget(self.progress)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DEBOUNCE_MS)
        self._debounce.timeout.connect(self.apply)
        self.search.textChanged.connect(lambda _t: self._debounce.start())
        self._sort = ("received", False)
        self.table.horizontalHeader().sectionClicked.connect(self._sort_by)
        self.table.selectionModel().currentRowChanged.connect(lambda cur, _prev: self.row_activated.emit(cur.row()))
        self.model.modelReset.connect(self._columns_sized)
        self._flags: list[Flag] = []
        self._french = False
        self._countries: list[str] = []
        self.retranslate()
        for combo in (self.status, self.flag, self.finding, self.country):
            combo.currentIndexChanged.connect(lambda _i: self.apply())

    def retranslate(self) -> None:
        self.search.setPlaceholderText(self.tr("Search names, town, message…"))
        current = self.status.currentIndex()
        self.status.blockSignals(True)
        self.status.clear()
        for text, value in (
            (self.tr("To review"), "queued"),
            (self.tr("Approved"), "approved"),
            (self.tr("Rejected"), "rejected"),
            (self.tr("All"), None),
            (self.tr("Quarantined"), QUARANTINED),
        ):
            self.status.addItem(text, value)
        self.status.setCurrentIndex(max(current, 0))
        self.status.blockSignals(False)
        self.set_flags(self._flags, self._french)
        self.set_countries(self._countries)
        current = self.finding.currentData()
        self.finding.blockSignals(True)
        self.finding.clear()
        self.finding.addItem(self.tr("Any check result"), None)
        self.finding.addItem(self.tr("Not checked yet"), UNCHECKED)
        for code in FINDING_CODES:
            self.finding.addItem(finding_label(code), code)
        self.finding.setCurrentIndex(max(0, self.finding.findData(current)))
        self.finding.blockSignals(False)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def set_flags(self, flags: list[Flag], french: bool) -> None:
        self._flags, self._french = flags, french
        current = self.flag.currentData()
        self.flag.blockSignals(True)
        self.flag.clear()
        self.flag.addItem(self.tr("Any flag"), None)
        for f in flags:
            self.flag.addItem(f.label_fr if french else f.label_en, f.code)
        self.flag.setCurrentIndex(max(0, self.flag.findData(current)))
        self.flag.blockSignals(False)

    def set_countries(self, countries: list[str]) -> None:
        self._countries = countries
        current = self.country.currentData()
        self.country.blockSignals(True)
        self.country.clear()
        self.country.addItem(self.tr("All countries"), None)
        for c in countries:
            self.country.addItem(c, c)
        self.country.setCurrentIndex(max(0, self.country.findData(current)))
        self.country.blockSignals(False)

    def set_status(self, status: str | None) -> None:
        self.status.setCurrentIndex(max(0, self.status.findData(status)))

    def current_filter(self) -> QueueFilter:
        return QueueFilter(
            status=self.status.currentData(),
            flag=self.flag.currentData(),
            finding=self.finding.currentData(),
            country=self.country.currentData(),
            search=self.search.text(),
            sort=self._sort[0],
            descending=self._sort[1],
        )

    def apply(self) -> None:
        self.model.apply_filter(self.current_filter())

    def _sort_by(self, section: int) -> None:
        key = self.model.sort_key(section)
        descending = self._sort[0] == key and not self._sort[1]
        self._sort = (key, descending)
        order = Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
        self.table.horizontalHeader().setSortIndicator(section, order)
        self.apply()

    def _columns_sized(self) -> None:
        header = self.table.horizontalHeader()
        widths = (80, 125, 115, 130, 50, 120) if not self.model.quarantine_mode else (220, 300)
        for i, w in enumerate(widths):
            if i < self.model.columnCount():
                header.resizeSection(i, w)

    def select_row(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            index = self.model.index(row, 0)
            self.table.setCurrentIndex(index)
            self.table.scrollTo(index, QAbstractItemView.ScrollHint.EnsureVisible)
