"""When and how long to wait before trying a platform call again, and the one loop that does it.

Exponential backoff with full jitter (AWS architecture blog, "Exponential Backoff and Jitter"):
many desks retrying after the same outage spread out instead of hitting the platform in step.
The bases are parameters so tests run with millisecond delays.

API calls (client.py) and clip downloads (transfers.py) both retry through ``Retrier``: one place
decides how many failures are too many, how a ``Retry-After`` is honoured, and how a deadline
(quitting) or a cancel cuts the waiting short.
"""

from __future__ import annotations

import email.utils
import logging
import math
import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC
from typing import TypeVar

from moderator_app.sources.platform.errors import DownloadCancelled, TransientError

log = logging.getLogger(__name__)
T = TypeVar("T")

RETRYABLE_STATUSES = frozenset({429, 500, 502, 503, 504})


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    max_retries: int = 5
    """Retries after the first attempt; 0 means a single attempt."""
    base_s: float = 0.5
    cap_s: float = 30.0
    max_retry_after_s: float = 300.0
    """A 429 asking for a longer wait than this is not waited out: the caller gets a TransientError."""
    rng: random.Random = field(default_factory=random.Random, compare=False, repr=False)

    def backoff_s(self, retry: int) -> float:
        """Delay before retry number ``retry`` (0-based): uniform in [0, min(cap, base * 2**retry)]."""
        ceiling = min(self.cap_s, self.base_s * (2.0 ** min(retry, 62)))
        return self.rng.uniform(0.0, ceiling)


def parse_retry_after(value: str | None, *, now: float | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (delta-seconds or HTTP-date); None if unusable."""
    if value is None:
        return None
    text = value.strip()
    if not text:
        return None
    try:
        seconds = float(text)
    except ValueError:
        try:
            when = email.utils.parsedate_to_datetime(text)
        except (TypeError, ValueError):
            return None
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        reference = now if now is not None else time.time()
        seconds = when.timestamp() - reference
    if not math.isfinite(seconds):
        return None
    return max(0.0, seconds)


def sleep_s(seconds: float, cancel: threading.Event | None) -> bool:
    """Wait, waking early if ``cancel`` is set; returns True when cancelled."""
    if cancel is None:
        time.sleep(seconds)
        return False
    return cancel.wait(seconds)


class Retry(Exception):
    """One attempt failed in a way a later attempt may fix (network error, 5xx, 429, short answer)."""

    def __init__(self, reason: str, retry_after: float | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.retry_after = retry_after


class Retrier:
    """The retry loop of every platform call: attempts until one succeeds or waiting cannot help.

    ``what`` names the call in messages (never a token or a signed query string). ``cancel`` wakes a
    wait early and ends the loop with DownloadCancelled. ``deadline`` (a ``time.monotonic()`` value)
    ends the loop with TransientError rather than wait past it; ``remaining()`` tells an attempt how
    long its own timeouts may be. ``failures`` persists across ``run`` calls on one Retrier, so a
    caller that loops around ``run`` (a download re-verified after a restart) keeps one count.
    """

    def __init__(
        self,
        policy: RetryPolicy,
        what: str,
        *,
        cancel: threading.Event | None = None,
        deadline: float | None = None,
    ) -> None:
        self.policy = policy
        self.what = what
        self.cancel = cancel
        self.deadline = deadline
        self.failures = 0

    def remaining(self) -> float | None:
        """Seconds left before the deadline (never below 0), or None without one."""
        if self.deadline is None:
            return None
        return max(0.0, self.deadline - time.monotonic())

    def run(self, attempt: Callable[[], T], *, progressed: Callable[[], bool] | None = None) -> T:
        """Call ``attempt`` until it returns; it raises Retry for a failure worth another try.

        ``progressed``: asked after a failed attempt; True (a download got further) resets the count,
        so a link that drops every few megabytes still finishes a long clip.
        """
        while True:
            if self.cancel is not None and self.cancel.is_set():
                raise DownloadCancelled(f"{self.what}: cancelled")
            try:
                return attempt()
            except Retry as retry:
                self.failures = 0 if progressed is not None and progressed() else self.failures + 1
                self.wait(retry)

    def wait(self, retry: Retry) -> None:
        """Sleep before the next attempt, or raise TransientError when waiting cannot help."""
        failures = self.failures
        if failures > self.policy.max_retries:
            raise TransientError(
                f"{self.what}: {retry.reason}; gave up after {failures} failed attempts",
                retry_after=retry.retry_after,
            )
        if retry.retry_after is not None:
            if retry.retry_after > self.policy.max_retry_after_s:
                raise TransientError(
                    f"{self.what}: {retry.reason}; asked to wait {retry.retry_after:.0f} s",
                    retry_after=retry.retry_after,
                )
            delay = retry.retry_after
        else:
            delay = self.policy.backoff_s(max(0, failures - 1))
        left = self.remaining()
        if left is not None and delay >= left:
            raise TransientError(f"{self.what}: {retry.reason}; no time left to retry",
                                 retry_after=retry.retry_after)
        if failures:
            log.warning("%s: %s; retry %d/%d in %.2f s", self.what, retry.reason, failures,
                        self.policy.max_retries, delay)
        else:
            log.info("%s: %s; resuming in %.2f s", self.what, retry.reason, delay)
        if sleep_s(delay, self.cancel):
            raise DownloadCancelled(f"{self.what}: cancelled")
