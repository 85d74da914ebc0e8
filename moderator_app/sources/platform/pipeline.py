"""Contract 2 wired into the cache: push the outbox, keep leases, list, claim ahead, download, place.

Why it is shaped like this:
- decisions first: a pass pushes the outbox before anything else, so a reconnect flushes what the
  moderator decided offline before it spends the link on clips; every decision is already
  committed locally (the outbox row is written by a trigger with the decision) and is sent with
  its idempotency key, so a push repeated after a lost answer or a kill changes nothing twice;
- claim before showing: a listed record waits in ``platform_records`` until this desk holds its
  lease and its clip is downloaded, size- and sha256-verified, decode-checked and renamed into the
  clips folder; only then is its ``submissions`` row committed (in batches, like the inbox);
- one pipeline, no waiting for the slowest: the claims start once the first page(s) list enough
  records, the later pages are listed while the clips download, and each verified clip goes on to
  its decode check and into the next placement batch as soon as it is durable;
- a kill at any point resumes: a verified clip waiting in ``clips/.incoming`` is re-hashed, not
  re-downloaded; a ``.part`` resumes with Range; rows are keyed by id, so nothing is doubled;
- one failure never stops the rest: a bad clip is quarantined with its reason and its lease
  released; a network failure makes the pass "partly done" (retried on the next pass); a 401
  stops the pass at once (a new token is needed, retrying cannot help).

Qt-free: the window runs it on a worker thread; the CLI runs it directly. The steps live in their
own modules (outbox, leases, listing, placement, transfers); this one wires them into a pass.

Threads: the push pool (PUSH_WORKERS) is closed before the pull starts, so a pass holds at most
max(PUSH_WORKERS, downloads + decode checks + the group committer and its FLUSHERS) threads, all
sized from base/limits.py (io_workers() for the network and the disk, cpu_workers() for decoding):
with MODERATOR_WORKERS=2, at most 8 push threads, then 4 + 2 + 1 + 4.
"""


from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

from moderator_app.base.clock import utc_now
from moderator_app.base.limits import bounded, cpu_workers, io_workers
from moderator_app.db import platform as pdb
from moderator_app.db.cache import Cache
from moderator_app.db.unit import transaction
from moderator_app.sources.lock import sync_lock
from moderator_app.sources.orphans import sweep_orphans
from moderator_app.sources.platform.client import (
    AuthError,
    ChecksumError,
    DownloadCancelled,
    DownloadError,
    DownloadJob,
    PlatformClient,
    TransientError,
)
from moderator_app.sources.platform.leases import DEFAULT_LEASE_S, Clock, Leases
from moderator_app.sources.platform.listing import Listing
from moderator_app.sources.platform.outbox import PUSH_CHUNK, PUSH_WORKERS, Outbox
from moderator_app.sources.platform.placement import PLACE_BATCH, PLACE_EVERY_S, Placer
from moderator_app.sources.platform.report import Journal, PassStopped, PlatformReport
from moderator_app.sources.space import free_bytes, ingest_limits, no_space_reason
from moderator_app.sources.statistics import refresh_after_sync

__all__ = [
    "DEFAULT_AHEAD", "DEFAULT_LEASE_S", "DOWNLOAD_WORKERS", "INCOMING_DIR", "LAST_PUSH_KEY", "LAST_SYNC_KEY",
    "PLACE_BATCH", "PLACE_EVERY_S", "PLATFORM_URL_KEY", "PUSH_CHUNK", "PUSH_WORKERS", "DownloadStatus",
    "PlatformReport", "PlatformSync", "last_sync",
]

INCOMING_DIR = ".incoming"
DEFAULT_AHEAD = 10
DOWNLOAD_WORKERS = 4
"""Clips downloaded at once unless the caller asks otherwise; never above io_workers()."""
LAST_SYNC_KEY = "last_sync"
LAST_PUSH_KEY = "last_push"
PLATFORM_URL_KEY = "platform_url"


@dataclass
class DownloadStatus:
    """What is on its way, for the status bar (called from download threads)."""

    active: int = 0
    done: int = 0
    total: int = 0
    bytes_done: int = 0
    bytes_total: int = 0


class PlatformSync:
    """One desk's sync with the platform; call its methods from one thread at a time."""

    def __init__(
        self,
        cache: Cache,
        client: PlatformClient,
        moderator: str,
        *,
        ahead: int = DEFAULT_AHEAD,
        lease_s: int = DEFAULT_LEASE_S,
        workers: int | None = None,
        progress: Callable[[DownloadStatus], None] | None = None,
        cancel: threading.Event | None = None,
        clock: Clock = time.time,
    ) -> None:
        """``workers``: clips downloaded at once (bounded by base/limits.py); ``clock``: epoch seconds
        for local lease expiry (a test's clock makes renewals deterministic)."""
        if not moderator:
            raise ValueError("a moderator name is needed to claim and decide")
        self.cache = cache
        self.client = client
        self.moderator = moderator
        self.ahead = max(0, ahead)
        self.lease_s = lease_s
        self.workers = bounded(DOWNLOAD_WORKERS if workers is None else workers, io_workers())
        self.progress = progress
        self.cancel = cancel or threading.Event()
        self.incoming = cache.clips_dir / INCOMING_DIR
        self.journal = Journal(cache.db)
        self.leases = Leases(cache.db, client, moderator, self.journal, clip_path=cache.clip_path,
                             lease_s=lease_s, cancel=self.cancel, clock=clock)
        self._status = DownloadStatus()
        self._status_lock = threading.Lock()

    @property
    def db(self) -> sqlite_utils.Database:
        return self.cache.db

    # -- public passes ------------------------------------------------------------------------------

    def run(self, *, pull: bool = True) -> PlatformReport:
        """Push, renew, then (``pull``) list, claim ahead and download; never raises PlatformError."""
        report = PlatformReport()
        with sync_lock(self.cache.data_dir):
            if pull:  # clips a killed pass placed but never committed: personal videos with no row
                sweep_orphans(self.db, self.cache.clips_dir)
            try:
                Outbox(self.db, self.client, self.moderator, self.journal).push(report)
                if pull:
                    self.leases.renew(report)
                    listing = Listing(self.db, self.client, report, self.journal, cancel=self.cancel)
                    listing.until(lambda: self.leases.enough_listed(self.ahead))
                    self.leases.claim_ahead(report, self.ahead)
                    self._download_claimed(report, listing)
                    listing.finish()
            except PassStopped:
                pass
            self._finish(report, pull)
        refresh_after_sync(self.cache.db, len(report.added))
        return report

    def push(self) -> PlatformReport:
        """Send the outbox only (the CLI's ``push``; the window after each decision)."""
        return self.run(pull=False)

    def release(self, ids: list[str], deadline_s: float | None = None) -> list[str]:
        """Give leases back (skipped clips, quit); returns the ids the platform confirmed.

        ``deadline_s``: return within about that many seconds in all, even offline; a lease not
        confirmed by then stays held locally and expires on the platform (see leases.py).
        """
        return self.leases.release(ids, deadline_s)

    def release_all(self, deadline_s: float | None = None) -> list[str]:
        """On quit: every lease on a clip not decided here goes back to the shared queue."""
        return self.leases.release_all(deadline_s)

    # -- the download pipeline ----------------------------------------------------------------------

    def _download_claimed(self, report: PlatformReport, listing: Listing | None = None) -> None:
        """One continuous pipeline: download (``workers`` at a time) -> decode check -> place in batches.

        A worker starts its next clip as soon as it finishes one, the decode checks run beside the
        downloads, and verified clips are placed (renamed into the queue, rows committed) every
        PLACE_BATCH clips or PLACE_EVERY_S, so no clip waits for the slowest of a fixed group.
        A network failure that a retry could not fix (offline, 401) keeps the clips not started yet
        from starting; the ones running finish and are placed. ``listing``: the rest of the queue is
        listed one page per step while the clips download (the pages are small, the clips are not).
        """
        records = pdb.records_in_state(self.db, "claimed")
        if not records:
            return
        self.incoming.mkdir(parents=True, exist_ok=True, mode=0o700)
        with self._status_lock:
            self._status = DownloadStatus(total=len(records), bytes_total=sum(r.size for r in records))
        self._emit()
        by_id = {r.id: r for r in records}
        kept: list[pdb.ListedRecord] = []
        jobs: list[DownloadJob] = []
        for rec in records:
            dest = self.incoming / rec.id
            if dest.exists() and _file_matches(dest, rec.sha256, rec.size):
                kept.append(rec)  # verified before a kill: placed now, not fetched again
            else:
                dest.unlink(missing_ok=True)
                jobs.append(DownloadJob(rec.clip_url, dest, rec.sha256, rec.size, key=rec.id))
        jobs = self._within_free_space(jobs, report)
        with self._status_lock:
            self._status.active = len(jobs)
        done_bytes: dict[str, int] = {}

        def progress(job: DownloadJob, have: int) -> None:
            with self._status_lock:
                self._status.bytes_done += have - done_bytes.get(job.key, 0)
                done_bytes[job.key] = have
            self._emit()

        stop: Exception | None = None
        hold = threading.Event()
        with ThreadPoolExecutor(bounded(self.workers, cpu_workers()), thread_name_prefix="clip-check") as checks:
            placer = Placer(self.db, self.incoming, self.cache.clips_dir, report, self.journal,
                            checks=checks, release=self.release)
            for rec in kept:
                self._count(rec.size, downloaded=False)
                placer.check(rec, maybe_unsynced=True)
            for outcome in self.client.iter_downloads(jobs, workers=self.workers, progress=progress,
                                                      cancel=self.cancel, hold=hold, idle_s=PLACE_EVERY_S / 2):
                if listing is not None:
                    listing.step()
                if outcome is None:
                    placer.place_some()
                    continue
                rec = by_id[outcome.job.key]
                err = outcome.error
                with self._status_lock:
                    self._status.bytes_done -= done_bytes.get(rec.id, 0)
                self._count(rec.size if err is None else 0, downloaded=True, ok=err is None)
                if err is None:
                    placer.check(rec, maybe_unsynced=False)
                elif isinstance(err, ChecksumError):
                    placer.refuse(rec, "clip download does not match the record's size or sha256")
                elif isinstance(err, DownloadError):
                    placer.refuse(rec, f"clip could not be downloaded ({err})")
                elif isinstance(err, DownloadCancelled):
                    report.retry.append((rec.id, "cancelled"))
                elif isinstance(err, (TransientError, AuthError)):
                    report.retry.append((rec.id, type(err).__name__))
                    if stop is None:
                        stop = err
                        hold.set()
                else:
                    report.retry.append((rec.id, type(err).__name__))
                placer.place_some()
            placer.place_all()
        with self._status_lock:
            self._status.active = 0
        self._emit()
        if stop is not None:
            self.journal.fail(report, "download", stop)

    def _within_free_space(self, jobs: list[DownloadJob], report: PlatformReport) -> list[DownloadJob]:
        """The downloads the cache's disk has room for, keeping the campaign's ``min_free_mb`` free.

        A platform (or whoever answers in its name) may list clip after clip up to the size cap; the
        moderator's disk must not fill up. The clips left out stay claimed and are fetched by a later
        pass once there is room; the pass says why it is partial."""
        _, keep_free = ingest_limits(self.db)
        room = free_bytes(self.incoming) - keep_free
        admitted: list[DownloadJob] = []
        for job in jobs:
            if job.size <= room:
                admitted.append(job)
                room -= job.size
            else:
                report.retry.append((job.key, "not enough free space"))
        waiting = len(jobs) - len(admitted)
        if waiting:
            needed = min(j.size for j in jobs if j not in admitted)
            reason = no_space_reason(free_bytes(self.incoming), needed, keep_free)
            report.error = f"download: {reason}"
            self.journal.log("warning", f"download: {waiting} clip(s) wait for free space; {reason}")
        return admitted

    def _count(self, size: int, *, downloaded: bool, ok: bool = True) -> None:
        with self._status_lock:
            if ok:
                self._status.done += 1
                self._status.bytes_done += size
            if downloaded:
                self._status.active = max(0, self._status.active - 1)
        self._emit()

    def _finish(self, report: PlatformReport, pull: bool) -> None:
        with transaction(self.db):
            report.push_pending = pdb.pending_count(self.db)
            report.conflicts = pdb.conflicts(self.db, unseen_only=True)
            if report.online and not report.auth_failed:
                pdb.state_set(self.db, LAST_PUSH_KEY, utc_now())
                if pull:
                    pdb.state_set(self.db, LAST_SYNC_KEY, utc_now())
            pdb.log_event(self.db, "info" if not report.partial else "warning",
                          ("sync: " if pull else "push: ") + report.summary())

    def _emit(self) -> None:
        if self.progress is None:
            return
        with self._status_lock:
            snapshot = DownloadStatus(**vars(self._status))
        self.progress(snapshot)


def _file_matches(path: Path, sha256: str, size: int) -> bool:
    try:
        if path.stat().st_size != size:
            return False
        digest = hashlib.sha256()
        with path.open("rb") as f:
            while block := f.read(1 << 20):
                digest.update(block)
    except OSError:
        return False
    return digest.hexdigest() == sha256.lower()


def last_sync(db: sqlite_utils.Database) -> str | None:
    return pdb.state_get(db, LAST_SYNC_KEY)
