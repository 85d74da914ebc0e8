"""What flows into the review window on its own: inbox and platform syncs, and the background checks.

Kept apart from the window module so the window stays about selection and decisions; the methods
run on the window (a mixin), with its status bar labels and its queue.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from moderator_app.services import checks as checking
from moderator_app.services.review import SyncReport


class FeedsMixin:
    """Sync and checks slots of the review window (mixed into ``MainWindow``, whose attributes they use:
    the window module imports this one, never the reverse)."""

    # -- sync -----------------------------------------------------------------------------------------

    def sync(self) -> None:
        platform_started = self.platform.sync_now()
        if self.inbox_sync is None:
            if not platform_started:
                self.statusBar().showMessage(
                    QCoreApplication.translate("MainWindow", "No inbox folder is set: start with --inbox FOLDER."), 5000
                )
        elif self.inbox_sync.sync():
            self.sync_label.setText(QCoreApplication.translate("MainWindow", "Syncing…"))

    def _synced(self, report: SyncReport) -> None:
        self.sync_label.setText(", ".join((  # each count has its own plural (%n forms)
            QCoreApplication.translate("MainWindow", "Last sync: %n added", "", len(report.added)),
            QCoreApplication.translate("MainWindow", "%n to retry", "", len(report.retried)),
            QCoreApplication.translate("MainWindow", "%n quarantined", "", len(report.quarantined)))))
        if report.added or report.quarantined or self.model.rowCount() == 0:
            # refresh only when something changed: a reset must not shuffle rows under the moderator
            self._load_catalogue()
            self.queue_panel.apply()
            self.refresh_progress()
        if self.auto_check:
            self.run_checks()  # new clips, or clips a previous session had no time to check
        self.sync_finished.emit(report)

    def _sync_failed(self, error: str) -> None:
        self.sync_label.setText(
            QCoreApplication.translate("MainWindow", "Sync failed: {error}").format(error=error)
        )

    def _queue_changed(self, checks: bool) -> None:
        """Platform clips arrived or left: reload the queue (and check the new clips, as inbox ones are)."""
        if self._closing:
            return
        self._load_catalogue()
        self.refresh_progress()
        self.queue_panel.apply()
        if checks and self.auto_check:
            self.run_checks()

    # -- automatic checks -----------------------------------------------------------------------------

    def run_checks(self, recheck: bool = False) -> None:
        """Check clips not yet checked (all with ``recheck``) in a process pool, off the GUI thread."""
        if not self._closing:
            self.background_checks.run(recheck)

    def _show_checks_progress(self, done: int, total: int) -> None:
        self.checks_label.setText(
            QCoreApplication.translate("MainWindow", "Checking clips: {done} of {total}").format(done=done, total=total)
        )

    def _checked(self, summary: checking.CheckSummary) -> None:
        if self._closing:
            return
        if summary.checked:
            self.checks_label.setText(
                QCoreApplication.translate("MainWindow", "Checks: %n clip(s) checked", "", len(summary.checked))
            )
            self.model.reload_rows()
            if self.current_id is not None:
                self._show_checks(self.current_id)
        else:
            self.checks_label.setText("")
        self.checks_finished.emit(summary)

    def _checks_failed(self, error: str) -> None:
        self.checks_label.setText(
            QCoreApplication.translate("MainWindow", "Checks failed: {error}").format(error=error)
        )

    def _show_checks(self, sid: str) -> None:
        found = checking.clip_checks(self.review.cache, sid)
        self.checks.show_report(found.report, found.duplicates, found.limits)
        self.decision.show_suggestions(found.suggested)

