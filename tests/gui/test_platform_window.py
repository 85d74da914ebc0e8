"""The platform sync in the real window: responsive during a large sync, status bar, F5, push, conflicts,
settings with the keyring, leases released on quit."""

from __future__ import annotations

import statistics
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import keyring
import keyring.backends.fail
import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel, QMessageBox
from pytestqt.qtbot import QtBot

from moderator_app.db.cache import Cache
from moderator_app.services.accounts import KEYRING_SERVICE
from moderator_app.services.review import ReviewService
from moderator_app.tasks import TaskRunner
from moderator_app.ui.platform.status import SyncView
from moderator_app.ui.review.window import MainWindow
from tests.gui.test_review_window import close_window, quit_as_the_app_does
from tests.support.blackhole import BlackHole
from tests.support.memory_keyring import MemoryKeyring, installed_memory_keyring
from tests.support.platform_server import PlatformServer
from tests.unit.sources.platform.test_pipeline import TOKEN, clip_bytes, fast_client, real_items  # noqa: F401

pytestmark = pytest.mark.gui


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    with installed_memory_keyring() as backend:
        yield backend


@pytest.fixture
def window(qtbot: QtBot, data_dir: Path, memory_keyring: MemoryKeyring) -> Iterator[MainWindow]:
    cache = Cache(data_dir)
    win = MainWindow(ReviewService(cache, "ana"), TaskRunner())
    win.platform.client_factory = lambda url, token: fast_client(url, token)
    win.show()
    yield win
    close_window(qtbot, win)
    cache.close()


@contextmanager
def event_loop_gaps(interval_ms: int) -> Iterator[list[float]]:
    """Milliseconds between the ticks of a timer on the GUI thread: a stall shows as a long gap."""
    gaps: list[float] = []
    last = [time.perf_counter()]

    def tick() -> None:
        now = time.perf_counter()
        gaps.append((now - last[0]) * 1000)
        last[0] = now

    timer = QTimer()
    timer.setInterval(interval_ms)
    timer.timeout.connect(tick)
    timer.start()
    try:
        yield gaps
    finally:
        timer.stop()


def files_contain(folder: Path, secret: bytes) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file() and secret in p.read_bytes()]


def test_large_sync_keeps_the_window_responsive(
    qtbot: QtBot, window: MainWindow, data_dir: Path, clip_bytes: bytes, memory_keyring: MemoryKeyring  # noqa: F811
) -> None:
    count = 150
    win = window
    views: list[SyncView] = []
    shown: list[str] = []
    win.platform.view_changed.connect(views.append)
    win.platform.view_changed.connect(lambda _v: shown.append(win.platform.status.downloads.text()))
    win.platform.ahead = count
    with PlatformServer(real_items(clip_bytes, count), token=TOKEN) as server:
        server.trickle_clips(2048, 0.002)  # a real-ish link: the sync takes a while
        with event_loop_gaps(10) as gaps, qtbot.waitSignal(win.platform.synced, timeout=120000) as done:
            win.platform.configure(server.url, TOKEN)
            win.platform.sync_now()
        report = done.args[0]
        assert len(report.added) == count and report.online
        # event-loop latency while 150 clips were downloaded, verified and committed
        late = [g - 10 for g in gaps]
        print(f"event-loop lateness during the sync: median {statistics.median(late):.1f} ms, "
              f"max {max(late):.1f} ms over {len(gaps)} ticks")
        assert len(gaps) > 20
        assert statistics.median(late) < 15, f"median lateness {statistics.median(late):.1f} ms"
        assert max(late) < 250, f"worst lateness {max(late):.1f} ms"
        # the status bar showed the downloads with counts and bytes, then online with the last sync
        assert any(v.download_total == count and 0 < v.bytes_done for v in views)
        assert any(t.startswith("Downloading ") and f"/{count} clips" in t and "MB" in t for t in shown)
        final = win.platform.view
        assert final.online and final.outbox == 0 and final.last_sync
        assert win.platform.status.online.text() == "Online"
        qtbot.waitUntil(lambda: win.model.rowCount() == count, timeout=10000)
        # the token went to the keyring, never into the data folder
        assert memory_keyring.secrets[(KEYRING_SERVICE, server.url)] == TOKEN
        assert files_contain(data_dir, TOKEN.encode()) == []


def test_decisions_push_f5_conflicts_and_release_on_quit(
    qtbot: QtBot, data_dir: Path, clip_bytes: bytes, memory_keyring: MemoryKeyring  # noqa: F811
) -> None:
    with PlatformServer(real_items(clip_bytes, 4), token=TOKEN) as server:
        cache = Cache(data_dir)
        win = MainWindow(ReviewService(cache, "ana"), TaskRunner())
        win.platform.client_factory = lambda url, token: fast_client(url, token)
        win.platform.ahead = 4
        win.show()
        with qtbot.waitSignal(win.platform.synced, timeout=30000):
            win.platform.configure(server.url, TOKEN)
            win.platform.sync_now()
        qtbot.waitUntil(lambda: win.model.rowCount() == 4 and win.current_id is not None, timeout=10000)
        win.activateWindow()
        qtbot.waitUntil(win.isActiveWindow, timeout=5000)
        # a decision is pushed by itself, shortly after it is saved
        first = win.current_id
        with qtbot.waitSignal(win.platform.synced, timeout=10000):
            QTest.keyClick(win.focusWidget() or win, Qt.Key.Key_A)
        qtbot.waitUntil(lambda: [d["id"] for d in server.decisions] == [first], timeout=5000)
        assert win.platform.view.outbox == 0
        # F5 runs a pass on demand
        with qtbot.waitSignal(win.platform.synced, timeout=10000) as f5:
            QTest.keyClick(win.focusWidget() or win, Qt.Key.Key_F5)
        assert f5.args[0].online
        # someone else decided the clip on screen: the conflict is shown with both decisions
        second = win.current_id
        assert second is not None and second != first
        server.decide_as(second, "rejected", "bob")
        with qtbot.waitSignal(win.platform.synced, timeout=10000) as pushed:
            QTest.keyClick(win.focusWidget() or win, Qt.Key.Key_A)
        assert [c.submission_id for c in pushed.args[0].conflicts] == [second]
        boxes = [b for b in win.findChildren(QMessageBox) if b.objectName() == "conflictNotice"]
        assert boxes and boxes[-1].isVisible()
        assert "bob decided rejected" in boxes[-1].detailedText() and "you decided approved" in boxes[-1].detailedText()
        boxes[-1].close()
        log = win.platform.open_log()
        assert "Conflicts:" in log.text.toPlainText() and second in log.text.toPlainText()
        log.close()
        # quitting gives back the leases on the clips not decided
        undecided = [sid for (sid,) in cache.db.execute("SELECT id FROM submissions WHERE status = 'queued'")]
        assert undecided and all(server.lease(sid)[0] == "ana" for sid in undecided)
        quit_as_the_app_does()
        with qtbot.waitSignal(win.platform.shut_down, timeout=5000) as quit_:
            win.close()
        assert sorted(quit_.args[0]) == sorted(undecided)
        assert all(server.lease(sid)[0] is None for sid in undecided)
        close_window(qtbot, win)
        cache.close()


def test_settings_dialog_uses_the_keyring_or_says_it_cannot(
    qtbot: QtBot, window: MainWindow, data_dir: Path, memory_keyring: MemoryKeyring
) -> None:
    dialog = window.platform.open_settings()
    assert "system keyring" in dialog.where.text() and "session only" not in dialog.where.text()
    dialog.url.setText("https://platform.example.org")
    dialog.token.setText("tok-settings-1234")
    dialog.accept()
    assert memory_keyring.secrets[(KEYRING_SERVICE, "https://platform.example.org")] == "tok-settings-1234"
    assert window.platform.configured
    window.platform._timer.stop()
    # no keyring on this machine: the dialog says so and the token stays in memory only
    keyring.set_keyring(keyring.backends.fail.Keyring())
    dialog = window.platform.open_settings()
    assert "session only" in dialog.where.text()
    dialog.url.setText("https://other.example.org")
    dialog.token.setText("tok-memory-5678")
    dialog.accept()
    assert window.platform.tokens.get("https://other.example.org") == "tok-memory-5678"
    assert files_contain(data_dir, b"tok-memory-5678") == [] and files_contain(data_dir, b"tok-settings-1234") == []
    qtbot.waitUntil(lambda: not window.platform._busy, timeout=20000)


def first_sync(qtbot: QtBot, win: MainWindow, server: PlatformServer, count: int) -> None:
    """Connect the window to ``server`` and wait until its ``count`` clips are listed and one is on screen."""
    with qtbot.waitSignal(win.platform.synced, timeout=30000):
        win.platform.configure(server.url, TOKEN)
        win.platform.sync_now()
    qtbot.waitUntil(lambda: win.model.rowCount() == count and win.current_id is not None, timeout=10000)


def test_skip_moves_on_and_hands_the_clip_back(
    qtbot: QtBot, window: MainWindow, clip_bytes: bytes  # noqa: F811
) -> None:
    win = window
    win.platform.ahead = 3
    with PlatformServer(real_items(clip_bytes, 3), token=TOKEN) as server:
        first_sync(qtbot, win, server, 3)
        skipped = win.current_id
        assert skipped is not None and server.lease(skipped)[0] == "ana"
        win.activateWindow()
        qtbot.waitUntil(win.isActiveWindow, timeout=5000)
        with qtbot.waitSignal(win.platform.released, timeout=10000) as released, \
                qtbot.waitSignal(win.deck.clip_started, timeout=10000) as started:
            QTest.keyClick(win.focusWidget() or win, Qt.Key.Key_S)
        # the next clip plays, the skipped one is back in the shared queue, nothing was decided
        following = win.current_id
        assert following is not None and following != skipped
        assert started.args[0] == win.review.clip_path(following)
        assert released.args[0] == [skipped]
        assert server.lease(skipped)[0] is None
        assert server.lease(following)[0] == "ana"
        assert server.decisions == []
        assert win.review.details(skipped)["status"] == "queued"
        win.platform._timer.stop()
        qtbot.waitUntil(lambda: not win.platform._busy, timeout=20000)


def test_quitting_offline_with_ten_leases_never_blocks_and_ends_by_the_deadline(
    qtbot: QtBot, window: MainWindow, clip_bytes: bytes  # noqa: F811
) -> None:
    win = window
    win.platform.ahead = 10
    with PlatformServer(real_items(clip_bytes, 10), token=TOKEN) as server:
        with qtbot.waitSignal(win.platform.synced, timeout=60000):
            win.platform.configure(server.url, TOKEN)
            win.platform.sync_now()
        assert all(server.lease(f"sub-{i:06d}")[0] == "ana" for i in range(10))
        port = int(server.url.rsplit(":", 1)[1])
        server.stop()
    with BlackHole(port):  # the network is gone: every connect waits for its timeout
        quit_as_the_app_does()
        with event_loop_gaps(5) as gaps:
            start = time.perf_counter()
            with qtbot.waitSignal(win.closed, timeout=5000):
                win.close()
                returned = time.perf_counter() - start
            took = time.perf_counter() - start
        print(f"close() returned in {returned * 1000:.0f} ms, quitting over in {took * 1000:.0f} ms, "
              f"longest event-loop gap {max(gaps, default=0):.0f} ms")
        assert returned < 0.25, "closing must not wait for the network"
        assert took <= 2.0, f"quitting took {took:.2f} s (deadline 2 s)"
        assert max(gaps) < 500, "the GUI thread stalled while quitting"
    # the release still trying in the background now meets a refused port and ends quickly
    assert win.runner.join(timeout=30)


HOSTILE_MODERATOR = "bob<b>x</b><img src='file:///etc/hostname'><a href='https://evil.example/'>click</a>"


def shown_literally(label: QLabel) -> bool:
    """The label draws its text as typed: plain format, and as wide as a plain label of the same text."""
    reference = QLabel()
    reference.setFont(label.font())
    reference.setTextFormat(Qt.TextFormat.PlainText)
    reference.setText(label.text())
    rich = QLabel()
    rich.setFont(label.font())
    rich.setText(label.text())
    assert rich.sizeHint().width() < reference.sizeHint().width(), "the check can tell rich from plain"
    return label.textFormat() == Qt.TextFormat.PlainText


def test_the_platforms_moderator_name_is_shown_as_typed(
    qtbot: QtBot, window: MainWindow, clip_bytes: bytes  # noqa: F811
) -> None:
    """Issue 15 item 12: a moderator name from the platform is text, never markup, a link or an image."""
    win = window
    win.platform.ahead = 2
    with PlatformServer(real_items(clip_bytes, 2), token=TOKEN) as server:
        first_sync(qtbot, win, server, 2)
        win.activateWindow()
        qtbot.waitUntil(win.isActiveWindow, timeout=5000)
        current = win.current_id
        server.decide_as(current, "rejected", HOSTILE_MODERATOR)
        with qtbot.waitSignal(win.platform.synced, timeout=10000) as pushed:
            QTest.keyClick(win.focusWidget() or win, Qt.Key.Key_A)
        assert [c.submission_id for c in pushed.args[0].conflicts] == [current]
        boxes = [b for b in win.findChildren(QMessageBox) if b.objectName() == "conflictNotice"]
        assert boxes and boxes[-1].isVisible()
        box = boxes[-1]
        assert box.textFormat() == Qt.TextFormat.PlainText
        informative = box.findChild(QLabel, "qt_msgbox_informativelabel")
        assert informative is not None and HOSTILE_MODERATOR in informative.text()
        assert shown_literally(informative)
        assert f"{HOSTILE_MODERATOR} decided rejected" in box.detailedText()
        box.close()
        log = win.platform.open_log()
        assert f"{HOSTILE_MODERATOR} decided rejected" in log.text.toPlainText()
        log.close()
