"""A real HTTP server speaking the platform contract (docs/queue-contract.md, contract 2).

Tests and benchmarks run the real client against it over real sockets on 127.0.0.1, and switch
faults on per test (dropped connections, 5xx, 429, slow answers, wrong bytes, 401) instead of
mocking httpx. State is in memory, built from ``(record, clip bytes)`` pairs.

    with PlatformServer(make_items(3), token="t") as srv:
        srv.drop_clip_after(1000, count=1)
        ... PlatformClient(srv.url, "t") ...

Standalone, for manual use and the benchmark (prints one JSON line with url and token)::

    python -m tests.support.platform_server --items 50 --port 8765 [--clip-file real.mp4 ...]
"""

from __future__ import annotations

import argparse
import base64
import bisect
import contextlib
import hashlib
import hmac
import json
import random
import re
import signal
import socket
import ssl
import sys
import threading
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from typing import Any, Self
from urllib.parse import parse_qs, urlsplit

MAX_LIMIT = 500
_RANGE_RE = re.compile(r"bytes=(\d+)-(\d*)", re.ASCII)
_ID_RE = re.compile(r"[A-Za-z0-9_-]{1,64}", re.ASCII)

Item = tuple[dict[str, Any], bytes]


# -- test data --------------------------------------------------------------------------------

_FIRST = ["Jeannine", "Lucas", "Amira", "Youssef", "Léa", "Chloé", "محمد", "فاطمة", "Jos", "Marie"]
_LAST = ["Martin", "Bernard", "Benali", "El Idrissi", "Weber", "Schmit", "بن علي", "Dupont"]
_COUNTRIES = ["FR", "LU", "TN", "MA"]


def make_record(index: int, *, campaign: str = "onresteensemble-fr") -> dict[str, Any]:
    """A valid record without its ``clip`` field (the server fills it with its own URL)."""
    rng = random.Random(index)
    return {
        "id": f"sub-{index:06d}",
        "received_at": f"2020-04-{1 + index % 28:02d}T18:{index % 60:02d}:07Z",
        "campaign": campaign,
        "country": _COUNTRIES[index % len(_COUNTRIES)],
        "language": "fr",
        "recipient": {"first_name": rng.choice(_FIRST), "last_name": rng.choice(_LAST),
                      "relationship": "grand-mère", "town": "Lille"},
        "sender": {"first_name": rng.choice(_FIRST), "last_name": rng.choice(_LAST),
                   "email": f"sender{index}@example.org"},
        "message": "Bon anniversaire Mamie, on pense fort à toi",
        "consent": {"broadcast": index % 10 != 0, "terms_version": "2020-03",
                    "given_at": "2020-04-02T18:20:55Z"},
    }


def make_items(count: int, *, clip_size: int = 4096, distinct_clips: int | None = None, seed: int = 0,
               start: int = 0) -> list[Item]:
    """``count`` records; clips are random bytes, shared round-robin when ``distinct_clips`` is set."""
    rng = random.Random(seed)
    pool = [rng.randbytes(clip_size) for _ in range(min(count, distinct_clips or count))]
    return [(make_record(start + i), pool[i % len(pool)]) for i in range(count)] if pool else []


# -- server state ----------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class RequestLog:
    method: str
    path: str
    query: str
    range: str | None
    status: int
    body_bytes: int
    """Body bytes actually written to the socket (a dropped clip counts what was sent)."""
    had_auth_header: bool


@dataclass(slots=True)
class _Item:
    seq: int
    record: dict[str, Any]
    clip: bytes
    sha256: str
    lease_by: str | None = None
    lease_until: float = 0.0
    decision: dict[str, Any] | None = None


@dataclass(slots=True)
class _Fault:
    kind: str
    remaining: int | None
    path_prefix: str | None = None
    status: int = 500
    retry_after: float | None = None
    drop_after: int = 0
    delay_s: float = 0.0
    chunk: int = 1024
    interval_s: float = 0.01

    def matches(self, path: str) -> bool:
        return (self.remaining is None or self.remaining > 0) and (
            self.path_prefix is None or path.startswith(self.path_prefix)
        )

    def take(self) -> None:
        if self.remaining is not None:
            self.remaining -= 1


@dataclass(slots=True)
class _Applied:
    delay_s: float = 0.0
    status: _Fault | None = None
    drop_after: int | None = None
    trickle: _Fault | None = None
    ignore_range: bool = False


@dataclass
class _State:
    token: str
    items: dict[str, _Item] = field(default_factory=dict)
    order: list[_Item] = field(default_factory=list)
    faults: list[_Fault] = field(default_factory=list)
    corrupt_ids: set[str] = field(default_factory=set)
    keys: dict[str, str] = field(default_factory=dict)
    decision_log: list[dict[str, Any]] = field(default_factory=list)
    notify_keys: dict[str, str] = field(default_factory=dict)
    notification_log: list[dict[str, Any]] = field(default_factory=list)
    requests: list[RequestLog] = field(default_factory=list)
    next_seq: int = 1
    lock: threading.Lock = field(default_factory=threading.Lock)
    inflight: int = 0
    idle: threading.Condition = field(default_factory=threading.Condition)
    # hostile modes (see PlatformServer.hostile_listing and friends)
    listing_mode: str | None = None
    drip_interval_s: float = 0.2
    page_limit: int | None = None
    issued_cursors: list[str] = field(default_factory=list)
    fake_seq: int = 10**9
    declared_sizes: dict[str, int] = field(default_factory=dict)
    oversize: dict[str, tuple[int | None, bool]] = field(default_factory=dict)
    hostile_bytes_sent: int = 0


def _iso(ts: float) -> str:
    return datetime.fromtimestamp(ts, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _cursor(seq: int) -> str:
    return base64.urlsafe_b64encode(f"v1:{seq}".encode()).decode().rstrip("=")


def _uncursor(text: str) -> int | None:
    try:
        raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)).decode()
    except ValueError:
        return None
    prefix, _, number = raw.partition(":")
    return int(number) if prefix == "v1" and number.isdigit() else None


class _Server(ThreadingHTTPServer):
    daemon_threads = False
    block_on_close = True
    state: _State
    owner: PlatformServer

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Clients that time out or cut the connection are part of the tests, not errors to print."""
        if isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError, ssl.SSLError)):
            return
        super().handle_error(request, client_address)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "platform-test"
    timeout = 30
    server: _Server

    # connection bookkeeping, so stop() can cut idle keep-alive connections
    def setup(self) -> None:
        super().setup()
        # headers and body leave in separate writes: without NODELAY each response waits for the
        # client's delayed ACK (~40 ms on loopback), which no real platform would add
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.server.owner._register(self.connection)

    def finish(self) -> None:
        try:
            super().finish()
        finally:
            self.server.owner._unregister(self.connection)

    def log_message(self, format: str, *args: Any) -> None:
        """Silent: the default writes every request (and would write tokens in URLs) to stderr."""

    # -- plumbing -----------------------------------------------------------------------------

    def _body(self) -> bytes:
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def _log(self, status: int, sent: int) -> None:
        split = urlsplit(self.path)
        entry = RequestLog(self.command, split.path, split.query, self.headers.get("Range"), status, sent,
                           "Authorization" in self.headers)
        with self.server.state.lock:
            self.server.state.requests.append(entry)

    def _send_json(self, status: int, body: dict[str, Any], headers: dict[str, str] | None = None) -> None:
        data = json.dumps(body, ensure_ascii=False).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        sent = 0
        try:
            self.end_headers()
            self.wfile.write(data)
            sent = len(data)
        except OSError:  # the client gave up (timeout) or went away
            self.close_connection = True
        self._log(status, sent)

    def _authorized(self) -> bool:
        given = self.headers.get("Authorization", "")
        expected = f"Bearer {self.server.state.token}"
        return hmac.compare_digest(given.encode(), expected.encode())

    def _apply_common_faults(self, path: str) -> _Applied | None:
        """Delay and forced status faults; returns None when an error answer was already sent."""
        applied = self.server.owner._take_faults(path)
        if applied.delay_s:
            self.server.owner._stopping.wait(applied.delay_s)
        if applied.status is not None:
            fault = applied.status
            headers = {}
            if fault.retry_after is not None:
                headers["Retry-After"] = f"{fault.retry_after:g}"
            self._send_json(fault.status, {"error": "injected", "status": fault.status}, headers)
            return None
        return applied

    # -- routes -------------------------------------------------------------------------------

    def do_GET(self) -> None:
        with self._inflight():
            self._get()

    def do_POST(self) -> None:
        with self._inflight():
            self._post()

    @contextlib.contextmanager
    def _inflight(self) -> Iterator[None]:
        """Counted so the request log can wait until answers already seen by the client are logged."""
        state = self.server.state
        with state.idle:
            state.inflight += 1
        try:
            yield
        finally:
            with state.idle:
                state.inflight -= 1
                state.idle.notify_all()

    def _get(self) -> None:
        self._body()
        split = urlsplit(self.path)
        applied = self._apply_common_faults(split.path)
        if applied is None:
            return
        public_clip = self.server.owner.public_clips and split.path.startswith("/clips/")
        if not public_clip and not self._authorized():
            self._send_json(401, {"error": "unauthorized"})
            return
        if split.path == "/v1/submissions":
            self._list(parse_qs(split.query))
        elif split.path.startswith("/clips/"):
            self._clip(split.path.removeprefix("/clips/"), applied)
        else:
            self._send_json(404, {"error": "not_found"})

    def _post(self) -> None:
        raw = self._body()
        split = urlsplit(self.path)
        applied = self._apply_common_faults(split.path)
        if applied is None:
            return
        if not self._authorized():
            self._send_json(401, {"error": "unauthorized"})
            return
        parts = split.path.strip("/").split("/")
        if len(parts) != 4 or parts[:2] != ["v1", "submissions"] or parts[3] not in {"claim", "release",
                                                                                        "decision", "notification"}:
            self._send_json(404, {"error": "not_found"})
            return
        try:
            payload = json.loads(raw or b"{}")
        except ValueError:
            payload = None
        if not isinstance(payload, dict):
            self._send_json(400, {"error": "bad_json"})
            return
        state = self.server.state
        with state.lock:
            item = state.items.get(parts[2])
            if item is None:
                status, body = 404, {"error": "not_found"}
            elif parts[3] == "claim":
                status, body = self._claim(item, payload)
            elif parts[3] == "release":
                status, body = self._release(item, payload)
            elif parts[3] == "notification":
                status, body = self._notify(state, item, payload)
            else:
                status, body = self._decide(state, item, payload)
        self._send_json(status, body)

    # -- hostile answers ----------------------------------------------------------------------

    def _count_hostile(self, n: int) -> None:
        with self.server.state.lock:
            self.server.state.hostile_bytes_sent += n

    def _endless_chunked(self, status: int, head: bytes, piece: bytes) -> None:
        """A chunked body that never ends: ``head`` then ``piece`` again and again, until the
        client goes away or the server stops."""
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        block = piece * max(1, 65536 // len(piece))
        sent = 0
        try:
            self.wfile.write(b"%x\r\n%s\r\n" % (len(head), head))
            while not self.server.owner._stopping.is_set():
                self.wfile.write(b"%x\r\n%s\r\n" % (len(block), block))
                sent += len(block)
                self._count_hostile(len(block))
        except OSError:
            pass
        self.close_connection = True
        self._log(status, sent)

    def _drip(self, status: int, body: bytes, *, headers_too: bool) -> None:
        """Send a valid answer one byte every ``drip_interval_s`` (the body, or the whole answer)."""
        interval = self.server.state.drip_interval_s
        head = (f"HTTP/1.1 {status} OK\r\nContent-Type: application/json\r\n"
                f"Content-Length: {len(body)}\r\n\r\n").encode()
        sent = 0
        try:
            if headers_too:
                data = head + body
            else:
                self.wfile.write(head)
                self.wfile.flush()
                data = body
            for offset in range(len(data)):
                self.wfile.write(data[offset:offset + 1])
                self.wfile.flush()
                sent += 1
                self._count_hostile(1)
                if self.server.owner._stopping.wait(interval):
                    break
        except OSError:
            pass
        self.close_connection = True
        self._log(status, sent)

    def _endless_chunked_once(self, body: bytes) -> None:
        """``body`` chunked (no Content-Length), 64 KiB a chunk."""
        self.send_response(200)
        self.send_header("Content-Type", "video/mp4")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        sent = 0
        try:
            for offset in range(0, len(body), 65536):
                piece = body[offset:offset + 65536]
                self.wfile.write(b"%x\r\n%s\r\n" % (len(piece), piece))
                sent += len(piece)
                self._count_hostile(len(piece))
            self.wfile.write(b"0\r\n\r\n")
        except OSError:
            self.close_connection = True
        self._log(200, sent)

    def _hostile_list(self, mode: str, after_text: str | None) -> bool:
        """Answer a listing in ``mode``; False for the modes that only bend the cursor."""
        if mode == "endless":
            record = json.dumps(make_record(1) | {"clip": {"url": "https://x.invalid/c", "sha256": "0" * 64,
                                                           "size": 1}}).encode()
            self._endless_chunked(200, b'{"items": [', record + b",")
            return True
        if mode == "endless_error":
            self._endless_chunked(404, b'{"error": "not_found", "detail": "', b"x" * 1024)
            return True
        if mode in ("drip", "drip_headers"):
            self._drip(200, json.dumps({"items": [], "next": None}).encode(), headers_too=mode == "drip_headers")
            return True
        return False

    def _bent_cursor(self, mode: str | None, after_text: str | None, nxt: str | None) -> str | None:
        """The ``next`` a hostile server sends instead of the honest ``nxt``."""
        state = self.server.state
        with state.lock:
            if nxt is not None:
                state.issued_cursors.append(nxt)
            if mode == "repeat_cursor" and after_text:
                return after_text  # the same cursor again
            if mode == "cycle_cursor" and after_text and state.issued_cursors and after_text != state.issued_cursors[0]:
                return state.issued_cursors[0]  # back to an earlier page
            if mode == "endless_cursors" and nxt is None:
                state.fake_seq += 1
                return _cursor(state.fake_seq)  # a new cursor every time, past the end of the queue
        return nxt

    def _list(self, query: dict[str, list[str]]) -> None:
        mode = self.server.state.listing_mode
        if mode is not None and self._hostile_list(mode, query.get("after", [None])[0]):
            return
        status = query.get("status", ["queued"])[0]
        limit_text = query.get("limit", ["100"])[0]
        after_text = query.get("after", [None])[0]
        if status != "queued" or not limit_text.isdigit() or not 1 <= int(limit_text) <= MAX_LIMIT:
            self._send_json(400, {"error": "bad_request"})
            return
        after = 0
        if after_text:
            decoded = _uncursor(after_text)
            if decoded is None:
                self._send_json(400, {"error": "bad_cursor"})
                return
            after = decoded
        limit = min(int(limit_text), self.server.state.page_limit or MAX_LIMIT)
        owner = self.server.owner
        state = self.server.state
        with state.lock:
            start = bisect.bisect_right([it.seq for it in state.order], after)
            page: list[_Item] = []
            more = False
            for item in state.order[start:]:
                if item.decision is not None:
                    continue
                if len(page) == limit:
                    more = True
                    break
                page.append(item)
            records = [owner._render(item) for item in page]
        nxt = _cursor(page[-1].seq) if more and page else None
        nxt = self._bent_cursor(mode, after_text, nxt)
        self._send_json(200, {"items": records, "next": nxt})

    def _claim(self, item: _Item, payload: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        moderator = payload.get("moderator")
        lease_s = payload.get("lease_s", 900)
        if not isinstance(moderator, str) or not moderator or not isinstance(lease_s, int) or not (
            1 <= lease_s <= 86_400
        ):
            return 400, {"error": "bad_request"}
        if item.decision is not None:
            return 409, {"error": "conflict", "decision": item.decision}
        now = time.time()
        if item.lease_by not in (None, moderator) and item.lease_until > now:
            return 409, {"error": "claimed", "by": item.lease_by}
        item.lease_by, item.lease_until = moderator, now + lease_s
        return 200, {"lease_until": _iso(item.lease_until)}

    def _release(self, item: _Item, payload: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        moderator = payload.get("moderator")
        if not isinstance(moderator, str) or not moderator:
            return 400, {"error": "bad_request"}
        if item.lease_by == moderator:
            item.lease_by, item.lease_until = None, 0.0
        return 200, {}

    def _decide(self, state: _State, item: _Item, payload: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        key = payload.get("idempotency_key")
        moderator = payload.get("moderator")
        if (payload.get("decision") not in ("approved", "rejected") or not isinstance(key, str) or not key
                or not isinstance(moderator, str) or not moderator):
            return 400, {"error": "bad_request"}
        seen_for = state.keys.get(key)
        if seen_for is not None:
            if seen_for != item.record["id"]:
                return 400, {"error": "key_reused"}
            return 200, {"decision": item.decision}
        if item.decision is not None and item.decision["moderator"] != moderator:
            return 409, {"error": "conflict", "decision": item.decision}
        item.decision = {
            "decision": payload["decision"], "flags": payload.get("flags", []), "note": payload.get("note", ""),
            "moderator": moderator, "decided_at": payload.get("decided_at") or _iso(time.time()),
            "idempotency_key": key,
        }
        item.lease_by, item.lease_until = None, 0.0
        state.keys[key] = item.record["id"]
        state.decision_log.append({"id": item.record["id"], **item.decision})
        return 200, {"decision": item.decision}

    def _notify(self, state: _State, item: _Item, payload: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        """The platform tells the sender: the same idempotency_key again answers 200 and sends nothing."""
        key = payload.get("idempotency_key")
        fields = ("slot_id", "channel", "air_at", "language")
        if not isinstance(key, str) or not key or not all(isinstance(payload.get(f), str) for f in fields):
            return 400, {"error": "bad_request"}
        if key in state.notify_keys:
            return 200, {"status": "already_sent"}
        state.notify_keys[key] = item.record["id"]
        state.notification_log.append({"id": item.record["id"], **payload})
        return 200, {"status": "sent"}

    def _clip(self, clip_id: str, applied: _Applied) -> None:
        state = self.server.state
        with state.lock:
            item = state.items.get(clip_id)
            corrupt = clip_id in state.corrupt_ids
        if item is None:
            self._send_json(404, {"error": "not_found"})
            return
        data = item.clip
        if corrupt and data:
            data = bytes([data[0] ^ 0xFF]) + data[1:]
        with state.lock:
            oversize = state.oversize.get(clip_id)
        if oversize is not None:
            extra, chunked = oversize
            if extra is None:  # endless
                self._endless_chunked(200, data, b"\0" * 4096)
                return
            if chunked:
                self._endless_chunked_once(data + b"\0" * extra)
                return
            data = data + b"\0" * extra
        total = len(data)
        start, end, status = 0, total, 200
        requested = None if applied.ignore_range else self.headers.get("Range")
        if requested is not None:
            match = _RANGE_RE.fullmatch(requested.strip())
            if match is None or int(match.group(1)) >= total or (
                match.group(2) and int(match.group(2)) < int(match.group(1))
            ):
                self._send_json(416, {"error": "range_not_satisfiable"}, {"Content-Range": f"bytes */{total}"})
                return
            start = int(match.group(1))
            end = min(total, int(match.group(2)) + 1) if match.group(2) else total
            status = 206
        self.send_response(status)
        self.send_header("Content-Type", "video/mp4")
        self.send_header("Content-Length", str(end - start))
        self.send_header("Accept-Ranges", "bytes")
        if status == 206:
            self.send_header("Content-Range", f"bytes {start}-{end - 1}/{total}")
        self.end_headers()
        body = memoryview(data)[start:end]
        sent = 0
        try:
            if applied.drop_after is not None and applied.drop_after < len(body):
                self.wfile.write(body[: applied.drop_after])
                sent = applied.drop_after
                self.close_connection = True
                self.connection.shutdown(socket.SHUT_RDWR)
            elif applied.trickle is not None:
                step = max(1, applied.trickle.chunk)
                for offset in range(0, len(body), step):
                    self.wfile.write(body[offset:offset + step])
                    sent += len(body[offset:offset + step])
                    if self.server.owner._stopping.wait(applied.trickle.interval_s):
                        break
            else:
                self.wfile.write(body)
                sent = len(body)
        except OSError:
            self.close_connection = True
        self._log(status, sent)


# -- the public object -------------------------------------------------------------------------

class PlatformServer:
    """Threaded contract-2 server on 127.0.0.1 with an ephemeral port; a context manager."""

    def __init__(
        self,
        items: Iterable[Item] = (),
        *,
        token: str = "test-token",
        host: str = "127.0.0.1",
        port: int = 0,
        ssl_context: ssl.SSLContext | None = None,
        public_clips: bool = False,
    ) -> None:
        self.public_clips = public_clips
        """Serve clips without the token (a CDN); the API still requires it."""
        self._state = _State(token=token)
        self._host, self._port, self._ssl = host, port, ssl_context
        self._httpd: _Server | None = None
        self._url: str | None = None
        self._thread: threading.Thread | None = None
        self._connections: set[socket.socket] = set()
        self._conn_lock = threading.Lock()
        self._opened = 0
        self._stopping = threading.Event()
        self._sha_cache: dict[int, str] = {}
        for record, clip in items:
            self.add_item(record, clip)

    # -- lifecycle ----------------------------------------------------------------------------

    @property
    def url(self) -> str:
        if self._url is None:
            raise RuntimeError("server not started")
        return self._url

    def start(self) -> Self:
        httpd = _Server((self._host, self._port), _Handler)
        if self._ssl is not None:
            httpd.socket = self._ssl.wrap_socket(httpd.socket, server_side=True)
        httpd.state = self._state
        httpd.owner = self
        self._httpd = httpd
        self._url = f"{'https' if self._ssl is not None else 'http'}://{self._host}:{httpd.server_port}"
        self._stopping.clear()
        self._thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05},
                                        name="platform-server", daemon=False)
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving, cut open connections (idle keep-alives too) and join every thread."""
        if self._httpd is None:
            return
        self._stopping.set()
        self._httpd.shutdown()
        with self._conn_lock:
            open_now = list(self._connections)
        for conn in open_now:
            try:
                conn.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
        self._httpd.server_close()  # joins the handler threads (block_on_close)
        if self._thread is not None:
            self._thread.join()
        self._httpd = None
        self._thread = None

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.stop()

    def _register(self, conn: socket.socket) -> None:
        with self._conn_lock:
            self._connections.add(conn)
            self._opened += 1

    def cut_connections(self) -> None:
        """Close every open connection from the server side, as a platform does with idle keep-alives."""
        with self._conn_lock:
            open_now = list(self._connections)
        for conn in open_now:
            try:
                conn.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    @property
    def connections_opened(self) -> int:
        """TCP connections accepted so far (keep-alive reuse keeps this low)."""
        with self._conn_lock:
            return self._opened

    def _unregister(self, conn: socket.socket) -> None:
        with self._conn_lock:
            self._connections.discard(conn)

    # -- content ------------------------------------------------------------------------------

    def add_item(self, record: dict[str, Any], clip: bytes) -> None:
        """Queue a submission; a record without a ``clip`` object gets one pointing at this server."""
        record_id = record["id"]
        if not isinstance(record_id, str) or not _ID_RE.fullmatch(record_id):
            raise ValueError("test records need a contract-valid id (it becomes a URL path)")
        sha = self._sha_cache.get(id(clip))
        if sha is None:
            sha = self._sha_cache[id(clip)] = hashlib.sha256(clip).hexdigest()
        with self._state.lock:
            item = _Item(self._state.next_seq, dict(record), clip, sha)
            self._state.next_seq += 1
            self._state.items[record_id] = item
            self._state.order.append(item)

    def _render(self, item: _Item) -> dict[str, Any]:
        record = dict(item.record)
        if "clip" not in record:
            size = self._state.declared_sizes.get(record["id"], len(item.clip))
            record["clip"] = {"url": f"{self.url}/clips/{record['id']}", "sha256": item.sha256,
                              "size": size, "content_type": "video/mp4"}
        return record

    def record(self, record_id: str) -> dict[str, Any]:
        """The record as the listing shows it (with its clip URL)."""
        with self._state.lock:
            return self._render(self._state.items[record_id])

    def clip_bytes(self, record_id: str) -> bytes:
        """The true clip (what the record's sha256 describes), read without a request."""
        with self._state.lock:
            return self._state.items[record_id].clip

    def clip_url(self, record_id: str) -> str:
        return f"{self.url}/clips/{record_id}"

    def set_token(self, token: str) -> None:
        """Rotate the accepted token: calls with the old one now get 401."""
        with self._state.lock:
            self._state.token = token

    # -- other moderators ---------------------------------------------------------------------

    def hold_claim(self, record_id: str, moderator: str, lease_s: float = 900) -> None:
        with self._state.lock:
            item = self._state.items[record_id]
            item.lease_by, item.lease_until = moderator, time.time() + lease_s

    def decide_as(self, record_id: str, decision: str, moderator: str, key: str = "other-key") -> None:
        with self._state.lock:
            item = self._state.items[record_id]
            item.decision = {"decision": decision, "flags": [], "note": "", "moderator": moderator,
                             "decided_at": _iso(time.time()), "idempotency_key": key}
            self._state.keys[key] = record_id

    # -- inspection ---------------------------------------------------------------------------

    @property
    def requests(self) -> list[RequestLog]:
        """Every answered request, oldest first; waits (up to 5 s) for answers still being written."""
        with self._state.idle:
            self._state.idle.wait_for(lambda: self._state.inflight == 0, timeout=5.0)
        with self._state.lock:
            return list(self._state.requests)

    def clip_requests(self, record_id: str) -> list[RequestLog]:
        return [r for r in self.requests if r.path == f"/clips/{record_id}"]

    @property
    def decisions(self) -> list[dict[str, Any]]:
        """Decisions the server accepted (a repeated idempotency_key adds nothing)."""
        with self._state.lock:
            return [dict(d) for d in self._state.decision_log]

    @property
    def notifications(self) -> list[dict[str, Any]]:
        """Notifications the platform sent (a repeated idempotency_key adds nothing)."""
        with self._state.lock:
            return [dict(n) for n in self._state.notification_log]

    def lease(self, record_id: str) -> tuple[str | None, float]:
        with self._state.lock:
            item = self._state.items[record_id]
            return item.lease_by, item.lease_until

    def clear_log(self) -> None:
        with self._state.lock:
            self._state.requests.clear()

    # -- faults -------------------------------------------------------------------------------

    def _add_fault(self, fault: _Fault) -> None:
        with self._state.lock:
            self._state.faults.append(fault)

    def fail_next(self, count: int, status: int = 500, *, retry_after: float | None = None,
                  path: str | None = None) -> None:
        """The next ``count`` requests (whose path starts with ``path``) answer ``status``."""
        self._add_fault(_Fault("status", count, path, status=status, retry_after=retry_after))

    def rate_limit_next(self, count: int, retry_after: float = 1.0, path: str | None = None) -> None:
        self.fail_next(count, 429, retry_after=retry_after, path=path)

    def delay_next(self, count: int | None, seconds: float, path: str | None = None) -> None:
        """Sleep before answering the next ``count`` requests (None: all of them)."""
        self._add_fault(_Fault("delay", count, path, delay_s=seconds))

    def drop_clip_after(self, nbytes: int, count: int = 1, record_id: str | None = None) -> None:
        """The next ``count`` clip answers send ``nbytes`` of body then cut the connection."""
        path = f"/clips/{record_id}" if record_id else "/clips/"
        self._add_fault(_Fault("drop", count, path, drop_after=nbytes))

    def trickle_clips(self, chunk: int, interval_s: float, count: int | None = None,
                      record_id: str | None = None) -> None:
        """Clip bodies go out ``chunk`` bytes every ``interval_s`` (a slow link)."""
        path = f"/clips/{record_id}" if record_id else "/clips/"
        self._add_fault(_Fault("trickle", count, path, chunk=chunk, interval_s=interval_s))

    def ignore_range_next(self, count: int = 1, record_id: str | None = None) -> None:
        """The next ``count`` clip answers are a full 200 whatever Range was asked (a proxy that strips it)."""
        path = f"/clips/{record_id}" if record_id else "/clips/"
        self._add_fault(_Fault("norange", count, path))

    def corrupt_clip(self, record_id: str) -> None:
        """Serve bytes that do not match the record's sha256 (same size)."""
        with self._state.lock:
            self._state.corrupt_ids.add(record_id)

    # -- hostile modes --------------------------------------------------------------------------

    def hostile_listing(self, mode: str | None, *, interval_s: float = 0.2, page_limit: int | None = None) -> None:
        """Make ``GET /v1/submissions`` hostile (None: honest again). Modes:

        - ``endless``: a 200 whose chunked JSON body never ends (records for ever);
        - ``endless_error``: a 404 whose chunked body never ends;
        - ``drip``: a valid empty page, its body sent one byte every ``interval_s``;
        - ``drip_headers``: the same with the status line and headers dripped too;
        - ``repeat_cursor``: a page asked with a cursor answers that same cursor as ``next``;
        - ``cycle_cursor``: the third page's ``next`` is the first page's cursor again;
        - ``endless_cursors``: past the real queue, empty pages with a new cursor every time.

        ``page_limit`` caps the records of a page (so a few records make several pages).
        """
        with self._state.lock:
            self._state.listing_mode = mode
            self._state.drip_interval_s = interval_s
            self._state.page_limit = page_limit
            self._state.issued_cursors.clear()

    def declare_clip_size(self, record_id: str, size: int) -> None:
        """The listing declares ``size`` as this record's clip.size (the clip itself is unchanged)."""
        with self._state.lock:
            self._state.declared_sizes[record_id] = size

    def oversize_clip(self, record_id: str, extra: int | None, *, chunked: bool = False) -> None:
        """Serve ``extra`` bytes more than the clip (honest Content-Length, or ``chunked`` without
        one); ``extra=None``: after the clip, a chunked body that never ends."""
        with self._state.lock:
            self._state.oversize[record_id] = (extra, chunked)

    @property
    def hostile_bytes_sent(self) -> int:
        """Body bytes the hostile modes wrote to sockets so far."""
        with self._state.lock:
            return self._state.hostile_bytes_sent

    def clear_faults(self) -> None:
        with self._state.lock:
            self._state.faults.clear()
            self._state.corrupt_ids.clear()

    def _take_faults(self, path: str) -> _Applied:
        applied = _Applied()
        with self._state.lock:
            for fault in self._state.faults:
                if not fault.matches(path):
                    continue
                if fault.kind == "delay" and not applied.delay_s:
                    applied.delay_s = fault.delay_s
                elif fault.kind == "status" and applied.status is None:
                    applied.status = fault
                elif fault.kind == "drop" and applied.drop_after is None:
                    applied.drop_after = fault.drop_after
                elif fault.kind == "trickle" and applied.trickle is None:
                    applied.trickle = fault
                elif fault.kind == "norange" and not applied.ignore_range:
                    applied.ignore_range = True
                else:
                    continue
                fault.take()
        return applied


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--items", type=int, default=50)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--token", default="test-token")
    parser.add_argument("--clip-size", type=int, default=64 * 1024)
    parser.add_argument("--distinct-clips", type=int, default=None,
                        help="share this many clip payloads round-robin (saves memory)")
    parser.add_argument("--clip-file", action="append", default=[],
                        help="serve this file's bytes as the clips (repeat: round-robin); a real video "
                             "passes the app's decode check, random bytes do not")
    parser.add_argument("--hostile-listing", default=None,
                        help="serve the listing in a hostile mode (see PlatformServer.hostile_listing)")
    args = parser.parse_args(argv)
    if args.clip_file:
        payloads = [Path(name).read_bytes() for name in args.clip_file]
        items = [(make_record(i), payloads[i % len(payloads)]) for i in range(args.items)]
    else:
        items = make_items(args.items, clip_size=args.clip_size, distinct_clips=args.distinct_clips)
    done = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: done.set())
    with PlatformServer(items, token=args.token, port=args.port) as server:
        if args.hostile_listing:
            server.hostile_listing(args.hostile_listing)
        print(json.dumps({"url": server.url, "token": args.token, "items": args.items}), flush=True)
        try:
            while not done.wait(0.5):
                pass
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
