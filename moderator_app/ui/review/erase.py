""""Erase…" on the selected submission: a confirmation listing what will go, then the erase off the GUI thread.

What will go is read on the quick lane (services/privacy.py ``preview``); the erase itself (seconds on a
large cache: the file is vacuumed) runs on the writer lane, after the decisions already asked for, never on
the GUI thread. The dialog shows ids, counts and paths only: the names are on screen beside it anyway.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from moderator_app.services.privacy import EraseOutcome, ErasePreview, PrivacyService
from moderator_app.tasks import QUICK, WRITER

MainWindow = Any
"""The review window (ui/review/window.py, which imports this module: typed loosely to keep imports one-way).
Used: ``review``, ``runner``, ``platform``, ``deck``, ``details``, ``queue_panel``, ``current_id``,
``refresh_progress``, ``statusBar``."""


class EraseDialog(QDialog):
    def __init__(self, preview: ErasePreview, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("eraseDialog")
        self.setWindowTitle(self.tr("Erase this person's data"))
        self.summary = QLabel(self.describe(preview), self)
        self.summary.setObjectName("eraseSummary")
        self.summary.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.confirm = buttons.addButton(self.tr("Erase"), QDialogButtonBox.ButtonRole.DestructiveRole)
        self.confirm.setObjectName("eraseConfirm")
        self.confirm.clicked.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(buttons)

    def describe(self, p: ErasePreview) -> str:
        lines = [self.tr("Submission {id} will be erased everywhere in this cache:").format(id=", ".join(p.ids))]
        clips = sum(1 for h in p.held if h.clip_file)
        lines.append(self.tr("• the record (names, e-mail, phone, message) and %n clip file(s)", "", clips))
        lines.append(self.tr("• check results and fingerprints: {n}").format(n=sum(h.check_report for h in p.held)))
        lines.append(self.tr("• the notes of %n decision(s); who decided what and when is kept", "",
                             sum(h.decisions for h in p.held)))
        if p.pending_pushes:
            lines.append(self.tr("• %n decision(s) not yet on the platform: sent first if the platform answers, "
                                 "else dropped", "", p.pending_pushes))
        for h in p.held:
            for spot, slot in h.spots:
                lines.append(self.tr("• spot {spot}: slot {n} is emptied; the spot cannot be exported until it is "
                                     "refilled").format(spot=spot, n=slot + 1))
        for path in p.masters_to_delete:
            lines.append(self.tr("• master {path} (in the data folder) is deleted").format(path=path))
        if p.masters_by_hand:
            lines.append(self.tr("These masters carry the message and are outside the data folder: "
                                 "delete them by hand:"))
            lines += [f"    {path}" for path in p.masters_by_hand]
        lines.append(self.tr("Only a tombstone stays (id, date, reason), so no sync brings it back. "
                             "This cannot be undone."))
        return "\n".join(lines)


class EraseFlow(QObject):
    """One erase at a time from the review window."""

    confirming = Signal(object)
    """The EraseDialog, once it is on screen."""
    erased = Signal(object)
    """The EraseOutcome, once the erase is committed and the cache scrubbed."""
    failed = Signal(str)

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.service = PrivacyService(window.review.cache, window.review.moderator)
        self.dialog: EraseDialog | None = None
        self.running = False

    def start(self) -> None:
        sid = self.window.current_id
        if sid is None or self.running or self.dialog is not None:
            return
        self.window.runner.run(lambda: self.service.preview([sid]), self._confirm, self._failed, lane=QUICK)

    def _confirm(self, preview: ErasePreview) -> None:
        if not preview.held:
            return
        self.dialog = EraseDialog(preview, self.window)
        self.dialog.accepted.connect(lambda: self._erase(preview.ids))
        self.dialog.finished.connect(self._closed)
        self.dialog.open()
        self.confirming.emit(self.dialog)

    def _closed(self) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = None

    def _erase(self, ids: list[str]) -> None:
        self.running = True
        self.window.deck.stop()  # the player lets go of the clip before it is unlinked
        platform = self.window.platform
        url = platform.url if platform.configured else ""
        token = platform.tokens.get(url) or "" if url else ""
        factory, service = platform.client_factory, self.service

        def work() -> EraseOutcome:
            if not url:
                return service.erase(ids)
            with factory(url, token) as client:
                return service.erase(ids, client=client)

        self.window.runner.run(work, self._done, self._failed, lane=WRITER)

    def _done(self, outcome: EraseOutcome) -> None:
        self.running = False
        self.window.current_id = None
        self.window.details.show_submission(None)
        self.window.refresh_progress()
        self.window.queue_panel.apply()
        message = self.tr("Erased {ids}.").format(ids=", ".join(outcome.erased))
        if outcome.masters_by_hand:
            message += " " + self.tr("Delete these masters by hand: {paths}").format(
                paths=", ".join(outcome.masters_by_hand))
        self.window.statusBar().showMessage(message)
        self.erased.emit(outcome)

    def _failed(self, exc: BaseException) -> None:
        self.running = False
        self.window.statusBar().showMessage(self.tr("Erase failed: {reason}").format(reason=str(exc)))
        self.failed.emit(str(exc))


def erase_selected(window: MainWindow) -> None:
    """The "Erase…" action: ask, then erase the selected submission (one flow per window)."""
    flow = window.findChild(EraseFlow)
    (flow if isinstance(flow, EraseFlow) else EraseFlow(window)).start()
