"""The review desk on the screens moderators have: 1366×768 laptops and Full HD at 150 % (1280×720 logical).

Each size runs the real window on an Xvfb screen of exactly that size (tests/gui/desk_probe.py in a
subprocess, which prints the widgets' geometry); the quarantine page, the filter line and the stale-paint
check run in this process on the usual test screen.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog
from pytestqt.qtbot import QtBot

from moderator_app.db.cache import Cache
from moderator_app.player.vlcplayer import PlayerState
from moderator_app.services import checks as checks_service
from moderator_app.services.review import QUARANTINED, ReviewService
from moderator_app.tasks import TaskRunner
from moderator_app.ui.review.quarantine_view import CLIP_PAGE, QUARANTINE_PAGE
from moderator_app.ui.review.window import MainWindow
from tests.conftest import DEMO_BAD, DEMO_GOOD
from tests.gui.test_review_window import close_window

pytestmark = pytest.mark.gui

ROOT = Path(__file__).resolve().parents[2]
MIN_BUTTON = 24
"""Logical pixels: a flag button lower than this stops being readable (font height plus padding)."""


def probe(tmp: Path, demo_inbox: Path, screen: str, *args: str, config: Path | None = None,
          scale: str | None = None, run: str = "run") -> dict[str, Any]:
    """The demo window on a private Xvfb screen of ``screen`` pixels; its widgets' geometry as JSON."""
    if shutil.which("xvfb-run") is None:
        pytest.skip("xvfb-run is needed to test other screen sizes")
    folder = tmp / run
    inbox = folder / "inbox"
    shutil.copytree(demo_inbox, inbox)
    env = {**os.environ, "XDG_CONFIG_HOME": str(config or folder / "config"), "PYTHONPATH": str(ROOT),
           "QT_QPA_PLATFORM": "xcb"}
    env.pop("QT_SCALE_FACTOR", None)
    if scale:
        env["QT_SCALE_FACTOR"] = scale
    out = subprocess.run(
        ["xvfb-run", "-a", "-s", f"-screen 0 {screen}x24", sys.executable, "-m", "tests.gui.desk_probe",
         str(folder / "data"), str(inbox), *args],
        check=False, env=env, cwd=ROOT, capture_output=True, text=True, timeout=180,
    )
    assert out.returncode == 0, out.stderr[-3000:]
    lines = [line for line in out.stdout.splitlines() if line.startswith("{")]
    assert lines, out.stderr[-3000:]
    result: dict[str, Any] = json.loads(lines[-1])
    assert result["loaded"], "the demo queue never filled"
    return result


def inside(inner: list[int], outer: list[int]) -> bool:
    x, y, w, h = inner
    ox, oy, ow, oh = outer
    return ox <= x and oy <= y and x + w <= ox + ow and y + h <= oy + oh


def assert_fits(g: dict[str, Any], *, plot: bool, plot_whole: bool = True) -> None:
    assert inside(g["frame"], g["screen"]), (g["frame"], g["screen"])
    assert len(g["flags"]) == 11
    for flag in g["flags"]:
        assert flag["height"] >= MIN_BUTTON, flag
        assert flag["height"] >= g["font_height"] + 4, flag
        assert flag["reachable"], flag
        assert flag["width"] >= flag["text_width"], f"label cut: {flag}"
    for part in ("approve", "reject", "transport"):
        assert g[part]["shown"], (part, g[part])
        assert inside(g[part]["rect"], g["window"]), (part, g[part])
    assert g["decision_hscroll"] == 0, "the decision panel scrolls sideways: Approve or Reject is cut"
    if plot:
        # French figures are wider than the room left beside the queue: then they scroll sideways, the
        # queue is not squeezed for them
        assert g["checks_unfolded"] and (g["plot"]["shown"] if plot_whole else g["plot"]["reachable"]), g["plot"]
        assert g["plot"]["rect"][2] >= 8 * g["font_height"] / 2, "the loudness plot is a sliver"
    queue = g["queue"]
    assert queue["viewport_width"] >= 38 * g["em"], "the queue was squeezed for the other columns"
    assert not queue["hscroll_visible"] and queue["hscroll_range"] == 0, queue
    assert queue["header_length"] <= queue["viewport_width"], queue
    for name in ("recipient", "checks", "country", "received"):
        column = queue["columns"][name]
        assert not column["hidden"], name
        assert column["left"] + column["width"] <= queue["viewport_width"], (name, queue)
        assert column["width"] > 0, name
    assert queue["columns"]["status"]["hidden"], "the Status column repeats the To review filter"


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_desk_fits_a_1366_by_768_laptop(tmp_path: Path, demo_inbox: Path, lang: str) -> None:
    g = probe(tmp_path, demo_inbox, "1366x768", "--lang", lang, "--check")  # figures filled: the widest
    assert g["screen"][2:] == [1366, 768]
    # the figures (with their thresholds) are wider than what is left beside a readable queue: they scroll
    assert_fits(g, plot=True, plot_whole=False)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_desk_fits_full_hd_at_150_percent(tmp_path: Path, demo_inbox: Path, lang: str) -> None:
    g = probe(tmp_path, demo_inbox, "1920x1080", "--lang", lang, scale="1.5")
    assert g["ratio"] == 1.5 and g["screen"][2:] == [1280, 720]
    assert_fits(g, plot=False)  # the checks may start folded here: the queue keeps readable names


def test_geometry_splitters_and_fold_are_kept(tmp_path: Path, demo_inbox: Path) -> None:
    config = tmp_path / "config"
    first = probe(tmp_path, demo_inbox, "1366x768", "--resize", "1100x640+60+40", "--columns", "420,300,380",
                  "--fold", config=config, run="first")
    left = first["before_close"]
    assert left["window"][2:] == [1100, 640]
    again = probe(tmp_path, demo_inbox, "1366x768", config=config, run="again")
    assert again["window"] == left["window"], "the window opens where the user left it"
    assert again["splitters"]["columns"] == left["splitters"]["columns"]
    assert again["splitters"]["right"] == left["splitters"]["right"]
    assert not again["checks_unfolded"], "the folded checks panel stays folded"


def test_a_saved_geometry_larger_than_the_screen_is_clamped(tmp_path: Path, demo_inbox: Path) -> None:
    config = tmp_path / "config"
    big = probe(tmp_path, demo_inbox, "1920x1080", "--resize", "1800x1000+100+60", config=config, run="big")
    assert big["before_close"]["window"][2:] == [1800, 1000]
    small = probe(tmp_path, demo_inbox, "1366x768", config=config, run="small")  # the laptop, later
    assert inside(small["frame"], small["screen"]), small["frame"]
    assert_fits(small, plot=True)


# -- in this process ---------------------------------------------------------------------------------


def open_window(qtbot: QtBot, data_dir: Path, inbox: Path) -> MainWindow:
    win = MainWindow(ReviewService(Cache(data_dir), "ana"), TaskRunner(), inbox=inbox)
    with qtbot.waitSignal(win.sync_finished, timeout=30000):
        win.show()
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow, timeout=5000)
    return win


@pytest.fixture
def window(qtbot: QtBot, data_dir: Path, demo_inbox: Path) -> Iterator[MainWindow]:
    win = open_window(qtbot, data_dir, demo_inbox)
    qtbot.waitUntil(lambda: win.model.rowCount() > 0 and win.current_id is not None, timeout=10000)
    yield win
    close_window(qtbot, win)
    win.review.cache.close()


def show_quarantine(qtbot: QtBot, win: MainWindow) -> None:
    with qtbot.waitSignal(win.model.filter_applied, timeout=5000):
        win.queue_panel.set_status(QUARANTINED)
    win.queue_panel.select_row(0)
    qtbot.waitUntil(lambda: win.desk.pages.currentIndex() == QUARANTINE_PAGE, timeout=5000)


def test_quarantine_page_shows_file_reason_time_and_clears_the_player(
        qtbot: QtBot, window: MainWindow, demo_inbox: Path) -> None:
    win = window
    with qtbot.waitSignal(win.checks_finished, timeout=120000):
        win.run_checks()
    assert win.deck.path is not None
    assert win.checks.values["duration_s"].text() != "—", "the clip's figures are shown before"
    show_quarantine(qtbot, win)
    panel = win.quarantine
    row = win.model.row_data(0)
    assert row is not None and win.model.rowCount() == DEMO_BAD
    assert panel.file.full_text() == row["source"] and panel.file.toolTip()
    assert panel.reason.text() == row["reason"] and panel.reason.text()
    assert panel.at.text().startswith(str(row["at"])[:10])
    assert [c.text() for c in panel._captions] == ["File", "Reason", "Since"]
    assert panel.open_button.isEnabled() and panel.retry_button.isEnabled()
    assert panel.folder is not None and panel.folder == demo_inbox.resolve()
    # the player is stopped and blank, and no figure of the clip seen before is left
    qtbot.waitUntil(lambda: black(video_picture(win)), timeout=5000)
    qtbot.waitUntil(lambda: win.deck.state != PlayerState.PLAYING, timeout=5000)  # VLC says so a bit later
    assert all(label.text() == "—" for label in win.checks.values.values())
    assert not win.details.isVisible() and win.quarantine.isVisible()
    assert win.details.recipient.text() not in ("Hélène Dubois", "")  # "Nothing selected", should it show
    assert not win.decision.approve_button.isEnabled()
    # the File column is not scrolled away: it and the reason share the width, no sideways scrolling
    header = win.queue_panel.table.horizontalHeader()
    assert not win.queue_panel.table.horizontalScrollBar().isVisible()
    assert header.sectionViewportPosition(0) == 0 and header.sectionSize(0) > 0
    assert header.length() <= win.queue_panel.table.viewport().width()
    # back to the clips: their page again
    with qtbot.waitSignal(win.model.filter_applied, timeout=5000):
        win.queue_panel.set_status("queued")
    qtbot.waitUntil(lambda: win.desk.pages.currentIndex() == CLIP_PAGE, timeout=5000)


def test_a_folder_name_leading_out_of_the_inbox_opens_the_inbox(tmp_path: Path, data_dir: Path) -> None:
    review = ReviewService(Cache(data_dir), "ana")
    inbox = tmp_path / "inbox"
    (inbox / "sub").mkdir(parents=True)
    assert review.quarantine_folder("inbox/sub/x.json", inbox) == (inbox / "sub").resolve()
    for hostile in ("inbox/../../etc/passwd", "inbox//etc/x", "inbox/\x00x", "platform/abc"):
        folder = review.quarantine_folder(hostile, inbox)
        assert folder is None or folder == inbox.resolve(), hostile
    review.cache.close()


def test_retry_reads_a_quarantined_record_again(qtbot: QtBot, data_dir: Path, demo_inbox: Path) -> None:
    """A cap set too low quarantined every clip; raised, Retry brings one in (its files never changed,
    so a plain sync would skip it)."""
    cache = Cache(data_dir)
    checks_service.set_thresholds(cache, {"max_clip_mb": 0})
    cache.close()
    win = open_window(qtbot, data_dir, demo_inbox)
    try:
        qtbot.waitUntil(win.queue_panel.notice.isVisible, timeout=5000)  # nothing came in: it says so
        show_quarantine(qtbot, win)
        assert win.model.rowCount() == DEMO_GOOD + DEMO_BAD
        checks_service.set_thresholds(win.review.cache, {"max_clip_mb": 1024})
        good = next(r for r in range(win.model.rowCount())
                    if str((win.model.row_data(r) or {})["source"]).endswith("sub-000101.json"))
        win.queue_panel.select_row(good)
        qtbot.waitUntil(lambda: win.quarantine.source.endswith("sub-000101.json"), timeout=5000)
        with qtbot.waitSignal(win.retried, timeout=30000) as outcome:
            QTest.mouseClick(win.quarantine.retry_button, Qt.MouseButton.LeftButton)
        assert outcome.args[0] == "Read again: the record is out of quarantine."
        assert win.review.details("sub-000101") is not None
        qtbot.waitUntil(lambda: win.model.rowCount() == DEMO_GOOD + DEMO_BAD - 1, timeout=5000)
        # a record that is still bad says why, again
        bad = next(r for r in range(win.model.rowCount())
                   if "broken JSON" in str((win.model.row_data(r) or {})["reason"]))
        win.queue_panel.select_row(bad)
        qtbot.waitUntil(lambda: "broken JSON" in win.quarantine.reason.text(), timeout=5000)
        with qtbot.waitSignal(win.retried, timeout=30000) as outcome:
            QTest.mouseClick(win.quarantine.retry_button, Qt.MouseButton.LeftButton)
        assert outcome.args[0].startswith("Still quarantined: ") and "broken JSON" in outcome.args[0]
    finally:
        close_window(qtbot, win)
        win.review.cache.close()


def test_a_search_is_shown_and_an_empty_view_offers_to_clear(qtbot: QtBot, window: MainWindow) -> None:
    panel = window.queue_panel
    assert not panel.chip.isVisible() and not panel.notice.isVisible()
    panel.search.setFocus()
    with qtbot.waitSignal(window.model.filter_applied, timeout=5000):
        QTest.keyClicks(panel.search, "zzzz-nobody")
    assert window.model.rowCount() == 0
    assert panel.chip.isVisible() and "zzzz-nobody" in panel.chip.label.text()
    assert panel.notice.isVisible() and panel.notice.label.text() == "Nothing left here — clear filters"
    assert panel.notice.button.isVisible()
    with qtbot.waitSignal(window.model.filter_applied, timeout=5000):
        QTest.mouseClick(panel.notice.button, Qt.MouseButton.LeftButton)
    assert window.model.rowCount() == DEMO_GOOD and panel.search.text() == ""
    assert not panel.chip.isVisible() and not panel.notice.isVisible()
    # a search left behind stays visible once the keys are back on the queue; Esc in the box clears it
    panel.search.setFocus()
    with qtbot.waitSignal(window.model.filter_applied, timeout=5000):
        QTest.keyClicks(panel.search, "helene")
    QTest.keyClick(panel.table, Qt.Key.Key_Down)  # the moderator moves on, the search stays applied
    assert window.model.rowCount() == 1 and panel.chip.isVisible()
    panel.search.setFocus()
    with qtbot.waitSignal(window.model.filter_applied, timeout=5000):
        QTest.keyClick(panel.search, Qt.Key.Key_Escape)
    assert panel.search.text() == "" and window.model.rowCount() == DEMO_GOOD
    assert panel.table.hasFocus() and not panel.chip.isVisible()


def video_picture(win: MainWindow) -> QImage:
    """The video area as the X server shows it (no compositor: what is on screen is what stays)."""
    deck = win.deck
    top_left = deck.mapToGlobal(QPoint(0, 0))
    return win.screen().grabWindow(0, top_left.x(), top_left.y(), deck.width(), deck.height()).toImage()


def black(picture: QImage, step: int = 4) -> bool:
    return all(
        picture.pixelColor(x, y).value() < 16
        for y in range(0, picture.height(), step) for x in range(0, picture.width(), step)
    )


def differing_share(a: QImage, b: QImage, step: int = 3) -> float:
    total = changed = 0
    for y in range(0, min(a.height(), b.height()), step):
        for x in range(0, min(a.width(), b.width()), step):
            total += 1
            changed += a.pixel(x, y) != b.pixel(x, y)
    return changed / max(total, 1)


def repainted(before: QImage, after: QImage, step: int = 3) -> bool:
    """The video area as it was: the black bars around the picture black again, pixel for pixel, and the
    picture itself the paused frame (VLC may redraw the next frame of a pause that landed between two:
    a timecode, a moving band and noise squares differ, about 12 % of the samples; the overlay over
    it differs by 60 % and more)."""
    for y in range(0, before.height(), step):
        row = range(0, before.width(), step)
        bar = all(before.pixelColor(x, y).value() < 16 for x in row)
        if bar and not all(after.pixelColor(x, y).value() < 16 for x in row):
            return False
    return differing_share(before, after, step) < 0.3


def test_no_stale_paint_over_the_paused_video(qtbot: QtBot, window: MainWindow) -> None:
    win = window
    qtbot.waitUntil(lambda: win.deck.state == PlayerState.PLAYING and win.deck.time > 300, timeout=10000)
    win.deck.pause()
    qtbot.waitUntil(lambda: win.deck.state == PlayerState.PAUSED, timeout=5000)
    pictures: list[QImage] = []

    def steady() -> bool:  # two grabs in a row alike: the paused frame is on screen
        pictures.append(video_picture(win))
        return len(pictures) > 1 and differing_share(pictures[-2], pictures[-1]) == 0

    qtbot.waitUntil(steady, timeout=5000)
    before = pictures[-1]
    win.overlay.toggle()
    qtbot.waitUntil(lambda: differing_share(before, video_picture(win)) > 0.2, timeout=5000)
    win.overlay.toggle()
    qtbot.waitUntil(lambda: repainted(before, video_picture(win)), timeout=10000)

    dialog = QDialog(win)  # any dialog over the video, closed again
    dialog.setGeometry(win.deck.mapToGlobal(QPoint(20, 20)).x(), win.deck.mapToGlobal(QPoint(20, 20)).y(),
                       win.deck.width() // 2, win.deck.height() - 40)
    dialog.show()
    qtbot.waitUntil(lambda: differing_share(before, video_picture(win)) > 0.1, timeout=5000)
    dialog.close()
    qtbot.waitUntil(lambda: repainted(before, video_picture(win)), timeout=10000)


def test_a_long_error_in_the_status_bar_does_not_grow_the_window(qtbot: QtBot, window: MainWindow) -> None:
    size = window.size()
    error = "\n".join(["An attempt has been made to start a new process before the current one finished"] * 12)
    window._checks_failed(error)
    window.sync_label.setText("Sync failed: " + "inbox/" + "x" * 400 + ".json")
    QApplication.processEvents()  # the layouts run before measuring
    assert window.size() == size
    assert window.checks_label.height() <= window.fontMetrics().height() * 2
    assert "An attempt" in window.checks_label.toolTip()
