"""The inbox folder's sync as the review window runs it: one at a time, on the long lane, again on a timer.

A sync commits in short batches from its own thread (not the writer lane), so a long one never holds
decisions back; when it left files to retry (still being copied in), the next one comes sooner.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from moderator_app.config import RESYNC_SOON_MS, SYNC_INTERVAL_MS
from moderator_app.services.review import ReviewService, SyncReport
from moderator_app.tasks import TaskRunner


class InboxSyncer(QObject):
    due = Signal()
    """Time for the next sync (the window syncs the platform too on it)."""
    finished = Signal(object)
    """The SyncReport of a finished sync."""
    failed = Signal(str)

    def __init__(self, review: ReviewService, runner: TaskRunner, inbox: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.review = review
        self.runner = runner
        self.inbox = inbox
        self.running = False
        self._stopped = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.due)

    def sync(self) -> bool:
        """Start a sync unless one is running; returns whether one started."""
        if self.running or self._stopped:
            return False
        self.running = True
        review, inbox = self.review, self.inbox
        self.runner.run(lambda: review.sync_inbox(inbox), on_done=self._done, on_error=self._failed)
        return True

    def stop(self) -> None:
        """Quitting: no further syncs (one running cannot be interrupted; nobody waits for it)."""
        self._stopped = True
        self._timer.stop()

    def _done(self, report: SyncReport) -> None:
        self.running = False
        if self._stopped:
            return
        self._timer.start(RESYNC_SOON_MS if report.retried else SYNC_INTERVAL_MS)
        self.finished.emit(report)

    def _failed(self, exc: BaseException) -> None:
        self.running = False
        if self._stopped:
            return
        self._timer.start(SYNC_INTERVAL_MS)
        self.failed.emit(str(exc))
