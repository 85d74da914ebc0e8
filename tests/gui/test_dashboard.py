"""The campaign dashboard in the window: Ctrl+D on the real review window, real SQLite, real paints.

The charts are checked on their pixels: a bar of the approved (or rejected) colour is there where the
report has decisions, and nowhere while the report is still loading.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QLocale, Qt
from PySide6.QtGui import QColor, QHelpEvent, QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QToolTip
from pytestqt.qtbot import QtBot

from moderator_app.config import KEY_BINDINGS
from moderator_app.services.report import HourCount, report
from moderator_app.services.review import ReviewService
from moderator_app.services.store import Cache
from moderator_app.tasks import TaskRunner
from moderator_app.ui.campaign.charts import APPROVED, REJECTED, last_hours, nice_step, territory_name
from moderator_app.ui.campaign.dashboard import Dashboard
from moderator_app.ui.campaign.figures import STAGES
from moderator_app.ui.review.window import MainWindow
from moderator_app.ui.shortcuts import action_title
from tests.gui.test_audit_view import decide_by_key, french  # noqa: F401  (the French fixture)
from tests.gui.test_review_window import window  # noqa: F401  (the fixture: a real window on the demo inbox)

pytestmark = pytest.mark.gui


def colour_pixels(image: QImage, colour: QColor) -> int:
    """Pixels of exactly ``colour`` (bars are filled flat; antialiased edges are not counted)."""
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    want = colour.rgb()
    return sum(1 for y in range(image.height()) for x in range(image.width()) if image.pixel(x, y) == want)


def open_dashboard(qtbot: QtBot, win: MainWindow) -> Dashboard:
    """Ctrl+D in the queue, as a moderator presses it; wait until the window painted the figures it read."""
    QTest.keyClick(win.queue_panel.table, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: getattr(win, "dashboard", None) is not None, timeout=5000)
    dashboard: Dashboard = win.dashboard
    qtbot.waitUntil(lambda: dashboard.painted_report is not None, timeout=10000)
    return dashboard


def test_ctrl_d_opens_the_dashboard_with_the_services_figures(qtbot: QtBot, window: MainWindow) -> None:  # noqa: F811
    win = window
    assert any(b.action == "dashboard" and b.key == "Ctrl+D" for b in KEY_BINDINGS)
    assert win.actions_by_name["dashboard"].shortcut().toString() == "Ctrl+D"
    assert win.actions_by_name["dashboard"].text() == action_title("dashboard") == "Show the campaign dashboard"
    approved = decide_by_key(qtbot, win, Qt.Key.Key_A)
    decide_by_key(qtbot, win, Qt.Key.Key_R)
    decide_by_key(qtbot, win, Qt.Key.Key_A)

    dashboard = open_dashboard(qtbot, win)
    assert dashboard.isVisible() and dashboard.windowTitle() == "Campaign dashboard"
    figures = report(win.review.cache)
    locale = QLocale()
    for key in (k for row in STAGES for k in row):
        assert dashboard.figures[key].value_text() == locale.toString(getattr(figures, key)), key
    assert dashboard.figures["approved"].value_text() == "2" and dashboard.figures["rejected"].value_text() == "1"
    assert dashboard.figures["quarantined"].value_text() == "2", "the demo's two broken records"
    table = dashboard.table
    assert table.rowCount() == 1
    assert [table.item(0, c).text() for c in range(5)] == [approved.decided_at[:10], "ana", "2", "1", "3"]
    assert "3 decisions," in dashboard.production.text() and "0 spots saved" in dashboard.production.text()

    hours = dashboard.hour_chart.grab().toImage()
    assert colour_pixels(hours, APPROVED) > 20 and colour_pixels(hours, REJECTED) > 10, "stacked bars drawn"
    chart = dashboard.hour_chart  # the pointer over the bar tells its counts
    bar = next(rect for rect, text in chart.tips if text.endswith("approved 2, rejected 1")).center().toPoint()
    QApplication.sendEvent(chart, QHelpEvent(QEvent.Type.ToolTip, bar, chart.mapToGlobal(bar)))
    qtbot.waitUntil(QToolTip.isVisible, timeout=5000)
    assert "approved 2, rejected 1" in QToolTip.text()
    QToolTip.hideText()
    countries = dashboard.country_chart.grab().toImage()
    assert colour_pixels(countries, APPROVED) > 20
    names = [name for name, _ in dashboard.country_chart.rows(10)]
    assert names == [territory_name(c, "en") for c in figures.approved_by_country]

    # a decision taken while the dashboard is open shows in it shortly, without a key
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow, timeout=5000)
    with qtbot.waitSignal(dashboard.loaded, timeout=10000):
        decide_by_key(qtbot, win, Qt.Key.Key_R)
    assert dashboard.figures["rejected"].value_text() == "2"

    # F5 inside the dashboard reads again: a change made elsewhere (another moderator, the CLI) appears
    ReviewService(win.review.cache, "karim").decide(approved.submission_id, "rejected")
    dashboard.activateWindow()
    qtbot.waitUntil(dashboard.isActiveWindow, timeout=5000)
    with qtbot.waitSignal(dashboard.painted, timeout=10000):
        QTest.keyClick(dashboard, Qt.Key.Key_F5)
    assert dashboard.figures["rejected"].value_text() == "3"
    assert [[table.item(r, c).text() for c in range(1, 5)] for r in range(2)] == [
        ["ana", "2", "2", "4"], ["karim", "0", "1", "1"]]

    # opened again with Ctrl+D: the same window, refreshed
    dashboard.hide()
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow, timeout=5000)
    with qtbot.waitSignal(dashboard.loaded, timeout=10000):
        QTest.keyClick(win.queue_panel.table, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert win.dashboard is dashboard and dashboard.isVisible()
    dashboard.close()


@pytest.fixture
def lone_dashboard(qtbot: QtBot, data_dir: Path) -> Iterator[Dashboard]:
    cache = Cache(data_dir)
    runner = TaskRunner()
    dashboard = Dashboard(cache, runner)
    qtbot.addWidget(dashboard)
    yield dashboard
    dashboard.close()
    runner.shutdown()
    assert runner.join(timeout=30)
    cache.close()


def test_loading_then_empty_campaign_states(qtbot: QtBot, lone_dashboard: Dashboard) -> None:
    dashboard = lone_dashboard
    dashboard.resize(1366, 740)
    dashboard.show()
    qtbot.waitExposed(dashboard)
    assert dashboard.figures["received"].value_text() == "" and dashboard.figures["received"].value.text() == "…"
    loading = dashboard.hour_chart.grab().toImage()
    assert colour_pixels(loading, APPROVED) == colour_pixels(loading, REJECTED) == 0, "no bars before the figures"
    with qtbot.waitSignal(dashboard.painted, timeout=10000):
        dashboard.refresh()
    assert dashboard.figures["received"].value_text() == "0"
    empty = dashboard.country_chart.grab().toImage()
    assert colour_pixels(empty, APPROVED) == 0, "nothing approved: no bar"


def test_dashboard_in_french(qtbot: QtBot, french: None, window: MainWindow) -> None:  # noqa: F811
    decide_by_key(qtbot, window, Qt.Key.Key_A)
    dashboard = open_dashboard(qtbot, window)
    assert dashboard.windowTitle() == "Tableau de bord de la campagne"
    assert dashboard.refresh_button.text() == "Actualiser"
    assert dashboard.figures["received"].caption.text() == "Reçus"
    assert dashboard.figures["failed"].caption.text() == "Notification en échec"
    assert dashboard.table.horizontalHeaderItem(1).text() == "Modérateur"
    assert "1 décision," in dashboard.production.text() and "0 spot enregistré" in dashboard.production.text()
    assert dashboard.hour_chart.title() == "Décisions par heure (UTC)"
    assert dashboard.country_chart.title() == "Approbations par pays"
    assert territory_name("MA") == "Maroc" and territory_name("LU") == "Luxembourg"
    code = next(iter(report(window.review.cache).approved_by_country))
    assert dashboard.country_chart.rows(5)[0][0] == territory_name(code, "fr")
    assert window.actions_by_name["dashboard"].text() == "Afficher le tableau de bord de la campagne"
    dashboard.close()


def test_hostile_countries_and_names_are_drawn_as_text_at_any_size(qtbot: QtBot, lone_dashboard: Dashboard) -> None:
    """Countries come from strangers' records and moderator names from the command line: shown literally,
    elided to their column, in a window as small as a laptop's half screen."""
    dashboard = lone_dashboard
    db = dashboard.cache.db
    countries = ("FR", "<b>XX</b>", "\u202eRL" + "Z" * 300, "MA", "🌸", "TN", "LU", "DE", "BE", "CH", "IT")
    for i, country in enumerate(countries):
        db.execute(
            "INSERT INTO submissions (id, campaign, country, received_at, recipient_first, recipient_last, sender_first,"
            " sender_last, consent_broadcast, raw, source, ingested_at)"
            " VALUES (?, 'c', ?, '2020-04-01T00:00:00Z', 'a', 'b', 'c', 'd', 1, '{}', ?, '2020-04-01T00:00:00Z')",
            [f"sub-{i}", country, f"inbox/{i}.json"])
    moderator = "فاطمة 🌸 <b>bold</b>"
    review = ReviewService(dashboard.cache, moderator)
    for i in range(len(countries)):
        review.decide(f"sub-{i}", "approved" if i % 4 else "rejected")
    for width, height in ((1366, 740), (700, 480)):
        dashboard.resize(width, height)
        dashboard.show()
        qtbot.waitExposed(dashboard)
        with qtbot.waitSignal(dashboard.painted, timeout=10000):
            dashboard.refresh()
        assert dashboard.table.item(0, 1).text() == moderator
        rows = dashboard.country_chart.rows(len(countries))
        assert ("<b>XX</b>", 1) in rows and (territory_name("MA", "en"), 1) in rows
        assert colour_pixels(dashboard.country_chart.grab().toImage(), APPROVED) > 0
        assert "<b>XX</b>: 1" in [text for _, text in dashboard.country_chart.tips], "escaped when shown"
        hours = dashboard.hour_chart.grab().toImage()
        assert colour_pixels(hours, APPROVED) > 0 and colour_pixels(hours, REJECTED) > 0
    few = dashboard.country_chart.rows(3)
    assert len(few) == 3 and few[-1] == ("6 other countries", 6), "what does not fit is summed, not dropped"


def test_the_hour_axis_is_the_day_up_to_the_latest_decision_with_quiet_hours_as_zeros() -> None:
    hours = last_hours([HourCount("2020-04-10T08:00Z", 1, 2), HourCount("2020-04-11T01:00Z", 0, 3)])
    assert len(hours) == 24 and hours[-1] == HourCount("2020-04-11T01:00Z", 0, 3)
    assert hours[0].hour == "2020-04-10T02:00Z" and hours[6] == HourCount("2020-04-10T08:00Z", 1, 2)
    assert sum(h.approved + h.rejected for h in hours) == 6
    assert last_hours([HourCount("2020-13-45T99:00Z", 1, 0)]) == [HourCount("2020-13-45T99:00Z", 1, 0)]
    assert [nice_step(v) for v in (3, 20, 1990, 100_000)] == [1, 5, 500, 50_000]
