"""The review window's side of a quarantined record: its own page instead of the clip's, the player
stopped and blank, the figures of the clip seen before gone; and the retry, on the long lane.

A mixin of ``MainWindow`` (the window module imports this one, never the reverse).
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication

from moderator_app.services.quarantine import from_inbox
from moderator_app.services.review import SyncReport
from moderator_app.tasks import LONG

log = logging.getLogger(__name__)

CLIP_PAGE, QUARANTINE_PAGE = 0, 1


class QuarantineMixin:
    """Slots of the review window for quarantined records."""

    def _show_quarantined(self, row: int) -> None:
        data = self.model.row_data(row)
        self.drafts.leave()  # the clip left behind keeps its draft (flags and note) for when it comes back
        self.current_id = None
        self.desk.pages.setCurrentIndex(QUARANTINE_PAGE)
        self.details.show_submission(None)
        self.decision.show_state(None, [], "", [])
        self.decision.show_suggestions([])
        self.checks.show_report(None)
        self.deck.stop()
        self.deck.active_surface.update()  # blank at once, not the last frame of the clip seen before
        self.deck.length_changed.emit(0)  # nor its length and position under the transport bar
        self.deck.time_changed.emit(0)
        source = "" if data is None else str(data["source"])
        folder = self.review.quarantine_folder(source, self.inbox) if data is not None else None
        self.quarantine.show_record(data, folder, retryable=self.inbox is not None and from_inbox(source))

    def _show_clip_page(self) -> None:
        self.desk.pages.setCurrentIndex(CLIP_PAGE)

    def retry_quarantined(self, source: str) -> None:
        """Read the record again; the quarantine view reloads with what came of it."""
        inbox = self.inbox
        if inbox is None or not source or self._closing:
            return
        self.quarantine.retry_button.setEnabled(False)
        self.quarantine.set_outcome(QCoreApplication.translate("MainWindow", "Reading the record again…"))
        self.runner.run(
            lambda: self.review.retry_quarantined(source, inbox),
            on_done=lambda report: self._retried(source, report),
            on_error=self._retry_failed,
            lane=LONG,
        )

    def _retried(self, source: str, report: SyncReport) -> None:
        if self._closing:
            return
        again = [reason for s, reason in report.quarantined if s == source]
        if again:
            text = QCoreApplication.translate("MainWindow", "Still quarantined: {reason}").format(reason=again[0])
        elif any(s == source for s, _ in report.retried):
            text = QCoreApplication.translate("MainWindow", "Its files are still arriving: it will be read again at the next sync.")
        else:
            text = QCoreApplication.translate("MainWindow", "Read again: the record is out of quarantine.")
        self.quarantine.set_outcome(text)
        self.statusBar().showMessage(text, 8000)
        self._synced(report)  # reloads the view: the record is gone from it, or back with its new reason
        self.retried.emit(text)

    def _retry_failed(self, exc: BaseException) -> None:
        log.warning("a quarantined record could not be read again: %s", type(exc).__name__)
        if self._closing:
            return
        self.quarantine.retry_button.setEnabled(True)
        self.quarantine.set_outcome(QCoreApplication.translate("MainWindow", "Could not read it again: {error}").format(error=str(exc)))
