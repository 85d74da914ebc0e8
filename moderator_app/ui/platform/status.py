"""The platform part of the status bar: online/offline, clips downloading, outbox, last sync.

Plain display: the controller (ui/platform/controller.py) tells it what to show; its two buttons
open the settings and the sync log.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget


@dataclass(frozen=True, slots=True)
class SyncView:
    configured: bool = False
    online: bool | None = None
    """None before the first answer."""
    syncing: bool = False
    downloading: int = 0
    downloaded: int = 0
    download_total: int = 0
    bytes_done: int = 0
    bytes_total: int = 0
    outbox: int = 0
    conflicts: int = 0
    last_sync: str | None = None
    auth_failed: bool = False


def _mb(n: int) -> str:
    return f"{n / 1_000_000:.1f}"


class SyncStatus(QWidget):
    settings_requested = Signal()
    log_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("syncStatus")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.online = QLabel(self)
        self.online.setObjectName("syncOnline")
        self.downloads = QLabel(self)
        self.downloads.setObjectName("syncDownloads")
        self.outbox = QLabel(self)
        self.outbox.setObjectName("syncOutbox")
        self.last = QLabel(self)
        self.last.setObjectName("syncLast")
        self.log_button = QPushButton(self.tr("Sync log"), self)
        self.log_button.setFlat(True)
        self.log_button.clicked.connect(self.log_requested)
        self.settings_button = QPushButton(self.tr("Platform…"), self)
        self.settings_button.setFlat(True)
        self.settings_button.clicked.connect(self.settings_requested)
        for w in (self.online, self.downloads, self.outbox, self.last, self.log_button, self.settings_button):
            layout.addWidget(w)
        self.view = SyncView()
        self.show_view(self.view)

    def show_view(self, v: SyncView) -> None:
        self.view = v
        if not v.configured:
            self.online.setText(self.tr("Platform: not set up"))
        elif v.auth_failed:
            self.online.setText(self.tr("Platform: token refused"))
        elif v.syncing:
            self.online.setText(self.tr("Platform: syncing…"))
        elif v.online is None:
            self.online.setText(self.tr("Platform: connecting…"))
        else:
            self.online.setText(self.tr("Online") if v.online else self.tr("Offline"))
        if v.downloading or (v.download_total and v.downloaded < v.download_total):
            self.downloads.setText(self.tr("Downloading {done}/{total} clips ({mb} of {total_mb} MB)").format(
                done=v.downloaded, total=v.download_total, mb=_mb(v.bytes_done), total_mb=_mb(v.bytes_total)))
            self.downloads.show()
        else:
            self.downloads.hide()
        text = self.tr("Outbox: {n} to send").format(n=v.outbox) if v.outbox else self.tr("Outbox: all sent")
        if v.conflicts:
            text += " · " + self.tr("Conflicts: %n", "", v.conflicts)
        self.outbox.setText(text)
        self.outbox.setVisible(v.configured)
        self.last.setText(self.tr("Last sync: {at}").format(at=v.last_sync) if v.last_sync else "")
        self.last.setVisible(bool(v.last_sync))
        self.log_button.setVisible(v.configured)
