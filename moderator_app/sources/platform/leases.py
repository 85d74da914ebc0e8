"""Leases: claim a clip before showing it, renew what is held, give back what is not needed.

Claim before showing: a listed record waits in ``platform_records`` until this desk holds its lease;
a claim the platform refuses (another moderator holds or decided it) takes the clip out of this
desk's queue with a calm word why. Releases are best effort and bounded in time: on quit the window
gives the desk ``deadline_s`` in all, the releases run side by side with timeouts cut to what is
left, and a lease not given back in time stays held locally and simply expires on the platform.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, wait
from pathlib import Path

import sqlite_utils

from moderator_app.base.limits import bounded, io_workers
from moderator_app.db import platform as pdb
from moderator_app.db.unit import transaction
from moderator_app.sources.platform.client import PlatformClient
from moderator_app.sources.platform.errors import AuthError, PlatformError, RequestRejected, TransientError
from moderator_app.sources.platform.report import Journal, PlatformReport

log = logging.getLogger(__name__)

DEFAULT_LEASE_S = 900
Clock = Callable[[], float]
"""Epoch seconds; the wall clock by default, a test's own clock to make lease expiry deterministic."""


def claimed_by_message(submission_id: str, holder: str | None) -> str:
    if holder:
        return f"{submission_id}: another moderator ({holder}) is reviewing it"
    return f"{submission_id}: another moderator already decided it"


class Leases:
    """One desk's leases on the platform, mirrored in the ``claims`` table."""

    def __init__(
        self,
        db: sqlite_utils.Database,
        client: PlatformClient,
        moderator: str,
        journal: Journal,
        *,
        clip_path: Callable[[str], Path],
        lease_s: int = DEFAULT_LEASE_S,
        cancel: threading.Event | None = None,
        clock: Clock = time.time,
    ) -> None:
        """``clip_path``: where a cached clip file of that name lives (deleted when the clip is lost)."""
        self.db = db
        self.client = client
        self.moderator = moderator
        self.journal = journal
        self.clip_path = clip_path
        self.lease_s = lease_s
        self.cancel = cancel or threading.Event()
        self.clock = clock

    # -- claims ------------------------------------------------------------------------------------

    def renew(self, report: PlatformReport) -> None:
        """Renew the held leases past half their time (the clips on screen and the ones on their way)."""
        for sid, visible in pdb.claims_to_renew(self.db, within_s=self.lease_s / 2, now=self.clock()):
            if self.cancel.is_set():
                return
            self.claim(sid, report, visible=visible)

    def claim(self, sid: str, report: PlatformReport, *, visible: bool) -> bool:
        """Take or renew one lease; False when another moderator has the clip (then it is lost here).
        A network failure stops the pass (``Journal.fail``)."""
        try:
            result = self.client.claim(sid, self.moderator, self.lease_s)
        except RequestRejected as exc:
            if exc.status == 404:
                self.lose(sid, None, report, gone=True)
                return False
            self.journal.fail(report, f"claim {sid}", exc)
        except PlatformError as exc:
            self.journal.fail(report, f"claim {sid}", exc)
        if result.ok:
            with transaction(self.db):
                pdb.set_claim(self.db, sid, self.moderator, "held", lease_until=result.lease_until,
                              lease_s=self.lease_s, now=self.clock())
                if not visible:
                    pdb.set_record_state(self.db, sid, "claimed")
            return True
        self.lose(sid, result.claimed_by, report, gone=result.claimed_by is None)
        return False

    def lose(self, sid: str, holder: str | None, report: PlatformReport, *, gone: bool) -> None:
        """Another moderator holds or decided it: out of this desk's queue, with a calm word why."""
        with transaction(self.db):
            pdb.set_claim(self.db, sid, self.moderator, "lost", lost_to=holder, now=self.clock())
            pdb.set_record_state(self.db, sid, "gone" if gone else "taken")
            was_visible = bool(pdb.cached_ids(self.db, [sid]))
            removed = pdb.remove_from_queue(self.db, sid) if was_visible else None
            if was_visible:
                message = claimed_by_message(sid, holder)
                report.lost.append((sid, message))
                self.journal.log_in_tx("info", message + "; removed from your queue")
        if removed:
            with contextlib.suppress(OSError):
                self.clip_path(removed).unlink()

    def enough_listed(self, ahead: int) -> bool:
        """Claims may start before the whole queue is listed once enough never-tried records are."""
        need = ahead - pdb.active_claim_count(self.db)
        return need <= 0 or pdb.fresh_candidate_count(self.db) >= need

    def claim_ahead(self, report: PlatformReport, ahead: int) -> None:
        """Hold ``ahead`` clips still to screen: the ones already here first, then listed records."""
        need = ahead - pdb.active_claim_count(self.db)
        # clips already here first (released on quit, or a lapsed lease): no download needed
        for sid in pdb.unclaimed_visible(self.db):
            if need <= 0 or self.cancel.is_set():
                return
            if self.claim(sid, report, visible=True):
                need -= 1
        tried: set[str] = set()
        while need > 0 and not self.cancel.is_set():
            candidates = [c for c in pdb.claim_candidates(self.db, need + len(tried)) if c not in tried]
            if not candidates:
                return
            for sid in candidates:
                if self.cancel.is_set():
                    return
                tried.add(sid)
                if self.claim(sid, report, visible=False):
                    need -= 1
                    if need <= 0:
                        return

    # -- releases ----------------------------------------------------------------------------------

    def release(self, ids: list[str], deadline_s: float | None = None) -> list[str]:
        """Give leases back; returns the ids the platform confirmed, in the order given.

        With ``deadline_s`` the call returns within about that many seconds in all, reachable platform
        or not: the releases run side by side (bounded by base/limits.py) and none of their timeouts
        or retries runs past the deadline. What was not confirmed stays held locally; the platform
        lets it expire.
        """
        if not ids:
            return []
        deadline = None if deadline_s is None else time.monotonic() + max(0.0, deadline_s)
        confirmed: set[str] = set()
        pool = ThreadPoolExecutor(bounded(len(ids), io_workers()), thread_name_prefix="release")
        try:
            futures = {pool.submit(self._release_one, sid, deadline): sid for sid in ids}
            left = None if deadline is None else max(0.0, deadline - time.monotonic())
            finished, _ = wait(futures, timeout=left)
            for future in finished:
                if future.result():
                    confirmed.add(futures[future])
        finally:
            # never wait for a straggler: its own timeouts end it by the deadline
            pool.shutdown(wait=False, cancel_futures=True)
        done = [sid for sid in ids if sid in confirmed]
        if len(done) < len(ids):
            log.info("%d of %d lease(s) not released; they expire on the platform", len(ids) - len(done), len(ids))
        if done:
            with transaction(self.db):
                for sid in done:
                    pdb.set_claim(self.db, sid, self.moderator, "released", now=self.clock())
                pdb.log_event(self.db, "info", f"released {len(done)} clip(s)")
        return done

    def release_all(self, deadline_s: float | None = None) -> list[str]:
        """On quit: every lease on a clip not decided here goes back to the shared queue."""
        return self.release(pdb.claims_to_release(self.db), deadline_s)

    def _release_one(self, sid: str, deadline: float | None) -> bool:
        """Runs on a release thread: network only (the database is written by the caller's thread)."""
        if deadline is not None and time.monotonic() >= deadline:
            return False
        try:
            self.client.release(sid, self.moderator, deadline=deadline)
        except (TransientError, AuthError, RequestRejected) as exc:
            log.info("release of %s failed: %s", sid, type(exc).__name__)
            return False
        return True
