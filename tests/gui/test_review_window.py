"""The review loop as a moderator drives it: keys on a real window, real VLC, real SQLite, real clips."""

from __future__ import annotations

import signal
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from moderator_app.db.cache import Cache
from moderator_app.player.vlcplayer import PlayerState
from moderator_app.services.review import QUARANTINED, ReviewService
from moderator_app.tasks import TaskRunner
from moderator_app.ui.review.window import MainWindow
from tests.conftest import DEMO_BAD, DEMO_GOOD

pytestmark = pytest.mark.gui


@pytest.fixture
def window(qtbot: QtBot, data_dir: Path, demo_inbox: Path) -> Iterator[MainWindow]:
    cache = Cache(data_dir)
    runner = TaskRunner()
    win = MainWindow(ReviewService(cache, "ana"), runner, inbox=demo_inbox)
    with qtbot.waitSignal(win.sync_finished, timeout=30000):
        win.show()
    qtbot.waitUntil(lambda: win.current_id is not None, timeout=10000)
    win.activateWindow()  # shortcuts act in the active window, as on a desktop
    qtbot.waitUntil(win.isActiveWindow, timeout=5000)
    yield win
    close_window(qtbot, win)
    cache.close()


def quit_as_the_app_does() -> None:
    """The app quits on the window's ``closed``, not when its last window disappears (app.build); the
    default would also end the event loop a test is waiting in."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    app.setQuitOnLastWindowClosed(False)


def close_window(qtbot: QtBot, win: MainWindow) -> None:
    """Close as the user does, wait for quitting to finish (``closed``), then for the runner's threads."""
    quit_as_the_app_does()
    if not win.runner.closed:
        with qtbot.waitSignal(win.closed, timeout=10000):
            win.close()
    assert win.runner.join(timeout=60)
    win.deleteLater()


def wait_playing(qtbot: QtBot, win: MainWindow) -> None:
    qtbot.waitUntil(lambda: win.deck.state == PlayerState.PLAYING, timeout=10000)
    start = win.deck.time
    qtbot.waitUntil(lambda: win.deck.time > start, timeout=10000)


def status_of(win: MainWindow, sid: str) -> tuple[str, str, str]:
    row = win.review.cache.db.execute("SELECT status, flags, note FROM submissions WHERE id = ?", [sid]).fetchone()
    return tuple(row)  # type: ignore[return-value]


def key(win: MainWindow, k: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    target = win.focusWidget() or win
    QTest.keyClick(target, k, modifier)


def test_screening_loop(qtbot: QtBot, window: MainWindow) -> None:
    win = window
    first = win.current_id
    assert first == "sub-000101"
    assert win.details.recipient.text() == "Hélène Dubois"
    wait_playing(qtbot, win)
    assert win.deck.path is not None and win.deck.path.name.startswith(first)

    # approve with one key: committed, and the next clip plays by itself
    with qtbot.waitSignal(win.decision_saved, timeout=5000) as saved, \
            qtbot.waitSignal(win.deck.clip_started, timeout=5000) as started:
        key(win, Qt.Key.Key_A)
    assert saved.args[0].submission_id == first and saved.args[0].decision == "approved"
    assert status_of(win, first)[0] == "approved"
    second = win.current_id
    assert second == "sub-000102"
    assert started.args[0].name.startswith(second)
    wait_playing(qtbot, win)

    # flags by number key, a note, then reject
    key(win, Qt.Key.Key_8)  # 8 = poor audio
    key(win, Qt.Key.Key_1)  # 1 = offensive language
    key(win, Qt.Key.Key_1)  # toggled off again
    key(win, Qt.Key.Key_N)
    assert win.decision.note.hasFocus()
    QTest.keyClicks(win.decision.note, "son tres faible")  # QTest types ASCII only
    assert win.decision.note.toPlainText() == "son tres faible", "letters in the note are text, not shortcuts"
    key(win, Qt.Key.Key_Escape)
    with qtbot.waitSignal(win.decision_saved, timeout=5000):
        key(win, Qt.Key.Key_R)
    assert status_of(win, second) == ("rejected", '["poor_audio"]', "son tres faible")
    assert win.current_id == "sub-000103"
    qtbot.waitUntil(lambda: win.queue_panel.progress.text() == f"2 of {DEMO_GOOD} decided", timeout=5000)

    # undo adds history; it deletes nothing
    with qtbot.waitSignal(win.decision_saved, timeout=5000) as undone:
        key(win, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert undone.args[0].decision == "queued"
    assert status_of(win, second)[0] == "queued"
    assert [d.decision for d in win.review.history(second)] == ["rejected", "queued"]
    assert win.current_id == second, "undo brings the clip back"
    wait_playing(qtbot, win)
    qtbot.waitUntil(lambda: win.queue_panel.progress.text() == f"1 of {DEMO_GOOD} decided", timeout=5000)

    # playback keys reach the player
    key(win, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: win.deck.state == PlayerState.PAUSED, timeout=5000)
    key(win, Qt.Key.Key_BracketRight)
    assert win.deck.rate == 1.25
    key(win, Qt.Key.Key_M)
    assert win.deck.muted


def test_shortcuts_overlay_lists_the_bindings(qtbot: QtBot, window: MainWindow) -> None:
    QTest.keyClick(window.queue_panel.table, Qt.Key.Key_Question)
    qtbot.waitUntil(window.overlay.isVisible, timeout=2000)
    texts = [w.text() for w in window.overlay.findChildren(type(window.details.for_caption))]
    assert "Approve and play the next clip" in texts and "Ctrl+Z" in texts
    key(window, Qt.Key.Key_Escape)
    assert not window.overlay.isVisible()
    assert "(A)" in window.decision.approve_button.text()
    # every action's key is in its tooltip too
    assert window.decision.approve_button.toolTip().endswith("(A)")
    assert window.decision.reject_button.toolTip().endswith("(R)")
    assert window.controls.play_button.toolTip().endswith("(Space)")
    assert window.controls.frame_button.toolTip().endswith("(.)")
    flag8 = [b for b in window.decision.flags_box.findChildren(type(window.decision.approve_button))
             if b.objectName() == "flag_poor_audio"]
    assert flag8 and "(8)" in flag8[0].toolTip()


def test_filters_search_and_quarantine(qtbot: QtBot, window: MainWindow) -> None:
    panel = window.queue_panel

    def shown() -> list[str]:
        return [window.model.submission_id(r) or "" for r in range(window.model.rowCount())]

    assert len(shown()) == DEMO_GOOD
    with qtbot.waitSignal(window.model.filter_applied, timeout=5000):
        panel.country.setCurrentIndex(panel.country.findData("MA"))
    assert shown() == ["sub-000104", "sub-000111", "sub-000114"] or all(
        window.review.details(s)["country"] == "MA" for s in shown())
    with qtbot.waitSignal(window.model.filter_applied, timeout=5000):
        panel.country.setCurrentIndex(0)
    with qtbot.waitSignal(window.model.filter_applied, timeout=5000):
        panel.search.setText("فاطمة")
    assert shown() == ["sub-000104"]
    with qtbot.waitSignal(window.model.filter_applied, timeout=5000):
        panel.search.setText("helene")
    assert shown() == ["sub-000101"]
    with qtbot.waitSignal(window.model.filter_applied, timeout=5000):
        panel.search.clear()
    with qtbot.waitSignal(window.model.filter_applied, timeout=5000):
        panel.set_status(QUARANTINED)
    assert window.model.rowCount() == DEMO_BAD
    reasons = [window.model.data(window.model.index(r, 1)) for r in range(DEMO_BAD)]
    assert any("broken JSON" in r for r in reasons) and any("not a readable video" in r for r in reasons)


def test_gui_decision_survives_sigkill(data_dir: Path, demo_inbox: Path) -> None:
    script = textwrap.dedent(
        f"""
        import os, signal
        from pathlib import Path
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest
        from PySide6.QtWidgets import QApplication
        from moderator_app.db.cache import Cache
        from moderator_app.services.review import ReviewService
        from moderator_app.tasks import TaskRunner
        from moderator_app.ui.review.window import MainWindow
        app = QApplication([])
        win = MainWindow(ReviewService(Cache(Path({str(data_dir)!r})), "ana"), TaskRunner(), inbox=Path({str(demo_inbox)!r}))
        def kill(_decision):
            os.kill(os.getpid(), signal.SIGKILL)
        def ready():
            if win.current_id is None:
                return
            if not win.isActiveWindow():
                win.activateWindow()
                return
            timer.stop()
            win.decision_saved.connect(kill)
            QTest.keyClick(win.queue_panel.table, Qt.Key.Key_A)
        from PySide6.QtCore import QTimer
        timer = QTimer(); timer.timeout.connect(ready); timer.start(50)
        win.show()
        QTimer.singleShot(60000, lambda: os._exit(3))  # never hang the suite
        app.exec()
        """
    )
    proc = subprocess.run([sys.executable, "-c", script], check=False, capture_output=True, text=True, timeout=120)
    assert proc.returncode == -signal.SIGKILL, proc.stderr[-2000:]
    cache = Cache(data_dir)
    assert cache.db.execute("SELECT id, status FROM submissions WHERE status != 'queued'").fetchall() == [
        ("sub-000101", "approved")
    ]
    cache.close()


def test_closing_hides_at_once_and_a_last_decision_still_lands(qtbot: QtBot, window: MainWindow) -> None:
    win = window
    first = win.current_id
    assert first is not None
    key(win, Qt.Key.Key_A)  # decided, and the window closed before the decision is saved
    quit_as_the_app_does()
    with qtbot.waitSignal(win.closed, timeout=10000):
        win.close()
        assert not win.isVisible(), "the window goes away at once; quitting goes on behind it"
    assert status_of(win, first)[0] == "approved"
    assert win.runner.closed
