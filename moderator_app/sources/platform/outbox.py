"""The push of decisions: the outbox sent to the platform, many at a time, each at most once in effect.

Every decision is already committed locally (the outbox row is written by a trigger with the
decision) and is sent with its idempotency key, so a push repeated after a lost answer or a kill
changes nothing twice. Only the latest decision per clip goes out (``settle_superseded``).
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import sqlite_utils

from moderator_app.base.limits import bounded, io_workers
from moderator_app.db import platform as pdb
from moderator_app.db.unit import transaction
from moderator_app.sources.platform.client import PlatformClient
from moderator_app.sources.platform.errors import AuthError, PlatformError, TransientError
from moderator_app.sources.platform.report import Journal, PlatformReport

PUSH_CHUNK = 128
PUSH_WORKERS = io_workers()
"""Decisions in flight at once: a flush after a reconnect is bounded by round trips, not bandwidth
(1,000 decisions over a 50 ms link take 50 s one by one, about 3 s sixteen at a time). Sized by the
app's one pool setting (base/limits.py) so a pass stays within a small laptop; the client needs as
many connections (``PlatformClient(max_connections=PUSH_WORKERS)``)."""

_Outcome = tuple[str, object]
"""("ok", None), ("conflict", their decision) or ("error", the exception)."""


class Outbox:
    """Sends the pending decisions of one desk; one instance per pass."""

    def __init__(
        self, db: sqlite_utils.Database, client: PlatformClient, moderator: str, journal: Journal,
        *, workers: int = PUSH_WORKERS, only: set[str] | None = None,
    ) -> None:
        """``only``: push these submissions' decisions and no others (an erase sends the person's first)."""
        self.only = only
        self.db = db
        self.client = client
        self.moderator = moderator
        self.journal = journal
        self.workers = bounded(workers, io_workers())

    def push(self, report: PlatformReport) -> None:
        """Send every pending decision; a network failure stops the push (and the pass) after its chunk."""
        with transaction(self.db):
            pdb.settle_superseded(self.db)
        items = pdb.pending_pushes(self.db, self.moderator)
        if self.only is not None:
            items = [i for i in items if i.submission_id in self.only]
        if not items:
            return
        stop: Exception | None = None
        with ThreadPoolExecutor(min(self.workers, len(items)), thread_name_prefix="push") as pool:
            for start in range(0, len(items), PUSH_CHUNK):
                chunk = items[start:start + PUSH_CHUNK]
                results = list(pool.map(self._push_one, chunk))
                stop = self._record(chunk, results, report) or stop
                if stop is not None:
                    break
        if report.pushed:
            self.journal.log("info", f"pushed {report.pushed} decision(s)")
        if stop is not None:
            self.journal.fail(report, "push", stop)

    def _record(
        self, chunk: list[pdb.OutboxItem], results: list[_Outcome], report: PlatformReport
    ) -> Exception | None:
        """Commit a chunk's outcomes together; returns the failure that should stop the push, if any."""
        stop: Exception | None = None
        acked: list[int] = []
        conflicts: list[tuple[int, dict[str, object]]] = []
        failed: list[tuple[int, str]] = []
        for item, (outcome, detail) in zip(chunk, results, strict=True):
            if outcome == "ok":
                acked.append(item.seq)
            elif outcome == "conflict":
                assert isinstance(detail, dict)
                conflicts.append((item.seq, detail))
            else:
                assert isinstance(detail, Exception)
                failed.append((item.seq, type(detail).__name__))
                if isinstance(detail, (TransientError, AuthError)) and stop is None:
                    stop = detail
        with transaction(self.db):
            pdb.mark_acked(self.db, acked)
            for seq, theirs in conflicts:
                pdb.mark_conflict(self.db, seq, theirs)
                sid = next(i.submission_id for i in chunk if i.seq == seq)
                self.journal.log_in_tx("warning", f"{sid}: conflict, another moderator decided "
                                                  f"{theirs.get('decision', '?')}; ours is kept locally")
            for seq, error in failed:
                pdb.mark_failed(self.db, [seq], error)
            for item in chunk:
                if item.seq in acked:
                    pdb.set_claim(self.db, item.submission_id, self.moderator, "released")
        report.pushed += len(acked)
        return stop

    def _push_one(self, item: pdb.OutboxItem) -> _Outcome:
        try:
            result = self.client.post_decision(item.submission_id, item.payload)
        except PlatformError as exc:
            return "error", exc
        if result.ok:
            return "ok", None
        return "conflict", result.decision
