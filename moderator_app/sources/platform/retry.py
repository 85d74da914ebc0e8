"""When and how long to wait before trying a platform call again.

Exponential backoff with full jitter (AWS architecture blog, "Exponential Backoff and Jitter"):
many desks retrying after the same outage spread out instead of hitting the platform in step.
The bases are parameters so tests run with millisecond delays.
"""

from __future__ import annotations

import email.utils
import math
import random
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC

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
