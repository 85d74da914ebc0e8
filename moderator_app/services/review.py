"""The review service: what the window and the CLI both call to read and decide.

Both front ends go through these functions so the headless commands exercise the same code paths
as the keys in the window. The SQL lives in db/; the queue's filter and status constants are
re-exported here so the window never imports db/.

Drafts: a clip's ticked flags and typed note are kept (``save_draft``, on the writer lane) until a decision
takes them; undoing a decision gives its flags and note back as the draft. Blocking flags (``blocking_flags``):
the campaign's list, config.BLOCKING_FLAGS unless the campaign set its own.

Errors: ``UnknownSubmission`` (no such id, or quarantined), ``UnknownFlag`` (a code not in the
catalogue), ``NothingToUndo``, ``SyncBusy`` (another sync holds the inbox), ``FileNotFoundError``
(no inbox folder); all re-exported by services/errors.py.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from moderator_app.config import BLOCKING_FLAGS
from moderator_app.db import checks, clips, decisions, drafts, queue, submissions
from moderator_app.db.cache import Cache
from moderator_app.db.drafts import Draft
from moderator_app.db.queue import QUARANTINED, UNCHECKED, QueueFilter
from moderator_app.db.unit import transaction
from moderator_app.models import Decision, DecisionValue, Flag
from moderator_app.services import quarantine
from moderator_app.services.consent import accepted_terms, terms_accepted
from moderator_app.sources.inbox.sync import SyncReport, sync_inbox

__all__ = [
    "QUARANTINED", "UNCHECKED", "ClipNames", "Draft", "Progress", "QueueFilter", "QueueView", "ReviewService",
    "SyncReport",
]

BLOCKING_FLAGS_KEY = "blocking_flags"
"""campaign_settings key holding the campaign's own list of blocking flag codes."""


def blocking_flags(cache: Cache) -> tuple[str, ...]:
    """Flag codes that make an approval ask first (and mark a clip in the spot picker): the campaign's
    ``blocking_flags`` setting, else config.BLOCKING_FLAGS."""
    saved = checks.load_setting(cache.db, BLOCKING_FLAGS_KEY)
    if isinstance(saved, list):
        return tuple(str(c) for c in saved)
    return BLOCKING_FLAGS


@dataclass(frozen=True, slots=True)
class ClipNames:
    """How a moderator knows a clip: who it is for and who sent it (first names; empty when unknown)."""

    recipient: str
    sender: str


@dataclass(frozen=True, slots=True)
class Progress:
    decided: int
    total: int


@dataclass(frozen=True, slots=True)
class QueueView:
    """One filter's rows as rowids, in display order, and which of them are still to review."""

    rowids: list[int]
    queued: set[int]


class ReviewService:
    def __init__(self, cache: Cache, moderator: str) -> None:
        self.cache = cache
        self.moderator = moderator

    # writes (call from a worker: the window uses the task runner's writer lane) ----------------

    def decide(
        self, submission_id: str, decision: DecisionValue, flags: list[str] | tuple[str, ...] = (), note: str = "",
        *, confirmed_blocking: list[str] | tuple[str, ...] = (),
    ) -> Decision:
        """Record the decision; the clip's draft goes with it. ``confirmed_blocking``: the blocking flags the
        moderator was asked about and approved anyway (kept in the audit log with the decision)."""
        return decisions.record_decision(
            self.cache.db, submission_id, decision, flags=tuple(flags), note=note, moderator=self.moderator,
            confirmed_blocking=tuple(confirmed_blocking),
        )

    def save_draft(self, submission_id: str, flags: list[str] | tuple[str, ...], note: str) -> None:
        """Keep what the moderator ticked and typed on an undecided clip; nothing ticked or typed: no draft."""
        drafts.save_draft(self.cache.db, Draft(submission_id, tuple(flags), note))

    def set_blocking_flags(self, codes: list[str] | tuple[str, ...]) -> tuple[str, ...]:
        """The campaign's own blocking flags; a code not in the catalogue is refused (UnknownFlag)."""
        known = set(decisions.flag_codes(self.cache.db))
        unknown = [c for c in codes if c not in known]
        if unknown:
            raise decisions.UnknownFlag(", ".join(unknown))
        chosen = sorted(set(codes))
        with transaction(self.cache.db):
            checks.save_setting(self.cache.db, BLOCKING_FLAGS_KEY, chosen)
        return tuple(chosen)

    def undo(self, seq: int) -> Decision:
        return decisions.undo_decision(self.cache.db, seq, moderator=self.moderator)

    def sync_inbox(self, inbox: Path, **kwargs: Any) -> SyncReport:
        return sync_inbox(self.cache.db, self.cache.data_dir, inbox, **kwargs)

    def retry_quarantined(self, source: str, inbox: Path) -> SyncReport:
        """Read one quarantined inbox record again (see ``services.quarantine.retry``)."""
        return quarantine.retry(self.cache.db, self.cache.data_dir, inbox, source)

    # reads ----------------------------------------------------------------------------------------

    def details(self, submission_id: str) -> dict[str, Any] | None:
        """The submission with its clip, and ``terms_accepted``: whether its consent terms version may air."""
        sub = submissions.get_submission(self.cache.db, submission_id)
        if sub is not None:
            sub["terms_accepted"] = terms_accepted(accepted_terms(self.cache), sub["consent_terms"])
        return sub

    def draft(self, submission_id: str) -> Draft | None:
        return drafts.get_draft(self.cache.db, submission_id)

    def blocking_flags(self) -> tuple[str, ...]:
        return blocking_flags(self.cache)

    def names(self, submission_id: str) -> ClipNames:
        """First names for the status line ("message for Jeannine from Lucas"); empty once erased."""
        found = submissions.first_names(self.cache.db, submission_id)
        return ClipNames(*found) if found else ClipNames("", "")

    def history(self, submission_id: str) -> list[Decision]:
        return decisions.history(self.cache.db, submission_id)

    def flags(self) -> list[Flag]:
        return decisions.flag_catalogue(self.cache.db)

    def progress(self) -> Progress:
        c = submissions.counts(self.cache.db)
        return Progress(decided=c["approved"] + c["rejected"], total=c["approved"] + c["rejected"] + c["queued"])

    def clip_path(self, submission_id: str) -> Path | None:
        file = clips.clip_file(self.cache.db, submission_id)
        return None if file is None else self.cache.clip_path(file)

    def list_items(self, status: str | None) -> list[dict[str, Any]]:
        return queue.list_items(self.cache.db, status)

    def quarantine_folder(self, source: str, inbox: Path | None) -> Path | None:
        """The folder to open for a quarantined record, resolved inside the inbox (None: none to open)."""
        return quarantine.record_folder(source, inbox)

    def countries(self) -> list[str]:
        return queue.countries(self.cache.db)

    # the queue as the window pages through it ------------------------------------------------------

    def queue_view(self, f: QueueFilter) -> QueueView:
        """The filter's rows (one indexed query; run it on the quick lane, not the GUI thread)."""
        db = self.cache.db
        return QueueView(queue.rowids(db, f), queue.queued_rowids(db, f))

    def queue_rows(self, rowids: Sequence[int], *, quarantined: bool = False) -> dict[int, dict[str, Any]]:
        """The display rows of one page, keyed by rowid (small and indexed: fine on the GUI thread)."""
        return queue.rows(self.cache.db, rowids, quarantined=quarantined)

    def rowid_of(self, submission_id: str) -> int | None:
        return queue.rowid_of(self.cache.db, submission_id)
