"""Clip bodies over the standard library's http.client, read straight into a reusable buffer.

Through httpx a body goes socket -> 64 KiB bytes -> h11's buffer -> a new bytes per event, with a
Python event loop per piece: for 400 MB of clips that alone was 0.4 s of CPU on the benchmark
machine, about as long as curl's whole run. Here each recv lands directly in the caller's buffer
(one copy), and the caller hashes and writes 1 MiB at a time, so the per-byte cost is the kernel
copy, sha256 and the page-cache write, nothing else.

Only clip GETs come here; API calls stay on httpx. The TLS context (always verifying), the
timeouts and the keep-alive pool size are the platform client's; with a proxy configured the
clips stay on httpx, which knows how to talk through one.
"""

from __future__ import annotations

import http.client
import socket
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from ssl import SSLContext
from typing import Self

import httpx

from moderator_app.sources.platform.deadline import time_left

_SMALL_RECV = 64 * 1024
"""A recv shorter than this means the socket ran dry: hand over what we have (slow link, cancel)."""


class DirectTransportError(Exception):
    """The network failed (connect, TLS, timeout, reset, short body); the cause is chained."""


_NETWORK_ERRORS = (OSError, http.client.HTTPException)
_STALE_ERRORS = (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError)

Origin = tuple[str, str, int]


class DirectResponse:
    """Status and headers of one GET, and its body read on demand."""

    def __init__(self, url: httpx.URL, response: http.client.HTTPResponse) -> None:
        self.url = url
        self.status = response.status
        self._response = response
        self._remaining = response.length
        self.complete = False
        """True once the whole body was read, so the connection may carry the next request."""

    def header(self, name: str) -> str | None:
        return self._response.getheader(name)

    def pieces(self, buffer: memoryview) -> Iterator[memoryview]:
        """Yield the body as views of ``buffer`` (valid until the next step): full, or whatever
        arrived before the socket ran dry. Raises DirectTransportError when the body is cut short."""
        size = len(buffer)
        filled = 0
        while True:
            try:
                n = self._recv(buffer[filled:])
            except _NETWORK_ERRORS as exc:
                if filled:  # keep what did arrive: the retry resumes after it
                    yield buffer[:filled]
                raise DirectTransportError(f"{type(exc).__name__} while reading the body") from exc
            if n == 0:
                if filled:
                    yield buffer[:filled]
                self.complete = True
                return
            filled += n
            if filled == size or n < _SMALL_RECV:
                yield buffer[:filled]
                filled = 0

    def _recv(self, into: memoryview) -> int:
        """At most one recv; 0 at the end of the body."""
        if self._remaining is None:  # chunked or until-close: let http.client do the framing
            data = self._response.read1(len(into))
            into[: len(data)] = data
            return len(data)
        if self._remaining == 0:
            return 0
        fp = self._response.fp
        n = fp.readinto1(into[: self._remaining]) if fp is not None else 0
        if n == 0:
            raise http.client.IncompleteRead(b"", self._remaining)
        self._remaining -= n
        return n


class _Watchdog:
    """Shuts a connection down at a deadline: that wakes a recv blocked in any phase of the GET."""

    def __init__(self, conn: http.client.HTTPConnection, left: float | None) -> None:
        self.conn = conn
        self._lock = threading.Lock()
        self._done = False
        self.fired = False
        self._timer = None if left is None else threading.Timer(max(0.0, left), self._fire)

    def __enter__(self) -> Self:
        if self._timer is not None:
            self._timer.daemon = True
            self._timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def stop(self) -> bool:
        """Disarm; True when the connection is intact (the deadline did not cut it)."""
        with self._lock:
            self._done = True
        if self._timer is not None:
            self._timer.cancel()
        return not self.fired

    def _fire(self) -> None:
        with self._lock:
            if self._done:
                return
            self.fired = True
            sock = self.conn.sock
        if sock is not None:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


class DirectGetter:
    """GETs with a keep-alive pool per origin; thread-safe (a connection serves one thread at a time)."""

    def __init__(
        self, ssl_context: SSLContext, *, connect_timeout: float, read_timeout: float, max_idle: int,
        user_agent: str = "moderator-app",
    ) -> None:
        self._ssl = ssl_context
        self._connect_timeout = connect_timeout
        self._read_timeout = read_timeout
        self._max_idle = max(1, max_idle)
        self._user_agent = user_agent
        self._idle: dict[Origin, list[http.client.HTTPConnection]] = {}
        self._lock = threading.Lock()
        self._closed = False

    @contextmanager
    def get(self, url: httpx.URL, headers: Mapping[str, str]) -> Iterator[DirectResponse]:
        """One GET; inside a ``deadline_scope`` the connection is shut down when the deadline passes,
        whatever it is doing (connecting, waiting for dripped headers, reading a dripped body)."""
        origin: Origin = (url.scheme, url.host, url.port or (443 if url.scheme == "https" else 80))
        target = url.raw_path.decode("ascii")
        sent = {"User-Agent": self._user_agent, **headers}
        conn, reused = self._checkout(origin)
        with _Watchdog(conn, time_left()) as watchdog, \
                self._get(origin, conn, reused, url, target, sent, watchdog) as answer:
            yield answer

    @contextmanager
    def _get(
        self, origin: Origin, conn: http.client.HTTPConnection, reused: bool, url: httpx.URL, target: str,
        sent: Mapping[str, str], watchdog: _Watchdog,
    ) -> Iterator[DirectResponse]:
        try:
            try:
                response = self._request(conn, target, sent)
            except _STALE_ERRORS:
                if not reused:
                    raise
                conn.close()  # the server closed an idle keep-alive connection: one fresh try
                conn = watchdog.conn = self._connect(origin)
                response = self._request(conn, target, sent)
        except _NETWORK_ERRORS as exc:
            conn.close()
            raise DirectTransportError(f"{type(exc).__name__} before the answer") from exc
        answer = DirectResponse(url, response)
        try:
            yield answer
        finally:
            if answer.complete and not response.will_close and watchdog.stop():
                response.close()
                self._checkin(origin, conn)
            else:
                conn.close()

    def close(self) -> None:
        with self._lock:
            self._closed = True
            idle = [conn for conns in self._idle.values() for conn in conns]
            self._idle.clear()
        for conn in idle:
            conn.close()

    def _request(
        self, conn: http.client.HTTPConnection, target: str, headers: Mapping[str, str]
    ) -> http.client.HTTPResponse:
        if conn.sock is None:
            left = time_left()
            if left is not None:
                conn.timeout = max(0.001, min(self._connect_timeout, left))
            conn.connect()
            self._tune(conn)
            if left is not None and (time_left() or 0.0) <= 0:
                raise TimeoutError("the download's deadline passed while connecting")
        conn.request("GET", target, headers=dict(headers))
        return conn.getresponse()

    def _checkout(self, origin: Origin) -> tuple[http.client.HTTPConnection, bool]:
        with self._lock:
            idle = self._idle.get(origin)
            if idle:
                return idle.pop(), True
        return self._connect(origin), False

    def _checkin(self, origin: Origin, conn: http.client.HTTPConnection) -> None:
        with self._lock:
            idle = self._idle.setdefault(origin, [])
            if not self._closed and len(idle) < self._max_idle:
                idle.append(conn)
                return
        conn.close()

    def _connect(self, origin: Origin) -> http.client.HTTPConnection:
        """Not connected yet: connecting happens in ``_request``, inside the error mapping."""
        scheme, host, port = origin
        if scheme == "https":
            return http.client.HTTPSConnection(host, port, timeout=self._connect_timeout, context=self._ssl)
        return http.client.HTTPConnection(host, port, timeout=self._connect_timeout)

    def _tune(self, conn: http.client.HTTPConnection) -> None:
        """The connect timeout covered connect + TLS handshake; each recv now gets the read timeout."""
        sock = conn.sock
        if sock is not None:
            sock.settimeout(self._read_timeout)
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
