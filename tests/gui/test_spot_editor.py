"""The spot editor as a producer uses it: real cache and decisions, real renders, real VLC on a real X server."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "xcb")  # VLC embeds into X11 windows only
os.environ.setdefault("MODERATOR_VLC_ARGS", "--aout=amem")

from PySide6.QtCore import QLocale, QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from moderator_app.db import decisions
from moderator_app.db.cache import Cache
from moderator_app.player.vlcplayer import PlayerState
from moderator_app.services.review import ReviewService
from moderator_app.services.spots import SpotService
from moderator_app.spot import Spot, measure_file
from moderator_app.tasks import TaskRunner
from moderator_app.ui.i18n import install_translators, remove_translators
from moderator_app.ui.review.window import MainWindow
from moderator_app.ui.spot.editor import SpotEditorWindow
from moderator_app.ui.spot.report import RULE_CODE
from moderator_app.ui.spot.timeline import blocks, placed_frames
from tests.unit.services.test_spots import LONG_IDS, fill_cache, make_spot_inbox

pytestmark = pytest.mark.gui


@pytest.fixture(scope="session")
def spot_inbox(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_spot_inbox(tmp_path_factory.mktemp("gui-spot-inbox") / "inbox")


@pytest.fixture
def cache(data_dir: Path, spot_inbox: Path, tmp_path: Path) -> Iterator[Cache]:
    c = Cache(data_dir)
    fill_cache(c, spot_inbox, tmp_path, [*LONG_IDS, "sub-900004", "sub-900005"])
    yield c
    c.close()


@pytest.fixture
def editor(qtbot: QtBot, cache: Cache) -> Iterator[SpotEditorWindow]:
    runner = TaskRunner()
    win = SpotEditorWindow(SpotService(cache), runner)
    qtbot.addWidget(win)
    with qtbot.waitSignal(win.candidates_loaded, timeout=10000):
        win.show()
    qtbot.waitExposed(win)
    yield win
    win.close()
    runner.shutdown()


def fill(qtbot: QtBot, win: SpotEditorWindow, ids: list[str]) -> None:
    for sid in ids:
        win.place(sid)


def counter_exact(win: SpotEditorWindow) -> bool:
    return bool(win.counter.property("exact"))


def pixel(widget: QWidget, at: QPoint) -> tuple[int, int, int]:
    g = widget.mapToGlobal(at)
    c = widget.screen().grabWindow(0, g.x(), g.y(), 1, 1).toImage().pixelColor(0, 0)
    return c.red(), c.green(), c.blue()


def test_pick_place_trim_fit_and_titles(qtbot: QtBot, editor: SpotEditorWindow) -> None:
    win = editor
    assert sorted(win.picker.candidates) == sorted([*LONG_IDS, "sub-900005"]), "only approved clips with consent"
    with qtbot.waitSignal(win.candidates_loaded, timeout=5000) as loaded:
        win.picker.country_box.setCurrentIndex(win.picker.country_box.findData("MA"))
    assert loaded.args == [1] and list(win.picker.candidates) == ["sub-900002"]
    with qtbot.waitSignal(win.candidates_loaded, timeout=5000):
        win.picker.country_box.setCurrentIndex(0)
    with qtbot.waitSignal(win.candidates_loaded, timeout=5000):
        win.picker.search.setText("Françoise")
    assert list(win.picker.candidates) == ["sub-900003"]
    with qtbot.waitSignal(win.candidates_loaded, timeout=5000):
        win.picker.search.setText("")

    fill(qtbot, win, LONG_IDS)
    assert [p.clip.submission_id for p in win.spot.placements if p] == LONG_IDS
    assert not counter_exact(win) and "875 / 750 frames" in win.counter.text(), "2 s + 3 whole 10 s clips + 3 s"
    assert "c62828" in win.counter.styleSheet(), "red when not the target"
    assert not win.preview_button.isEnabled()
    win.select_slot(0)
    assert win.inspector.title_edit.text() == "Pour Hélène — de Lucas"
    win.select_slot(1)
    assert win.inspector.title_edit.text() == "إلى فاطمة — من يوسف"  # an Arabic message (ar-MA)

    win.fit_button.click()
    assert counter_exact(win) and "750 / 750 frames" in win.counter.text()
    assert "2e7d32" in win.counter.styleSheet()
    assert win.preview_button.isEnabled() and win.header.export_button.isEnabled()

    # trim the selected slot by one frame: the exact count is lost, and the counter says by how much
    win.select_slot(1)
    win.inspector.out_spin.setValue(win.inspector.out_spin.value() - 1)
    assert "749 / 750 frames" in win.counter.text() and not counter_exact(win)
    # dragging the block's right edge on the timeline trims the out point too
    tl = win.timeline
    block = next(b for b in blocks(win.spot) if b.slot == 2)
    rect = tl._block_rect(block)
    y = int(rect.center().y())
    QTest.mousePress(tl, Qt.MouseButton.LeftButton, pos=QPoint(int(rect.right()), y))
    QTest.mouseMove(tl, QPoint(int(rect.right()) - 40, y))
    QTest.mouseRelease(tl, Qt.MouseButton.LeftButton, pos=QPoint(int(rect.right()) - 40, y))
    assert win.selected_slot == 2 and placed(win) < 749
    win.fit()
    assert counter_exact(win)

    # producers edit a lower third; reordering moves the message with its title
    win.select_slot(0)
    win.inspector.title_edit.setText("")
    QTest.keyClicks(win.inspector.title_edit, "Pour Mamie - de Lucas")
    assert win.spot.placements[0] is not None and win.spot.placements[0].title == "Pour Mamie - de Lucas"
    win.inspector.down_button.click()
    assert [p.clip.submission_id for p in win.spot.placements if p] == ["sub-900002", "sub-900001", "sub-900003"]
    assert win.spot.placements[1] is not None and win.spot.placements[1].title == "Pour Mamie - de Lucas"
    assert counter_exact(win), "reordering keeps the length"

    # a 4 s message is used whole: the cards hold the slack, the timeline and the status say where it went
    win.select_slot(2)
    win.place("sub-900005", 2)
    win.fit()
    assert counter_exact(win) and "the cards hold" in win.status.text()
    short = win.spot.placements[2]
    assert short is not None and (short.in_frame, short.out_frame) == (0, 100)
    held = {b.kind: b.held for b in blocks(win.spot) if b.held}
    assert held and set(held) <= {"intro", "outro", "between"} and sum(held.values()) == win.spot.slack.total
    assert win.timeline._label(blocks(win.spot)[0]).startswith("Intro +")


def placed(win: SpotEditorWindow) -> int:
    return placed_frames(win.spot)


def test_preview_plays_the_assembled_spot_with_a_safe_area(qtbot: QtBot, editor: SpotEditorWindow) -> None:
    win = editor
    fill(qtbot, win, LONG_IDS)
    win.fit()
    asked = time.perf_counter()
    with qtbot.waitSignal(win.preview_started, timeout=20000) as started:
        win.preview_button.click()
    took = time.perf_counter() - asked
    proxy = started.args[0]
    assert isinstance(proxy, Path) and proxy.is_file()
    m = measure_file(proxy)
    assert m.frames == 750 and (m.width, m.height) == (640, 360)
    deck = win.preview.deck
    qtbot.waitUntil(lambda: deck.state == PlayerState.PLAYING and deck.time > 200, timeout=10000)
    assert took < 20
    # scrub: the slider seeks the player
    win.preview.slider.setValue(20000)
    win.preview.slider.sliderMoved.emit(20000)
    qtbot.waitUntil(lambda: deck.time >= 19000, timeout=5000)

    # the safe area is drawn above VLC's window: its bars are on screen in the overlay colour
    win.safe_preset_box.setCurrentIndex(win.safe_preset_box.findData("ftv-pad"))
    win.preview.safe_box.setChecked(True)
    frame = win.preview.safe_area
    r = frame.safe_rect()
    assert all(bar.isVisible() for bar in frame.bars)
    video_w = r.width() / 0.73
    assert abs(video_w * 9 / 16 * 0.85 - r.height()) <= 3, "FTV's 73% x 85% of the 16:9 picture"
    top_bar = frame.bars[0]
    qtbot.waitUntil(lambda: pixel(top_bar, QPoint(top_bar.width() // 2, 0))[0] > 200, timeout=3000)
    red, green, blue = pixel(top_bar, QPoint(top_bar.width() // 2, 0))
    assert red > 200 and green > 160 and blue < 140, (red, green, blue)
    win.preview.safe_box.setChecked(False)
    assert not any(bar.isVisible() for bar in frame.bars)

    # an edit makes a new proxy in the background; the preview of the edited spot is the new file
    win.select_slot(0)
    win.inspector.title_edit.setText("x")
    win._title_edited("Pour Toi — de Moi")
    with qtbot.waitSignal(win.preview_started, timeout=20000) as again:
        win.request_preview()
    assert again.args[0] != proxy

    # made for a vertical social delivery: the preview is upright, and so is its safe area
    win.safe_preset_box.setCurrentIndex(win.safe_preset_box.findData("social-9x16"))
    with qtbot.waitSignal(win.preview_started, timeout=20000) as upright:
        win.request_preview()
    m = measure_file(upright.args[0])
    assert (m.width, m.height, m.frames) == (360, 640, 750)
    r = frame.safe_rect()
    assert r.height() > r.width() * 1.5


def test_export_in_the_background_with_a_report_and_cancel(qtbot: QtBot, editor: SpotEditorWindow,
                                                           tmp_path: Path) -> None:
    win = editor
    win.header.length_box.setCurrentIndex(win.header.length_box.findData(10))
    fill(qtbot, win, LONG_IDS)
    win.fit()  # three messages in 10 s are cut below the brand's minimum: Fit warns and changes nothing
    assert win.advice.advice is not None and win.advice.advice.kind == "under_minimum"
    assert "825 / 250 frames" in win.counter.text()
    anyway = [b for b in win.advice.buttons if b.isVisible()][-1]
    anyway.click()  # "Cut them anyway": a fast export is what this test wants
    assert "250 / 250 frames" in win.counter.text()
    win.open_export()
    dialog = win.export_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.select_preset("web-mp4")
    out = tmp_path / "deliveries" / "spot-gui.mp4"
    dialog.out_edit.setText(str(out))

    # cancel: nothing is left under the name
    dialog.start(draft=True)
    assert dialog.running and not dialog.export_button.isEnabled()
    dialog.cancel_button.click()
    with qtbot.waitSignal(dialog.export_failed, timeout=30000):
        pass
    assert not out.exists() and "cancelled" in dialog.status.text()

    # the export runs while the preview keeps working
    with qtbot.waitSignal(dialog.exported, timeout=120000) as done:
        dialog.start(draft=True)
        with qtbot.waitSignal(win.preview_started, timeout=30000):
            win.request_preview()
    result = done.args[0]
    assert out.is_file() and result.measurements.frames == 250
    assert dialog.report.isVisible()
    table = dialog.report.table
    rules = {table.item(r, 0).data(RULE_CODE): table.item(r, 3).text() for r in range(table.rowCount())}
    assert rules["frames"] == "Passes" and "true peak (dBTP)" in rules and "integrated loudness (LUFS)" in rules
    assert "250 frames" in dialog.report.summary.text() and "LUFS" in dialog.report.summary.text()
    assert ("Ready to deliver" in dialog.report.verdict.text()) == result.report.passed


def test_a_saved_spot_is_marked_when_a_clip_loses_its_approval(qtbot: QtBot, editor: SpotEditorWindow) -> None:
    win = editor
    fill(qtbot, win, LONG_IDS)
    win.fit()
    win.header.id_edit.setText("spot-warn")
    with qtbot.waitSignal(win.saved, timeout=5000):
        win.save()
    with qtbot.waitSignal(win.attention_changed, timeout=5000) as marks:
        win.refresh_attention()
    assert marks.args[0] == [] and not win.warning.isVisible()

    decisions.record_decision(win.service.cache.db, "sub-900002", "rejected", moderator="test")
    with qtbot.waitSignal(win.attention_changed, timeout=5000) as marks:
        win.refresh_attention()
    assert [(a.slot, a.reason) for a in marks.args[0]] == [(1, "not_approved")]
    assert win.warning.isVisible() and "sub-900002" in win.warning.text()
    assert not win.preview_button.isEnabled() and not win.header.export_button.isEnabled()

    # reopening the saved spot shows the same warning
    with qtbot.waitSignal(win.attention_changed, timeout=5000):
        win.set_spot(Spot())
    assert not win.warning.isVisible()
    win.load("spot-warn")
    qtbot.waitUntil(lambda: win.spot.spot_id == "spot-warn" and win.warning.isVisible(), timeout=5000)
    assert [p.clip.submission_id for p in win.spot.placements if p] == LONG_IDS


def test_ctrl_e_opens_the_editor_from_the_review_desk(qtbot: QtBot, cache: Cache) -> None:
    runner = TaskRunner()
    main = MainWindow(ReviewService(cache, "ana"), runner)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    assert main.actions_by_name["spot_editor"].shortcut().toString() == "Ctrl+E"
    main.actions_by_name["spot_editor"].trigger()
    editor = main.spot_editor
    assert editor.isVisible()
    main.actions_by_name["spot_editor"].trigger()
    assert main.spot_editor is editor, "one editor window"
    main.close()
    assert editor.closed


def test_the_editor_uses_the_campaigns_brand_and_says_when_it_cannot(qtbot: QtBot, cache: Cache) -> None:
    folder = cache.data_dir / "brand"
    folder.mkdir()
    runner = TaskRunner()
    try:
        (folder / "brand.json").write_text('{"lower_third": "إلى {recipient} — من {sender}"}', encoding="utf-8")
        win = SpotEditorWindow(SpotService(cache), runner)
        qtbot.addWidget(win)
        with qtbot.waitSignal(win.candidates_loaded, timeout=10000):
            win.show()
        win.place(LONG_IDS[0])
        first = win.spot.placements[0]
        assert first is not None and first.title.startswith("إلى ") and " — من " in first.title
        win.select_slot(0)
        assert win.inspector.title_edit.text() == first.title and "brand" not in win.status.text()
        win.close()

        (folder / "brand.json").write_text('{"accent": "#12"}', encoding="utf-8")
        broken = SpotEditorWindow(SpotService(cache), runner)
        qtbot.addWidget(broken)
        assert "brand file cannot be used" in broken.status.text() and "accent" in broken.status.text()
        with qtbot.waitSignal(broken.candidates_loaded, timeout=10000):
            broken.show()
        broken.place(LONG_IDS[0])
        placed = broken.spot.placements[0]
        assert placed is not None and placed.title.startswith("Pour ")  # the neutral wording
        broken.close()
    finally:
        runner.shutdown()


def test_joins_can_be_dissolves_and_stay_so_when_saved(qtbot: QtBot, editor: SpotEditorWindow) -> None:
    win = editor
    fill(qtbot, win, LONG_IDS)
    win.header.transition_box.setCurrentIndex(win.header.transition_box.findData("dissolve"))
    assert win.spot.template.transition == "dissolve"
    assert [p.clip.submission_id for p in win.spot.placements if p] == LONG_IDS, "the clips stay placed"
    win.fit()
    assert counter_exact(win) and "750 / 750 frames" in win.counter.text()
    win.header.id_edit.setText("spot-dissolve")
    with qtbot.waitSignal(win.saved, timeout=5000):
        win.save()
    win.header.transition_box.setCurrentIndex(win.header.transition_box.findData("cut"))
    assert win.spot.template.transition == "cut"
    win.load("spot-dissolve")
    qtbot.waitUntil(lambda: win.spot.template.transition == "dissolve", timeout=5000)
    assert win.header.transition_box.currentData() == "dissolve"
    assert [p.clip.submission_id for p in win.spot.placements if p] == LONG_IDS


def test_the_editors_parts_speak_french_with_the_shipped_catalogue(qtbot: QtBot, qapp: QApplication,
                                                                    cache: Cache) -> None:
    assert install_translators(qapp, "fr") == "fr"
    runner = TaskRunner()
    try:
        win = SpotEditorWindow(SpotService(cache), runner)
        qtbot.addWidget(win)
        with qtbot.waitSignal(win.candidates_loaded, timeout=10000):
            win.show()
        assert win.windowTitle() == "Éditeur de spot"
        assert win.picker.title.text() == "Vidéos approuvées avec accord de diffusion"
        qtbot.waitUntil(lambda: win.picker.country_box.count() > 0, timeout=10000)  # filters load on their own
        assert win.picker.country_box.itemText(0) == "Tous les pays"
        assert win.inspector.title.text() == "Emplacements"
        assert win.inspector.slot_list.item(0).text() == "1. (vide)"
        assert win.header.transition_box.itemText(0) == "Coupe franche"
        assert win.header.export_button.text() == "Exporter…"
        assert "125 / 750 images" in win.counter.text()
        win.close()
    finally:
        runner.shutdown()
        remove_translators(qapp)
        QLocale.setDefault(QLocale(QLocale.Language.English))
