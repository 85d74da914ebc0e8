"""What the review GUI tests share: a real window on a synced demo cache, opened and closed as a user does."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from moderator_app.db.cache import Cache
from moderator_app.services.review import ReviewService
from moderator_app.tasks import TaskRunner
from moderator_app.ui.review.window import MainWindow


def open_window(qtbot: QtBot, data_dir: Path, inbox: Path | None) -> MainWindow:
    win = MainWindow(ReviewService(Cache(data_dir), "ana"), TaskRunner(), inbox=inbox)
    if inbox is not None:
        with qtbot.waitSignal(win.sync_finished, timeout=30000):
            win.show()
    else:
        win.show()
    qtbot.waitUntil(lambda: win.current_id is not None, timeout=10000)
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow, timeout=5000)
    return win


_closed: list[MainWindow] = []
"""Windows already closed (held, so a new window can never be mistaken for one of them)."""


def close_window(qtbot: QtBot, win: MainWindow) -> None:
    """Close as the user does and wait until quitting is over; closing twice (test, then fixture) is fine."""
    if any(w is win for w in _closed):
        return
    _closed.append(win)
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    app.setQuitOnLastWindowClosed(False)
    if not win.runner.closed:
        with qtbot.waitSignal(win.closed, timeout=10000):
            win.close()
    assert win.runner.join(timeout=60)
    win.review.cache.close()
    win.deleteLater()


def answer_message_box(act: Callable[[QMessageBox], None], seen: list[QMessageBox]) -> None:
    """Act on the next modal message box as soon as it is up (it runs its own event loop)."""

    def poll() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox) and box.isVisible():
            seen.append(box)
            act(box)
        else:
            QTimer.singleShot(20, poll)

    QTimer.singleShot(0, poll)
