"""A hostile platform against the real client over real sockets: answers that never end, answers
dripped a byte at a time, cursors that loop or never end, clips longer than declared.

Every case must end with a readable error, in bounded time and bounded memory."""

from __future__ import annotations

import time
import tracemalloc
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import pytest

from moderator_app.sources.platform.client import (
    MAX_LIST_BYTES,
    AnswerTooLarge,
    ChecksumError,
    ListingStopped,
    PlatformClient,
    RequestRejected,
    TransientError,
)
from moderator_app.sources.platform.retry import RetryPolicy
from moderator_app.sources.platform.transfers import ClipDownloader
from moderator_app.sources.platform.transport import build_client, tls_context
from tests.support.platform_server import PlatformServer, make_items

TOKEN = "tok-hostile-31"
T = TypeVar("T")


def client(server: PlatformServer, **overrides: Any) -> PlatformClient:
    options: dict[str, Any] = {"timeout": 30.0, "max_retries": 2, "backoff_base_s": 0.01, "backoff_cap_s": 0.05}
    options.update(overrides)
    return PlatformClient(server.url, TOKEN, **options)


@pytest.fixture
def server() -> Iterator[PlatformServer]:
    with PlatformServer(make_items(3, clip_size=64 * 1024), token=TOKEN) as srv:
        yield srv


def measured(call: Callable[[], T]) -> tuple[BaseException | None, float, int]:
    """Run ``call``; its exception (if any), wall time and tracemalloc peak in bytes."""
    tracemalloc.start()
    started = time.monotonic()
    error: BaseException | None = None
    try:
        call()
    except Exception as exc:  # noqa: BLE001 - the test inspects it
        error = exc
    elapsed = time.monotonic() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return error, elapsed, peak


# -- answers that never end --------------------------------------------------------------------


def test_endless_listing_is_refused_as_too_large_within_the_cap(server: PlatformServer) -> None:
    server.hostile_listing("endless")
    with client(server) as c:
        error, elapsed, peak = measured(lambda: list(c.iter_queued()))
    assert isinstance(error, AnswerTooLarge)
    assert "answer too large" in str(error) and "GET /v1/submissions" in str(error)
    assert elapsed < 30
    # the body is held once (bytearray) plus one network read: never a copy per chunk
    assert peak < 2 * MAX_LIST_BYTES, peak


def test_declared_length_over_the_cap_is_refused_before_reading(server: PlatformServer) -> None:
    with client(server) as c, c._http.stream("GET", server.url + "/clips/sub-000000",
                                              headers={"Authorization": f"Bearer {TOKEN}"}) as response:
        from moderator_app.sources.platform.transport import read_capped

        with pytest.raises(AnswerTooLarge, match="65536 bytes declared"):
            read_capped(response, 1000, "GET clip")


def test_endless_error_body_is_read_only_a_little(server: PlatformServer) -> None:
    server.hostile_listing("endless_error")
    with client(server) as c:
        error, elapsed, peak = measured(lambda: list(c.iter_queued()))
    assert isinstance(error, RequestRejected) and error.status == 404 and error.error is None
    assert elapsed < 30 and peak < 4 * 1024 * 1024, peak


# -- overall deadlines ---------------------------------------------------------------------------


@pytest.mark.parametrize("mode", ["drip", "drip_headers"])
def test_a_dripped_answer_cannot_hold_a_call_past_its_deadline(server: PlatformServer, mode: str) -> None:
    """One byte every 0.2 s: each read succeeds well within the 30 s read timeout, so only the call's
    overall deadline stops it (the whole answer would take 5 s (body) or 20 s (headers too))."""
    server.hostile_listing(mode, interval_s=0.2)
    with client(server, call_deadline_s=1.0) as c:
        error, elapsed, _ = measured(lambda: list(c.iter_queued()))
    assert isinstance(error, TransientError), error
    assert "deadline" in str(error)
    assert 0.9 < elapsed < 2.0, elapsed


def test_an_honest_slow_answer_within_the_deadline_succeeds(server: PlatformServer) -> None:
    server.hostile_listing("drip", interval_s=0.01)  # 27 bytes: ~0.3 s
    with client(server, call_deadline_s=5.0) as c:
        assert list(c.iter_queued()) == [[]]


def _download(c: PlatformClient, server: PlatformServer, dest: Path, record_id: str = "sub-000000") -> None:
    clip = server.record(record_id)["clip"]
    c.download_clip(clip["url"], dest, sha256=clip["sha256"], size=clip["size"])


def test_a_dripped_clip_stops_at_its_deadline_and_resumes_later(server: PlatformServer, tmp_path: Path) -> None:
    dest = tmp_path / "clip.mp4"
    server.trickle_clips(chunk=1, interval_s=0.2)
    with client(server, download_floor_s=1.0) as c:
        error, elapsed, _ = measured(lambda: _download(c, server, dest))
        assert isinstance(error, TransientError), error
        assert "deadline" in str(error) and "resumes" in str(error)
        assert elapsed < 2.5, elapsed
        part = dest.with_name(dest.name + ".part")
        kept = part.stat().st_size
        assert 0 < kept < 64 * 1024 and not dest.exists()
        server.clear_faults()
        server.clear_log()
        _download(c, server, dest)
    assert dest.read_bytes() == server.clip_bytes("sub-000000")
    # resumed with a Range; no full download again (the dripped request may be logged late: it sent a few bytes)
    requests = server.clip_requests("sub-000000")
    assert [r.range for r in requests if r.status == 206] == [f"bytes={kept}-"]
    assert all(r.body_bytes < 1000 for r in requests if r.status == 200)


def test_a_clip_whose_headers_never_come_stops_at_its_deadline(server: PlatformServer, tmp_path: Path) -> None:
    """The server sits on the request (30 s read timeout not reached): the deadline's watchdog cuts it."""
    server.delay_next(None, 20.0, path="/clips/")
    with client(server, download_floor_s=1.0) as c:
        error, elapsed, _ = measured(lambda: _download(c, server, tmp_path / "clip.mp4"))
    assert isinstance(error, TransientError) and "deadline" in str(error)
    assert elapsed < 2.5, elapsed


def test_the_httpx_path_has_the_same_download_deadline(server: PlatformServer, tmp_path: Path) -> None:
    """Through a proxy clips go through httpx: the deadline holds there too."""
    import httpx

    server.trickle_clips(chunk=1, interval_s=0.2)
    http = build_client(tls_context(None), httpx.Timeout(30.0), 2)
    downloader = ClipDownloader(http, RetryPolicy(max_retries=1, base_s=0.01, cap_s=0.02),
                                lambda url: {"Authorization": f"Bearer {TOKEN}"}, None, floor_s=1.0)
    clip = server.record("sub-000001")["clip"]
    try:
        error, elapsed, _ = measured(lambda: downloader.download(
            clip["url"], tmp_path / "c.mp4", sha256=clip["sha256"], size=clip["size"]))
    finally:
        http.close()
    assert isinstance(error, TransientError) and "deadline" in str(error)
    assert elapsed < 2.5, elapsed


def test_download_deadline_scales_with_the_size(server: PlatformServer, tmp_path: Path) -> None:
    """64 KiB at 16 KiB/s is 4 s on top of the floor: a 0.5 s trickle of 64 KiB finishes."""
    server.trickle_clips(chunk=8192, interval_s=0.05)
    with client(server, download_floor_s=0.5, download_min_rate=16 * 1024) as c:
        _download(c, server, tmp_path / "clip.mp4")
    assert (tmp_path / "clip.mp4").read_bytes() == server.clip_bytes("sub-000000")


# -- clips longer than declared -----------------------------------------------------------------


@pytest.mark.parametrize(("extra", "chunked"), [(10, False), (1 << 20, True), (None, False)],
                         ids=["content-length", "chunked", "endless"])
def test_a_clip_longer_than_declared_is_stopped_at_once(
    server: PlatformServer, tmp_path: Path, extra: int | None, chunked: bool
) -> None:
    server.oversize_clip("sub-000002", extra, chunked=chunked)
    dest = tmp_path / "clip.mp4"
    with client(server) as c:
        error, elapsed, peak = measured(lambda: _download(c, server, dest, "sub-000002"))
    assert isinstance(error, ChecksumError), error
    assert "64 KiB" in str(error) or "65536" in str(error)
    assert not dest.exists() and not dest.with_name(dest.name + ".part").exists()
    assert elapsed < 10 and peak < 8 * 1024 * 1024


# -- cursors -------------------------------------------------------------------------------------


def test_the_same_cursor_again_stops_the_listing_after_keeping_the_pages(server: PlatformServer) -> None:
    server.hostile_listing("repeat_cursor", page_limit=1)
    pages: list[list[dict[str, Any]]] = []
    with client(server) as c, pytest.raises(ListingStopped, match="came back to an earlier page"):
        pages.extend(c.iter_queued())  # keeps the pages yielded before the error
    assert [[r["id"] for r in p] for p in pages] == [["sub-000000"], ["sub-000001"]]


def test_a_cursor_cycling_back_stops_the_listing(server: PlatformServer) -> None:
    server.hostile_listing("cycle_cursor", page_limit=1)
    pages = []
    with client(server) as c, pytest.raises(ListingStopped, match="earlier page"):
        pages.extend(c.iter_queued())  # keeps the pages yielded before the error
    assert len(pages) == 3


def test_endless_distinct_cursors_end_at_the_page_bound(server: PlatformServer) -> None:
    server.hostile_listing("endless_cursors", page_limit=1)
    pages = []
    with client(server) as c, pytest.raises(ListingStopped, match="after 25 pages"):
        pages.extend(c.iter_queued(max_pages=25))  # keeps the pages yielded before the error
    assert len(pages) == 25 and sum(len(p) for p in pages) == 3
    assert len([r for r in server.requests if r.path == "/v1/submissions"]) == 25
