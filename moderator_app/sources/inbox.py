"""Contract 1: pull submissions from an inbox folder into the cache.

Why it is shaped like this:
- idempotent and cheap the second time: each record file is fingerprinted (size, mtime of the
  record and of its clip) in ``inbox_seen``; an unchanged record is skipped without being read;
- nothing half-done survives a kill: a clip is copied to a temp file in the cache, hashed while
  copied, decoded, fsynced and renamed; its row is committed only after that, in batches, so a
  crash leaves either nothing or a whole file (re-used on the next run) and no half row;
- one bad record never stops the others: every failure becomes a quarantine row with a reason;
- files still arriving are retried, not quarantined, until the retry window has passed.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import logging
import os
import secrets
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import sqlite_utils

from moderator_app.db import quarantine
from moderator_app.db.connection import CLIPS_DIR
from moderator_app.db.migrations import transaction
from moderator_app.db.submissions import CachedClip, existing_ids, insert_submissions
from moderator_app.models import Submission
from moderator_app.sources.cliptest import ClipError, verify_clip
from moderator_app.sources.record import RecordError, load_record_file

log = logging.getLogger(__name__)

SETTLE_S = 2.0
"""A file modified this recently may still be being written by a sync client."""
DEFAULT_RETRY_WINDOW_S = 3600.0
BATCH = 500
COPY_CHUNK = 1 << 20


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


class SyncBusy(RuntimeError):
    """Another sync holds the cache's sync lock."""


def display_name(name: str) -> str:
    """A file name as text that is safe to store and show (undecodable bytes escaped)."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def source_label(name: str) -> str:
    return "inbox/" + display_name(name)


@dataclass
class _Outcome:
    source: str
    fingerprint: str
    clip: str | None = None
    submission: Submission | None = None
    cached: CachedClip | None = None
    retry: str | None = None
    problem: str | None = None
    already: bool = False
    tmp: Path | None = None
    """The verified clip, fsynced in the cache under a temp name until its row is committed."""


@contextlib.contextmanager
def sync_lock(data_dir: Path, *, wait: bool = True) -> Iterator[None]:
    """Serialise syncs of one cache (app and CLI may both run one)."""
    path = data_dir / "sync.lock"
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError as exc:
            raise SyncBusy("another sync is running on this cache") from exc
        yield
    finally:
        os.close(fd)


def _stat_fingerprint(st: os.stat_result) -> str:
    return f"{st.st_size}:{st.st_mtime_ns}"


def _clip_extension(container: str) -> str:
    """Cache file extension from what the decoder found, never from the input name."""
    c = container.lower()
    if "webm" in c or "matroska" in c:
        return ".webm" if "webm" in c else ".mkv"
    if "3gp" in c:
        return ".3gp"
    if "mp4" in c or "mov" in c:
        return ".mp4"
    return ".clip"


def _copy_hashed(src: Path, dst: Path) -> tuple[str, int]:
    digest = hashlib.sha256()
    size = 0
    with open(src, "rb") as fin, open(dst, "xb") as fout:
        while chunk := fin.read(COPY_CHUNK):
            digest.update(chunk)
            fout.write(chunk)
            size += len(chunk)
        fout.flush()
        os.fsync(fout.fileno())
    return digest.hexdigest(), size


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


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
    ) -> None:
        self.db = db
        self.clips_dir = data_dir / CLIPS_DIR
        self.data_dir = data_dir
        self.inbox = inbox
        self.retry_window_s = retry_window_s
        self.workers = workers or min(8, (os.cpu_count() or 2) * 2)
        self.progress = progress
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

    # -- one record (runs in a worker thread; touches files, never the database) ----------------

    def _prepare(self, name: str, st: os.stat_result, files: dict[str, os.stat_result], known: dict[str, str]) -> _Outcome:
        source = source_label(name)
        fresh = self._now - st.st_mtime < SETTLE_S
        try:
            sub = load_record_file(self.inbox / name)
        except OSError as exc:  # vanished or unreadable between scan and read: a sync client at work
            return _Outcome(source, "", retry=f"record could not be read ({exc.strerror or type(exc).__name__})")
        except RecordError as exc:
            out = _Outcome(source, self._fingerprint(st, None, files))
            if fresh:
                out.retry = "record is still being written"
            else:
                out.problem = exc.reason
            return out
        clip = sub.clip_name
        assert clip is not None  # the folder contract requires it
        out = _Outcome(source, self._fingerprint(st, clip, files), clip=clip, submission=sub)
        if sub.id in known:
            if sub.clip_sha256 is not None and known[sub.id] and sub.clip_sha256 != known[sub.id]:
                out.problem = "id is already in the cache with a different clip"
            else:
                out.already = True
            return out
        clip_st = files.get(clip)
        if clip_st is None:
            out.retry = "clip has not arrived yet"
            return out
        if sub.clip_size is not None and clip_st.st_size < sub.clip_size:
            out.retry = f"clip is still arriving ({clip_st.st_size} of {sub.clip_size} bytes)"
            return out
        if sub.clip_size is None and self._now - clip_st.st_mtime < SETTLE_S:
            # without a declared size, a just-modified file may still be growing
            out.retry = "clip is still being written"
            return out
        tmp = self.clips_dir / f".{sub.id}.{secrets.token_hex(4)}.tmp"
        keep = False
        try:
            try:
                sha, size = _copy_hashed(self.inbox / clip, tmp)
            except OSError as exc:
                out.retry = f"clip could not be read ({exc.strerror or type(exc).__name__})"
                return out
            if sub.clip_size is not None and size != sub.clip_size:
                out.problem = f"clip size is {size} bytes, the record says {sub.clip_size}"
                return out
            if sub.clip_sha256 is not None and sha != sub.clip_sha256:
                out.problem = "clip checksum does not match clip_sha256 (corrupted or replaced file)"
                return out
            if size == 0:
                out.problem = "clip file is empty"
                return out
            try:
                probe = verify_clip(tmp)
            except ClipError as exc:
                out.problem = f"clip is not a readable video: {exc.reason}"
                return out
            final = sub.id + _clip_extension(probe.container)
            out.cached = CachedClip(file=final, sha256=sha, size=size, probe=probe)
            out.tmp = tmp
            keep = True
            return out
        finally:
            if not keep:
                with contextlib.suppress(FileNotFoundError):
                    tmp.unlink()

    # -- the pass --------------------------------------------------------------------------------

    def _sweep_temp_files(self) -> None:
        """Temp files left by a sync that was killed: never visible, safe to drop under the lock."""
        for path in self.clips_dir.glob(".*.tmp"):
            with contextlib.suppress(OSError):
                path.unlink()

    def run(self) -> SyncReport:
        with sync_lock(self.data_dir):
            self._sweep_temp_files()
            return self._run()

    def _run(self) -> SyncReport:
        report = SyncReport()
        self._now = time.time()
        records, files = self._scan()
        seen = {
            r[0]: (r[1], r[2])
            for r in self.db.execute("SELECT source, fingerprint, clip FROM inbox_seen").fetchall()
        }
        todo: list[tuple[str, os.stat_result]] = []
        for name, st in records:
            prior = seen.get(source_label(name))
            if prior is not None and prior[0] == self._fingerprint(st, prior[1], files):
                report.unchanged += 1
            else:
                todo.append((name, st))
        if not todo:
            return report
        known = self._known_ids()
        claimed: dict[str, str] = {}
        pending: list[_Outcome] = []
        done = 0
        with ThreadPoolExecutor(self.workers, thread_name_prefix="inbox") as pool:
            for out in pool.map(lambda rec: self._prepare(rec[0], rec[1], files, known), todo):
                if out.submission is not None and out.cached is not None:
                    sha = claimed.get(out.submission.id)
                    if sha is not None:
                        # the same id twice in one pass: a re-send if the clip is the same, else refused
                        same = sha == out.cached.sha256
                        self._drop_tmp(out)
                        if same:
                            out.already = True
                        else:
                            out.problem = "another record in the inbox has the same id and a different clip"
                    else:
                        claimed[out.submission.id] = out.cached.sha256
                pending.append(out)
                done += 1
                if len(pending) >= BATCH:
                    self._commit(pending, report)
                    pending = []
                if self.progress:
                    self.progress(done, len(todo))
        self._commit(pending, report)
        return report

    def _known_ids(self) -> dict[str, str]:
        return {r[0]: r[1] for r in self.db.execute(
            "SELECT s.id, COALESCE(c.sha256, '') FROM submissions s LEFT JOIN clips c ON c.submission_id = s.id"
        ).fetchall()}

    @staticmethod
    def _drop_tmp(o: _Outcome) -> None:
        if o.tmp is not None:
            with contextlib.suppress(FileNotFoundError):
                o.tmp.unlink()
        o.tmp = None
        o.cached = None

    def _commit(self, batch: list[_Outcome], report: SyncReport) -> None:
        """Place the batch's clips, then commit its rows in one transaction (files first, rows after)."""
        if not batch:
            return
        ready = [o for o in batch if o.submission and o.cached and o.tmp and not o.problem]
        with transaction(self.db):
            # a concurrent writer (the same id through another source) may have won meanwhile
            taken = existing_ids(self.db, [o.submission.id for o in ready if o.submission])
            fresh: list[tuple[Submission, CachedClip, str]] = []
            for o in ready:
                assert o.submission is not None and o.cached is not None and o.tmp is not None
                if o.submission.id in taken:
                    self._drop_tmp(o)
                    o.already = True
                    continue
                os.replace(o.tmp, self.clips_dir / o.cached.file)
                o.tmp = None
                fresh.append((o.submission, o.cached, o.source))
            _fsync_dir(self.clips_dir)
            insert_submissions(self.db, fresh)
            report.added.extend(s.id for s, _, _ in fresh)
            for o in batch:
                self._record_outcome(o, report)

    def _record_outcome(self, o: _Outcome, report: SyncReport) -> None:
        if o.retry is not None:
            first = self.db.execute("SELECT first_seen FROM inbox_pending WHERE source = ?", [o.source]).fetchone()
            if first is None:
                self.db.execute(
                    "INSERT INTO inbox_pending (source, first_seen, reason) VALUES (?, ?, ?)",
                    [o.source, str(self._now), o.retry],
                )
            elif self._now - float(first[0]) > self.retry_window_s:
                o.problem = f"{o.retry}, still after {int(self.retry_window_s // 60)} minutes"
            if o.problem is None:
                report.retried.append((o.source, o.retry))
                return
        self.db.execute("DELETE FROM inbox_pending WHERE source = ?", [o.source])
        if o.problem is not None:
            record_id = o.submission.id if o.submission else None
            quarantine.put(self.db, o.source, o.problem, record_id=record_id, fingerprint=o.fingerprint)
            report.quarantined.append((o.source, o.problem))
            outcome = "quarantined"
        else:
            quarantine.clear(self.db, o.source)
            outcome = "already" if o.already else "added"
            if o.already:
                report.unchanged += 1
        self.db.execute(
            "INSERT OR REPLACE INTO inbox_seen (source, fingerprint, clip, outcome, submission_id)"
            " VALUES (?, ?, ?, ?, ?)",
            [o.source, o.fingerprint, o.clip, outcome, o.submission.id if o.submission else None],
        )


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
    log.info("inbox sync: %s", report.summary())
    return report
