"""The review service: what the window and the CLI both call to read and decide.

Both front ends go through these functions so the headless commands exercise the same code paths
as the keys in the window.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from moderator_app.db import decisions, queue, submissions
from moderator_app.db.cache import Cache
from moderator_app.models import Decision, DecisionValue, Flag
from moderator_app.sources.inbox.sync import SyncReport, sync_inbox

QUARANTINED = queue.QUARANTINED
"""The status ``list_items`` gives records the inbox refused, beside the decision statuses."""


@dataclass(frozen=True, slots=True)
class Progress:
    decided: int
    total: int


class ReviewService:
    def __init__(self, cache: Cache, moderator: str) -> None:
        self.cache = cache
        self.moderator = moderator

    # writes (call from a worker: the window uses TaskRunner.run(..., writer=True)) --------------

    def decide(
        self, submission_id: str, decision: DecisionValue, flags: list[str] | tuple[str, ...] = (), note: str = ""
    ) -> Decision:
        return decisions.record_decision(
            self.cache.db, submission_id, decision, flags=tuple(flags), note=note, moderator=self.moderator
        )

    def undo(self, seq: int) -> Decision:
        return decisions.undo_decision(self.cache.db, seq, moderator=self.moderator)

    def sync_inbox(self, inbox: Path, **kwargs: Any) -> SyncReport:
        return sync_inbox(self.cache.db, self.cache.data_dir, inbox, **kwargs)

    # reads ----------------------------------------------------------------------------------------

    def details(self, submission_id: str) -> dict[str, Any] | None:
        return submissions.get_submission(self.cache.db, submission_id)

    def history(self, submission_id: str) -> list[Decision]:
        return decisions.history(self.cache.db, submission_id)

    def flags(self) -> list[Flag]:
        return [
            Flag(r["code"], r["label_fr"], r["label_en"])
            for r in self.cache.db.query("SELECT code, label_fr, label_en FROM flag_catalogue ORDER BY position")
        ]

    def progress(self) -> Progress:
        c = submissions.counts(self.cache.db)
        return Progress(decided=c["approved"] + c["rejected"], total=c["approved"] + c["rejected"] + c["queued"])

    def clip_path(self, submission_id: str) -> Path | None:
        row = self.cache.db.execute("SELECT file FROM clips WHERE submission_id = ?", [submission_id]).fetchone()
        return self.cache.clip_path(row[0]) if row else None

    def list_items(self, status: str | None) -> list[dict[str, Any]]:
        return queue.list_items(self.cache.db, status)
