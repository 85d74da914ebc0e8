"""F1 opens About: the version, the app's licence and the notices of the bundled parts."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from moderator_app import __version__
from moderator_app.ui.about import AboutDialog, show_about
from moderator_app.ui.review.window import MainWindow
from tests.gui.test_review_window import window  # noqa: F401  (the fixture: a real window on demo data)


def test_about_names_the_version_and_every_bundled_licence(qtbot: QtBot) -> None:
    dialog = show_about()
    qtbot.addWidget(dialog)
    assert __version__ in dialog.heading.text()
    assert "libVLC 3." in dialog.versions.text()
    text = dialog.notices.toPlainText()
    for part in ("GPL-3.0-or-later", "LGPL-3.0", "LGPL-2.1-or-later", "Apache-2.0", "FFmpeg", "OpenCV"):
        assert part in text, part


def test_f1_in_the_review_window_opens_about(qtbot: QtBot, window: MainWindow) -> None:  # noqa: F811
    QTest.keyClick(window, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: any(isinstance(w, AboutDialog) and w.isVisible() for w in QApplication.topLevelWidgets()),
                    timeout=5000)
