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

Qt-free: the window runs it on a worker thread; the CLI runs it directly.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import threading
import time
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import sqlite_utils

from moderator_app.base.clock import utc_now
from moderator_app.base.durable import flush_files, fsync_dir
from moderator_app.db import platform as pdb
from moderator_app.db import quarantine
from moderator_app.db.cache import Cache
from moderator_app.db.migrations import refresh_statistics
from moderator_app.db.submissions import CachedClip, insert_submissions
from moderator_app.db.unit import transaction
from moderator_app.models import ClipProbe, Submission
from moderator_app.sources.cliptest import ClipError, verify_clip
from moderator_app.sources.inbox.prepare import clip_extension
from moderator_app.sources.inbox.sync import ANALYZE_AFTER, sync_lock
from moderator_app.sources.platform.client import (
    AuthError,
    ChecksumError,
    DownloadCancelled,
    DownloadError,
    DownloadJob,
    PlatformClient,
    PlatformError,
    RequestRejected,
    TransientError,
)
from moderator_app.sources.record import RecordError, parse_record

log = logging.getLogger(__name__)

INCOMING_DIR = ".incoming"
DEFAULT_AHEAD = 10
DEFAULT_LEASE_S = 900
PUSH_CHUNK = 128
PLACE_BATCH = 16
"""Clips placed together (renamed into the queue, one commit): a commit per clip costs a flush
each, one batch for all keeps the first clips out of the queue until the last one lands."""
PLACE_EVERY_S = 0.5
PUSH_WORKERS = 16
"""Decisions in flight at once: a flush after a reconnect is bounded by round trips, not bandwidth
(1,000 decisions over a 50 ms link take 50 s one by one, about 3 s sixteen at a time). The client
needs as many connections (``PlatformClient(max_connections=PUSH_WORKERS)``)."""
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


@dataclass
class PlatformReport:
    added: list[str] = field(default_factory=list)
    quarantined: list[tuple[str, str]] = field(default_factory=list)
    retry: list[tuple[str, str]] = field(default_factory=list)
    """Network failures that a later pass should fix (id or step, reason)."""
    lost: list[tuple[str, str]] = field(default_factory=list)
    """Clips removed from this desk's queue because another moderator holds or decided them."""
    released: list[str] = field(default_factory=list)
    listed: int = 0
    pushed: int = 0
    push_pending: int = 0
    conflicts: list[pdb.Conflict] = field(default_factory=list)
    online: bool = True
    auth_failed: bool = False
    error: str | None = None

    @property
    def partial(self) -> bool:
        return bool(self.retry) or self.push_pending > 0 or not self.online or self.error is not None

    def summary(self) -> str:
        return (
            f"{len(self.added)} added, {len(self.quarantined)} quarantined, {len(self.lost)} taken by others, "
            f"{self.pushed} pushed, {self.push_pending} to push, {len(self.conflicts)} conflicts, "
            f"{len(self.retry)} to retry" + ("" if self.online else ", offline")
        )


class _Stop(Exception):
    """Abort the rest of a pass (offline or refused token); the report already says why."""


def _claimed_by_message(submission_id: str, holder: str | None) -> str:
    if holder:
        return f"{submission_id}: another moderator ({holder}) is reviewing it"
    return f"{submission_id}: another moderator already decided it"


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
        workers: int = 4,
        progress: Callable[[DownloadStatus], None] | None = None,
        cancel: threading.Event | None = None,
    ) -> None:
        if not moderator:
            raise ValueError("a moderator name is needed to claim and decide")
        self.cache = cache
        self.client = client
        self.moderator = moderator
        self.ahead = max(0, ahead)
        self.lease_s = lease_s
        self.workers = max(1, workers)
        self.progress = progress
        self.cancel = cancel or threading.Event()
        self.incoming = cache.clips_dir / INCOMING_DIR
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
            try:
                self._push(report)
                if pull:
                    self._renew(report)
                    listing = _Listing(self, report)
                    listing.until(self._enough_to_claim)
                    self._claim_ahead(report)
                    self._download_claimed(report, listing)
                    listing.until(lambda: False)
            except _Stop:
                pass
            self._finish(report, pull)
        if len(report.added) >= ANALYZE_AFTER:
            refresh_statistics(self.cache.db)
        return report

    def push(self) -> PlatformReport:
        """Send the outbox only (the CLI's ``push``; the window after each decision)."""
        return self.run(pull=False)

    def release(self, ids: list[str]) -> list[str]:
        """Give leases back (skipped clips, quit); returns the ids the platform confirmed."""
        done: list[str] = []
        for sid in ids:
            try:
                self.client.release(sid, self.moderator)
            except (TransientError, AuthError, RequestRejected) as exc:
                log.info("release of %s failed: %s", sid, type(exc).__name__)
                continue
            done.append(sid)
        if done:
            with transaction(self.db):
                for sid in done:
                    pdb.set_claim(self.db, sid, self.moderator, "released")
                pdb.log_event(self.db, "info", f"released {len(done)} clip(s)")
        return done

    def release_all(self) -> list[str]:
        """On quit: every lease on a clip not decided here goes back to the shared queue."""
        return self.release(pdb.claims_to_release(self.db))

    # -- steps --------------------------------------------------------------------------------------

    def _network_failed(self, report: PlatformReport, step: str, exc: Exception) -> None:
        if isinstance(exc, AuthError):
            report.auth_failed = True
            report.error = "the platform refused the token"
            self._log("error", f"{step}: the platform refused the token (401); set a new token in the settings")
            raise _Stop
        if isinstance(exc, TransientError):
            report.online = False
            report.retry.append((step, str(exc)))
            self._log("warning", f"{step}: offline or the platform is busy; will retry ({type(exc).__name__})")
            raise _Stop
        report.error = f"{step}: {exc}"
        self._log("error", f"{step}: {exc}")
        raise _Stop

    def _push(self, report: PlatformReport) -> None:
        with transaction(self.db):
            pdb.settle_superseded(self.db)
        items = pdb.pending_pushes(self.db, self.moderator)
        if not items:
            return
        stop: Exception | None = None
        with ThreadPoolExecutor(PUSH_WORKERS, thread_name_prefix="push") as pool:
            for start in range(0, len(items), PUSH_CHUNK):
                chunk = items[start:start + PUSH_CHUNK]
                results = list(pool.map(self._push_one, chunk))
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
                        self._log_in_tx("warning", f"{sid}: conflict, another moderator decided "
                                                   f"{theirs.get('decision', '?')}; ours is kept locally")
                    for seq, error in failed:
                        pdb.mark_failed(self.db, [seq], error)
                    for item in chunk:
                        if item.seq in acked:
                            pdb.set_claim(self.db, item.submission_id, self.moderator, "released")
                report.pushed += len(acked)
                if stop is not None:
                    break
        if report.pushed:
            self._log("info", f"pushed {report.pushed} decision(s)")
        if stop is not None:
            self._network_failed(report, "push", stop)

    def _push_one(self, item: pdb.OutboxItem) -> tuple[str, object]:
        try:
            result = self.client.post_decision(item.submission_id, item.payload)
        except PlatformError as exc:
            return "error", exc
        if result.ok:
            return "ok", None
        return "conflict", result.decision

    def _renew(self, report: PlatformReport) -> None:
        for sid, visible in pdb.claims_to_renew(self.db, within_s=self.lease_s / 2):
            if self.cancel.is_set():
                return
            self._claim(sid, report, visible=visible)

    def _claim(self, sid: str, report: PlatformReport, *, visible: bool) -> bool:
        try:
            result = self.client.claim(sid, self.moderator, self.lease_s)
        except RequestRejected as exc:
            if exc.status == 404:
                self._lose(sid, None, report, gone=True)
                return False
            self._network_failed(report, f"claim {sid}", exc)
            return False
        except PlatformError as exc:
            self._network_failed(report, f"claim {sid}", exc)
            return False
        if result.ok:
            with transaction(self.db):
                pdb.set_claim(self.db, sid, self.moderator, "held", lease_until=result.lease_until,
                              lease_s=self.lease_s)
                if not visible:
                    pdb.set_record_state(self.db, sid, "claimed")
            return True
        self._lose(sid, result.claimed_by, report, gone=result.claimed_by is None)
        return False

    def _lose(self, sid: str, holder: str | None, report: PlatformReport, *, gone: bool) -> None:
        """Another moderator holds or decided it: out of this desk's queue, with a calm word why."""
        with transaction(self.db):
            pdb.set_claim(self.db, sid, self.moderator, "lost", lost_to=holder)
            pdb.set_record_state(self.db, sid, "gone" if gone else "taken")
            was_visible = bool(pdb.cached_ids(self.db, [sid]))
            removed = pdb.remove_from_queue(self.db, sid) if was_visible else None
            if was_visible:
                message = _claimed_by_message(sid, holder)
                report.lost.append((sid, message))
                self._log_in_tx("info", message + "; removed from your queue")
        if removed:
            with contextlib.suppress(OSError):
                self.cache.clip_path(removed).unlink()

    def _store_page(self, page: list[dict[str, object]], report: PlatformReport) -> None:
        subs: list[Submission] = []
        bad: list[tuple[str, str, str | None]] = []
        for index, raw in enumerate(page):
            try:
                subs.append(parse_record(raw, contract="http"))
            except RecordError as exc:
                label = exc.record_id or f"record #{report.listed + index + 1}"
                bad.append((pdb.source_of(label), exc.reason, exc.record_id))
        report.listed += len(page)
        with transaction(self.db):
            known = pdb.cached_ids(self.db, [s.id for s in subs])
            pdb.add_listed(self.db, [s for s in subs if s.id not in known])
            for source, reason, record_id in bad:
                quarantine.put(self.db, source, reason, record_id=record_id)
                report.quarantined.append((source, reason))

    def _enough_to_claim(self) -> bool:
        """Claims may start before the whole queue is listed once enough never-tried records are."""
        need = self.ahead - pdb.active_claim_count(self.db)
        return need <= 0 or pdb.fresh_candidate_count(self.db) >= need

    def _claim_ahead(self, report: PlatformReport) -> None:
        need = self.ahead - pdb.active_claim_count(self.db)
        # clips already here first (released on quit, or a lapsed lease): no download needed
        for sid in pdb.unclaimed_visible(self.db):
            if need <= 0 or self.cancel.is_set():
                return
            if self._claim(sid, report, visible=True):
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
                if self._claim(sid, report, visible=False):
                    need -= 1
                    if need <= 0:
                        return

    def _download_claimed(self, report: PlatformReport, listing: _Listing | None = None) -> None:
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
        placer = _Placer(self, report)
        with ThreadPoolExecutor(self.workers, thread_name_prefix="clip-check") as checks:
            for rec in kept:
                self._count(rec.size, downloaded=False)
                placer.checking.append((rec, checks.submit(self._check, rec), True))
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
                    placer.checking.append((rec, checks.submit(self._check, rec), False))
                elif isinstance(err, ChecksumError):
                    placer.bad.append((rec, "clip download does not match the record's size or sha256"))
                elif isinstance(err, DownloadError):
                    placer.bad.append((rec, f"clip could not be downloaded ({err})"))
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
            self._network_failed(report, "download", stop)

    def _count(self, size: int, *, downloaded: bool, ok: bool = True) -> None:
        with self._status_lock:
            if ok:
                self._status.done += 1
                self._status.bytes_done += size
            if downloaded:
                self._status.active = max(0, self._status.active - 1)
        self._emit()

    def _place(
        self,
        probes: list[tuple[pdb.ListedRecord, Submission, ClipProbe]],
        bad: list[tuple[pdb.ListedRecord, str]],
        report: PlatformReport,
        *,
        unsynced: list[Path],
    ) -> None:
        """Rename decode-checked clips into place and commit their rows together; quarantine the bad.

        ``unsynced``: incoming files not known to be durable yet (found there after a restart); the
        ones the downloader handed over were fsynced before it renamed them into ``.incoming``.
        """
        placed: list[tuple[Submission, CachedClip, str]] = []
        targets: list[tuple[Path, Path]] = []
        for rec, sub, probe in probes:
            name = rec.id + clip_extension(probe.container)
            placed.append((sub, CachedClip(name, rec.sha256, rec.size, probe), pdb.source_of(rec.id)))
            targets.append((self.incoming / rec.id, self.cache.clips_dir / name))
        flush_files(unsynced)
        with transaction(self.db):
            known = pdb.cached_ids(self.db, [s.id for s, _, _ in placed])
            fresh = []
            for (sub, clip, source), (src, dst) in zip(placed, targets, strict=True):
                if sub.id in known:
                    src.unlink(missing_ok=True)
                    continue
                os.replace(src, dst)
                fresh.append((sub, clip, source))
                pdb.set_record_state(self.db, sub.id, "ready")
                quarantine.clear(self.db, source)
            if fresh:
                fsync_dir(self.cache.clips_dir)
            insert_submissions(self.db, fresh)
            report.added.extend(s.id for s, _, _ in fresh)
            for rec, reason in bad:
                quarantine.put(self.db, pdb.source_of(rec.id), reason, record_id=rec.id)
                pdb.set_record_state(self.db, rec.id, "quarantined", reason)
                report.quarantined.append((pdb.source_of(rec.id), reason))
                self._log_in_tx("warning", f"{rec.id}: quarantined: {reason}")
        for rec, _ in bad:
            (self.incoming / rec.id).unlink(missing_ok=True)
        if bad:
            self.release([rec.id for rec, _ in bad])

    def _check(self, rec: pdb.ListedRecord) -> tuple[Submission, ClipProbe] | str:
        try:
            sub = parse_record(rec.record, contract="http")
        except RecordError as exc:
            return exc.reason
        try:
            return sub, verify_clip(self.incoming / rec.id)
        except ClipError as exc:
            return f"clip is not a readable video: {exc.reason}"

    def _finish(self, report: PlatformReport, pull: bool) -> None:
        with transaction(self.db):
            report.push_pending = pdb.pending_count(self.db)
            report.conflicts = pdb.conflicts(self.db, unseen_only=True)
            if report.online and not report.auth_failed:
                pdb.state_set(self.db, LAST_PUSH_KEY, _now_text())
                if pull:
                    pdb.state_set(self.db, LAST_SYNC_KEY, _now_text())
            pdb.log_event(self.db, "info" if not report.partial else "warning",
                          ("sync: " if pull else "push: ") + report.summary())

    # -- helpers ------------------------------------------------------------------------------------

    def _emit(self) -> None:
        if self.progress is None:
            return
        with self._status_lock:
            snapshot = DownloadStatus(**vars(self._status))
        self.progress(snapshot)

    def _log(self, level: str, message: str) -> None:
        getattr(log, level)(message)
        with transaction(self.db):
            pdb.log_event(self.db, level, message)

    def _log_in_tx(self, level: str, message: str) -> None:
        getattr(log, level)(message)
        pdb.log_event(self.db, level, message)


class _Listing:
    """The queue listed page by page, so the claims and downloads need not wait for the last page.

    A listing failure is kept, not raised, until ``until`` is next called: the clips already on their
    way finish first; then the pass stops as an offline or refused listing always did.
    """

    def __init__(self, sync: PlatformSync, report: PlatformReport) -> None:
        self.sync = sync
        self.report = report
        self._pages = sync.client.iter_queued()
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
        except PlatformError as exc:
            self._done = True
            self._error = exc
            return False
        self.sync._store_page(page, self.report)
        self._stored += 1
        if self.sync.cancel.is_set():
            self._done = True
        return not self._done

    def until(self, enough: Callable[[], bool]) -> None:
        """List (at least one page) until ``enough()`` holds or the listing is over; raise _Stop for a
        failed listing. The first page always comes first: it says what is still queued at all."""
        while (self._stored == 0 or not enough()) and self.step():
            pass
        if self._error is not None:
            error, self._error = self._error, None
            self.sync._network_failed(self.report, "listing", error)


class _Placer:
    """The tail of the download pipeline: decode checks in flight, and the batches they feed."""

    def __init__(self, sync: PlatformSync, report: PlatformReport) -> None:
        self.sync = sync
        self.report = report
        self.checking: deque[tuple[pdb.ListedRecord, Future[tuple[Submission, ClipProbe] | str], bool]] = deque()
        """(record, its decode check, whether its file may not be durable yet), in arrival order."""
        self.bad: list[tuple[pdb.ListedRecord, str]] = []
        self._last = time.monotonic()

    def place_some(self) -> None:
        """Place the checked clips once a batch is full or has waited long enough."""
        waiting = len(self.bad)
        for _, check, _ in self.checking:  # in order: a clip is placed after the ones listed before it
            if not check.done():
                break
            waiting += 1
        if waiting and (waiting >= PLACE_BATCH or time.monotonic() - self._last >= PLACE_EVERY_S):
            self._place(wait=False)

    def place_all(self) -> None:
        while self.checking or self.bad:
            self._place(wait=True)

    def _place(self, *, wait: bool) -> None:
        probes: list[tuple[pdb.ListedRecord, Submission, ClipProbe]] = []
        unsynced: list[Path] = []
        while self.checking and len(probes) + len(self.bad) < 4 * PLACE_BATCH:
            rec, check, maybe_unsynced = self.checking[0]
            if not wait and not check.done():
                break
            self.checking.popleft()
            checked = check.result()
            if isinstance(checked, str):
                self.bad.append((rec, checked))
                continue
            probes.append((rec, checked[0], checked[1]))
            if maybe_unsynced:
                unsynced.append(self.sync.incoming / rec.id)
        bad, self.bad = self.bad, []
        if probes or bad:
            self.sync._place(probes, bad, self.report, unsynced=unsynced)
        self._last = time.monotonic()


def _now_text() -> str:
    return utc_now()


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
