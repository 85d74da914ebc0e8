"""Drafts in the window: what the moderator ticked and typed on a clip survives J/K, clicks and quitting.

The keeper watches the decision panel: typing is saved after a pause (debounced), and everything is saved
when the moderator moves away; all writes go through the task runner's writer lane, in order, so a draft
saved before a decision is deleted by that decision, never the reverse. Until a write has landed, the
draft is remembered here, so coming straight back to the clip shows it even if the writer is still busy.
Only clips still to review keep a draft ("kept until it is decided"); a decided clip shows its decision.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer

from moderator_app.services.review import ReviewService
from moderator_app.tasks import WRITER, TaskRunner
from moderator_app.ui.review.decision_panel import DecisionPanel

log = logging.getLogger(__name__)

SAVE_AFTER_MS = 800
"""A pause in typing this long saves the draft (a crash loses at most the last words)."""

State = tuple[tuple[str, ...], str]


class DraftKeeper(QObject):
    def __init__(self, review: ReviewService, runner: TaskRunner, panel: DecisionPanel,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.review = review
        self.runner = runner
        self.panel = panel
        self._sid: str | None = None
        self._saved: State = ((), "")
        self._pending: dict[str, State] = {}
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SAVE_AFTER_MS)
        self._timer.timeout.connect(self.save)
        panel.edited.connect(self._edited)

    def _state(self) -> State:
        return tuple(sorted(self.panel.checked_flags())), self.panel.note_text()

    def enter(self, sid: str, status: str | None) -> None:
        """The clip ``sid`` is shown: put its draft back when it is still to review."""
        self._timer.stop()
        self._sid = sid if status == "queued" else None
        if self._sid is None:
            return
        state = self._pending.get(sid)
        if state is None:
            draft = self.review.draft(sid)
            state = (tuple(sorted(draft.flags)), draft.note) if draft is not None else None
        if state is not None:
            self.panel.show_draft(list(state[0]), state[1])
        self._saved = self._state()

    def leave(self) -> None:
        """The moderator moves away (another clip, quarantine view, quitting): keep what changed."""
        self.save()
        self._sid = None

    def consumed(self, sid: str) -> None:
        """A decision on ``sid`` is under way: it takes the draft, nothing more is saved for the clip."""
        self._timer.stop()
        self._pending.pop(sid, None)
        if self._sid == sid:
            self._sid = None

    def _edited(self) -> None:
        if self._sid is not None:
            self._timer.start()

    def save(self) -> None:
        self._timer.stop()
        sid = self._sid
        if sid is None:
            return
        state = self._state()
        if state == self._saved:
            return
        self._saved = state
        self._pending[sid] = state
        flags, note = state

        def landed(_result: object) -> None:
            if self._pending.get(sid) == state:
                del self._pending[sid]

        def failed(exc: BaseException) -> None:
            log.error("a draft could not be saved: %s", type(exc).__name__)

        self.runner.run(lambda: self.review.save_draft(sid, flags, note), on_done=landed, on_error=failed,
                        lane=WRITER)
