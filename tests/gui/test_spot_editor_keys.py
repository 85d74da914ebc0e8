"""The spot editor's keys, as a producer presses them: Space plays and pauses the preview, I and O set the
selected message's in and out at the playhead, Ctrl+S saves, Delete removes the message, ? lists them."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from moderator_app.config import EDITOR_KEY_BINDINGS
from moderator_app.player.vlcplayer import PlayerState
from moderator_app.ui.spot.editor import SpotEditorWindow
from moderator_app.ui.spot.timeline import blocks
from tests.gui.test_spot_editor import cache, editor, spot_inbox  # noqa: F401 - fixtures
from tests.unit.services.test_spots import LONG_IDS

pytestmark = pytest.mark.gui


def press(win: SpotEditorWindow, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    QTest.keyClick(win.focusWidget() or win, key, modifier)


@pytest.fixture
def active(qtbot: QtBot, editor: SpotEditorWindow) -> SpotEditorWindow:  # noqa: F811
    editor.activateWindow()
    qtbot.waitUntil(editor.isActiveWindow, timeout=5000)
    for sid in LONG_IDS:
        editor.place(sid)
    editor.fit()
    assert editor.spot.exact
    return editor


def test_the_keys_are_data_with_handlers_and_listed_in_the_overlay(active: SpotEditorWindow) -> None:
    win = active
    assert set(win.actions_by_name) == {b.action for b in EDITOR_KEY_BINDINGS}
    for b in EDITOR_KEY_BINDINGS:
        assert win.actions_by_name[b.action].shortcut() == QKeySequence(b.key)
    assert win.focusWidget() is win.timeline, "single-letter keys work as the editor opens"
    press(win, Qt.Key.Key_Question)
    assert win.overlay.isVisible()
    texts = [label.text() for label in win.overlay.findChildren(QLabel)]
    for title in ("Play / pause the preview", "Start the selected message here (in)", "Save the spot",
                  "Remove the selected message"):
        assert title in texts
    QTest.keyClick(win.overlay, Qt.Key.Key_Escape)
    assert not win.overlay.isVisible()


def test_i_and_o_trim_the_selected_message_at_the_playhead(active: SpotEditorWindow) -> None:
    win = active
    win.select_slot(1)
    block = next(b for b in blocks(win.spot) if b.kind == "message" and b.slot == 1)
    placed = win.spot.placements[1]
    assert placed is not None
    win.timeline.setFocus()
    win._scrub_to(block.start + 30)
    press(win, Qt.Key.Key_I)
    after = win.spot.placements[1]
    assert after is not None and after.in_frame == placed.in_frame + 30 and after.out_frame == placed.out_frame
    block = next(b for b in blocks(win.spot) if b.kind == "message" and b.slot == 1)
    win._scrub_to(block.start + 50)
    press(win, Qt.Key.Key_O)
    after = win.spot.placements[1]
    assert after is not None and after.frames == 50
    assert not win.spot.exact and win.advice.label.text(), "the advice line says what the trim did"
    # a playhead outside the selected message: the key says what to do instead of trimming another
    win._scrub_to(0)
    press(win, Qt.Key.Key_I)
    assert win.spot.placements[1] == after and "playhead" in win.status.text()


def test_ctrl_s_saves_and_delete_removes_the_message(qtbot: QtBot, active: SpotEditorWindow) -> None:
    win = active
    win.header.id_edit.setText("spot-keys")
    with qtbot.waitSignal(win.saved, timeout=5000) as saved:
        press(win, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert saved.args == ["spot-keys"]
    win.select_slot(2)
    win.timeline.setFocus()
    press(win, Qt.Key.Key_Delete)
    assert win.spot.placements[2] is None and win.spot.placements[0] is not None


def test_typing_in_a_field_is_not_taken_by_the_keys(qtbot: QtBot, active: SpotEditorWindow) -> None:
    win = active
    win.picker.search.setFocus()
    qtbot.waitUntil(win.picker.search.hasFocus, timeout=2000)
    before = list(win.spot.placements)
    QTest.keyClicks(win.picker.search, "io ")
    assert win.picker.search.text() == "io " and win.spot.placements == before


def test_space_plays_and_pauses_the_preview(qtbot: QtBot, active: SpotEditorWindow) -> None:
    win = active
    win.timeline.setFocus()
    with qtbot.waitSignal(win.preview_started, timeout=30000):
        press(win, Qt.Key.Key_Space)
    deck = win.preview.deck
    qtbot.waitUntil(lambda: deck.state == PlayerState.PLAYING, timeout=10000)
    win.timeline.setFocus()
    press(win, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: deck.state == PlayerState.PAUSED, timeout=5000)
    press(win, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: deck.state == PlayerState.PLAYING, timeout=5000)
