"""Approving a clip with a blocking flag asks first; Enter cancels; a confirmation is recorded."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from moderator_app.services.audit import audit_log
from moderator_app.ui.review.window import MainWindow
from tests.gui.review_helpers import answer_message_box, close_window, open_window

pytestmark = pytest.mark.gui


@pytest.fixture
def win(qtbot: QtBot, data_dir: Path, demo_inbox: Path) -> Iterator[MainWindow]:
    w = open_window(qtbot, data_dir, demo_inbox)
    yield w
    close_window(qtbot, w)


def press(win: MainWindow, k: Qt.Key) -> None:
    QTest.keyClick(win.focusWidget() or win, k)


def position(win: MainWindow, code: str) -> int:
    return [f.code for f in win.review.flags()].index(code) + 1


def confirmations(win: MainWindow, sid: str) -> list[dict[str, object]]:
    return [r.details for r in audit_log(win.review.cache, subject_id=sid) if r.kind == "blocking_confirmed"]


def test_enter_cancels_and_the_clip_stays_undecided(qtbot: QtBot, win: MainWindow) -> None:
    sid = win.current_id
    assert sid is not None
    win.decision.toggle_flag(position(win, "minor_shown"))
    win.decision.toggle_flag(position(win, "personal_data"))
    seen: list[QMessageBox] = []
    texts: list[str] = []

    def enter(box: QMessageBox) -> None:
        texts.append(box.text())
        assert box.defaultButton() is box.button(QMessageBox.StandardButton.Cancel)
        QTest.keyClick(box, Qt.Key.Key_Return)

    answer_message_box(enter, seen)
    press(win, Qt.Key.Key_A)
    assert seen, "approving with a blocking flag asks first"
    assert "Minor shown" in texts[0] and "Personal data visible or spoken" in texts[0]
    assert "minor_shown" not in texts[0], "flags in words, not codes"
    # a decision would have moved on at once and been queued on the writer lane before the box closed
    assert win.current_id == sid and sid not in win._in_flight
    assert win.current_id == sid and win.review.details(sid)["status"] == "queued"  # type: ignore[index]
    assert confirmations(win, sid) == []
    assert sorted(win.decision.checked_flags()) == ["minor_shown", "personal_data"], "the ticks stay"


def test_confirm_approves_and_records_it(qtbot: QtBot, win: MainWindow) -> None:
    sid = win.current_id
    assert sid is not None
    win.decision.toggle_flag(position(win, "minor_shown"))
    seen: list[QMessageBox] = []
    answer_message_box(lambda box: box.findChild(type(box.defaultButton()), "approveAnyway").click(), seen)
    with qtbot.waitSignal(win.decision_saved, timeout=5000) as saved:
        press(win, Qt.Key.Key_A)
    assert seen and saved.args[0].decision == "approved" and saved.args[0].flags == ("minor_shown",)
    assert confirmations(win, sid) == [{"decision_seq": saved.args[0].seq, "flags": ["minor_shown"]}]


def test_no_question_without_a_blocking_flag_or_when_rejecting(qtbot: QtBot, win: MainWindow) -> None:
    first = win.current_id
    win.decision.toggle_flag(position(win, "poor_audio"))
    with qtbot.waitSignal(win.decision_saved, timeout=5000):
        press(win, Qt.Key.Key_A)
    second = win.current_id
    assert second != first
    win.decision.toggle_flag(position(win, "minor_shown"))
    with qtbot.waitSignal(win.decision_saved, timeout=5000) as saved:
        press(win, Qt.Key.Key_R)
    assert saved.args[0].decision == "rejected"


def test_the_campaign_chooses_its_blocking_flags(qtbot: QtBot, win: MainWindow) -> None:
    win.review.set_blocking_flags(["commercial"])
    win.decision.toggle_flag(position(win, "minor_shown"))
    with qtbot.waitSignal(win.decision_saved, timeout=5000):
        press(win, Qt.Key.Key_A)  # minor_shown no longer blocks for this campaign: no question
    win.decision.toggle_flag(position(win, "commercial"))
    seen: list[QMessageBox] = []
    answer_message_box(lambda box: box.reject(), seen)
    sid = win.current_id
    press(win, Qt.Key.Key_A)
    assert seen and "Commercial message" in seen[0].text()
    assert win.current_id == sid
