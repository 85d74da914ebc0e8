"""A quarantined record, on a page of its own: which file, why, since when, and what to do about it.

It replaces the clip's details and decision (a quarantined record has no clip to judge, and showing the
previous clip's names and figures beside it misleads): the window stops and blanks the player when this
page shows. The file name came from a stranger: plain text, elided in the middle with the whole name in
the tooltip, so no name can push the buttons off the panel.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from moderator_app.ui.plaintext import plain
from moderator_app.ui.review.elided import ElidedLabel


def when(at: str) -> str:
    """A stored UTC time as a person reads it (date and time to the second, no ``T`` or ``Z``)."""
    return at.replace("T", " ").removesuffix("Z")[:19]


class QuarantinePanel(QWidget):
    retry_requested = Signal(str)
    """The record's source label: read it again."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("quarantinePanel")
        self.source = ""
        self.folder: Path | None = None
        layout = QVBoxLayout(self)
        self.title = QLabel(self)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() + 4)
        font.setBold(True)
        self.title.setFont(font)
        layout.addWidget(self.title)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.file = ElidedLabel(self)
        self.file.setObjectName("quarantineFile")
        self.reason = plain(QLabel(self))
        self.reason.setObjectName("quarantineReason")
        self.reason.setWordWrap(True)
        self.reason.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.at = QLabel(self)
        self.at.setObjectName("quarantineTime")
        self._captions = [QLabel(self) for _ in range(3)]
        for caption, value in zip(self._captions, (self.file, self.reason, self.at), strict=True):
            form.addRow(caption, value)
        layout.addLayout(form)
        buttons = QHBoxLayout()
        self.open_button = QPushButton(self)
        self.open_button.setObjectName("openQuarantineFolder")
        self.open_button.clicked.connect(self.open_folder)
        self.retry_button = QPushButton(self)
        self.retry_button.setObjectName("retryQuarantined")
        self.retry_button.clicked.connect(lambda: self.retry_requested.emit(self.source))
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.retry_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.outcome = plain(QLabel(self))
        self.outcome.setObjectName("retryOutcome")
        self.outcome.setWordWrap(True)
        layout.addWidget(self.outcome)
        layout.addStretch(1)
        self._retryable = False
        self.retranslate()
        self.show_record(None, None, retryable=False)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Quarantined record"))
        for caption, text in zip(self._captions, (self.tr("File"), self.tr("Reason"), self.tr("Since")), strict=True):
            caption.setText(text)
        self.open_button.setText(self.tr("Open folder"))
        self.open_button.setToolTip(self.tr("Show the folder that holds this record in the file manager"))
        self.retry_button.setText(self.tr("Retry"))
        self.retry_button.setToolTip(
            self.tr("Read this record again (after fixing or replacing its files)") if self._retryable
            else self.tr("Records from the platform are retried with its next sync")
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def show_record(self, row: dict[str, Any] | None, folder: Path | None, *, retryable: bool) -> None:
        """Show one quarantine row (source, reason, at); ``folder`` comes from the service, never from the row."""
        source = "" if row is None else str(row["source"])
        if source != self.source:
            self.outcome.clear()  # what came of a retry stays while its record is shown
        self.source = source
        self.folder = folder
        self._retryable = retryable and row is not None
        self.file.setText(self.source)
        self.reason.setText("" if row is None else str(row["reason"]))
        self.at.setText("" if row is None else when(str(row["at"])))
        self.open_button.setEnabled(folder is not None)
        self.retry_button.setEnabled(self._retryable)
        self.retranslate()

    def set_outcome(self, text: str) -> None:
        self.outcome.setText(text)

    def open_folder(self) -> None:
        if self.folder is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.folder)))
