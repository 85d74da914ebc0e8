"""Drafts on the real window: ticks and notes survive J/K and reopening; undo brings the note back."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from moderator_app.ui.review.window import MainWindow
from tests.gui.review_helpers import close_window, open_window

pytestmark = pytest.mark.gui


@pytest.fixture
def win(qtbot: QtBot, data_dir: Path, demo_inbox: Path) -> Iterator[MainWindow]:
    w = open_window(qtbot, data_dir, demo_inbox)
    yield w
    close_window(qtbot, w)


def key(win: MainWindow, k: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    QTest.keyClick(win.focusWidget() or win, k, modifier)


def type_note(win: MainWindow, text: str) -> None:
    key(win, Qt.Key.Key_N)
    assert win.decision.note.hasFocus()
    QTest.keyClicks(win.decision.note, text)
    key(win, Qt.Key.Key_Escape)


def test_draft_kept_across_j_k_and_after_reopening(qtbot: QtBot, win: MainWindow, data_dir: Path) -> None:
    first = win.current_id
    assert first is not None
    key(win, Qt.Key.Key_8)  # poor audio
    type_note(win, "voice cut at the end")
    key(win, Qt.Key.Key_J)
    qtbot.waitUntil(lambda: win.current_id != first, timeout=5000)
    assert win.decision.checked_flags() == [] and win.decision.note.toPlainText() == ""
    key(win, Qt.Key.Key_K)
    qtbot.waitUntil(lambda: win.current_id == first, timeout=5000)
    assert win.decision.checked_flags() == ["poor_audio"]
    assert win.decision.note.toPlainText() == "voice cut at the end"
    qtbot.waitUntil(lambda: win.review.draft(first) is not None, timeout=5000)

    # typing is saved after a pause even without moving away (a crash loses at most the last words)
    QTest.keyClicks(win.decision.note, " again")
    qtbot.waitUntil(lambda: (d := win.review.draft(first)) is not None and d.note.endswith("again"), timeout=5000)

    QTest.keyClicks(win.decision.note, "!")  # typed just before quitting: saved on the way out
    close_window(qtbot, win)
    again = open_window(qtbot, data_dir, None)
    try:
        if again.current_id != first:
            again.queue_panel.select_row(again.model.row_of(first))
            qtbot.waitUntil(lambda: again.current_id == first, timeout=5000)
        assert again.decision.checked_flags() == ["poor_audio"]
        assert again.decision.note.toPlainText() == "voice cut at the end again!"
    finally:
        close_window(qtbot, again)


def test_decision_takes_the_draft_and_undo_restores_flags_and_note(qtbot: QtBot, win: MainWindow) -> None:
    sid = win.current_id
    assert sid is not None
    key(win, Qt.Key.Key_9)  # poor image
    type_note(win, "note written")
    with qtbot.waitSignal(win.decision_saved, timeout=5000):
        key(win, Qt.Key.Key_A)
    assert win.review.draft(sid) is None
    names = win.review.names(sid)
    assert win.statusBar().currentMessage() == (
        f"Approved: message for {names.recipient} from {names.sender} — Ctrl+Z to undo")
    assert sid not in win.statusBar().currentMessage()

    with qtbot.waitSignal(win.decision_saved, timeout=5000):
        key(win, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: win.current_id == sid, timeout=5000)
    assert win.decision.note.toPlainText() == "note written"
    assert win.decision.checked_flags() == ["poor_image"]
    assert "back to review" in win.statusBar().currentMessage()
    # history names the flag in words and shows the note the decision carried
    lines = [win.decision.history.item(i).text() for i in range(win.decision.history.count())]
    assert any("Poor image" in line and "“note written”" in line for line in lines), lines
    assert not any("[poor_image]" in line for line in lines)


def test_focus_state_while_typing_a_note(qtbot: QtBot, win: MainWindow) -> None:
    sid = win.current_id
    assert win.decision.note_hint.text() == ""
    assert win.decision.note.property("typing") is False
    key(win, Qt.Key.Key_N)
    assert win.decision.note.property("typing") is True
    assert win.decision.note_hint.text() == "Typing a note — Esc returns to the keys (A approves)"
    QTest.keyClicks(win.decision.note, "a")  # a letter, not an approval
    assert win.current_id == sid and win.decision.note.toPlainText() == "a"
    hint_height = win.decision.note_hint.height()
    key(win, Qt.Key.Key_Escape)
    assert not win.decision.note.hasFocus() and win.queue_panel.table.hasFocus()
    assert win.decision.note.property("typing") is False and win.decision.note_hint.text() == ""
    assert win.decision.note_hint.height() == hint_height, "the hint line keeps its place"
