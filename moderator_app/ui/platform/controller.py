"""Runs the platform sync for the review window: on a timer, on F5, after each decision, and on quit.

All network and database work happens in ``PlatformSync`` on the task runner's long lane (never the GUI
thread); this object only schedules passes and reports them. It knows the window only as a QWidget
(the parent of its dialogs): it talks to it through signals — ``message`` for the status bar,
``queue_changed`` when clips arrived or left — and the window calls its public slots (``sync_now``,
``push_soon``, ``release_skipped``, ``shutdown``).
"""

from __future__ import annotations

import dataclasses
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from moderator_app.config import SYNC_INTERVAL_MS
from moderator_app.services import accounts
from moderator_app.services import platform as service
from moderator_app.services.platform import (
    DEFAULT_AHEAD,
    PUSH_WORKERS,
    DownloadStatus,
    PlatformClient,
    PlatformReport,
    PlatformSync,
)
from moderator_app.services.review import ReviewService
from moderator_app.tasks import QUICK, WRITER, TaskRunner
from moderator_app.ui.plaintext import plain_message_box
from moderator_app.ui.platform.settings_dialog import SettingsDialog
from moderator_app.ui.platform.status import SyncStatus, SyncView
from moderator_app.ui.platform.sync_log import SyncLogDialog, conflict_text

log = logging.getLogger(__name__)

PUSH_DELAY_MS = 300
"""A decision is pushed this soon after it is saved (several quick ones go out together)."""
RETRY_SOON_MS = 15_000
"""After a partial pass (offline, downloads left), look again this soon."""
PROGRESS_EVERY_S = 0.1
QUIT_DEADLINE_S = 2.0
"""Quitting takes at most this long, leases or not (offline, they expire on the platform by themselves)."""
QUIT_MARGIN_S = 0.15
"""Of that, kept for what follows the release: the last decisions landing and the event loop ending."""

ClientFactory = Callable[[str, str], PlatformClient]


def default_client(url: str, token: str) -> PlatformClient:
    """Few retries per pass: the timer retries anyway, and a pass must not hang while offline."""
    return PlatformClient(url, token, max_retries=2, backoff_cap_s=5.0, max_connections=PUSH_WORKERS)


@dataclass
class _PassResult:
    report: PlatformReport
    outbox: service.OutboxState


class PlatformController(QObject):
    view_changed = Signal(object)
    """A SyncView, whenever what the status bar shows changes."""
    synced = Signal(object)
    """The PlatformReport of each finished pass (tests listen)."""
    released = Signal(object)
    """The ids a skip gave back to the shared queue, as the platform confirmed them (tests listen)."""
    message = Signal(str, int)
    """A sentence for the window's status bar, and how long to show it (ms)."""
    queue_changed = Signal(bool)
    """Clips arrived or left the queue; True when new clips arrived (they want the automatic checks)."""
    shut_down = Signal(object)
    """After ``shutdown``: the ids given back on quit, or None when the deadline came first."""
    _progress = Signal(object)

    def __init__(
        self,
        review: ReviewService,
        runner: TaskRunner,
        parent: QWidget,
        *,
        tokens: accounts.TokenStore | None = None,
        client_factory: ClientFactory = default_client,
        ahead: int = DEFAULT_AHEAD,
        interval_ms: int = SYNC_INTERVAL_MS,
    ) -> None:
        super().__init__(parent)
        self._dialog_parent = parent
        self.review = review
        self.runner = runner
        self.tokens = tokens or accounts.TokenStore()
        self.client_factory = client_factory
        self.ahead = ahead
        self.interval_ms = interval_ms
        self.status = SyncStatus(parent)
        """The window puts this in its status bar."""
        self.status.settings_requested.connect(self.open_settings)
        self.status.log_requested.connect(self.open_log)
        self._progress.connect(self._show_progress)
        self.view = SyncView()
        self._busy = False
        self._again: bool | None = None
        """None: nothing queued; False: a push is wanted; True: a full pass is wanted."""
        self._cancel = threading.Event()
        self._last_emit = 0.0
        self._closed = False
        self._shut_down = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.sync_now)
        self._push_timer = QTimer(self)
        self._push_timer.setSingleShot(True)
        self._push_timer.timeout.connect(lambda: self._start(pull=False))
        self._quit_timer = QTimer(self)
        self._quit_timer.setSingleShot(True)
        self._quit_timer.setTimerType(Qt.TimerType.PreciseTimer)  # a coarse timer may fire 5 % late
        self._quit_timer.timeout.connect(lambda: self._finish_shutdown(None))
        self.url = accounts.load_url(self.review.cache.db) or ""
        state = service.outbox_state(self.review.cache)
        self._set_view(configured=self.configured, last_sync=state.last_sync, outbox=state.pending)
        if self.configured:
            QTimer.singleShot(0, self.sync_now)

    # -- state -------------------------------------------------------------------------------------

    @property
    def configured(self) -> bool:
        return bool(self.url) and self.tokens.get(self.url) is not None

    def _set_view(self, **changes: Any) -> None:
        self.view = dataclasses.replace(self.view, **changes)
        self.status.show_view(self.view)
        self.view_changed.emit(self.view)

    def configure(self, url: str, token: str | None) -> bool:
        """Set the platform; returns False when the token is kept for this session only (no keyring)."""
        kept = True
        self.url = url
        if token is not None:
            kept = self.tokens.set(url, token)
        cache = self.review.cache
        # on the writer lane: a pass holding the database must not freeze the window here
        self.runner.run(lambda: accounts.save_url(cache.db, url), lane=WRITER)
        self._set_view(configured=self.configured, auth_failed=False, online=None)
        return kept

    # -- passes ------------------------------------------------------------------------------------

    def sync_now(self) -> bool:
        """F5 and the timer: a full pass (push, renew, list, claim ahead, download)."""
        if not self.configured:
            return False
        self._start(pull=True)
        return True

    def push_soon(self) -> None:
        if self.configured and not self._closed:
            self._push_timer.start(PUSH_DELAY_MS)

    def _start(self, *, pull: bool) -> None:
        if self._closed or not self.configured:
            return
        if self._busy:
            self._again = bool(self._again) or pull
            return
        self._busy = True
        self._timer.stop()
        url = self.url
        token = self.tokens.get(url) or ""
        cache = self.review.cache
        moderator = self.review.moderator
        self._set_view(syncing=pull)

        def work(cancel: threading.Event) -> _PassResult:
            with self.client_factory(url, token) as client:
                sync = PlatformSync(cache, client, moderator, ahead=self.ahead, progress=self._on_progress,
                                    cancel=cancel)
                report = sync.run(pull=pull)
            return _PassResult(report, service.outbox_state(cache))

        self.runner.run_cancellable(work, on_done=self._done, on_error=self._failed, cancel=self._cancel)

    def _on_progress(self, status: DownloadStatus) -> None:
        """Download threads: at most ten updates a second reach the GUI thread."""
        now = time.monotonic()
        finished = status.active == 0 or status.done == status.total
        if finished or now - self._last_emit >= PROGRESS_EVERY_S:
            self._last_emit = now
            self._progress.emit(status)

    def _show_progress(self, s: DownloadStatus) -> None:
        self._set_view(downloading=s.active, downloaded=s.done, download_total=s.total,
                       bytes_done=s.bytes_done, bytes_total=s.bytes_total)

    def _done(self, result: _PassResult) -> None:
        self._busy = False
        r = result.report
        self._set_view(syncing=False, online=r.online, auth_failed=r.auth_failed, outbox=result.outbox.pending,
                       conflicts=result.outbox.conflicts, last_sync=result.outbox.last_sync, downloading=0,
                       downloaded=0, download_total=0)
        if r.auth_failed:
            self.message.emit(self.tr("The platform refused the token: set a new one (Platform…)."), 10000)
        if r.lost:
            if len(r.lost) == 1:
                text = self.tr("{id} is being handled by another moderator; it has left your queue.").format(
                    id=r.lost[0][0])
            else:
                text = self.tr("{n} clips are being handled by other moderators; they have left your queue.").format(
                    n=len(r.lost))
            self.message.emit(text, 10000)
        if r.conflicts:
            self._show_conflicts(r)
        if r.added or r.lost:
            self.queue_changed.emit(bool(r.added))
        self.synced.emit(r)
        if self._closed:
            return
        again, self._again = self._again, None
        if again is not None:
            self._start(pull=again)
        else:
            self._timer.start(RETRY_SOON_MS if r.partial and not r.auth_failed else self.interval_ms)

    def _failed(self, exc: BaseException) -> None:
        self._busy = False
        log.error("platform sync failed: %s", type(exc).__name__)
        self._set_view(syncing=False, online=False)  # not "connecting…" for ever: the pass ended
        self.message.emit(self.tr("Platform sync failed: {error}").format(error=str(exc)), 8000)
        if not self._closed:
            self._timer.start(RETRY_SOON_MS)

    def _show_conflicts(self, r: PlatformReport) -> None:
        box = QMessageBox(self._dialog_parent)
        box.setObjectName("conflictNotice")
        box.setIcon(QMessageBox.Icon.Information)
        box.setWindowTitle(self.tr("Decided by someone else"))
        box.setText(self.tr("Another moderator decided these clips before your decision reached the platform. "
                            "Nothing was overwritten: the platform keeps their decision, your history keeps yours."))
        box.setDetailedText("\n".join(conflict_text(c) for c in r.conflicts))
        box.setInformativeText("\n".join(conflict_text(c) for c in r.conflicts[:5]))
        plain_message_box(box)  # the other moderator's name comes from the platform: shown as typed
        box.open()
        seqs = [c.seq for c in r.conflicts]
        cache = self.review.cache
        self.runner.run(lambda: service.mark_conflicts_seen(cache.db, seqs), lane=WRITER)

    def release_skipped(self, submission_id: str) -> None:
        """S skipped this clip: if this desk holds its lease, give it back now, so another moderator
        can screen it instead of waiting for the lease to run out. The clip stays in this queue."""
        if self._closed or not self.configured:
            return
        url = self.url
        token = self.tokens.get(url) or ""
        cache = self.review.cache
        moderator = self.review.moderator

        def work() -> list[str]:
            if submission_id not in service.held_claims(cache.db):
                return []  # an inbox clip, or a lease this desk no longer holds
            with self.client_factory(url, token) as client:
                return PlatformSync(cache, client, moderator).release([submission_id])

        def failed(exc: BaseException) -> None:
            log.warning("skipped clip not released: %s", type(exc).__name__)

        self.runner.run(work, on_done=self.released.emit, on_error=failed)

    # -- dialogs -----------------------------------------------------------------------------------

    def open_settings(self) -> SettingsDialog:
        dialog = SettingsDialog(self.url, self.configured, self.tokens.persistent, self._dialog_parent,
                                runner=self.runner, stored_token=self.tokens.get)

        def accepted() -> None:
            url, token = dialog.values()
            if url:
                self.configure(url, token)
                self.sync_now()

        dialog.accepted.connect(accepted)
        dialog.open()
        return dialog

    def open_log(self) -> SyncLogDialog:
        dialog = SyncLogDialog(self._dialog_parent)
        db = self.review.cache.db
        dialog.show_entries(service.conflicts(db), service.log_entries(db))
        dialog.open()
        return dialog

    # -- quitting ----------------------------------------------------------------------------------

    def shutdown(self, deadline_s: float = QUIT_DEADLINE_S) -> None:
        """Stop passes and give every lease on an undecided clip back, off the GUI thread.

        Returns at once; ``shut_down`` follows when the platform answered or at the deadline, whichever
        comes first (offline, ten leases would otherwise take ten connect timeouts).
        """
        if self._closed:
            return
        self._closed = True
        self._timer.stop()
        self._push_timer.stop()
        self._cancel.set()
        token = self.tokens.get(self.url) if self.configured else None
        if token is None:
            self._finish_shutdown([])
            return
        cache, url, moderator = self.review.cache, self.url, self.review.moderator
        self._quit_timer.start(max(0, round((deadline_s - QUIT_MARGIN_S) * 1000)))
        # the quick lane: the long one may still be busy with the pass just cancelled
        release_s = min(service.QUIT_RELEASE_DEADLINE_S, deadline_s)
        self.runner.run(lambda: service.release_on_quit(cache, url, token, moderator, deadline_s=release_s),
                        on_done=self._finish_shutdown, on_error=self._release_failed, lane=QUICK)

    def _release_failed(self, exc: BaseException) -> None:
        log.warning("leases not released on quit: %s", type(exc).__name__)  # they expire on their own
        self._finish_shutdown([])

    def _finish_shutdown(self, released: list[str] | None) -> None:
        if self._shut_down:
            return
        self._shut_down = True
        self._quit_timer.stop()
        if released is None:
            log.info("leases not all released before the quit deadline; they expire on the platform")
        else:
            log.info("released %d lease(s) on quit", len(released))
        self.shut_down.emit(released)
