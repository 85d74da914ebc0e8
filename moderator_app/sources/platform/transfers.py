"""Clip downloads that survive flaky networks and restarts, and never leave a wrong file in place.

A clip is streamed into ``<dest>.part``; a dropped connection resumes with ``Range: bytes=N-``, and
so does a later call after the app was killed, because the ``.part`` stays on disk. Only bytes whose
size and sha256 match the record are fsynced and renamed into ``dest`` (atomic on one filesystem),
so the rest of the app sees either no file or the right one. Where ``dest`` lives and what it is
called is the caller's decision (built from a validated id, never from the platform's answer).
"""

from __future__ import annotations

import logging
import queue
import re
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import httpx

from moderator_app.base.limits import bounded, io_workers
from moderator_app.sources.platform.commit import GroupCommitter
from moderator_app.sources.platform.deadline import (
    DOWNLOAD_FLOOR_S,
    DOWNLOAD_MIN_RATE,
    deadline_scope,
    time_left,
)
from moderator_app.sources.platform.direct import DirectGetter, DirectTransportError
from moderator_app.sources.platform.errors import (
    AuthError,
    ChecksumError,
    DownloadCancelled,
    DownloadError,
    TlsError,
    TransientError,
)
from moderator_app.sources.platform.partfile import PartFile
from moderator_app.sources.platform.retry import (
    RETRYABLE_STATUSES,
    Retrier,
    Retry,
    RetryPolicy,
    parse_retry_after,
)
from moderator_app.sources.platform.transport import check_url, is_tls_failure, safe_url_text

log = logging.getLogger(__name__)

AuthHeaders = Callable[[httpx.URL], Mapping[str, str]]
"""Headers to send to a URL: the token for the platform's own origin, nothing for a CDN."""
Progress = Callable[[int], None]
"""Called with the number of bytes of the clip now in the ``.part`` (it drops back on a restart)."""
JobProgress = Callable[["DownloadJob", int], None]

_SHA256_RE = re.compile(r"[0-9a-f]{64}")
_CONTENT_RANGE_RE = re.compile(r"bytes\s+(\d+)-(\d+)/(\d+|\*)", re.ASCII)
MAX_REDIRECTS = 5
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_BODY_BUFFER = 1 << 20
"""Bytes hashed and written per step on a fast link: big enough that per-step Python is noise,
small enough to stay in cache between recv, sha256 and write."""

@dataclass(frozen=True, slots=True)
class DownloadJob:
    url: str
    dest: Path
    sha256: str
    size: int
    key: str = ""
    """The caller's handle for this job (e.g. the submission id), handed back in outcomes and progress."""


@dataclass(frozen=True, slots=True)
class DownloadOutcome:
    job: DownloadJob
    error: Exception | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


def _cause_name(exc: BaseException) -> str:
    """The network error's own name (``ReadTimeout``, ``IncompleteRead``...) for logs."""
    if isinstance(exc, DirectTransportError) and exc.__cause__ is not None:
        return type(exc.__cause__).__name__
    return type(exc).__name__


class _Answer(Protocol):
    """What the status checks need from an answer, whichever HTTP stack fetched it."""

    @property
    def status(self) -> int: ...

    def header(self, name: str) -> str | None: ...


class _HttpxAnswer:
    def __init__(self, response: httpx.Response) -> None:
        self.response = response
        self.status = response.status_code

    def header(self, name: str) -> str | None:
        value: str | None = self.response.headers.get(name)
        return value


class ClipDownloader:
    """Downloads clips through a shared httpx.Client (thread-safe), one thread per concurrent clip."""

    def __init__(
        self, client: httpx.Client, policy: RetryPolicy, auth_headers: AuthHeaders,
        direct: DirectGetter | None = None, *, floor_s: float = DOWNLOAD_FLOOR_S,
        min_rate: float = DOWNLOAD_MIN_RATE,
    ) -> None:
        """``direct``, when given, fetches clip bodies (see http_direct); otherwise ``client`` does.
        ``floor_s`` and ``min_rate`` set each download's deadline (see DOWNLOAD_FLOOR_S)."""
        if floor_s <= 0 or min_rate <= 0:
            raise ValueError("the download deadline needs a positive floor and rate")
        self._floor_s = floor_s
        self._min_rate = min_rate
        self._client = client
        self._policy = policy
        self._auth_headers = auth_headers
        self._direct = direct
        self._buffers = threading.local()

    def download(
        self,
        url: str,
        dest: Path,
        *,
        sha256: str,
        size: int,
        progress: Progress | None = None,
        cancel: threading.Event | None = None,
    ) -> None:
        self._commit(self._fetch_verified(url, dest, sha256, size, progress, cancel), dest)

    def _fetch_verified(
        self,
        url: str,
        dest: Path,
        sha256: str,
        size: int,
        progress: Progress | None,
        cancel: threading.Event | None,
    ) -> PartFile:
        """Fill the ``.part`` until it matches the record; returned open, not yet durable nor renamed."""
        target = check_url(url)
        expected = sha256.lower()
        if not _SHA256_RE.fullmatch(expected):
            raise ValueError("sha256 must be 64 hex digits")
        if size < 0:
            raise ValueError("size must be >= 0")
        dest.parent.mkdir(parents=True, exist_ok=True)
        part = PartFile(dest.with_name(dest.name + ".part"), size)
        try:
            self._fill_and_verify(target, part, expected, size, progress, cancel)
        except BaseException:
            part.close()
            if part.have == 0:  # nothing worth resuming: leave no empty .part behind
                part.path.unlink(missing_ok=True)
            raise
        return part

    @staticmethod
    def _commit(part: PartFile, dest: Path) -> None:
        try:
            part.commit(dest)
        finally:
            part.close()

    def _fill_and_verify(
        self,
        target: httpx.URL,
        part: PartFile,
        expected: str,
        size: int,
        progress: Progress | None,
        cancel: threading.Event | None,
    ) -> None:
        where = safe_url_text(target)
        resumed = part.have > 0
        if resumed:
            log.info("resuming %s at %d of %d bytes", where, part.have, size)
        allowed = self._floor_s + (size - part.have) / self._min_rate
        retrier = Retrier(self._policy, where, cancel=cancel, deadline=time.monotonic() + allowed)
        fetch_started_at = part.have

        def fetch() -> None:
            try:
                with deadline_scope(retrier.deadline):
                    self._fetch_once(target, part, size, progress, cancel)
            except Retry:
                if retrier.remaining() == 0:
                    raise TransientError(
                        f"{where}: not finished within its deadline of {allowed:.0f} s ({self._floor_s:g} s "
                        f"+ {size} bytes at {self._min_rate / 1024:g} KiB/s); the {part.have} bytes received "
                        "are kept and the next pass resumes from there"
                    ) from None
                raise

        def fill() -> None:
            """Fetch until the .part is whole; a 206 may legitimately cover less than asked, so only
            an answer that brought nothing counts as a failure."""
            nonlocal fetch_started_at
            while part.have < size:
                if cancel is not None and cancel.is_set():
                    raise DownloadCancelled(f"{where}: cancelled")
                fetch_started_at = part.have
                fetch()
                if part.have <= fetch_started_at and part.have < size:
                    raise Retry("short partial answer")
                retrier.failures = 0

        while True:
            retrier.run(fill, progressed=lambda: part.have > fetch_started_at)
            digest = part.hasher.hexdigest()
            if digest == expected:
                return
            if resumed:
                # The old .part may be what is wrong (written by another build, or the clip changed):
                # one clean download from byte 0 before blaming the server.
                log.warning("checksum mismatch after resuming %s; downloading it again from the start", where)
                resumed = False
                part.restart()
                continue
            part.discard()
            raise ChecksumError(
                f"{where}: sha256 mismatch over {size} bytes (expected {expected[:12]}…, got {digest[:12]}…)"
            )

    def _fetch_once(
        self,
        target: httpx.URL,
        part: PartFile,
        size: int,
        progress: Progress | None,
        cancel: threading.Event | None,
    ) -> None:
        url = target
        for _hop in range(MAX_REDIRECTS + 1):
            headers = dict(self._auth_headers(url))
            headers["Accept-Encoding"] = "identity"  # a Range must count the bytes we store
            if part.have:
                headers["Range"] = f"bytes={part.have}-"
            try:
                with self._get(url, headers) as (answer, body):
                    location = answer.header("location")
                    if answer.status in _REDIRECTS and location:
                        url = check_url(url.join(location))
                        continue
                    self._check_status(answer, url, part, size)
                    for chunk in body:
                        if cancel is not None and cancel.is_set():
                            raise DownloadCancelled(f"{safe_url_text(target)}: cancelled")
                        if part.have + len(chunk) > size:
                            part.discard()
                            raise ChecksumError(
                                f"{safe_url_text(target)}: the server sent more than the expected {size} bytes"
                            )
                        part.write(chunk)
                        if progress is not None:
                            progress(part.have)
                        left = time_left()
                        if left is not None and left <= 0:
                            raise Retry(f"deadline passed after {part.have} bytes")
                    if answer.status == 200 and part.have < size:
                        part.discard()
                        raise ChecksumError(
                            f"{safe_url_text(target)}: size mismatch, the server sent {part.have} bytes "
                            f"where the record says {size}"
                        )
                    return
            except (httpx.TransportError, DirectTransportError) as exc:
                if is_tls_failure(exc):
                    raise TlsError(f"{safe_url_text(url)}: the server certificate is not trusted") from None
                raise Retry(f"{_cause_name(exc)} after {part.have} bytes") from None
        raise DownloadError(f"{safe_url_text(target)}: more than {MAX_REDIRECTS} redirects")

    def _get(
        self, url: httpx.URL, headers: dict[str, str]
    ) -> AbstractContextManager[tuple[_Answer, Iterator[bytes | memoryview]]]:
        """One GET: its answer, and its body as pieces to consume before the next piece is asked for."""
        if self._direct is not None:
            return self._get_direct(self._direct, url, headers)
        return self._get_httpx(url, headers)

    @contextmanager
    def _get_direct(
        self, direct: DirectGetter, url: httpx.URL, headers: dict[str, str]
    ) -> Iterator[tuple[_Answer, Iterator[bytes | memoryview]]]:
        buffer: memoryview | None = getattr(self._buffers, "buffer", None)
        if buffer is None:  # one per download thread, reused for every clip it fetches
            buffer = self._buffers.buffer = memoryview(bytearray(_BODY_BUFFER))
        with direct.get(url, headers) as answer:
            yield answer, answer.pieces(buffer)

    @contextmanager
    def _get_httpx(
        self, url: httpx.URL, headers: dict[str, str]
    ) -> Iterator[tuple[_Answer, Iterator[bytes | memoryview]]]:
        with self._client.stream("GET", url, headers=headers) as response:
            yield _HttpxAnswer(response), response.iter_raw()

    def _check_status(self, response: _Answer, url: httpx.URL, part: PartFile, size: int) -> None:
        status = response.status
        where = safe_url_text(url)
        if status == 206:
            match = _CONTENT_RANGE_RE.fullmatch((response.header("content-range") or "").strip())
            if match is None or int(match.group(1)) != part.have:
                part.restart()
                raise Retry("partial answer does not start where the .part ends; restarting")
            total = match.group(3)
            if total != "*" and int(total) != size:
                part.discard()
                raise ChecksumError(f"{where}: size mismatch, the server has {total} bytes, the record {size}")
            return
        if status == 200:
            if part.have:
                log.info("%s: the server ignored the Range; downloading from the start", where)
                part.restart()
            length = response.header("content-length")
            if length is not None and length.isdigit() and int(length) != size:
                part.discard()
                raise ChecksumError(f"{where}: size mismatch, the server has {length} bytes, the record {size}")
            return
        if status == 416:
            part.restart()
            raise Retry("the server refused the Range (416); restarting")
        if status == 401:
            raise AuthError(f"GET {where}: the platform refused the token (401)")
        if status in RETRYABLE_STATUSES:
            raise Retry(f"HTTP {status}", parse_retry_after(response.header("retry-after")))
        raise DownloadError(f"GET {where}: HTTP {status}")

    def download_many(
        self,
        jobs: Iterable[DownloadJob],
        *,
        workers: int = 4,
        progress: JobProgress | None = None,
        cancel: threading.Event | None = None,
    ) -> list[DownloadOutcome]:
        """Run jobs on ``workers`` threads; every job gets an outcome, in the order given.

        A failing job never stops the others; a job whose ``dest`` repeats an earlier job's is
        refused (two writers on one ``.part``). See ``iter_downloads`` for how the work flows.
        """
        job_list = list(jobs)
        outcomes: list[DownloadOutcome | None] = [None] * len(job_list)
        for item in self._run_jobs(job_list, workers, progress, cancel, None, None):
            if item is not None:
                outcomes[item[0]] = item[1]
        return [o for o in outcomes if o is not None]

    def iter_downloads(
        self,
        jobs: Iterable[DownloadJob],
        *,
        workers: int = 4,
        progress: JobProgress | None = None,
        cancel: threading.Event | None = None,
        hold: threading.Event | None = None,
        idle_s: float | None = None,
    ) -> Iterator[DownloadOutcome | None]:
        """Yield one outcome per job as soon as that job is durable (or failed): completion order.

        The ``workers`` threads start the next job the moment one finishes, so a slow clip holds up
        only its own thread, never a whole batch; what the caller does with an outcome (decode check,
        placement) overlaps the downloads still running. Verified parts are made durable and renamed
        in batches by one GroupCommitter thread (one round of fsyncs for all the clips verified
        meanwhile), so a worker starts its next download instead of waiting for the disk.
        ``progress`` is called from the worker threads. ``cancel`` stops every download, running
        ones included; ``hold`` only keeps jobs from starting (the running ones finish): their
        outcome is a DownloadCancelled ``"not started"``. Leaving the loop early waits for the
        running downloads (queued ones never start): set ``cancel`` first to make that quick. With
        ``idle_s``, a None comes whenever that long passed without an outcome, so the caller's
        periodic work (placing what is checked while a slow clip is still on its way) goes on.
        """
        for item in self._run_jobs(list(jobs), workers, progress, cancel, hold, idle_s):
            yield None if item is None else item[1]

    def _run_jobs(
        self,
        job_list: list[DownloadJob],
        workers: int,
        progress: JobProgress | None,
        cancel: threading.Event | None,
        hold: threading.Event | None,
        idle_s: float | None,
    ) -> Iterator[tuple[int, DownloadOutcome] | None]:
        """``iter_downloads`` with each outcome's index in ``job_list``."""
        seen: set[Path] = set()
        done: queue.SimpleQueue[tuple[int, DownloadOutcome]] = queue.SimpleQueue()
        workers = bounded(workers, io_workers())
        committer = GroupCommitter()

        def run(index: int, job: DownloadJob) -> None:
            if (hold is not None and hold.is_set()) or (cancel is not None and cancel.is_set()):
                done.put((index, DownloadOutcome(job, DownloadCancelled(f"{job.key or job.dest.name}: not started"))))
                return

            def report(have: int) -> None:
                if progress is not None:
                    progress(job, have)

            try:
                part = self._fetch_verified(job.url, job.dest, job.sha256, job.size, report, cancel)
                committed = committer.submit(part.seal(), job.dest)
            except Exception as exc:  # noqa: BLE001 - one job's failure must not stop the rest
                done.put((index, DownloadOutcome(job, exc)))
                return

            def durable(future: Future[None]) -> None:
                error = future.exception()
                done.put((index, DownloadOutcome(job, error if isinstance(error, Exception) else None)))

            committed.add_done_callback(durable)

        pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="clip-download")
        try:
            for index, job in enumerate(job_list):
                resolved = job.dest.resolve()
                if resolved in seen:
                    done.put((index, DownloadOutcome(job, ValueError("another job already writes this destination"))))
                else:
                    seen.add(resolved)
                    pool.submit(run, index, job)
            remaining = len(job_list)
            while remaining:
                try:
                    item = done.get(timeout=idle_s)
                except queue.Empty:
                    yield None
                    continue
                remaining -= 1
                yield item
        finally:
            pool.shutdown(wait=True, cancel_futures=True)  # left early: queued jobs never start
            committer.close()
