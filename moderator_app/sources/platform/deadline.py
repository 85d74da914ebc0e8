"""Overall deadlines for platform calls, enforced on every socket operation, not per read.

Per-read timeouts alone let a server that sends one byte every 29 s (under a 30 s read timeout)
hold a call for ever: every read succeeds. Here a call runs inside ``deadline_scope(deadline)``
and every connect, TLS handshake, send and receive of the httpx connection it uses gets a timeout
no longer than what is left before that deadline; past it the next socket operation fails at once
with a timeout. Headers and bodies alike, so neither a dripped status line nor a dripped body can
outlast the deadline by more than the few milliseconds of one socket call.

The deadline is carried by a ContextVar: httpx's sync client does its socket work on the calling
thread, so the call that set the scope is the one whose reads it bounds; other threads (the
download pool, a concurrent push) have their own.
"""

from __future__ import annotations

import ssl
import time
import typing
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

import httpcore
import httpx

DOWNLOAD_FLOOR_S = 60.0
DOWNLOAD_MIN_RATE = 64 * 1024
"""A clip download (its retries and waits included) must end within DOWNLOAD_FLOOR_S plus its
missing bytes at DOWNLOAD_MIN_RATE bytes/s (512 kbit/s): 60 s + 16 s for 1 MB, 60 s + 27 min for
100 MB, 60 s + 4.6 h at the 1 GB clip cap. A server that drips a byte at a time cannot hold a
download thread past that; a link slower than the rate on average does not finish in one pass, but
its ``.part`` is kept and the next pass resumes from there with a new deadline for what is left."""

_DEADLINE: ContextVar[float | None] = ContextVar("platform_deadline", default=None)


@contextmanager
def deadline_scope(deadline: float | None) -> Iterator[None]:
    """Socket operations on this thread end by ``deadline`` (a ``time.monotonic()`` value)."""
    token = _DEADLINE.set(deadline)
    try:
        yield
    finally:
        _DEADLINE.reset(token)


def time_left() -> float | None:
    """Seconds left in the current scope (may be <= 0), or None outside any scope."""
    deadline = _DEADLINE.get()
    return None if deadline is None else deadline - time.monotonic()


def _capped(timeout: float | None, error: type[Exception]) -> float | None:
    left = time_left()
    if left is None:
        return timeout
    if left <= 0:
        raise error("the call's overall deadline passed")
    return left if timeout is None else min(timeout, left)


class _DeadlineStream(httpcore.NetworkStream):
    """A connection whose every read and write is cut short by the current deadline."""

    def __init__(self, inner: httpcore.NetworkStream) -> None:
        self._inner = inner

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, _capped(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, _capped(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self, ssl_context: ssl.SSLContext, server_hostname: str | None = None, timeout: float | None = None
    ) -> httpcore.NetworkStream:
        inner = self._inner.start_tls(ssl_context, server_hostname, _capped(timeout, httpcore.ConnectTimeout))
        return _DeadlineStream(inner)

    def get_extra_info(self, info: str) -> typing.Any:
        return self._inner.get_extra_info(info)


class DeadlineBackend(httpcore.NetworkBackend):
    """httpcore's own sync backend, with every stream wrapped in ``_DeadlineStream``."""

    def __init__(self) -> None:
        self._inner = httpcore.SyncBackend()

    def connect_tcp(
        self, host: str, port: int, timeout: float | None = None, local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        stream = self._inner.connect_tcp(host, port, _capped(timeout, httpcore.ConnectTimeout), local_address,
                                         socket_options)
        return _DeadlineStream(stream)

    def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        stream = self._inner.connect_unix_socket(path, _capped(timeout, httpcore.ConnectTimeout), socket_options)
        return _DeadlineStream(stream)

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


class DeadlineTransport(httpx.HTTPTransport):
    """httpx's transport on a connection pool whose sockets honour ``deadline_scope``.

    httpx has no public way to choose httpcore's network backend, so the pool is rebuilt here with
    the same settings httpx would use (no proxy: with one, httpx's own pool stays and only the
    per-chunk deadline checks of the callers apply). ``tests/unit/sources/platform`` holds a
    dripped-headers test that fails if a later httpx stops using this pool.
    """

    def __init__(self, verify: ssl.SSLContext, limits: httpx.Limits) -> None:
        super().__init__(verify=verify, limits=limits, trust_env=False)
        self._pool = httpcore.ConnectionPool(
            ssl_context=verify,
            max_connections=limits.max_connections,
            max_keepalive_connections=limits.max_keepalive_connections,
            keepalive_expiry=limits.keepalive_expiry,
            network_backend=DeadlineBackend(),
        )
