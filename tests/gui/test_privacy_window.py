"""Retention and the consent record in real windows: the app's start-up purge, the details, the spot picker."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from moderator_app import app as composition
from moderator_app.db.cache import Cache
from moderator_app.player.vlcplayer import PlayerState
from moderator_app.services import consent
from moderator_app.services.review import ReviewService
from moderator_app.services.spots import SpotService
from moderator_app.tasks import TaskRunner
from moderator_app.ui.review.window import MainWindow
from moderator_app.ui.spot.editor import SpotEditorWindow
from tests.gui.test_review_window import close_window
from tests.unit.services.test_spots import LONG_IDS, fill_cache, make_spot_inbox

pytestmark = pytest.mark.gui

PURGED = "sub-000101"


def test_the_app_purges_at_start_up_off_the_gui_thread(qtbot: QtBot, qapp: QApplication, data_dir: Path,
                                                       demo_inbox: Path) -> None:
    cache = Cache(data_dir)
    review = ReviewService(cache, "alice")
    review.sync_inbox(demo_inbox)
    review.decide(PURGED, "rejected", ["wrong_name"], note="Hélène?")
    rejected_at = dt.datetime.fromisoformat(review.history(PURGED)[-1].decided_at)
    cache.close()

    ctx = composition.build(qapp, data_dir, "alice", None, clock=lambda: rejected_at + dt.timedelta(days=30))
    win = ctx.window
    try:
        with qtbot.waitSignal(ctx.purge.finished, timeout=60000) as done:
            win.show()
        report = done.args[0]
        assert report.rejected == [PURGED]
        assert ctx.purge.ran_on is not None and ctx.purge.ran_on is not threading.main_thread()
        assert "1 submission purged under" in win.statusBar().currentMessage()
        with qtbot.waitSignal(win.model.filter_applied, timeout=10000):
            win.queue_panel.set_status("rejected")
        qtbot.waitUntil(lambda: win.model.row_of(PURGED) >= 0, timeout=10000)
        row = win.model.row_of(PURGED)
        qtbot.waitUntil(lambda: win.model.row_data(row) is not None, timeout=10000)
        names = {win.model.data(win.model.index(row, c)) for c in range(win.model.columnCount())}
        assert "Purged" in names and not any("Hélène" in str(n) or "Dubois" in str(n) for n in names)
        win.queue_panel.select_row(row)
        qtbot.waitUntil(lambda: win.current_id == PURGED, timeout=10000)
        assert win.details.recipient.text().startswith("Purged on ")
        assert win.details.fields["consent"].text() == "Yes" and win.details.fields["terms"].text() == "2020-03"
        assert [(d.moderator, d.flags) for d in win.review.history(PURGED)] == [("alice", ("wrong_name",))]
        assert win.deck.state != PlayerState.PLAYING, "no clip to play"
        assert win.review.clip_path(PURGED) is None
        # the app's checks start after the purge: let them end rather than abandon a scan at close
        qtbot.waitUntil(lambda: not win.background_checks.running, timeout=180000)
    finally:
        close_window(qtbot, win)
        ctx.cache.close()


@pytest.fixture
def window(qtbot: QtBot, data_dir: Path, demo_inbox: Path) -> Iterator[MainWindow]:
    cache = Cache(data_dir)
    ReviewService(cache, "alice").sync_inbox(demo_inbox)
    win = MainWindow(ReviewService(cache, "alice"), TaskRunner())
    win.show()
    qtbot.waitUntil(lambda: win.current_id is not None, timeout=10000)
    yield win
    close_window(qtbot, win)
    cache.close()


def test_the_details_show_the_consent_record(qtbot: QtBot, window: MainWindow) -> None:
    win = window
    assert win.current_id == "sub-000101"
    assert win.details.fields["terms"].text() == "2020-03"
    given = win.review.details("sub-000101")["consent_given_at"]  # type: ignore[index]
    assert win.details.fields["given"].text() == given.replace("T", " ").removesuffix("Z") + " UTC"
    assert win.details.fields["consent"].text() == "Yes"

    consent.change_terms(win.review.cache, accept=["2021-01"])
    win.queue_panel.select_row(1)  # the next clip, read after the campaign changed its list
    qtbot.waitUntil(lambda: win.current_id not in (None, "sub-000101"), timeout=5000)
    qtbot.waitUntil(lambda: "not accepted" in win.details.fields["terms"].text(), timeout=5000)
    assert win.details.fields["terms"].text().startswith("2020-03 — not accepted by the campaign")


@pytest.fixture(scope="module")
def terms_inbox(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_spot_inbox(tmp_path_factory.mktemp("gui-terms-inbox") / "inbox")


def test_the_picker_does_not_offer_clips_under_terms_not_accepted(qtbot: QtBot, data_dir: Path, terms_inbox: Path,
                                                                 tmp_path: Path) -> None:
    cache = Cache(data_dir)
    fill_cache(cache, terms_inbox, tmp_path, LONG_IDS)
    consent.change_terms(cache, accept=["2021-01"])
    runner = TaskRunner()
    win = SpotEditorWindow(SpotService(cache), runner)
    qtbot.addWidget(win)
    try:
        with qtbot.waitSignal(win.candidates_loaded, timeout=10000) as loaded:
            win.show()
        assert loaded.args == [0] and win.picker.clip_list.count() == 0
        consent.change_terms(cache, accept=["2020-03"])
        with qtbot.waitSignal(win.candidates_loaded, timeout=10000) as loaded:
            win.picker.load()
        assert loaded.args == [3] and win.picker.clip_list.count() == 3
    finally:
        win.close()
        runner.shutdown()
        assert runner.join(timeout=30)
        cache.close()

