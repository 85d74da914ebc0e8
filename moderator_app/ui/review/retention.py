"""The retention purge the review window runs once at start-up, on the task runner's long lane.

Purging rewrites rows, deletes clip files and rebuilds the search index, which takes seconds on a full cache:
never on the GUI thread. When it is done the status bar says how many submissions were purged and the
queue reloads, so purged rows show as purged and the clip shown (if purged) leaves the player.

The app starts it before it builds the window, so it is the first job on the long lane: the clip checks
the window starts next do not spend minutes on clips about to be deleted, and the purge does not wait for them.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from moderator_app.services import retention
from moderator_app.services.store import Cache
from moderator_app.tasks import LONG, TaskRunner
from moderator_app.ui.review.window import MainWindow

log = logging.getLogger(__name__)

Clock = Callable[[], dt.datetime]


class StartupPurge(QObject):
    finished = Signal(object)
    """The PurgeReport (on the GUI thread)."""
    failed = Signal(str)

    def __init__(self, cache: Cache, runner: TaskRunner, clock: Clock = retention.utc_now) -> None:
        super().__init__()
        self.cache = cache
        self.window: MainWindow | None = None
        self.runner = runner
        self.clock = clock
        self.ran_on: threading.Thread | None = None
        """The thread the purge ran on (the long lane's, never the GUI thread's)."""

    def start(self) -> None:
        cache, clock = self.cache, self.clock

        def work() -> retention.PurgeReport:
            self.ran_on = threading.current_thread()
            return retention.purge(cache, now=clock())

        self.runner.run(work, self._done, self._failed, lane=LONG)

    def attach(self, window: MainWindow) -> None:
        """The window whose status bar and queue show the outcome (the purge may start before it exists)."""
        self.window = window
        self.setParent(window)

    def _done(self, report: retention.PurgeReport) -> None:
        w = self.window
        if w is not None and report.count and not w.runner.closed:
            w.statusBar().showMessage(
                self.tr("%n submission(s) purged under the retention rules (clips, names and contacts deleted)", "",
                        report.count), 15000)
            if w.current_id in {*report.rejected, *report.campaign_ended}:
                w.details.show_submission(w.review.details(w.current_id))
                w.deck.stop()
            w.queue_panel.apply()
        self.finished.emit(report)

    def _failed(self, exc: BaseException) -> None:
        log.error("retention purge failed: %s", type(exc).__name__)
        if self.window is not None:
            self.window.statusBar().showMessage(self.tr("The retention purge failed: {error}").format(error=exc), 15000)
        self.failed.emit(str(exc))
