"""The platform settings dialog checks the address before it closes and tests the connection for real
(the contract server on 127.0.0.1); the status bar does not stay on "connecting…" after a failure."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, QTranslator
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from moderator_app.services.platform import address_issue, check_connection
from moderator_app.tasks import TaskRunner
from moderator_app.ui.i18n import install_translators, remove_translators
from moderator_app.ui.platform.settings_dialog import SettingsDialog
from moderator_app.ui.review.window import MainWindow
from tests.gui.test_platform_window import memory_keyring, window  # noqa: F401 - fixtures
from tests.support.platform_server import PlatformServer, make_items

pytestmark = pytest.mark.gui

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "tok-settings-test"


@pytest.fixture
def runner() -> Iterator[TaskRunner]:
    r = TaskRunner()
    yield r
    r.shutdown()


@pytest.fixture
def server() -> Iterator[PlatformServer]:
    with PlatformServer(make_items(2), token=TOKEN) as srv:
        yield srv


@pytest.fixture
def dialog(qtbot: QtBot, runner: TaskRunner) -> SettingsDialog:
    d = SettingsDialog("", False, True, runner=runner, stored_token=lambda _url: None)
    qtbot.addWidget(d)
    d.show()
    qtbot.waitExposed(d)
    return d


@pytest.mark.parametrize(("typed", "reason"), [
    ("not a url", "not a web address"),
    ("platform.example.org", "not a web address"),
    ("ftp://platform.example.org", "not a web address"),
    ("http://platform.example.org", "only reached over https"),
    ("https://moderator:secret@platform.example.org", "user name or password"),
    ("https://platform.example.org/?token=abc", "query"),
])
def test_an_unusable_address_is_refused_under_its_field(qtbot: QtBot, dialog: SettingsDialog, typed: str,
                                                        reason: str) -> None:
    accepted: list[bool] = []
    dialog.accepted.connect(lambda: accepted.append(True))
    dialog.url.setText(typed)
    dialog.accept()
    assert dialog.isVisible() and accepted == [], "the dialog stays open"
    assert dialog.problem.isVisible() and reason in dialog.problem.text().lower()
    assert "secret" not in dialog.problem.text() and "abc" not in dialog.problem.text()
    under = dialog.problem.mapTo(dialog, dialog.problem.rect().topLeft()).y()
    assert under > dialog.url.mapTo(dialog, dialog.url.rect().topLeft()).y(), "next to the field"
    assert dialog.problem.height() >= dialog.problem.heightForWidth(dialog.problem.width()), "not cut"
    dialog.url.setText("https://platform.example.org")
    dialog.accept()
    assert accepted == [True] and not dialog.isVisible()


def test_loopback_may_be_plain_http() -> None:
    assert address_issue("http://127.0.0.1:8765") is None and address_issue("http://localhost:1") is None
    assert address_issue("http://[::1]:8080") is None
    assert address_issue("http://10.0.0.2") == "not_https"


def test_test_connection_says_success_and_each_failure_in_the_dialog(qtbot: QtBot, dialog: SettingsDialog,
                                                                      server: PlatformServer) -> None:
    dialog.url.setText(server.url)
    dialog.token.setText(TOKEN)
    with qtbot.waitSignal(dialog.connection_tested, timeout=15000) as tested:
        dialog.test_button.click()
    assert tested.args[0].ok and "Connected" in dialog.test_result.text()
    assert any(r.path.startswith("/v1/submissions") for r in server.requests), "a real call"

    dialog.token.setText("tok-wrong")
    dialog._edited()
    assert dialog.test_result.text() == "", "a changed token makes the last answer stale"
    with qtbot.waitSignal(dialog.connection_tested, timeout=15000) as tested:
        dialog.test_button.click()
    assert tested.args[0].kind == "auth" and "refused the token" in dialog.test_result.text()
    assert "tok-wrong" not in dialog.test_result.text()

    server.fail_next(5, 503)
    dialog.token.setText(TOKEN)
    with qtbot.waitSignal(dialog.connection_tested, timeout=15000) as tested:
        dialog.test_button.click()
    assert tested.args[0].kind == "unreachable" and "No answer" in dialog.test_result.text()

    url = server.url
    server.stop()
    with qtbot.waitSignal(dialog.connection_tested, timeout=15000) as tested:
        dialog.test_button.click()
    assert tested.args[0].kind == "unreachable" and dialog.test_button.isEnabled()
    assert dialog.url.text() == url and dialog.isVisible()


def test_the_test_needs_a_token_and_an_address(qtbot: QtBot, dialog: SettingsDialog) -> None:
    dialog.test_button.click()
    assert "address first" in dialog.test_result.text()
    dialog.url.setText("https://platform.example.org")
    dialog.test_button.click()
    assert "token first" in dialog.test_result.text()


def test_a_server_that_drips_its_answer_is_given_up_at_the_deadline(server: PlatformServer) -> None:
    server.hostile_listing("drip", interval_s=0.3)
    started = time.monotonic()
    check = check_connection(server.url, TOKEN, deadline_s=1.5)
    assert check.kind != "ok" and time.monotonic() - started < 5


def test_the_dialog_in_french(qtbot: QtBot, qapp: QApplication, runner: TaskRunner) -> None:
    assert install_translators(qapp, "fr") == "fr"
    checkout = QTranslator(qapp)  # this checkout's catalogue (an editable install may point elsewhere)
    assert checkout.load(str(ROOT / "resources" / "translations" / "moderator_app_fr.qm"))
    qapp.installTranslator(checkout)
    try:
        d = SettingsDialog("", False, True, runner=runner)
        qtbot.addWidget(d)
        d.url.setText("not a url")
        d.accept()
        assert d.problem.text().startswith("Ce n’est pas une adresse web")
        assert d.test_button.text() == "Tester la connexion"
    finally:
        remove_translators(qapp)
        QLocale.setDefault(QLocale(QLocale.Language.English))


def test_the_status_bar_leaves_connecting_after_a_failed_pass(qtbot: QtBot, window: MainWindow) -> None:  # noqa: F811
    win = window
    with PlatformServer(make_items(1), token=TOKEN) as srv:
        url = srv.url
    # nothing listens there any more: the pass fails; the status bar says so instead of "connecting…"
    win.platform.configure(url, TOKEN)
    assert "connecting" in win.platform.status.online.text()
    with qtbot.waitSignal(win.platform.synced, timeout=30000):
        win.platform.sync_now()
    qtbot.waitUntil(lambda: "connecting" not in win.platform.status.online.text(), timeout=5000)
    assert win.platform.status.online.text() == "Offline"


def test_a_pass_that_cannot_start_does_not_leave_connecting(qtbot: QtBot, window: MainWindow) -> None:  # noqa: F811
    """An address an older version stored unchecked: the client refuses it, the pass fails at once."""
    win = window
    messages: list[str] = []
    win.platform.message.connect(lambda text, _ms: messages.append(text))
    win.platform.configure("not a url", TOKEN)
    win.platform.sync_now()
    qtbot.waitUntil(lambda: bool(messages), timeout=10000)
    assert "connecting" not in win.platform.status.online.text()
    assert win.platform.status.online.text() == "Offline"
