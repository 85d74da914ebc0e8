"""The editor comes back where the user left it: geometry and splitter sizes kept (QSettings), and a saved
geometry that no longer fits the screen (a smaller laptop) is not restored."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QByteArray, QRect
from pytestqt.qtbot import QtBot

from moderator_app.db.cache import Cache
from moderator_app.services.spots import SpotService
from moderator_app.tasks import TaskRunner
from moderator_app.ui.screenfit import available, settings
from moderator_app.ui.spot.editor import SpotEditorWindow
from tests.gui.test_spot_editor import cache, spot_inbox  # noqa: F401 - fixtures

pytestmark = pytest.mark.gui


def open_editor(qtbot: QtBot, cache: Cache, runner: TaskRunner) -> SpotEditorWindow:  # noqa: F811
    win = SpotEditorWindow(SpotService(cache), runner)
    qtbot.addWidget(win)
    with qtbot.waitSignal(win.candidates_loaded, timeout=10000):
        win.show()
    qtbot.waitExposed(win)
    return win


def test_geometry_and_splitter_are_kept_between_sessions(qtbot: QtBot, cache: Cache,  # noqa: F811
                                                         tmp_path: Path) -> None:
    settings().remove("spotEditor")
    runner = TaskRunner()
    try:
        win = open_editor(qtbot, cache, runner)
        area = available(win)
        assert area.contains(win.frameGeometry()), "first time: inside the screen"
        win.setGeometry(QRect(area.x() + 30, area.y() + 40, 1300, 760))
        qtbot.waitUntil(lambda: win.width() == 1300)
        win.splitter.setSizes([250, 800, 250])
        sizes = win.splitter.sizes()
        geometry = win.geometry()
        win.close()

        again = open_editor(qtbot, cache, runner)
        assert again.geometry().size() == geometry.size() and again.splitter.sizes() == sizes
        again.close()

        # saved on a larger screen: not restored past this one's edges
        huge = SpotEditorWindow(SpotService(cache), runner)
        huge.setGeometry(QRect(0, 0, area.width() + 900, area.height() + 600))
        settings().setValue("spotEditor/geometry", QByteArray(huge.saveGeometry()))
        huge.deleteLater()
        small = open_editor(qtbot, cache, runner)
        assert area.contains(small.frameGeometry())
        small.close()
    finally:
        runner.shutdown()
