"""Platform account settings: the address and the token (which goes to the system keyring, never to a file).

The address is checked before the dialog closes, with the reason shown under the field (not in the status
bar); "Test connection" really calls the platform (``services.platform.check_connection``, on the task
runner, within a deadline) and says what happened in the dialog, in words.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from moderator_app.services.platform import ConnectionCheck, address_issue, check_connection
from moderator_app.tasks import QUICK, TaskRunner
from moderator_app.ui.screenfit import keep_inside

_ERROR_STYLE = "color: #c62828;"
_OK_STYLE = "color: #2e7d32; font-weight: bold;"


class SettingsDialog(QDialog):
    connection_tested = Signal(object)
    """The ConnectionCheck of a "Test connection" (tests listen)."""

    def __init__(self, url: str, has_token: bool, keyring_ok: bool, parent: QWidget | None = None, *,
                 runner: TaskRunner | None = None, stored_token: Callable[[str], str | None] | None = None) -> None:
        """``runner``: where the connection test runs (no test button without it); ``stored_token``: the
        token kept for an address, used when the token field is left empty."""
        super().__init__(parent)
        self.setObjectName("platformSettings")
        self.setWindowTitle(self.tr("Platform account"))
        self.runner = runner
        self.stored_token = stored_token
        self._test_generation = 0
        self.url = QLineEdit(url, self)
        self.url.setObjectName("platformUrl")
        self.url.setPlaceholderText("https://platform.example.org")
        self.token = QLineEdit(self)
        self.token.setObjectName("platformToken")
        self.token.setEchoMode(QLineEdit.EchoMode.Password)
        self.token.setPlaceholderText(self.tr("(unchanged)") if has_token else self.tr("paste the token"))
        self.problem = QLabel(self)
        self.problem.setObjectName("urlProblem")
        self.problem.setWordWrap(True)
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.setStyleSheet(_ERROR_STYLE)
        self.problem.hide()
        form = QFormLayout()
        form.addRow(self.tr("Platform address"), self.url)
        form.addRow("", self.problem)  # right under the field it is about
        form.addRow(self.tr("Token"), self.token)
        self.where = QLabel(self)
        self.where.setObjectName("tokenStorage")
        self.where.setWordWrap(True)
        if keyring_ok:
            self.where.setText(self.tr("The token is kept in the system keyring."))
        else:
            self.where.setText(self.tr(
                "No system keyring is available on this computer: the token is kept for this session only "
                "and must be entered again after a restart. It is never written to a file."))
        self.test_button = QPushButton(self.tr("Test connection"), self)
        self.test_button.setObjectName("platformTest")
        self.test_button.setVisible(runner is not None)
        self.test_result = QLabel(self)
        self.test_result.setObjectName("platformTestResult")
        self.test_result.setWordWrap(True)
        self.test_result.setTextFormat(Qt.TextFormat.PlainText)
        test_row = QHBoxLayout()
        test_row.addWidget(self.test_button)
        test_row.addWidget(self.test_result, 1)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, parent=self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.where)
        layout.addLayout(test_row)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self.url.editingFinished.connect(self._check_address)
        self.url.textEdited.connect(lambda _t: self._edited())
        self.token.textEdited.connect(lambda _t: self._edited())
        self.test_button.clicked.connect(self.test_connection)
        self.resize(max(560, self.sizeHint().width()), self.sizeHint().height())

    # -- the address ------------------------------------------------------------------------------

    def address_problem(self, url: str) -> str | None:
        """What is wrong with ``url`` as the platform address, in the user's words, or None."""
        issue = address_issue(url)
        if issue is None:
            return None
        return {
            "not_url": self.tr("This is not a web address. Write it in full, e.g. https://platform.example.org"),
            "not_https": self.tr("The platform is only reached over https (http is allowed for this computer "
                                 "only: localhost, 127.0.0.1)."),
            "credentials": self.tr("The address contains a user name or password: remove it and put the token "
                                   "in the Token field (it is kept in the system keyring)."),
            "query": self.tr("The address contains a query (?…), which may hold a token: remove it and put "
                             "the token in the Token field."),
            "fragment": self.tr("The address contains a fragment (#…): remove it."),
        }.get(issue, self.tr("This address cannot be used for the platform."))

    def _check_address(self) -> bool:
        url = self.url.text().strip()
        problem = self.address_problem(url) if url else None
        self.problem.setText(problem or "")
        self.problem.setVisible(problem is not None)
        self._fit_height()
        return problem is None

    def _fit_height(self) -> None:
        """Tall enough for the wrapped reason and the test's answer (a QLabel that wraps does not grow its
        dialog by itself), and inside the screen."""
        layout = self.layout()
        layout.activate()
        needed = layout.totalHeightForWidth(self.width())
        if needed > self.height():
            self.resize(self.width(), needed)
        if self.isVisible():
            keep_inside(self)

    def _edited(self) -> None:
        """A changed address or token makes the last test's answer stale."""
        self._test_generation += 1
        self.test_result.clear()
        self.test_button.setEnabled(True)
        if self.problem.isVisible():
            self._check_address()

    def accept(self) -> None:
        """An unusable address is refused here, with the reason under the field, and the dialog stays open."""
        if not self._check_address():
            self.url.setFocus()
            return
        super().accept()

    def values(self) -> tuple[str, str | None]:
        """The address, and the new token (None when the field was left empty: keep the old one)."""
        token = self.token.text().strip()
        return self.url.text().strip(), token or None

    # -- the test ---------------------------------------------------------------------------------

    def test_connection(self) -> None:
        """One real call to the platform with the address and token as typed (or the token kept)."""
        if self.runner is None:
            return
        url = self.url.text().strip()
        if not url or not self._check_address():
            self._say(self.address_problem(url) if url else self.tr("Enter the platform address first."), False)
            return
        token = self.token.text().strip() or (self.stored_token(url) if self.stored_token else None)
        if not token:
            self._say(self.tr("Paste the token first."), False)
            return
        self._test_generation += 1
        generation = self._test_generation
        self.test_button.setEnabled(False)
        self._say(self.tr("Connecting…"), None)
        self.runner.run(lambda: check_connection(url, token), lambda c: self._tested(c, generation),
                        lambda _e: self._tested(ConnectionCheck("unreachable", 0.0), generation), lane=QUICK)

    def _tested(self, check: ConnectionCheck, generation: int) -> None:
        if generation != self._test_generation:
            return  # the address or token changed meanwhile: that answer is about something else
        self.test_button.setEnabled(True)
        words = {
            "ok": self.tr("Connected: the platform accepted the token."),
            "auth": self.tr("The platform refused the token: paste a new one."),
            "tls": self.tr("The platform's certificate could not be verified: check the address."),
            "unreachable": self.tr("No answer from the platform: check the address and the network."),
            "protocol": self.tr("Something answered, but not as the platform does: check the address."),
            "refused": self.tr("The platform refused the request: check the address."),
            "bad_address": self.tr("This address cannot be used for the platform."),
        }
        self._say(words[check.kind], check.ok)
        self.connection_tested.emit(check)

    def _say(self, text: str, ok: bool | None) -> None:
        self.test_result.setText(text)
        self.test_result.setStyleSheet("" if ok is None else _OK_STYLE if ok else _ERROR_STYLE)
        self._fit_height()
