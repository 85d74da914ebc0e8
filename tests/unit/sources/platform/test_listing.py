"""Listing the platform's queue page by page: records stored as sent, clips not waiting for the last page."""

from __future__ import annotations

import json

from moderator_app.db.cache import Cache
from tests.support.platform_desk import TOKEN, desk, real_items
from tests.support.platform_server import PlatformServer, make_record


def test_stored_record_keeps_unknown_fields(cache: Cache, clip_bytes: bytes) -> None:
    record = make_record(5)
    record["extra"] = {"kept": True}
    with PlatformServer([(record, clip_bytes)], token=TOKEN) as server:
        desk(cache, server).run()
    raw = json.loads(cache.db.execute("SELECT raw FROM submissions WHERE id='sub-000005'").fetchone()[0])
    assert raw["extra"] == {"kept": True}
    assert cache.db.execute("SELECT source FROM submissions").fetchone()[0] == "platform/sub-000005"



def test_clips_download_while_the_rest_of_the_queue_is_listed(cache: Cache, clip_bytes: bytes) -> None:
    with PlatformServer(real_items(clip_bytes, 1100), token=TOKEN) as server:  # three pages of <= 500
        report = desk(cache, server, ahead=2).run()
        assert sorted(report.added) == ["sub-000000", "sub-000001"] and report.listed == 1100 and not report.partial
        log = [r for r in server.requests if r.path == "/v1/submissions" or r.path.startswith("/clips/")]
    pages = [i for i, r in enumerate(log) if r.path == "/v1/submissions"]
    clips = [i for i, r in enumerate(log) if r.path.startswith("/clips/")]
    assert len(pages) == 3 and len(clips) == 2
    # the first page says what to claim; the clips did not wait for the last page
    assert pages[0] < clips[0] < pages[-1]
    assert cache.db.execute("SELECT count(*) FROM platform_records").fetchone()[0] == 1100
