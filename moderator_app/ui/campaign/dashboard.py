"""The campaign dashboard: where the campaign stands, for its lead, in one window.

Opened from the review window (Ctrl+D, config.KEY_BINDINGS). The figures come from services/report.py
on the task runner's quick lane (one snapshot, tens of milliseconds at 100,000 submissions); until they
arrive the window shows a light loading state, never zeros that are not true yet. Refresh (F5 inside the
window) reads them again, and while it is open a decision or a sync on the desk makes it read again 1.5 s
later (coalesced); a refresh answered after a newer one was asked for is dropped.
Nothing personal is shown: counts, moderator names, days, hours and countries.
"""

from __future__ import annotations

from PySide6.QtCore import QDateTime, QEvent, QLocale, Qt, QTimer, QTimeZone, Signal
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from moderator_app.services.report import CampaignReport, report
from moderator_app.services.store import Cache
from moderator_app.tasks import QUICK, TaskRunner
from moderator_app.ui.campaign.charts import CountryChart, HourChart
from moderator_app.ui.campaign.figures import Funnel, counted

FOLLOW_MS = 1500
"""How long after a change on the desk the open dashboard reads its figures again."""


class Dashboard(QDialog):
    loaded = Signal(object)
    """A report arrived and is shown (the CampaignReport)."""
    painted = Signal()
    """The figures and both charts were painted with the latest report."""

    def __init__(self, cache: Cache, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dashboard")
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.cache = cache
        self.runner = runner
        self.report: CampaignReport | None = None
        self._asked = 0
        self._waiting: set[str] = set()
        self.painted_report: CampaignReport | None = None
        """The report the window last finished painting (None while the first one loads)."""
        self.as_of = QLabel(self)
        self.status = QLabel(self)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.refresh_button = QPushButton(self)
        self.refresh_button.setObjectName("dashboardRefresh")
        self.close_button = QPushButton(self)
        self.funnel = Funnel(self)
        self.figures = self.funnel.cards
        self.production = QLabel(self)
        self.production.setObjectName("dashboardProduction")
        self.production.setWordWrap(True)
        self.table_title = QLabel(self)
        self.table = QTableWidget(0, 5, self)
        self.table.setObjectName("decisionsPerDay")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.hour_chart = HourChart(self)
        self.country_chart = CountryChart(self)
        self.hour_chart.painted.connect(lambda: self._chart_painted("hour"))
        self.country_chart.painted.connect(lambda: self._chart_painted("country"))

        header = QHBoxLayout()
        header.addWidget(self.as_of)
        header.addWidget(self.status, 1)
        header.addWidget(self.refresh_button)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.table_title)
        left_layout.addWidget(self.table)
        charts = QSplitter(Qt.Orientation.Vertical, self)
        charts.addWidget(self.hour_chart)
        charts.addWidget(self.country_chart)
        charts.setChildrenCollapsible(False)
        body = QSplitter(Qt.Orientation.Horizontal, self)
        body.addWidget(left)
        body.addWidget(charts)
        body.setStretchFactor(0, 2)
        body.setStretchFactor(1, 3)
        body.setSizes([400, 600])  # the stretch factors share what the window adds to this
        body.setChildrenCollapsible(False)
        footer = QHBoxLayout()
        footer.addStretch(1)
        footer.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.funnel)
        layout.addWidget(self.production)
        layout.addWidget(body, 1)
        layout.addLayout(footer)

        self.refresh_button.clicked.connect(self.refresh)
        self.close_button.clicked.connect(self.close)
        refresh_key = QShortcut(QKeySequence(Qt.Key.Key_F5), self)
        refresh_key.setContext(Qt.ShortcutContext.WindowShortcut)
        refresh_key.activated.connect(self.refresh)
        self._soon = QTimer(self)
        self._soon.setSingleShot(True)
        self._soon.setInterval(FOLLOW_MS)
        self._soon.timeout.connect(self.refresh)
        self.retranslate()
        self._fit_screen()

    def _fit_screen(self) -> None:
        """1280×760 when the screen has room, else the screen's available size (a 1366×768 laptop)."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        room = screen.availableGeometry() if screen is not None else None
        width, height = 1280, 760
        if room is not None:
            width, height = min(width, room.width() - 20), min(height, room.height() - 40)
        self.resize(width, height)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Campaign dashboard"))
        self.refresh_button.setText(self.tr("Refresh"))
        self.refresh_button.setToolTip(self.tr("Read the figures again (F5)"))
        self.close_button.setText(self.tr("Close"))
        self.table_title.setText(self.tr("Decisions per moderator per day (UTC)"))
        self.table.setHorizontalHeaderLabels(
            [self.tr("Day"), self.tr("Moderator"), self.tr("Approved"), self.tr("Rejected"), self.tr("Total")])
        self.funnel.retranslate()
        self._show_texts()
        self.hour_chart.update()
        self.country_chart.update()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- loading ----------------------------------------------------------------------------------

    def open_dashboard(self) -> None:
        """Show the window (non-modal: the desk stays usable) and read the figures."""
        self.show()
        self.raise_()
        self.activateWindow()
        self.refresh()

    def refresh(self) -> None:
        if self.runner.is_shut_down:
            return
        self._asked += 1
        asked, cache = self._asked, self.cache
        self.status.setText(self.tr("Loading…"))
        self.refresh_button.setEnabled(False)
        # bound methods, not lambdas: the runner drops the answer when the window is gone by then
        self.runner.run(lambda: (asked, report(cache)), on_done=self._arrived, on_error=self._failed, lane=QUICK)

    def refresh_soon(self, *_changed: object) -> None:
        """Something changed on the desk (a decision, a sync): read again shortly if the window is open.

        Coalesced: a moderator deciding every two seconds costs one read per ``FOLLOW_MS``, not one each."""
        if self.isVisible() and not self._soon.isActive():
            self._soon.start()

    def _failed(self, error: BaseException) -> None:
        self.refresh_button.setEnabled(True)
        self.status.setText(self.tr("The figures could not be read: {reason}").format(reason=type(error).__name__))

    def _arrived(self, answer: tuple[int, CampaignReport]) -> None:
        asked, figures = answer
        if asked != self._asked:
            return  # a newer refresh is on its way
        self.report = figures
        self.refresh_button.setEnabled(True)
        self.status.setText("")
        self.funnel.set_report(figures)
        self._fill_table(figures)
        self._waiting = {"hour", "country"}
        self.hour_chart.set_hours(figures.decisions_per_hour)
        self.country_chart.set_counts(figures.approved_by_country)
        self._show_texts()
        self.loaded.emit(figures)

    def _chart_painted(self, name: str) -> None:
        if name in self._waiting:
            self._waiting.discard(name)
            if not self._waiting:
                self.painted_report = self.report
                self.painted.emit()

    def _fill_table(self, figures: CampaignReport) -> None:
        locale = QLocale()
        rows = figures.decisions_per_day
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            cells = (row.day, row.moderator, locale.toString(row.approved), locale.toString(row.rejected),
                     locale.toString(row.total))
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if c >= 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(r, c, item)

    def _show_texts(self) -> None:
        """The as-of time and the production line, in the interface's language and plurals."""
        figures = self.report
        if figures is None:
            self.as_of.setText("")
            self.production.setText("")
            return
        at = QDateTime.fromString(figures.as_of, Qt.DateFormat.ISODate)
        at.setTimeZone(QTimeZone.utc())
        when = QLocale().toString(at.toLocalTime(), QLocale.FormatType.ShortFormat)
        self.as_of.setText(self.tr("As of {when}").format(when=when))
        spots, slots = figures.spots, figures.slots
        parts = [
            counted(self.tr("%Ln spot(s) saved", "", spots["saved"]), spots["saved"]),
            counted(self.tr("%Ln rendered", "", spots["rendered"]), spots["rendered"]),
            counted(self.tr("%Ln on air slots", "", spots["scheduled"]), spots["scheduled"]),
            counted(self.tr("%Ln air slot(s)", "", slots["total"]), slots["total"]),
            counted(self.tr("%Ln assigned", "", slots["assigned"]), slots["assigned"]),
            counted(self.tr("%Ln empty", "", slots["empty"]), slots["empty"]),
            counted(self.tr("%Ln past", "", slots["aired"]), slots["aired"]),
            counted(self.tr("%Ln decision(s)", "", figures.decisions), figures.decisions),
            counted(self.tr("%Ln notification(s) in doubt", "", figures.in_doubt), figures.in_doubt),
            counted(self.tr("%Ln deferred", "", figures.deferred), figures.deferred),
            counted(self.tr("%Ln outdated", "", figures.outdated), figures.outdated),
            counted(self.tr("%Ln erased", "", figures.erased), figures.erased),
        ]
        self.production.setText(
            self.tr("Spots: {spots}   ·   Air slots: {slots}   ·   {rest}").format(
                spots=", ".join(parts[0:3]), slots=", ".join(parts[3:7]), rest=", ".join(parts[7:])))


def open_dashboard(window: QWidget) -> Dashboard:
    """One dashboard per review window (``window.dashboard``), refreshed each time it opens."""
    dashboard: Dashboard | None = getattr(window, "dashboard", None)
    if dashboard is None:
        dashboard = Dashboard(window.review.cache, window.runner, window)  # type: ignore[attr-defined]
        window.dashboard = dashboard  # type: ignore[attr-defined]
        for name in ("decision_saved", "sync_finished"):  # the figures follow the desk while it is open
            signal = getattr(window, name, None)
            if signal is not None:
                signal.connect(dashboard.refresh_soon)
    dashboard.open_dashboard()
    return dashboard
