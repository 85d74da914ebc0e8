"""Clip checks kept in the cache: real clips, real ffmpeg decode pass, real process pool, real SQLite."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from moderator_app.base.ffmpeg import run_ffmpeg
from moderator_app.db import checks, queue
from moderator_app.db.cache import Cache
from moderator_app.db.queue import UNCHECKED, QueueFilter
from moderator_app.services import checks as checking
from moderator_app.sources.inbox.sync import sync_inbox
from tests.conftest import DEMO_GOOD


def ids(cache: Cache, f: QueueFilter) -> list[str]:
    rowids = queue.rowids(cache.db, f)
    rows = queue.rows(cache.db, rowids)
    return [rows[r]["id"] for r in rowids]


@pytest.fixture
def synced(cache: Cache, demo_inbox: Path) -> Cache:
    sync_inbox(cache.db, cache.data_dir, demo_inbox)
    return cache


def test_checks_are_stored_indexed_and_not_repeated(synced: Cache) -> None:
    cache = synced
    assert len(ids(cache, QueueFilter(finding=UNCHECKED))) == DEMO_GOOD
    summary = checking.check_cached(cache, workers=2)
    assert sorted(summary.checked) == sorted(ids(cache, QueueFilter()))
    assert summary.unreadable == []
    assert ids(cache, QueueFilter(finding=UNCHECKED)) == []

    portrait = set(ids(cache, QueueFilter(finding="portrait")))
    for sid in ids(cache, QueueFilter()):
        report = checks.report(cache.db, sid)
        assert report is not None
        assert {"duration_s", "width", "height", "orientation", "loudness_lufs", "findings"} <= report.keys()
        assert (report["orientation"] == "portrait") == (sid in portrait)
        assert str(cache.data_dir) not in str(report), "reports name the clip, not the user's folders"
    dark = checks.report(cache.db, "sub-000106")  # the demo's dark clip
    assert dark is not None and "too_dark" in dark["findings"]
    assert "poor_image" in checking.suggested_flags(dark["findings"])
    short = checks.report(cache.db, "sub-000107")  # the demo's short clip
    assert short is not None and "too_short" in short["findings"]
    rows = queue.rows(cache.db, queue.rowids(cache.db, QueueFilter(finding="too_dark")))
    assert all("too_dark" in r["findings"] for r in rows.values())

    assert checking.check_cached(cache).checked == [], "a clip is checked once"
    sorted_by_findings = ids(cache, QueueFilter(sort="findings"))
    assert sorted(sorted_by_findings) == sorted(ids(cache, QueueFilter()))


def test_a_reencoded_resized_copy_is_grouped_as_duplicate(synced: Cache, tmp_path: Path) -> None:
    cache = synced
    original = cache.clip_path("sub-000101.mp4")
    copy = tmp_path / "copy.mp4"
    run_ffmpeg(["-y", "-i", str(original), "-vf", "scale=256:144", "-c:v", "libx264", "-crf", "30",
                "-preset", "ultrafast", "-c:a", "aac", str(copy)])
    # a second submission sent later with the same (re-encoded) clip
    cache.db.execute(
        "INSERT INTO submissions (id, campaign, country, received_at, recipient_first, recipient_last, sender_first,"
        " sender_last, consent_broadcast, raw, source, ingested_at) SELECT 'sub-copy', campaign, country,"
        " '2030-01-01T00:00:00Z', recipient_first, recipient_last, sender_first, sender_last, 1, raw, source,"
        " ingested_at FROM submissions WHERE id = 'sub-000101'"
    )
    cache.db.execute("INSERT INTO clips (submission_id, file, sha256, size) VALUES ('sub-copy', 'sub-copy.mp4', 'x', 1)")
    copy.replace(cache.clip_path("sub-copy.mp4"))
    checking.check_cached(cache, workers=2)
    report = checks.report(cache.db, "sub-copy")
    assert report is not None
    assert report["duplicate_of"] == "sub-000101" and "duplicate" in report["findings"]
    assert "sub-copy" in checks.duplicate_group(cache.db, "sub-000101")
    assert "sub-000101" in checks.duplicate_group(cache.db, "sub-copy")
    first = checks.report(cache.db, "sub-000101")
    assert first is not None and first["duplicate_of"] is None, "the oldest submission is the original"
    assert "sub-copy" in ids(cache, QueueFilter(finding="duplicate"))
    other = checks.report(cache.db, "sub-000102")
    assert other is not None and other["duplicate_of"] != "sub-000101"


def test_thresholds_are_campaign_settings(synced: Cache) -> None:
    cache = synced
    with pytest.raises(checking.UnknownThreshold):
        checking.set_thresholds(cache, {"no_such_threshold": 1})
    with pytest.raises(checking.InvalidThreshold):
        checking.set_thresholds(cache, {"min_duration_s": True})
    assert checking.thresholds(cache).min_duration_s < 10
    checking.set_thresholds(cache, {"min_duration_s": 10.0})
    assert checking.thresholds(cache).min_duration_s == 10.0
    checking.check_cached(cache, workers=2)
    assert len(ids(cache, QueueFilter(finding="too_short"))) == DEMO_GOOD


def test_an_unreadable_cached_clip_is_reported_not_fatal(synced: Cache) -> None:
    cache = synced
    cache.clip_path("sub-000103.mp4").write_bytes(b"\x00" * 5000)  # damaged on disk after ingest
    summary = checking.check_cached(cache, workers=2)
    assert summary.unreadable == ["sub-000103"]
    report = checks.report(cache.db, "sub-000103")
    assert report is not None and report["findings"] == ["unreadable"] and report["reason"]
    assert len(summary.checked) == DEMO_GOOD


def test_cancel_stops_early_and_keeps_what_was_checked(synced: Cache) -> None:
    cache = synced
    cancel = threading.Event()
    seen: list[int] = []

    def progress(done: int, total: int) -> None:
        seen.append(done)
        if done == 2:
            cancel.set()

    summary = checking.check_cached(cache, workers=1, progress=progress, cancel=cancel)
    assert len(summary.checked) == 2
    assert len(ids(cache, QueueFilter(finding=UNCHECKED))) == DEMO_GOOD - 2
