"""The queue: filters (status, flag, country, search) above the table, progress below.

The columns fit the panel (no sideways scrolling at 1366 px): names and check results share the width
and elide with the whole text in a tooltip, country and date keep the width their text needs, and a
column that would only repeat the filter (Status under a one-status filter, Flags on clips not yet
decided) is hidden.
"""

from __future__ import annotations

from PySide6.QtCore import QDate, QDateTime, QEvent, QLocale, Qt, QTime, QTimer, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
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
from moderator_app.ui.review.filter_bar import EmptyNotice, FilterChip
from moderator_app.ui.review.queue_model import SHORT_TIME, QueueModel, status_label

SEARCH_DEBOUNCE_MS = 200
NARROW_CHARS = 56
"""Below this many average characters of table width the Sender column is left out (the details show it)."""


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
        filters = QGridLayout()  # two rows of two: the queue stays narrow enough for a laptop
        self.status = QComboBox(self)
        self.status.setObjectName("statusFilter")
        self.flag = QComboBox(self)
        self.flag.setObjectName("flagFilter")
        self.country = QComboBox(self)
        self.country.setObjectName("countryFilter")
        self.finding = QComboBox(self)
        self.finding.setObjectName("findingFilter")
        for n, combo in enumerate((self.status, self.flag, self.finding, self.country)):
            # long labels elide instead of widening the queue past a laptop's share of the screen
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(6)
            filters.addWidget(combo, n // 2, n % 2)
        layout.addLayout(filters)
        self.chip = FilterChip(self)
        self.chip.clear_requested.connect(self.clear_filters)
        layout.addWidget(self.chip)
        self.table = QTableView(self)
        self.table.setObjectName("queueTable")
        self.table.setModel(model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSortingEnabled(False)
        self.table.horizontalHeader().setSectionsClickable(True)
        self.table.horizontalHeader().setSortIndicatorShown(True)
        self.table.horizontalHeader().setStretchLastSection(False)
        self.table.horizontalHeader().setMinimumSectionSize(self.fontMetrics().averageCharWidth() * 4)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTabKeyNavigation(False)
        layout.addWidget(self.table, 1)
        self.notice = EmptyNotice(self)
        self.notice.clear_requested.connect(self.clear_filters)
        layout.addWidget(self.notice)
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
        self.model.left_changed.connect(self._show_notice)
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
        self.model.set_flag_labels({f.code: f.label_fr if french else f.label_en for f in flags})
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
        self.chip.show_filters(self.filter_words())
        self.model.apply_filter(self.current_filter())

    def filter_words(self) -> list[str]:
        """Each filter narrowing the view beyond its status, in words (the search quoted as typed)."""
        words = []
        if self.search.text().strip():
            words.append(f"“{self.search.text().strip()}”")
        words += [combo.currentText() for combo in (self.flag, self.finding, self.country) if combo.currentIndex() > 0]
        return words

    def clear_filters(self) -> None:
        """Search, flag, check result and country back to "any" (the status is the view: it stays)."""
        self._debounce.stop()
        for combo in (self.flag, self.finding, self.country):
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self.apply()

    def _show_notice(self, left: int) -> None:
        empty = self.model.rowCount() == 0
        none_to_review = left == 0 and self.model.current_filter.status == "queued"
        self.notice.show_state(empty or none_to_review, bool(self.filter_words()))
        self.chip.button.setVisible(not self.notice.isVisibleTo(self))  # one Clear filters button at a time

    def _sort_by(self, section: int) -> None:
        key = self.model.sort_key(section)
        descending = self._sort[0] == key and not self._sort[1]
        self._sort = (key, descending)
        order = Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
        self.table.horizontalHeader().setSortIndicator(section, order)
        self.apply()

    def _columns_sized(self) -> None:
        header = self.table.horizontalHeader()
        metrics = self.fontMetrics()
        pad = metrics.averageCharWidth() * 3
        status = self.model.current_filter.status
        fixed = {
            "country": metrics.horizontalAdvance("MMM"),
            "received": max(metrics.horizontalAdvance(QLocale().toString(QDateTime(QDate(2020, m, 28), QTime(23, 59)),
                                                                         SHORT_TIME)) for m in (2, 6, 7, 9, 12)),
            "at": metrics.horizontalAdvance("2020-12-30 23:59:59"),
            "status": max(metrics.horizontalAdvance(status_label(s)) for s in ("queued", "approved", "rejected")),
        }
        for i in range(self.model.columnCount()):
            name = self.model.column_name(i)
            if name in fixed:
                header.setSectionResizeMode(i, QHeaderView.ResizeMode.Fixed)
                title = metrics.horizontalAdvance(str(self.model.headerData(i, Qt.Orientation.Horizontal)))
                header.resizeSection(i, max(fixed[name], title) + pad)
            else:
                header.setSectionResizeMode(i, QHeaderView.ResizeMode.Stretch)
            # a column that only repeats the filter is left out: one status, or flags on undecided clips
            hidden = (name == "status" and status is not None) or (name == "flags" and status == "queued")
            # a narrow queue (a laptop, French labels beside) keeps who the clip is for, not who sent it
            hidden = hidden or (name == "sender" and self._narrow())
            header.setSectionHidden(i, hidden)
        mode = Qt.TextElideMode.ElideMiddle if self.model.quarantine_mode else Qt.TextElideMode.ElideRight
        self.table.setTextElideMode(mode)

    def _narrow(self) -> bool:
        return self.table.viewport().width() < self.fontMetrics().averageCharWidth() * NARROW_CHARS

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        sender = next((i for i in range(self.model.columnCount()) if self.model.column_name(i) == "sender"), -1)
        if sender >= 0 and self.table.horizontalHeader().isSectionHidden(sender) != self._narrow():
            self._columns_sized()

    def select_row(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            index = self.model.index(row, 0)
            self.table.setCurrentIndex(index)
            self.table.scrollTo(index, QAbstractItemView.ScrollHint.EnsureVisible)
