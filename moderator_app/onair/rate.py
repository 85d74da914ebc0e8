"""A token bucket: at most ``rate`` messages a second on average, ``burst`` at once.

Relays throttle or blacklist a sender that floods them; the bucket keeps a run under the agency's limit.
``rate`` 0 (or less) turns it off. The clock and the sleep are parameters so tests need not wait.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable


class TokenBucket:
    def __init__(self, rate: float, burst: int = 1, *, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.rate = float(rate)
        self.burst = max(1, int(burst))
        self._tokens = float(self.burst)
        self._clock, self._sleep = clock, sleep
        self._last = clock()
        self._lock = threading.Lock()

    @property
    def enabled(self) -> bool:
        return self.rate > 0

    def acquire(self, cancel: threading.Event | None = None) -> bool:
        """Take one token, waiting as long as needed; False when ``cancel`` was set while waiting."""
        if not self.enabled:
            return True
        while True:
            with self._lock:
                now = self._clock()
                self._tokens = min(float(self.burst), self._tokens + (now - self._last) * self.rate)
                self._last = now
                if self._tokens >= 1.0 - 1e-9:  # rounding must not leave a token a hair short for ever
                    self._tokens = max(0.0, self._tokens - 1.0)
                    return True
                wait = max((1.0 - self._tokens) / self.rate, 1e-6)
            if cancel is not None and cancel.wait(wait):
                return False
            if cancel is None:
                self._sleep(wait)
