"""The automatic clip checks as the review window runs them: one run at a time on the long lane.

Clips that arrive while a run is going are checked by one more run right after it, so a sync never
waits for the checks and the checks never start twice over the same clips. Quitting cancels a run
after the clips in progress.
"""

from __future__ import annotations

import logging
import threading

from PySide6.QtCore import QObject, QTimer, Signal

from moderator_app.services import checks as checking
from moderator_app.services.review import ReviewService
from moderator_app.tasks import TaskRunner

log = logging.getLogger(__name__)


class BackgroundChecks(QObject):
    started = Signal()
    """A run began (also the extra run for clips that arrived during the last one)."""
    progress = Signal(int, int)
    """(done, total) from the checking thread; queued to the GUI thread."""
    finished = Signal(object)
    """The CheckSummary of a run that ended (also a cancelled one: what was checked is kept)."""
    failed = Signal(str)
    """A run failed; the sentence says why."""

    def __init__(self, review: ReviewService, runner: TaskRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.review = review
        self.runner = runner
        self._running = False
        self._again = False
        self._cancel = threading.Event()

    @property
    def running(self) -> bool:
        return self._running

    def run(self, recheck: bool = False) -> None:
        """Check clips not yet checked (all with ``recheck``) in a process pool, off the GUI thread."""
        if self.runner.closed:
            return  # the window is closing
        if self._running:
            self._again = self._again or not recheck  # clips that arrived during this run
            return
        self._running = True
        self._again = False
        self._cancel.clear()
        cache, cancel = self.review.cache, self._cancel
        self.started.emit()

        def work(_cancel: threading.Event) -> checking.CheckSummary:
            return checking.check_cached(cache, recheck=recheck, cancel=cancel,
                                         progress=lambda done, total: self.progress.emit(done, total))

        self.runner.run_cancellable(work, on_done=self._done, on_error=self._failed, cancel=cancel)

    def cancel(self) -> None:
        self._cancel.set()

    def _done(self, summary: checking.CheckSummary) -> None:
        self._running = False
        if self._again and not self._cancel.is_set():
            QTimer.singleShot(0, self.run)
        self.finished.emit(summary)

    def _failed(self, exc: BaseException) -> None:
        self._running = False
        log.error("clip checks failed: %s", type(exc).__name__)
        self.failed.emit(str(exc))
