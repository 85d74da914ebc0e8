"""A real PlatformSync pass against a hostile platform: the pass ends with a readable error in
bounded time and memory, and keeps (claims, downloads, shows) what it could list before."""

from __future__ import annotations

import time
import tracemalloc

from moderator_app.db.cache import Cache
from moderator_app.sources.platform.client import MAX_LIST_BYTES, MAX_PAGES
from tests.support.platform_desk import TOKEN, desk, real_items
from tests.support.platform_server import PlatformServer


def test_endless_listing_ends_the_pass_with_answer_too_large(cache: Cache, clip_bytes: bytes) -> None:
    with PlatformServer(real_items(clip_bytes, 2), token=TOKEN) as server:
        server.hostile_listing("endless")
        tracemalloc.start()
        started = time.monotonic()
        report = desk(cache, server).run()
        elapsed = time.monotonic() - started
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    assert report.error is not None and "answer too large" in report.error
    assert report.partial and report.added == []
    assert elapsed < 30 and peak < 3 * MAX_LIST_BYTES, (elapsed, peak)
    logged = cache.db.execute("SELECT message FROM sync_log WHERE level='error'").fetchall()
    assert any("answer too large" in row[0] for row in logged)


def test_a_repeated_cursor_stops_the_listing_and_keeps_what_was_listed(cache: Cache, clip_bytes: bytes) -> None:
    with PlatformServer(real_items(clip_bytes, 4), token=TOKEN) as server:
        server.hostile_listing("repeat_cursor", page_limit=1)
        report = desk(cache, server).run()
    assert report.error is not None and "came back to an earlier page" in report.error
    assert sorted(report.added) == ["sub-000000", "sub-000001"]  # the two pages before the loop
    assert report.partial


def test_endless_distinct_cursors_end_at_the_page_bound(cache: Cache, clip_bytes: bytes) -> None:
    with PlatformServer(real_items(clip_bytes, 2), token=TOKEN) as server:
        server.hostile_listing("endless_cursors", page_limit=1)
        report = desk(cache, server).run()
        listings = [r for r in server.requests if r.path == "/v1/submissions"]
    assert len(listings) == MAX_PAGES
    assert report.error is not None and f"after {MAX_PAGES} pages" in report.error
    assert sorted(report.added) == ["sub-000000", "sub-000001"]


def test_a_huge_declared_clip_size_is_quarantined_before_any_download(cache: Cache, clip_bytes: bytes) -> None:
    with PlatformServer(real_items(clip_bytes, 2), token=TOKEN) as server:
        server.declare_clip_size("sub-000001", 2**62)
        report = desk(cache, server).run()
        clip_requests = server.clip_requests("sub-000001")
    assert report.added == ["sub-000000"]
    assert report.quarantined == [("platform/sub-000001",
                                   "clip.size: is larger than the campaign's clip size limit (1024 MB)")]
    assert clip_requests == []


def test_a_clip_body_longer_than_declared_is_quarantined(cache: Cache, clip_bytes: bytes) -> None:
    with PlatformServer(real_items(clip_bytes, 2), token=TOKEN) as server:
        server.oversize_clip("sub-000000", None)  # never ends
        report = desk(cache, server).run()
    assert report.added == ["sub-000001"]
    assert [q[0] for q in report.quarantined] == ["platform/sub-000000"]
    assert "size or sha256" in report.quarantined[0][1]
    assert not list((cache.clips_dir / ".incoming").glob("sub-000000*"))
