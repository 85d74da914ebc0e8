"""Client for the platform's HTTP API (docs/queue-contract.md, contract 2).

Network only: it returns raw record dicts and typed results, and leaves validation
(``record.parse_record(contract="http")``), storage and file naming to the sync. Every call is
retried on network errors, timeouts, 5xx and 429 (honouring ``Retry-After``) with capped,
jittered backoff; claims, releases and decisions are safe to repeat (the platform renews a
moderator's own lease and answers a repeated idempotency_key unchanged).
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any, Self

import httpx

from moderator_app.sources.platform.deadline import DOWNLOAD_FLOOR_S, DOWNLOAD_MIN_RATE, deadline_scope
from moderator_app.sources.platform.direct import DirectGetter
from moderator_app.sources.platform.errors import (
    AnswerTooLarge,
    AuthError,
    ChecksumError,
    DownloadCancelled,
    DownloadError,
    ListingStopped,
    PlatformError,
    ProtocolError,
    RequestRejected,
    TlsError,
    TransientError,
)
from moderator_app.sources.platform.retry import (
    RETRYABLE_STATUSES,
    Retrier,
    Retry,
    RetryPolicy,
    parse_retry_after,
)
from moderator_app.sources.platform.transfers import (
    ClipDownloader,
    DownloadJob,
    DownloadOutcome,
    JobProgress,
    Progress,
)
from moderator_app.sources.platform.transport import (
    Secret,
    build_client,
    check_base_url,
    error_code,
    is_tls_failure,
    json_object,
    same_origin,
    tls_context,
)

__all__ = [
    "AnswerTooLarge", "AuthError", "ChecksumError", "ClaimResult", "DecisionResult", "DownloadCancelled", "DownloadError",
    "DownloadJob", "DownloadOutcome", "ListingStopped", "PlatformClient", "PlatformError", "ProtocolError",
    "RequestRejected", "RetryPolicy", "TlsError", "TransientError",
]

MAX_PAGE = 500
MAX_PAGES = 200
"""Pages one listing pass follows at most (100,000 records at 500 a page): an endless chain of
distinct cursors ends here; the records listed so far are kept and the next pass lists again."""
MAX_LIST_BYTES = 4 * 1024 * 1024
"""A listing page's body is read this far at most. 500 records of the contract are ~0.5 MB; the cap
leaves 8 KB a record, and bounds what ``json.loads`` can build (a crafted page of ``[[],[],...]``
becomes about 20 bytes of Python objects per byte: ~80 MB at this cap)."""
MAX_ANSWER_BYTES = 256 * 1024
"""Any other API answer (claim, release, decision: one small object) is read this far at most."""
CALL_DEADLINE_S = 120.0
"""An API call, its retries and their waits included, ends by this many seconds (TransientError):
a server that drips one byte every few seconds, or answers 429 again and again, cannot hold it."""
_ID_RE = re.compile(r"[A-Za-z0-9_-]{1,64}", re.ASCII)


@dataclass(frozen=True, slots=True)
class ClaimResult:
    ok: bool
    lease_until: str | None = None
    claimed_by: str | None = None
    """Who holds the lease when ``ok`` is False because another moderator claimed it."""
    decision: dict[str, Any] | None = None
    """The decision already taken, when ``ok`` is False because the submission is decided."""


@dataclass(frozen=True, slots=True)
class DecisionResult:
    ok: bool
    decision: dict[str, Any]
    """Ours as the platform stored it when ``ok``; otherwise the other moderator's decision."""


class PlatformClient:
    """One client per desk; thread-safe (httpx.Client is), so downloads run on a pool."""

    def __init__(
        self,
        base_url: str,
        token: str,
        *,
        ca_bundle: Path | None = None,
        timeout: float = 30.0,
        connect_timeout: float = 10.0,
        max_retries: int = 5,
        backoff_base_s: float = 0.5,
        backoff_cap_s: float = 30.0,
        max_retry_after_s: float = 300.0,
        max_connections: int = 8,
        proxy: str | None = None,
        call_deadline_s: float = CALL_DEADLINE_S,
        download_floor_s: float = DOWNLOAD_FLOOR_S,
        download_min_rate: float = DOWNLOAD_MIN_RATE,
    ) -> None:
        """``base_url`` with credentials, a query or a fragment is refused (ValueError saying why):
        the token goes in ``token``. ``call_deadline_s`` bounds each API call in all; a download
        gets ``download_floor_s`` plus its missing bytes at ``download_min_rate`` bytes/s."""
        self._base = check_base_url(base_url.rstrip("/") + "/")
        self._call_deadline_s = call_deadline_s
        self._token = Secret(token)
        self._policy = RetryPolicy(
            max_retries=max_retries, base_s=backoff_base_s, cap_s=backoff_cap_s,
            max_retry_after_s=max_retry_after_s,
        )
        timeouts = httpx.Timeout(timeout, connect=connect_timeout)
        context = tls_context(ca_bundle)
        self._http = build_client(context, timeouts, max_connections, proxy)
        # Clip bodies skip httpx's per-piece copies (see http_direct); through a proxy they stay on httpx.
        self._direct = None if proxy is not None else DirectGetter(
            context, connect_timeout=connect_timeout, read_timeout=timeout, max_idle=max_connections,
        )
        self._downloader = ClipDownloader(self._http, self._policy, self._auth_headers, self._direct,
                                          floor_s=download_floor_s, min_rate=download_min_rate)

    def __repr__(self) -> str:
        return f"PlatformClient({str(self._base)!r})"

    def close(self) -> None:
        self._http.close()
        if self._direct is not None:
            self._direct.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    # -- the queue ---------------------------------------------------------------------------

    def iter_queued(self, limit: int = MAX_PAGE, *, max_pages: int = MAX_PAGES) -> Iterator[list[dict[str, Any]]]:
        """Yield the queued records page by page, following the opaque cursor until ``next`` is null.

        Raises ListingStopped (after yielding the pages before it) when ``next`` repeats a cursor of
        this pass or ``max_pages`` pages went by: a broken or hostile platform cannot list for ever.
        """
        if not 1 <= limit <= MAX_PAGE:
            raise ValueError(f"limit must be 1..{MAX_PAGE}")
        cursor: str | None = None
        seen: set[str] = set()
        pages = 0
        while True:
            if pages >= max_pages:
                raise ListingStopped(f"GET /v1/submissions: stopped after {max_pages} pages (the most one pass "
                                     "lists); the records listed so far are kept")
            params: dict[str, str | int] = {"status": "queued", "limit": limit}
            if cursor is not None:
                params["after"] = cursor
            _, body = self._call("GET", "v1/submissions", params=params, cap=MAX_LIST_BYTES)
            pages += 1
            items = body.get("items")
            nxt = body.get("next")
            if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
                raise ProtocolError("GET /v1/submissions: 'items' is not a list of objects")
            if nxt is not None and not isinstance(nxt, str):
                raise ProtocolError("GET /v1/submissions: 'next' is neither a string nor null")
            yield items
            if nxt is None:
                return
            if nxt in seen:
                raise ListingStopped("GET /v1/submissions: the 'next' cursor came back to an earlier page; "
                                     "the records listed so far are kept")
            if len(nxt) > 4096:
                raise ListingStopped("GET /v1/submissions: the 'next' cursor is longer than 4096 characters")
            seen.add(nxt)
            cursor = nxt

    def claim(self, submission_id: str, moderator: str, lease_s: int = 900) -> ClaimResult:
        """Take (or renew) the lease; ``ok=False`` says who holds it instead."""
        status, body = self._call(
            "POST", f"v1/submissions/{_checked_id(submission_id)}/claim",
            json={"moderator": moderator, "lease_s": lease_s}, conflict_ok=True,
        )
        if status == 409:
            by = body.get("by")
            decision = body.get("decision")
            if isinstance(by, str):
                return ClaimResult(ok=False, claimed_by=by)
            if isinstance(decision, dict):
                return ClaimResult(ok=False, decision=decision)
            raise ProtocolError("POST claim: 409 without 'by' or 'decision'")
        lease_until = body.get("lease_until")
        if not isinstance(lease_until, str):
            raise ProtocolError("POST claim: answer has no 'lease_until'")
        return ClaimResult(ok=True, lease_until=lease_until)

    def release(self, submission_id: str, moderator: str, *, deadline: float | None = None) -> None:
        """Give a lease back. ``deadline`` (a ``time.monotonic()`` value): neither a timeout nor a retry
        runs past it (quitting offline must not hang); past it the call raises TransientError."""
        self._call("POST", f"v1/submissions/{_checked_id(submission_id)}/release", json={"moderator": moderator},
                   deadline=deadline)

    def post_decision(self, submission_id: str, payload: Mapping[str, Any]) -> DecisionResult:
        """Send a decision; the payload's idempotency_key makes a repeat after a lost answer harmless."""
        if not isinstance(payload.get("idempotency_key"), str) or not payload["idempotency_key"]:
            raise ValueError("a decision needs an idempotency_key")
        status, body = self._call(
            "POST", f"v1/submissions/{_checked_id(submission_id)}/decision", json=dict(payload),
            conflict_ok=True,
        )
        decision = body.get("decision")
        if status == 409:
            if not isinstance(decision, dict):
                raise ProtocolError("POST decision: 409 without the other 'decision'")
            return DecisionResult(ok=False, decision=decision)
        return DecisionResult(ok=True, decision=decision if isinstance(decision, dict) else dict(payload))

    def notify(self, submission_id: str, payload: Mapping[str, Any]) -> None:
        """Ask the platform to tell the sender when their message airs (it holds the consented contact).

        ``payload``: slot_id, channel, programme, air_at (UTC ISO 8601), language, idempotency_key; the key
        makes a repeat harmless (the platform answers 200 and sends nothing). 404 raises RequestRejected
        (status 404): the platform does not know the submission."""
        if not isinstance(payload.get("idempotency_key"), str) or not payload["idempotency_key"]:
            raise ValueError("a notification needs an idempotency_key")
        self._call("POST", f"v1/submissions/{_checked_id(submission_id)}/notification", json=dict(payload))

    # -- clips -------------------------------------------------------------------------------

    def download_clip(
        self,
        url: str,
        dest: Path,
        *,
        sha256: str,
        size: int,
        progress: Progress | None = None,
        cancel: threading.Event | None = None,
    ) -> None:
        """Download into ``dest`` via ``dest.part`` (resumable, verified, fsynced, renamed atomically)."""
        self._downloader.download(url, dest, sha256=sha256, size=size, progress=progress, cancel=cancel)

    def download_many(
        self,
        jobs: Iterable[DownloadJob],
        *,
        workers: int = 4,
        progress: JobProgress | None = None,
        cancel: threading.Event | None = None,
    ) -> list[DownloadOutcome]:
        """Download on ``workers`` threads; one outcome per job, in order, failures included."""
        return self._downloader.download_many(jobs, workers=workers, progress=progress, cancel=cancel)

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
        """Download on ``workers`` threads; yield each job's outcome as soon as it is durable or failed.
        ``hold`` keeps the jobs not started yet from starting (outcome: DownloadCancelled); with
        ``idle_s``, None is yielded after that long without an outcome."""
        return self._downloader.iter_downloads(jobs, workers=workers, progress=progress, cancel=cancel,
                                               hold=hold, idle_s=idle_s)

    # -- plumbing ----------------------------------------------------------------------------

    def _auth_headers(self, url: httpx.URL) -> dict[str, str]:
        """The token goes to the platform's origin only, never to a CDN named in a clip URL."""
        if same_origin(url, self._base):
            return {"Authorization": f"Bearer {self._token.reveal()}"}
        return {}

    def _call(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, str | int] | None = None,
        json: Mapping[str, Any] | None = None,
        conflict_ok: bool = False,
        deadline: float | None = None,
        cap: int = MAX_ANSWER_BYTES,
    ) -> tuple[int, dict[str, Any]]:
        """One API call through the shared retry loop, within ``call_deadline_s`` (or the earlier
        ``deadline``, monotonic); its answer is streamed and refused past ``cap`` bytes."""
        url = self._base.join(path)
        what = f"{method} /{path}"
        own = time.monotonic() + self._call_deadline_s
        retrier = Retrier(self._policy, what, deadline=own if deadline is None else min(deadline, own))
        headers = {**self._auth_headers(url), "Accept-Encoding": "identity"}

        def attempt() -> tuple[int, dict[str, Any]]:
            left = retrier.remaining()
            timeout = self._http.timeout if left is None else self._capped_timeout(left)
            try:
                with deadline_scope(retrier.deadline), self._http.stream(
                    method, url, params=params, json=json, headers=headers, timeout=timeout,
                ) as response:
                    return answer(response)
            except httpx.TransportError as exc:
                if is_tls_failure(exc):
                    raise TlsError(f"{what}: the server certificate is not trusted") from None
                if retrier.remaining() == 0:
                    raise Retry(f"{type(exc).__name__}: over the call's deadline of {self._call_deadline_s:g} s") \
                        from None
                raise Retry(type(exc).__name__) from None

        def answer(response: httpx.Response) -> tuple[int, dict[str, Any]]:
            status = response.status_code
            if status == 200 or (status == 409 and conflict_ok):
                return status, json_object(response, what, cap)
            if status == 401:
                raise AuthError(f"{what}: the platform refused the token (401)")
            if status not in RETRYABLE_STATUSES:
                code = error_code(response)
                raise RequestRejected(f"{what}: HTTP {status} ({code or 'no error code'})",
                                      status=status, error=code)
            retry_after = parse_retry_after(response.headers.get("retry-after")) if status == 429 else None
            raise Retry(f"HTTP {status}", retry_after)

        return retrier.run(attempt)

    def _capped_timeout(self, left: float) -> httpx.Timeout:
        """The client's timeouts, none longer than what is ``left`` before a deadline (at least 1 ms)."""
        base = self._http.timeout
        cap = max(left, 0.001)

        def capped(value: float | None) -> float:
            return cap if value is None else min(value, cap)

        return httpx.Timeout(connect=capped(base.connect), read=capped(base.read), write=capped(base.write),
                             pool=capped(base.pool))


def _checked_id(submission_id: str) -> str:
    """Ids go into URL paths: the contract's character rule keeps them from becoming ``../``."""
    if not _ID_RE.fullmatch(submission_id):
        raise ValueError("not a valid submission id")
    return submission_id
