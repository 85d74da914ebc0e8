"""Paging through the platform's queue, so claims and downloads need not wait for the last page.

Each page is validated record by record: a good record waits in ``platform_records`` for a lease, a
bad one is quarantined with its reason; one bad record never hides the others.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

import sqlite_utils

from moderator_app.db import platform as pdb
from moderator_app.db import quarantine
from moderator_app.db.erasure import erased_among
from moderator_app.db.unit import transaction
from moderator_app.models import Submission
from moderator_app.sources.platform.client import PlatformClient
from moderator_app.sources.platform.errors import ListingStopped, PlatformError
from moderator_app.sources.platform.report import Journal, PlatformReport
from moderator_app.sources.record import RecordError, parse_record
from moderator_app.sources.space import ingest_limits


def store_page(db: sqlite_utils.Database, page: list[dict[str, object]], report: PlatformReport) -> None:
    """Remember a page's new records (one transaction) and quarantine the ones that do not validate."""
    subs: list[Submission] = []
    bad: list[tuple[str, str, str | None]] = []
    max_clip, _ = ingest_limits(db)  # the campaign's clip size cap (qc --set max_clip_mb=...)
    for index, raw in enumerate(page):
        try:
            subs.append(parse_record(raw, contract="http", max_clip_bytes=max_clip))
        except RecordError as exc:
            label = exc.record_id or f"record #{report.listed + index + 1}"
            bad.append((pdb.source_of(label), exc.reason, exc.record_id))
    report.listed += len(page)
    with transaction(db):
        known = pdb.cached_ids(db, [s.id for s in subs]) | erased_among(db, [s.id for s in subs])
        pdb.add_listed(db, [s for s in subs if s.id not in known])
        for source, reason, record_id in bad:
            quarantine.put(db, source, reason, record_id=record_id)
            report.quarantined.append((source, reason))


class Listing:
    """The queue listed page by page, so the claims and downloads need not wait for the last page.

    A listing failure is kept, not raised, until ``until`` is next called: the clips already on their
    way finish first; then the pass stops as an offline or refused listing always did.
    """

    def __init__(
        self, db: sqlite_utils.Database, client: PlatformClient, report: PlatformReport, journal: Journal,
        *, cancel: threading.Event | None = None,
    ) -> None:
        self.db = db
        self.report = report
        self.journal = journal
        self.cancel = cancel or threading.Event()
        self._pages = client.iter_queued()
        self._done = False
        self._stored = 0
        self._error: PlatformError | None = None

    def step(self) -> bool:
        """Store the next page; False once the listing is over (done, failed or cancelled)."""
        if self._done:
            return False
        try:
            page = next(self._pages)
        except StopIteration:
            self._done = True
            return False
        except ListingStopped as exc:
            # A looping cursor or the page bound: the pages stored so far are claimed and downloaded
            # as usual; the pass is reported partly done with the reason.
            self._done = True
            self.report.error = f"listing: {exc}"
            self.journal.log("warning", f"listing: {exc}")
            return False
        except PlatformError as exc:
            self._done = True
            self._error = exc
            return False
        store_page(self.db, page, self.report)
        self._stored += 1
        if self.cancel.is_set():
            self._done = True
        return not self._done

    def until(self, enough: Callable[[], bool]) -> None:
        """List (at least one page) until ``enough()`` holds or the listing is over; stop the pass for
        a failed listing. The first page always comes first: it says what is still queued at all."""
        while (self._stored == 0 or not enough()) and self.step():
            pass
        if self._error is not None:
            error, self._error = self._error, None
            self.journal.fail(self.report, "listing", error)

    def finish(self) -> None:
        """List the rest of the queue."""
        self.until(lambda: False)
