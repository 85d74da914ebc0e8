"""The review window: queue on the left, the clip in the middle, names and decision on the right.

The window only wires widgets to the review service: reads of one submission happen here (small,
indexed), queue queries run on the task runner's quick lane, decisions on its writer lane, syncs and
checks on its long lane; each decision moves on to the next undecided clip at once (it was preloaded
while the current one played). Closing hides the window at once and quits without blocking: long jobs
are cancelled, leases go back within a deadline, queued decisions land, then ``closed`` is emitted.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QLocale, Qt, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import QMainWindow

from moderator_app.config import KEY_BINDINGS
from moderator_app.models import Decision, DecisionValue
from moderator_app.player.controls import PlayerControls
from moderator_app.player.deck import PlayerDeck
from moderator_app.services.review import Progress, ReviewService
from moderator_app.tasks import QUICK, WRITER, TaskRunner
from moderator_app.ui.plaintext import critical
from moderator_app.ui.platform.controller import PlatformController
from moderator_app.ui.review.actions import action_handlers
from moderator_app.ui.review.checking import BackgroundChecks
from moderator_app.ui.review.checks_panel import ChecksPanel
from moderator_app.ui.review.decision_panel import DecisionPanel
from moderator_app.ui.review.details import DetailsPanel
from moderator_app.ui.review.drafting import DraftKeeper
from moderator_app.ui.review.elided import ElidedLabel
from moderator_app.ui.review.feedback import confirm_blocking, decided_message, undone_message
from moderator_app.ui.review.feeds import FeedsMixin
from moderator_app.ui.review.geometry import keep, place
from moderator_app.ui.review.inbox import InboxSyncer
from moderator_app.ui.review.keys_page import apply_window_keys
from moderator_app.ui.review.layout import arrange
from moderator_app.ui.review.quarantine_panel import QuarantinePanel
from moderator_app.ui.review.quarantine_view import QuarantineMixin
from moderator_app.ui.review.queue_model import QueueModel
from moderator_app.ui.review.queue_panel import QueuePanel
from moderator_app.ui.shortcuts import ShortcutsOverlay, install_actions

log = logging.getLogger(__name__)


class MainWindow(FeedsMixin, QuarantineMixin, QMainWindow):
    decision_saved = Signal(object)
    """A decision is committed to the cache (the Decision); tests and the status bar listen."""
    sync_finished = Signal(object)
    checks_finished = Signal(object)
    checks_progress = Signal(int, int)
    """(done, total) from the checking thread; queued to the GUI thread."""
    retried = Signal(str)
    """A quarantined record was read again: what came of it, in words."""
    closed = Signal()
    """Quitting is over: leases given back (or their deadline passed) and every decision landed."""

    def __init__(
        self, review: ReviewService, runner: TaskRunner, inbox: Path | None = None, *, auto_check: bool = False
    ) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.review = review
        self.runner = runner
        self.inbox = inbox
        self.current_id: str | None = None
        self.auto_check = auto_check
        """Check new clips in the background as they arrive (the app turns it on; most tests do not need it)."""
        self._closing = False
        self.background_checks = BackgroundChecks(review, runner, self)
        self._undo: list[tuple[int, str]] = []
        self._in_flight: set[str] = set()
        self._french = QLocale().language() == QLocale.Language.French

        self.model = QueueModel(review, self._run_query, self)
        self.queue_panel = QueuePanel(self.model, self)
        self.deck = PlayerDeck(self)
        self.controls = PlayerControls(self.deck, self)
        self.details = DetailsPanel(self)
        self.decision = DecisionPanel(self)
        self.checks = ChecksPanel(self)
        self.quarantine = QuarantinePanel(self)
        self.quarantine.retry_requested.connect(self.retry_quarantined)
        em = self.fontMetrics().averageCharWidth()
        self.deck.setMinimumSize(em * 32, em * 18)  # 16:9, in font units: the same share at 150 %
        self.checks.plot.setMinimumWidth(em * 16)  # the loudness curve stays readable beside the figures

        self.desk = arrange(
            self, self.queue_panel, [self.deck, self.controls], self.checks, [self.details, self.decision],
            self.quarantine,
        )
        self.overlay = ShortcutsOverlay(self)  # floats over the window, outside any layout
        # errors may quote a file name from the inbox, over several lines: one elided line each
        self.checks_label = ElidedLabel(self, mode=Qt.TextElideMode.ElideRight, max_chars=40)
        self.statusBar().addPermanentWidget(self.checks_label)
        self.sync_label = ElidedLabel(self, mode=Qt.TextElideMode.ElideRight, max_chars=60)
        self.statusBar().addPermanentWidget(self.sync_label)

        self.drafts = DraftKeeper(review, runner, self.decision, self)
        self.actions_by_name = install_actions(self, action_handlers(self), KEY_BINDINGS)
        apply_window_keys(self)  # the user's own keys (Ctrl+,) on buttons, tooltips and the overlay
        escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        escape.activated.connect(self._escape)

        self.queue_panel.row_activated.connect(self._select_row)
        self.model.filter_applied.connect(self._after_filter)
        self.decision.approve_requested.connect(lambda: self.decide("approved"))
        self.decision.reject_requested.connect(lambda: self.decide("rejected"))
        self.deck.error.connect(self._player_error)
        self.background_checks.progress.connect(self.checks_progress)
        self.background_checks.started.connect(lambda: self.checks_label.setText(self.tr("Checking clips…")))
        self.background_checks.finished.connect(self._checked)
        self.background_checks.failed.connect(self._checks_failed)
        self.checks_progress.connect(self._show_checks_progress)

        self.inbox_sync = InboxSyncer(review, runner, inbox, self) if inbox is not None else None
        if self.inbox_sync is not None:
            self.inbox_sync.due.connect(self.sync)
            self.inbox_sync.finished.connect(self._synced)
            self.inbox_sync.failed.connect(self._sync_failed)

        self.retranslate()
        self._load_catalogue()
        place(self, self.desk, self.decision.sizeHint().height())
        self.queue_panel.apply()
        self.refresh_progress()
        self.platform = PlatformController(review, runner, self)
        self.statusBar().addPermanentWidget(self.platform.status)
        self.platform.message.connect(self.statusBar().showMessage)
        self.platform.queue_changed.connect(self._queue_changed)
        self.platform.shut_down.connect(self._platform_shut_down)
        self.decision_saved.connect(lambda _d: self.platform.push_soon())
        if inbox is not None:
            self.sync()
        elif auto_check:
            self.run_checks()

    # -- wiring ---------------------------------------------------------------------------------------

    def _run_query(self, fn: Any, on_done: Any) -> None:
        self.runner.run(fn, on_done, lane=QUICK)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Moderation — review desk"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # keys decide from the first second: the queue, not the search box, holds the focus
        self.queue_panel.table.setFocus()

    def _load_catalogue(self) -> None:
        flags = self.review.flags()
        self.decision.set_flags(flags, self._french)
        self.overlay.set_flag_names(self.decision.flag_names())
        self.queue_panel.set_flags(flags, self._french)
        self.queue_panel.set_countries(self.review.countries())
        self.desk.fit_decision()

    # -- selection and playback -----------------------------------------------------------------------

    def current_row(self) -> int:
        return self.queue_panel.table.currentIndex().row()

    def _select_row(self, row: int) -> None:
        if self._closing:
            return  # a queue query that was under way when the window closed; the player is gone
        if self.model.quarantine_mode:
            self._show_quarantined(row)
            return
        self._show_clip_page()
        sid = self.model.submission_id(row)
        if sid is None or sid == self.current_id:
            return
        self.drafts.leave()
        self.current_id = sid
        sub = self.review.details(sid)
        self.details.show_submission(sub)
        if sub is None:
            return
        self.decision.show_state(sub["status"], sub["flags"], sub["note"], self.review.history(sid))
        self.drafts.enter(sid, sub["status"])
        self._show_checks(sid)
        if (path := self.review.clip_path(sid)) is not None:
            self.deck.show_clip(path, autoplay=True)
        else:
            self.deck.stop()  # purged under the retention rules: no clip to play
        self._preload_after(row)

    def _preload_after(self, row: int) -> None:
        nxt = self._find_undecided(row + 1, skip={self.current_id} if self.current_id else set())
        if nxt < 0:
            return
        sid = self.model.submission_id(nxt)
        path = self.review.clip_path(sid) if sid else None
        if path is not None:
            self.deck.preload(path)

    def _find_undecided(self, start: int, skip: set[str]) -> int:
        if self.model.quarantine_mode or self.model.rowCount() == 0:
            return -1
        return self.model.next_queued(start, skip | self._in_flight)

    def go_next_undecided(self, from_row: int) -> bool:
        row = self._find_undecided(from_row + 1, skip={self.current_id} if self.current_id else set())
        if row < 0:
            self.statusBar().showMessage(self.tr("Every clip in this view is decided."), 5000)
            return False
        self.queue_panel.select_row(row)
        return True

    def skip(self) -> None:
        """S: on to the next clip to review without deciding; a platform clip's lease goes back at once."""
        sid = self.current_id
        self.go_next_undecided(from_row=self.current_row())
        if sid is not None and not self.model.quarantine_mode:
            self.platform.release_skipped(sid)

    def move_by(self, step: int) -> None:
        self.queue_panel.select_row(max(0, min(self.model.rowCount() - 1, self.current_row() + step)))

    def _player_error(self, reason: str) -> None:
        self.statusBar().showMessage(self.tr("This clip cannot be played: {reason}").format(reason=reason), 8000)

    def focus_search(self) -> None:
        self.queue_panel.search.setFocus()
        self.queue_panel.search.selectAll()

    def _escape(self) -> None:
        """Esc closes the overlay; in the search box it clears the search (the filter line says so); then
        the queue has the keys again."""
        if self.overlay.isVisible():
            self.overlay.hide()
            return
        if self.queue_panel.search.hasFocus() and self.queue_panel.search.text():
            self.queue_panel.search.clear()
        self.queue_panel.table.setFocus()

    def _after_filter(self, count: int) -> None:
        if self.current_id is not None:
            row = self.model.row_of(self.current_id)
            if row >= 0:
                self.queue_panel.select_row(row)  # same id: _select_row keeps the clip playing
                return
        if count:
            first = self._find_undecided(0, set())
            self.queue_panel.select_row(max(first, 0))

    # -- decisions ------------------------------------------------------------------------------------

    def decide(self, decision: DecisionValue) -> None:
        sid = self.current_id
        if sid is None:
            return
        if (blocking := confirm_blocking(self, self.review, self.decision) if decision == "approved" else []) is None:
            return  # the moderator cancelled: the clip stays undecided
        flags = self.decision.checked_flags()
        note = self.decision.note_text()
        self._in_flight.add(sid)
        self.drafts.consumed(sid)
        row = self.current_row()
        self.runner.run(
            lambda: self.review.decide(sid, decision, flags, note, confirmed_blocking=blocking),
            on_done=self._decided,
            on_error=lambda exc: self._decision_failed(sid, exc),
            lane=WRITER,
        )
        self.queue_panel.table.setFocus()
        if not self.go_next_undecided(row):
            self.deck.pause()

    def _decided(self, d: Decision) -> None:
        self._in_flight.discard(d.submission_id)
        self._undo.append((d.seq, d.submission_id))
        self.model.set_status(d.submission_id, d.decision)
        self.statusBar().showMessage(decided_message(self.review, d), 8000)
        if d.submission_id == self.current_id:
            self.decision.show_state(d.decision, list(d.flags), d.note, self.review.history(d.submission_id))
        self.refresh_progress()
        self.decision_saved.emit(d)

    def _decision_failed(self, sid: str, exc: BaseException) -> None:
        self._in_flight.discard(sid)
        log.error("a decision could not be saved: %s", type(exc).__name__)
        critical(
            self,
            self.tr("Decision not saved"),
            self.tr("The decision could not be saved ({error}). The clip is shown again: decide it once more.").format(
                error=str(exc)
            ),
        )
        row = self.model.row_of(sid)
        if row >= 0:
            self.current_id = None
            self.queue_panel.select_row(row)

    def undo(self) -> None:
        if not self._undo:
            self.statusBar().showMessage(self.tr("Nothing to undo."), 3000)
            return
        seq, sid = self._undo.pop()
        self._in_flight.add(sid)

        def done(d: Decision) -> None:
            self._in_flight.discard(sid)
            self.model.set_status(sid, d.decision)
            self.statusBar().showMessage(undone_message(self.review, d), 6000)
            row = self.model.row_of(sid)
            self.current_id = None
            if row >= 0:
                self.queue_panel.select_row(row)
            self.refresh_progress()
            self.decision_saved.emit(d)

        self.runner.run(lambda: self.review.undo(seq), on_done=done,
                        on_error=lambda exc: self._decision_failed(sid, exc), lane=WRITER)

    def refresh_progress(self) -> None:
        if not self._closing:
            self.runner.run(self.review.progress, on_done=self._show_progress, lane=QUICK)

    def _show_progress(self, p: Progress) -> None:
        self.queue_panel.progress.setText(self.tr("{decided} of {total} decided").format(decided=p.decided, total=p.total))

    # -- spot editor ----------------------------------------------------------------------------------

    def open_spot_editor(self) -> None:
        """One editor window beside the review desk, sharing its cache and task runner."""
        from moderator_app.services.spots import SpotService
        from moderator_app.ui.spot.editor import SpotEditorWindow

        editor = getattr(self, "spot_editor", None)
        if editor is None or editor.closed:
            self.spot_editor = editor = SpotEditorWindow(SpotService(self.review.cache), self.runner, self)
        editor.show()
        editor.raise_()
        editor.activateWindow()

    # -- closing ------------------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        """Hide at once; the rest of quitting happens off the GUI thread and ends with ``closed``."""
        if not self._closing:
            keep(self, self.desk)  # where the user left it, for the next start
        super().closeEvent(event)  # accepts: the window disappears now
        if self._closing:
            return
        self._closing = True
        self.drafts.leave()  # on the writer lane, which finishes its queue before quitting is over
        if getattr(self, "spot_editor", None) is not None:
            self.spot_editor.close()  # stops its renders and its players
        if self.inbox_sync is not None:
            self.inbox_sync.stop()
        self.background_checks.cancel()
        self.runner.cancel_long()
        self.deck.release()
        self.platform.shutdown()  # leases go back on the quick lane; shut_down comes within its deadline

    def _platform_shut_down(self, _released: list[str] | None) -> None:
        if self.runner.closed:
            self.closed.emit()
            return
        self.runner.drained.connect(self.closed)
        self.runner.shutdown()  # the writer finishes its queue on its own thread, then drained
