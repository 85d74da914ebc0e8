"""Contract 1: pull submissions from an inbox folder into the cache.

Why it is shaped like this:
- idempotent and cheap the second time: each record file is fingerprinted (size, mtime of the
  record and of its clip) in ``inbox_seen``; an unchanged record is skipped without being read;
- nothing half-done survives a kill: a clip is copied to a temp file in the cache, hashed while
  copied, decoded, fsynced and renamed; its row is committed only after that, in batches, so a
  crash leaves either nothing or a whole file (re-used on the next run) and no half row;
- one bad record never stops the others: every failure becomes a quarantine row with a reason;
- files still arriving are retried, not quarantined, until the retry window has passed;
- a clip is read as a hostile file: opened without following links or blocking (a FIFO, a device, a link
  to another campaign's clip or /dev/zero is refused), within the campaign's size cap, recognised by its
  content (a playlist or manifest posing as a clip is refused), and copied only while the cache's disk
  keeps the campaign's free space; files a killed sync left in ``clips/`` without a row are swept first.
"""

from __future__ import annotations

import contextlib
import ctypes
import logging
import multiprocessing
import os
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

import sqlite_utils

from moderator_app.base.durable import AnyPath, flush_files, fsync_dir
from moderator_app.base.limits import bounded, cpu_workers
from moderator_app.db import inbox as inbox_db
from moderator_app.db import quarantine
from moderator_app.db.connection import CLIPS_DIR
from moderator_app.db.submissions import Row, all_clip_hashes, existing_ids, insert_rows
from moderator_app.db.unit import transaction
from moderator_app.sources.inbox.prepare import (
    Prepared,
    PrepareJob,
    display_name,
    init_worker_process,
    prepare,
    set_known,
    source_label,
)
from moderator_app.sources.lock import SyncBusy, sync_lock
from moderator_app.sources.orphans import sweep_orphans
from moderator_app.sources.space import NoSpace, free_bytes, ingest_limits, no_space_reason
from moderator_app.sources.statistics import ANALYZE_AFTER, refresh_after_sync

__all__ = [
    "ANALYZE_AFTER", "InboxSync", "NoSpace", "SyncBusy", "SyncReport", "display_name", "source_label", "sync_inbox",
    "sync_lock",
]

log = logging.getLogger(__name__)

DEFAULT_RETRY_WINDOW_S = 3600.0
BATCH = 500
MAX_CRASHES_IN_A_ROW = 3
"""Worker deaths with no record done in between: past this the fault is the machine, not a file."""
PROCESS_POOL_MIN = 300
"""From this many new records on, the per-record work is spread over processes."""


@dataclass
class SyncReport:
    added: list[str] = field(default_factory=list)
    retried: list[tuple[str, str]] = field(default_factory=list)
    quarantined: list[tuple[str, str]] = field(default_factory=list)
    unchanged: int = 0

    def summary(self) -> str:
        return (
            f"{len(self.added)} added, {len(self.retried)} to retry, "
            f"{len(self.quarantined)} quarantined, {self.unchanged} unchanged"
        )


def _stat_fingerprint(st: os.stat_result) -> str:
    return f"{st.st_size}:{st.st_mtime_ns}"


def _load_syncfs() -> Callable[[int], int] | None:
    try:
        fn: Callable[[int], int] = ctypes.CDLL(None, use_errno=True).syncfs
    except (OSError, AttributeError):
        return None
    return fn


_syncfs = _load_syncfs() if sys.platform.startswith("linux") else None


def flush_to_disk(paths: Sequence[AnyPath], folder: Path) -> None:
    """Make a batch of new files durable before rows point at them.

    One syncfs(2) per batch costs one journal commit where an fsync per clip costs one each (the
    difference between hundreds and thousands of records a second); elsewhere each file is fsynced.
    """
    if not paths:
        return
    if _syncfs is not None:
        fd = os.open(folder, os.O_RDONLY)
        try:
            if _syncfs(fd) == 0:
                return
        finally:
            os.close(fd)
    flush_files(paths)


class InboxSync:
    """One pass over an inbox folder into the cache at ``data_dir``."""

    def __init__(
        self,
        db: sqlite_utils.Database,
        data_dir: Path,
        inbox: Path,
        *,
        retry_window_s: float = DEFAULT_RETRY_WINDOW_S,
        workers: int | None = None,
        progress: Callable[[int, int], None] | None = None,
        preparer: Callable[[PrepareJob], Prepared] = prepare,
    ) -> None:
        self.db = db
        self.clips_dir = data_dir / CLIPS_DIR
        self.data_dir = data_dir
        self.inbox = inbox
        self.retry_window_s = retry_window_s
        self.workers = bounded(workers, cpu_workers())
        """Ingest processes (or threads for a small pass): the app's CPU budget (base/limits.py)."""
        self.progress = progress
        self.preparer = preparer
        """The per-record work; a module-level function (it is sent to worker processes by reference)."""
        self._now = time.time()

    # -- scanning -------------------------------------------------------------------------------

    def _scan(self) -> tuple[list[tuple[str, os.stat_result]], dict[str, os.stat_result]]:
        records: list[tuple[str, os.stat_result]] = []
        files: dict[str, os.stat_result] = {}
        with os.scandir(self.inbox) as it:
            for entry in it:
                try:
                    if not entry.is_file(follow_symlinks=False):
                        continue
                    st = entry.stat(follow_symlinks=False)
                except OSError:
                    continue
                files[entry.name] = st
                if entry.name.lower().endswith(".json") and not entry.name.startswith("."):
                    records.append((entry.name, st))
        records.sort()
        return records, files

    def _fingerprint(self, record_st: os.stat_result, clip: str | None, files: dict[str, os.stat_result]) -> str:
        clip_st = files.get(clip) if clip else None
        clip_part = _stat_fingerprint(clip_st) if clip_st else "-"
        return f"{_stat_fingerprint(record_st)}|{clip_part}"

    # -- the pass --------------------------------------------------------------------------------

    def run(self) -> SyncReport:
        """One pass; SyncBusy at once if another sync holds the cache (never waits), NoSpace if the disk is
        (or becomes) too full to copy clips into."""
        with sync_lock(self.data_dir, wait=False):
            # a sync killed between renaming its clips into place and committing their rows left orphans
            swept = sweep_orphans(self.db, self.clips_dir)
            if swept:
                log.info("inbox sync: removed %d clip files a killed sync left without a row", len(swept))
            return self._run()

    def _run(self) -> SyncReport:
        report = SyncReport()
        now = time.time()
        records, files = self._scan()
        seen = inbox_db.seen(self.db)
        todo: list[tuple[str, os.stat_result]] = []
        for name, st in records:
            prior = seen.get(source_label(name))
            if prior is not None and prior[0] == self._fingerprint(st, prior[1], files):
                report.unchanged += 1
            else:
                todo.append((name, st))
        if not todo:
            return report
        self._now = now
        max_clip, keep_free = ingest_limits(self.db)
        free = free_bytes(self.clips_dir)
        if free < keep_free:
            raise NoSpace(no_space_reason(free, 0, keep_free))
        jobs = [PrepareJob(self.inbox, self.clips_dir, name, st.st_mtime, now, max_clip, keep_free)
                for name, st in todo]
        stats = dict(todo)
        claimed: dict[str, str] = {}
        pending: list[Prepared] = []
        no_space: str | None = None
        for done, out in enumerate(self._prepare_all(jobs), start=1):
            if out.no_space is not None:
                no_space = no_space or out.no_space
                if self.progress:
                    self.progress(done, len(jobs))
                continue  # left for the next sync: neither seen nor quarantined
            if out.submission_id is not None and out.sha256 is not None:
                sha = claimed.get(out.submission_id)
                if sha is not None:
                    # the same id twice in one pass: a re-send if the clip is the same, else refused
                    same = sha == out.sha256
                    self._drop_tmp(out)
                    if same:
                        out.already = True
                    else:
                        out.problem = "another record in the inbox has the same id and a different clip"
                else:
                    claimed[out.submission_id] = out.sha256
            pending.append(out)
            if len(pending) >= BATCH:
                self._commit(pending, stats, files, report)
                pending = []
            if self.progress:
                self.progress(done, len(jobs))
        self._commit(pending, stats, files, report)
        if no_space is not None:
            log.warning("inbox sync stopped: %s (%s)", no_space, report.summary())
            raise NoSpace(f"{no_space}; {report.summary()} before it stopped")
        return report

    def _prepare_all(self, jobs: list[PrepareJob]) -> Iterator[Prepared]:
        """Prepare every job, in order: threads for a small pass, processes for a big one (the work is
        CPU-bound). A worker process that dies (a file that crashes the decoder) costs only its own record:
        the jobs around it are re-run one at a time to find it, and it is quarantined."""
        known = self._known_ids()
        if len(jobs) < PROCESS_POOL_MIN or cpu_workers() < 2:
            set_known(known)
            with ThreadPoolExecutor(self.workers, thread_name_prefix="inbox") as threads:
                yield from threads.map(self.preparer, jobs)
            return
        chunk = max(1, min(64, len(jobs) // (4 * self.workers)))
        start, suspects, crashes_in_a_row = 0, 0, 0
        while start < len(jobs):
            isolating = suspects > 0
            # spawn, never fork: the app that calls this has Qt and VLC threads
            with ProcessPoolExecutor(
                1 if isolating else self.workers, mp_context=multiprocessing.get_context("spawn"),
                initializer=init_worker_process, initargs=(known, os.getpid()),
            ) as pool:
                batch = jobs[start : start + suspects] if isolating else jobs[start:]
                try:
                    for out in pool.map(self.preparer, batch, chunksize=1 if isolating else chunk):
                        start += 1
                        suspects = max(0, suspects - 1)
                        crashes_in_a_row = 0
                        yield out
                except BrokenProcessPool as exc:
                    crashes_in_a_row += 1
                    if crashes_in_a_row > MAX_CRASHES_IN_A_ROW:
                        # no record goes through at all: the workers cannot run here, say so (nothing is lost)
                        raise RuntimeError("the sync's worker processes keep failing to start or run") from exc
                    if isolating:  # alone in its process: this job is the one that crashes
                        yield Prepared(jobs[start].name, problem="clip could not be read: it crashed the decoder")
                        start += 1
                        suspects -= 1
                    else:
                        suspects = min(len(jobs) - start, 2 * chunk * self.workers)

    def _known_ids(self) -> dict[str, str]:
        return all_clip_hashes(self.db)

    @staticmethod
    def _drop_tmp(o: Prepared) -> None:
        if o.tmp is not None:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(o.tmp)
        o.tmp = None
        o.rows = None

    def _commit(
        self, batch: list[Prepared], stats: dict[str, os.stat_result], files: dict[str, os.stat_result],
        report: SyncReport,
    ) -> None:
        """Make the batch's clips durable and place them, then commit their rows in one transaction."""
        if not batch:
            return
        ready = [o for o in batch if o.ready]
        flush_to_disk([o.tmp for o in ready if o.tmp is not None], self.clips_dir)
        clips_dir = str(self.clips_dir)  # plain strings: Path objects cost more than the rename in this loop
        with transaction(self.db):
            # a concurrent writer (the same id through another source) may have won meanwhile
            taken = existing_ids(self.db, [o.submission_id for o in ready if o.submission_id])
            subs: list[Row] = []
            clips: list[Row] = []
            for o in ready:
                assert o.submission_id is not None and o.rows is not None and o.tmp is not None
                if o.submission_id in taken:
                    self._drop_tmp(o)
                    o.already = True
                    continue
                os.replace(o.tmp, os.path.join(clips_dir, str(o.file)))
                o.tmp = None
                subs.append(o.rows[0])
                clips.append(o.rows[1])
                report.added.append(o.submission_id)
            if subs:
                fsync_dir(self.clips_dir)
            insert_rows(self.db, subs, clips)
            outcomes = _Outcomes()
            for o in batch:
                self._record_outcome(o, self._fingerprint(stats[o.name], o.clip, files), report, outcomes)
            outcomes.write(self.db)

    def _record_outcome(self, o: Prepared, fingerprint: str, report: SyncReport, outcomes: _Outcomes) -> None:
        source = source_label(o.name)
        if o.retry is not None:
            first = inbox_db.first_pending(self.db, source)
            if first is None:
                inbox_db.add_pending(self.db, source, self._now, o.retry)
            elif self._now - first > self.retry_window_s:
                o.problem = f"{o.retry}, still after {int(self.retry_window_s // 60)} minutes"
            if o.problem is None:
                report.retried.append((source, o.retry))
                return
        outcomes.settled.append((source,))
        if o.problem is not None:
            quarantine.put(self.db, source, o.problem, record_id=o.submission_id, fingerprint=fingerprint)
            report.quarantined.append((source, o.problem))
            outcome = "quarantined"
        else:
            outcomes.cleared.append((source,))
            outcome = "already" if o.already else "added"
            if o.already:
                report.unchanged += 1
        outcomes.seen.append((source, fingerprint, o.clip, outcome, o.submission_id))


@dataclass
class _Outcomes:
    """A batch's bookkeeping rows, written with one statement each instead of three per record."""

    settled: list[tuple[str]] = field(default_factory=list)
    """No longer waiting for its files: out of ``inbox_pending``."""
    cleared: list[tuple[str]] = field(default_factory=list)
    """Good now: out of the quarantine."""
    seen: list[inbox_db.SeenRow] = field(default_factory=list)

    def write(self, db: sqlite_utils.Database) -> None:
        inbox_db.settle(db, self.settled)
        quarantine.clear_many(db, self.cleared)
        inbox_db.mark_seen(db, self.seen)


def sync_inbox(
    db: sqlite_utils.Database,
    data_dir: Path,
    inbox: Path,
    *,
    retry_window_s: float = DEFAULT_RETRY_WINDOW_S,
    progress: Callable[[int, int], None] | None = None,
) -> SyncReport:
    if not inbox.is_dir():
        raise FileNotFoundError(f"inbox folder not found: {inbox}")
    report = InboxSync(db, data_dir, inbox, retry_window_s=retry_window_s, progress=progress).run()
    refresh_after_sync(db, len(report.added))
    log.info("inbox sync: %s", report.summary())
    return report
