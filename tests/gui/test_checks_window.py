"""Clip checks in the review window: run in the background as clips arrive, shown as badges and figures."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from moderator_app.db.cache import Cache
from moderator_app.services.review import ReviewService
from moderator_app.tasks import TaskRunner
from moderator_app.ui.review.window import MainWindow
from tests.conftest import DEMO_GOOD
from tests.gui.test_review_window import close_window

pytestmark = pytest.mark.gui


def test_checks_run_in_background_and_show(qtbot: QtBot, data_dir: Path, demo_inbox: Path) -> None:
    cache = Cache(data_dir)
    win = MainWindow(ReviewService(cache, "ana"), TaskRunner(), inbox=demo_inbox, auto_check=True)
    with qtbot.waitSignal(win.checks_finished, timeout=120000) as finished:
        win.show()
    assert len(finished.args[0].checked) == DEMO_GOOD
    assert win.checks_label.text() == f"Checks: {DEMO_GOOD} clips checked"

    column = next(c for c in range(win.model.columnCount())
                  if win.model.headerData(c, Qt.Orientation.Horizontal) == "Checks")
    dark_row = win.model.row_of("sub-000106")
    assert "too dark" in win.model.data(win.model.index(dark_row, column))

    win.queue_panel.select_row(dark_row)
    qtbot.waitUntil(lambda: win.current_id == "sub-000106", timeout=5000)
    assert "too dark" in win.checks.findings.text()
    assert win.checks.values["duration_s"].text() == "6.0 s"
    assert win.checks.values["loudness_lufs"].text().endswith("LUFS")
    assert len(win.checks.plot.points) > 10
    assert "poor_image" in win.decision.suggested_flags()
    assert "poor_image" not in win.decision.checked_flags(), "suggested, not decided for the moderator"

    with qtbot.waitSignal(win.model.filter_applied, timeout=5000):
        win.queue_panel.finding.setCurrentIndex(win.queue_panel.finding.findData("portrait"))
    rows = [win.model.submission_id(r) for r in range(win.model.rowCount())]
    assert rows and all(
        "portrait" in (win.model.row_data(r) or {}).get("findings", []) for r in range(win.model.rowCount()))
    close_window(qtbot, win)
    cache.close()
