"""Keys: every flag has one (AZERTY digit row too), the overlay names it, and the user can remap keys."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from moderator_app.config import EDITOR_KEY_BINDINGS, KEY_BINDINGS
from moderator_app.ui.keysettings import KeySettingsDialog
from moderator_app.ui.review.window import MainWindow
from tests.gui.review_helpers import close_window, open_window

pytestmark = pytest.mark.gui


@pytest.fixture
def win(qtbot: QtBot, data_dir: Path, demo_inbox: Path) -> Iterator[MainWindow]:
    w = open_window(qtbot, data_dir, demo_inbox)
    yield w
    close_window(qtbot, w)


def overlay_texts(win: MainWindow) -> list[str]:
    return [w.text() for w in win.overlay.findChildren(QLabel)]


def test_every_flag_has_a_key_and_the_overlay_names_it(qtbot: QtBot, win: MainWindow) -> None:
    flags = win.review.flags()
    bound = {b.action for b in KEY_BINDINGS}
    assert all(f"flag_{i}" in bound for i in range(1, len(flags) + 1)), "a key for every flag of the catalogue"
    keys = [b.key for b in KEY_BINDINGS] + [k for b in KEY_BINDINGS for k in b.also]
    assert len(keys) == len({QKeySequence(k).toString() for k in keys}), "no key serves two actions"
    texts = overlay_texts(win)
    for flag in flags:
        assert f"Toggle flag: {flag.label_en}" in texts
    assert not any(t.startswith("Toggle flag 1") for t in texts)

    # the last two flags answer to their keys; AZERTY's unshifted digit row works as well as the digits
    sid = win.current_id
    table = win.queue_panel.table
    QTest.keyClick(table, Qt.Key.Key_0)
    QTest.keyClick(table, Qt.Key.Key_D)
    assert sorted(win.decision.checked_flags()) == ["duplicate", "wrong_name"]
    QTest.keyClick(table, Qt.Key.Key_Agrave)  # à: the 0 key on AZERTY, unshifted
    QTest.keyClick(table, Qt.Key.Key_Eacute)  # é: the 2 key
    assert sorted(win.decision.checked_flags()) == ["duplicate", "minor_shown"]
    assert win.current_id == sid


def test_remap_applies_at_once_persists_and_refuses_clashes(
    qtbot: QtBot, win: MainWindow, data_dir: Path
) -> None:
    QTest.keyClick(win.queue_panel.table, Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)
    page = win.key_settings  # type: ignore[attr-defined]
    assert isinstance(page, KeySettingsDialog)
    qtbot.waitUntil(page.isVisible, timeout=3000)
    assert set(page.edits) == {b.action for b in KEY_BINDINGS + EDITOR_KEY_BINDINGS}, "every binding is listed"

    # a clash is refused with words, and the key stays
    assert not page.set_key("approve", "R")
    assert "R is already used by “Reject and play the next clip”" in page.message.text()
    assert page.edits["approve"].keySequence().toString() == "A"

    # typed into the field, as a user does
    edit = page.edits["approve"]
    edit.setFocus()
    QTest.keyClick(edit, Qt.Key.Key_Y)
    qtbot.waitUntil(lambda: QSettings().value("keys/approve") == "Y", timeout=3000)
    assert win.actions_by_name["approve"].shortcut().toString() == "Y"
    assert win.decision.approve_button.text() == "Approve (Y)"
    assert "Y" in overlay_texts(win)
    page.close()
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow, timeout=3000)
    with qtbot.waitSignal(win.decision_saved, timeout=5000) as saved:
        QTest.keyClick(win.queue_panel.table, Qt.Key.Key_Y)
    assert saved.args[0].decision == "approved"

    close_window(qtbot, win)
    again = open_window(qtbot, data_dir, None)
    try:
        assert again.actions_by_name["approve"].shortcut().toString() == "Y", "kept for the next session"
        page = again.key_settings if hasattr(again, "key_settings") else None
        assert page is None
        QTest.keyClick(again.queue_panel.table, Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)
        page = again.key_settings  # type: ignore[attr-defined]
        page.restore_button.click()
        assert again.actions_by_name["approve"].shortcut().toString() == "A"
        assert QSettings().value("keys/approve") is None
        assert not page.set_key("skip", "Esc") and "Esc" in page.message.text()
    finally:
        close_window(qtbot, again)


def test_the_spot_editor_keys_are_remapped_on_the_same_page(qtbot: QtBot, win: MainWindow) -> None:
    win.open_spot_editor()
    editor = win.spot_editor
    qtbot.waitUntil(editor.isVisible, timeout=5000)
    QTest.keyClick(win.queue_panel.table, Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)
    page = win.key_settings  # type: ignore[attr-defined]
    assert not page.set_key("editor_fit", "I"), "I marks the in point in the editor: a clash in its own table"
    assert "Start the selected message here (in)" in page.message.text()
    assert page.set_key("editor_fit", "A"), "A approves on the desk, another window: no clash"
    assert editor.actions_by_name["editor_fit"].shortcut().toString() == "A", "applied to the open editor at once"
    assert win.actions_by_name["approve"].shortcut().toString() == "A"
    page.restore_button.click()
    assert editor.actions_by_name["editor_fit"].shortcut().toString() == "F"
    page.close()
