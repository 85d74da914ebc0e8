"""Platform account settings: the address and the token (which goes to the system keyring, never to a file)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from moderator_app.services.accounts import url_problem


class SettingsDialog(QDialog):
    def __init__(self, url: str, has_token: bool, keyring_ok: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("platformSettings")
        self.setWindowTitle(self.tr("Platform account"))
        self.url = QLineEdit(url, self)
        self.url.setPlaceholderText("https://platform.example.org")
        self.token = QLineEdit(self)
        self.token.setEchoMode(QLineEdit.EchoMode.Password)
        self.token.setPlaceholderText(self.tr("(unchanged)") if has_token else self.tr("paste the token"))
        form = QFormLayout()
        form.addRow(self.tr("Platform address"), self.url)
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
        self.problem = QLabel(self)
        self.problem.setObjectName("urlProblem")
        self.problem.setWordWrap(True)
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, parent=self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.where)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.resize(520, self.sizeHint().height())

    def accept(self) -> None:
        """An address holding a user name, password, query or fragment is refused here, with the
        reason, and the dialog stays open: the secret belongs in the token field (keyring)."""
        url = self.url.text().strip()
        problem = url_problem(url) if url else None
        if problem is not None:
            self.problem.setText(self.tr("Not saved: {reason}.").format(reason=problem))
            self.problem.show()
            self.url.setFocus()
            return
        self.problem.hide()
        super().accept()

    def values(self) -> tuple[str, str | None]:
        """The address, and the new token (None when the field was left empty: keep the old one)."""
        token = self.token.text().strip()
        return self.url.text().strip(), token or None
