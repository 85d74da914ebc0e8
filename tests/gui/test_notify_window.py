"""The Notifications window on the real review window: Ctrl+Shift+N, the list, the exact preview (Arabic right
to left), a dry run into a folder and a send through a real SMTP server on 127.0.0.1, all off the GUI thread."""

from __future__ import annotations

import email
import email.policy
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from moderator_app.config import KEY_BINDINGS
from moderator_app.ui.campaign.notify import NotifyDialog
from moderator_app.ui.review.window import MainWindow
from moderator_app.ui.shortcuts import action_title
from tests.gui.test_review_window import window  # noqa: F401  (the fixture: a real window on the demo inbox)
from tests.support.onair import Person, campaign, states
from tests.support.platform_server import PlatformServer, make_record
from tests.support.smtp_server import SmtpServer

pytestmark = pytest.mark.gui

PEOPLE = [
    Person("n-000001", "Jeannine", "lucas@example.org"),
    Person("n-000002", "زبيدة", "youssef@example.ma", language="ar"),
    Person("n-000003", "<b>Joe</b> {{ 7*7 }}", "amy@example.co.uk", language="en"),
]


def open_dialog(qtbot: QtBot, win: MainWindow, rows: int = 3) -> NotifyDialog:
    QTest.keyClick(win.queue_panel.table, Qt.Key.Key_N,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: getattr(win, "notify_dialog", None) is not None, timeout=5000)
    dialog: NotifyDialog = win.notify_dialog
    qtbot.waitUntil(lambda: dialog.table.rowCount() == rows, timeout=10000)
    return dialog


def select(qtbot: QtBot, dialog: NotifyDialog, submission_id: str) -> None:
    row = next(i for i, d in enumerate(dialog.items) if d.pair.submission_id == submission_id)
    with qtbot.waitSignal(dialog.previewed, timeout=10000,
                          check_params_cb=lambda key: key.startswith(submission_id + "/")):
        dialog.table.selectRow(row)


def test_preview_then_dry_run_then_send(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:  # noqa: F811
    win = window
    assert any(b.action == "notifications" and b.key == "Ctrl+Shift+N" for b in KEY_BINDINGS)
    assert action_title("notifications") != "notifications"
    campaign(win.review.cache, PEOPLE)
    dialog = open_dialog(qtbot, win)
    assert dialog.isVisible() and dialog.windowTitle() == "Notifications"
    assert {dialog.table.item(r, 0).text() for r in range(3)} == {"TF1-0410-1255"}
    assert "2020-04-10 12:55 (Europe/Paris)" in dialog.table.item(0, 2).text()

    select(qtbot, dialog, "n-000002")
    assert dialog.html.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert "أبريل" in dialog.html.toPlainText() and "زبيدة" in dialog.text.toPlainText()
    select(qtbot, dialog, "n-000003")
    assert dialog.html.layoutDirection() == Qt.LayoutDirection.LeftToRight
    assert "<b>Joe</b> {{ 7*7 }}" in dialog.html.toPlainText(), "the name is shown as typed, not as markup"
    assert "49" not in dialog.text.toPlainText()
    assert "Friday, April 10, 2020" in dialog.text.toPlainText()

    out = tmp_path / "eml"
    with qtbot.waitSignal(dialog.finished_run, timeout=20000) as done:
        dialog.dry_run(out)
    assert done.args[0].written == 3 and len(list(out.glob("*.eml"))) == 3
    assert states(win.review.cache) == {}

    with SmtpServer() as relay:
        dialog.form.address.setText(relay.address)
        dialog.form.security.setCurrentIndex(dialog.form.security.findData("plain"))
        dialog.form.sender.setText("notifications@agency.example")
        qtbot.waitUntil(dialog.send_button.isEnabled, timeout=5000)
        with qtbot.waitSignal(dialog.finished_run, timeout=30000) as sent:
            qtbot.mouseClick(dialog.send_button, Qt.MouseButton.LeftButton)
        assert sent.args[0].sent == 3
        assert sorted(r.recipients[0] for r in relay.received) == sorted(p.email or "" for p in PEOPLE)
    msg = email.message_from_bytes(relay.received[0].raw, policy=email.policy.default)
    assert msg["From"] == "notifications@agency.example"
    qtbot.waitUntil(lambda: not dialog.send_button.isEnabled(), timeout=10000)  # nothing left to send
    assert set(states(win.review.cache).values()) == {"sent"}


def test_plain_smtp_elsewhere_is_refused_in_the_window(qtbot: QtBot, window: MainWindow) -> None:  # noqa: F811
    win = window
    campaign(win.review.cache, PEOPLE)
    dialog = open_dialog(qtbot, win)
    dialog.form.address.setText("192.0.2.10:25")
    dialog.form.security.setCurrentIndex(dialog.form.security.findData("plain"))
    dialog.form.sender.setText("notifications@agency.example")
    qtbot.waitUntil(dialog.send_button.isEnabled, timeout=5000)
    with qtbot.waitSignal(dialog.failed, timeout=20000) as refused:
        qtbot.mouseClick(dialog.send_button, Qt.MouseButton.LeftButton)
    assert "plain SMTP is only allowed" in refused.args[0]
    assert "plain SMTP is only allowed" in dialog.status.text()
    assert states(win.review.cache) == {}


def test_the_platform_sends_from_the_window(qtbot: QtBot, window: MainWindow,  # noqa: F811
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    win = window
    people = [Person(f"sub-{i:06d}", f"N{i}", None) for i in (1, 2)]
    campaign(win.review.cache, people)
    monkeypatch.setenv("MODERATOR_TOKEN", "t0k")
    with PlatformServer([(make_record(i), b"clip") for i in (1, 2)], token="t0k") as server:
        dialog = open_dialog(qtbot, win, rows=2)
        dialog.form.via.setCurrentIndex(dialog.form.via.findData("platform"))
        assert dialog.form.url.isVisible() and not dialog.form.address.isVisible()
        dialog.form.url.setText(server.url)
        with qtbot.waitSignal(dialog.finished_run, timeout=30000) as sent:
            qtbot.mouseClick(dialog.send_button, Qt.MouseButton.LeftButton)
        assert sent.args[0].sent == 2
        assert sorted(n["id"] for n in server.notifications) == ["sub-000001", "sub-000002"]
