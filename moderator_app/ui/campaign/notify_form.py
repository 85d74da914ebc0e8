"""The sending settings of the Notifications window: the agency's SMTP relay, or the platform.

The password field is only read when Send is pressed, handed to the keyring (when the machine has one)
and never written anywhere else; an empty field means "use the one in the keyring". Plain SMTP is offered
for a relay on this machine only: the service refuses it for any other host, with the reason shown.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QComboBox, QFormLayout, QGroupBox, QLabel, QLineEdit, QWidget


@dataclass(frozen=True, slots=True)
class SendSettings:
    via: str
    """``smtp`` or ``platform``."""
    address: str = ""
    security: str = "starttls"
    sender: str = ""
    user: str = ""
    password: str = field(default="", repr=False)
    url: str = ""


class SendForm(QGroupBox):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("notifySettings")
        self.via = QComboBox(self)
        self.via.setObjectName("notifyVia")
        self.via.addItem("", "smtp")
        self.via.addItem("", "platform")
        self.address = QLineEdit(self)
        self.address.setObjectName("notifyRelay")
        self.address.setPlaceholderText("smtp.agency.example:587")
        self.security = QComboBox(self)
        self.security.setObjectName("notifySecurity")
        for value in ("starttls", "tls", "plain"):
            self.security.addItem("", value)
        self.sender = QLineEdit(self)
        self.sender.setObjectName("notifyFrom")
        self.user = QLineEdit(self)
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.url = QLineEdit(self)
        self.url.setObjectName("notifyPlatform")
        self.url.setPlaceholderText("https://platform.example")
        self.labels = {name: QLabel(self) for name in ("via", "address", "security", "sender", "user", "password",
                                                        "url")}
        form = QFormLayout(self)
        for name, widget in (("via", self.via), ("address", self.address), ("security", self.security),
                             ("sender", self.sender), ("user", self.user), ("password", self.password),
                             ("url", self.url)):
            form.addRow(self.labels[name], widget)
        self.via.currentIndexChanged.connect(lambda _i: self._show_fields())
        self.retranslate()
        self._show_fields()

    def retranslate(self) -> None:
        self.setTitle(self.tr("How to send"))
        self.via.setItemText(0, self.tr("E-mail through the agency's SMTP relay"))
        self.via.setItemText(1, self.tr("The platform sends it"))
        self.security.setItemText(0, self.tr("STARTTLS (port 587)"))
        self.security.setItemText(1, self.tr("TLS (port 465)"))
        self.security.setItemText(2, self.tr("None (a relay on this machine only)"))
        texts = {"via": self.tr("Send by"), "address": self.tr("Relay (host:port)"), "security": self.tr("Encryption"),
                 "sender": self.tr("From"), "user": self.tr("User"), "url": self.tr("Platform address")}
        for name, text in texts.items():
            self.labels[name].setText(text)
        self.labels["password"].setText(self.tr("Password"))
        self.password.setPlaceholderText(self.tr("empty: the one kept in the system keyring"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _show_fields(self) -> None:
        smtp = self.via.currentData() == "smtp"
        for name in ("address", "security", "user", "password"):
            self.labels[name].setVisible(smtp)
        for widget in (self.address, self.security, self.user, self.password):
            widget.setVisible(smtp)
        self.labels["url"].setVisible(not smtp)
        self.url.setVisible(not smtp)

    def settings(self) -> SendSettings:
        return SendSettings(
            via=str(self.via.currentData()), address=self.address.text().strip(),
            security=str(self.security.currentData()), sender=self.sender.text().strip(),
            user=self.user.text().strip(), password=self.password.text(), url=self.url.text().strip(),
        )

    def forget_password(self) -> None:
        """The typed password leaves the widget once handed over (the keyring keeps it)."""
        self.password.clear()
