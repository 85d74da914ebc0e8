"""The audit log in the window: keys on the real review window, real SQLite, the dialog's table and CSV."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QLocale, Qt, QTranslator
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from moderator_app.config import KEY_BINDINGS
from moderator_app.models import Decision
from moderator_app.services.audit import record_event
from moderator_app.ui.i18n import install_translators, remove_translators
from moderator_app.ui.review.audit import AuditDialog
from moderator_app.ui.review.window import MainWindow
from moderator_app.ui.shortcuts import action_title
from tests.gui.test_review_window import window  # noqa: F401  (the fixture: a real window on the demo inbox)

pytestmark = pytest.mark.gui
ROOT = Path(__file__).resolve().parents[2]


def press(qtbot: QtBot, win: MainWindow, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
          ) -> None:
    QTest.keyClick(win.queue_panel.table, key, modifier)


def decide_by_key(qtbot: QtBot, win: MainWindow, key: Qt.Key) -> Decision:
    with qtbot.waitSignal(win.decision_saved, timeout=10000) as saved:
        press(qtbot, win, key)
    decision = saved.args[0]
    assert isinstance(decision, Decision)
    return decision


def open_log(qtbot: QtBot, win: MainWindow) -> AuditDialog:
    dialog = getattr(win, "audit_dialog", None)
    if dialog is not None:
        with qtbot.waitSignal(dialog.loaded, timeout=10000):
            press(qtbot, win, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
        return dialog
    press(qtbot, win, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: getattr(win, "audit_dialog", None) is not None, timeout=5000)
    dialog = win.audit_dialog
    qtbot.waitUntil(lambda: dialog.table.rowCount() > 0, timeout=10000)
    return dialog


def cells(dialog: AuditDialog) -> list[list[str]]:
    t = dialog.table
    return [[t.item(r, c).text() for c in range(t.columnCount())] for r in range(t.rowCount())]


def test_ctrl_l_shows_who_decided_what_undo_included(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:  # noqa: F811
    win = window
    assert any(b.action == "audit_log" and b.key == "Ctrl+L" for b in KEY_BINDINGS)
    assert win.actions_by_name["audit_log"].shortcut().toString() == "Ctrl+L"
    win.overlay.toggle()
    texts = [w.text() for w in win.overlay.findChildren(type(win.overlay.title))]
    assert action_title("audit_log") in texts and "Ctrl+L" in texts, "listed in the ? overlay"
    win.overlay.toggle()

    first = decide_by_key(qtbot, win, Qt.Key.Key_A)
    with qtbot.waitSignal(win.decision_saved, timeout=10000) as undone:
        press(qtbot, win, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    record_event(win.review.cache, "erase", "sub-000190", "chloe", {"reason": "request"}, at="2020-04-01T08:00:00Z")

    dialog = open_log(qtbot, win)
    assert dialog.isVisible() and dialog.windowTitle() == "Audit log"
    rows = cells(dialog)
    assert [r[1:4] for r in rows] == [
        ["Undo", first.submission_id, "ana"], ["Decision", first.submission_id, "ana"], ["Erasure", "sub-000190", "chloe"],
    ], "newest first"
    assert f"undoes entry {first.seq}" in rows[0][4] and undone.args[0].decision == "queued"
    assert dialog.count.text() == "3 entries"
    names = win.review.details(first.submission_id)
    assert names is not None
    shown = " ".join(" ".join(r) for r in rows)
    for personal in (names["sender_first"], names["sender_last"], names["recipient_last"], names["sender_email"]):
        assert not personal or personal not in shown

    # filters: by moderator, then from a date
    with qtbot.waitSignal(dialog.loaded, timeout=10000):
        dialog.moderator.setCurrentIndex(dialog.moderator.findData("chloe"))
    assert [r[1] for r in cells(dialog)] == ["Erasure"]
    with qtbot.waitSignal(dialog.loaded, timeout=10000):
        dialog.moderator.setCurrentIndex(0)
    dialog.since.setDate(QDate(2020, 4, 2))
    with qtbot.waitSignal(dialog.loaded, timeout=10000):
        dialog.since_on.setChecked(True)
    assert [r[1] for r in cells(dialog)] == ["Undo", "Decision"]

    out = tmp_path / "audit.csv"
    with qtbot.waitSignal(dialog.exported, timeout=10000):
        dialog.export_csv(out)
    rows_csv = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert [r[1] for r in rows_csv] == ["kind", "decision", "undo"]

    # opened again, it refreshes: a new decision appears
    dialog.hide()
    win.activateWindow()  # back to the desk, as a moderator clicks it
    qtbot.waitUntil(win.isActiveWindow, timeout=5000)
    decide_by_key(qtbot, win, Qt.Key.Key_R)
    dialog = open_log(qtbot, win)
    assert cells(dialog)[0][1] == "Decision" and cells(dialog)[0][4].startswith("Rejected")
    assert "flags=" not in cells(dialog)[0][4] and "[" not in cells(dialog)[0][4], "words, not codes"
    dialog.close()


@pytest.fixture
def french(qapp: QApplication) -> Iterator[None]:
    """The app's French, and this checkout's .qm over it (an editable install may point at another checkout)."""
    assert install_translators(qapp, "fr") == "fr"
    ours = QTranslator(qapp)
    assert ours.load(str(ROOT / "resources" / "translations" / "moderator_app_fr.qm"))
    qapp.installTranslator(ours)
    yield
    qapp.removeTranslator(ours)
    remove_translators(qapp)
    QLocale.setDefault(QLocale(QLocale.Language.English))


def test_audit_view_in_french(qtbot: QtBot, french: None, window: MainWindow) -> None:  # noqa: F811
    decide_by_key(qtbot, window, Qt.Key.Key_A)
    dialog = open_log(qtbot, window)
    assert dialog.windowTitle() == "Journal d'audit"
    assert dialog.csv_button.text() == "Exporter en CSV…" and dialog.since_on.text() == "Depuis le"
    assert dialog.table.horizontalHeaderItem(0).text() == "Quand (UTC)"
    assert cells(dialog)[0][1] == "Décision" and dialog.count.text() == "1 entrée"
    assert dialog.moderator.itemText(0) == "Tout le monde"
    assert window.actions_by_name["audit_log"].text() == "Afficher le journal d'audit"
    dialog.close()
