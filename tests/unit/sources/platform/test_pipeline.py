"""The platform sync against the real fault-injecting server: pull, claims, outbox, conflicts, quarantine.

The helpers at the top are shared with tests/e2e/test_platform_*.py and tests/gui/test_platform_*.py.
"""

from __future__ import annotations

import hashlib
import json
import socket
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from moderator_app.db import platform as pdb
from moderator_app.db.cache import Cache
from moderator_app.services.review import ReviewService
from moderator_app.sources.platform.client import PlatformClient
from moderator_app.sources.platform.pipeline import INCOMING_DIR, DownloadStatus, PlatformSync
from tests.support.platform_server import Item, PlatformServer, make_record

TOKEN = "tok-sync-5d1e"


# -- shared helpers ---------------------------------------------------------------------------------

def real_items(clip: bytes, count: int, *, start: int = 0) -> list[Item]:
    """Records whose clips are a real (tiny) video, so the decode check passes."""
    return [(make_record(start + i), clip) for i in range(count)]


def free_port() -> int:
    """A port the test can stop and restart the same server on (an offline platform comes back)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def fast_client(url: str, token: str = TOKEN, **overrides: Any) -> PlatformClient:
    options: dict[str, Any] = {"timeout": 3.0, "connect_timeout": 1.0, "max_retries": 3,
                               "backoff_base_s": 0.01, "backoff_cap_s": 0.05}
    options.update(overrides)
    return PlatformClient(url, token, **options)


def desk(cache: Cache, server: PlatformServer, moderator: str = "ana", **kw: Any) -> PlatformSync:
    return PlatformSync(cache, fast_client(server.url), moderator, **kw)


def visible_ids(cache: Cache) -> set[str]:
    return {r[0] for r in cache.db.execute("SELECT id FROM submissions")}


def assert_clips_whole(cache: Cache, server: PlatformServer, *, settled: bool = True) -> None:
    """Every visible clip is on disk with the platform's bytes; nothing half-written lies around.

    ``settled=False`` (after a kill): resumable ``.part`` files may wait in ``.incoming``, never beside
    the visible clips.
    """
    for sid, file, sha, size in cache.db.execute("SELECT submission_id, file, sha256, size FROM clips"):
        data = cache.clip_path(file).read_bytes()
        assert len(data) == size
        assert hashlib.sha256(data).hexdigest() == sha == hashlib.sha256(server.clip_bytes(sid)).hexdigest()
    where = cache.clips_dir.rglob("*") if settled else cache.clips_dir.glob("*")
    leftovers = [p.name for p in where if p.is_file() and (".part" in p.name or ".tmp" in p.name)]
    assert leftovers == []


@pytest.fixture(scope="session")
def clip_bytes(tiny_clip: Path) -> bytes:
    return tiny_clip.read_bytes()


# -- tests ------------------------------------------------------------------------------------------

def test_full_pull_through_every_fault(cache: Cache, clip_bytes: bytes) -> None:
    items = real_items(clip_bytes, 12)
    broken = make_record(90)
    broken["country"] = "XX"
    with PlatformServer(items, token=TOKEN) as server:
        server.add_item(make_record(91), b"this is not a video at all" * 40)
        server.add_item(broken, clip_bytes)
        server.corrupt_clip("sub-000003")
        server.fail_next(2, 503, path="/v1/submissions")
        server.rate_limit_next(1, retry_after=0.05, path="/v1/submissions/sub-000001/claim")
        server.drop_clip_after(1500, count=2, record_id="sub-000004")
        server.ignore_range_next(1, record_id="sub-000004")
        server.fail_next(2, 500, path="/clips/sub-000005")
        server.trickle_clips(4096, 0.002, count=1, record_id="sub-000006")
        server.delay_next(2, 0.2, path="/clips/sub-000007")
        report = desk(cache, server, ahead=50, workers=3).run()
        assert report.online and not report.auth_failed and report.error is None
        good = {f"sub-{i:06d}" for i in range(12)} - {"sub-000003"}
        assert set(report.added) == good
        assert visible_ids(cache) == good
        assert_clips_whole(cache, server)
        reasons = {src: why for src, why in report.quarantined}
        assert "sha256" in reasons["platform/sub-000003"]
        assert "not a readable video" in reasons["platform/sub-000091"]
        assert "country" in reasons["platform/sub-000090"]
        stored = {r["source"]: r["reason"] for r in cache.db.query("SELECT source, reason FROM quarantine")}
        assert stored == reasons
        # the bad clips' leases went back; the good ones stay with this desk
        assert server.lease("sub-000003")[0] is None
        assert server.lease("sub-000091")[0] is None
        assert all(server.lease(sid)[0] == "ana" for sid in good)
        assert not (cache.clips_dir / INCOMING_DIR / "sub-000003").exists()
        # a second pass finds nothing new and re-downloads nothing
        server.clear_log()
        again = desk(cache, server, ahead=50).run()
        assert again.added == [] and not any(r.path.startswith("/clips/") for r in server.requests)


def test_claims_only_a_small_batch_ahead(cache: Cache, clip_bytes: bytes) -> None:
    with PlatformServer(real_items(clip_bytes, 10), token=TOKEN) as server:
        sync = desk(cache, server, ahead=3)
        assert len(sync.run().added) == 3
        assert sum(server.lease(f"sub-{i:06d}")[0] == "ana" for i in range(10)) == 3
        svc = ReviewService(cache, "ana")
        first = min(visible_ids(cache))
        svc.decide(first, "approved")
        report = sync.run()  # pushes the decision, then tops the batch up by one
        assert report.pushed == 1 and len(report.added) == 1
        assert [d["id"] for d in server.decisions] == [first]


def test_claim_lost_to_another_moderator_leaves_the_queue_calmly(cache: Cache, clip_bytes: bytes) -> None:
    with PlatformServer(real_items(clip_bytes, 3), token=TOKEN) as server:
        sync = desk(cache, server, ahead=3, lease_s=1)
        sync.run()
        assert len(visible_ids(cache)) == 3
        server.hold_claim("sub-000001", "bob")  # our lease lapsed, bob took it
        time.sleep(0.6)  # past half the lease: the next pass renews
        report = sync.run()
        assert [sid for sid, _ in report.lost] == ["sub-000001"]
        assert "another moderator" in report.lost[0][1] and "bob" in report.lost[0][1]
        assert visible_ids(cache) == {"sub-000000", "sub-000002"}
        assert not list(cache.clips_dir.glob("sub-000001*"))
        assert any("removed from your queue" in e.message for e in pdb.log_entries(cache.db))


def test_conflict_surfaces_with_both_decisions(cache: Cache, clip_bytes: bytes) -> None:
    with PlatformServer(real_items(clip_bytes, 2), token=TOKEN) as server:
        sync = desk(cache, server, ahead=2)
        sync.run()
        server.decide_as("sub-000000", "rejected", "bob")
        ReviewService(cache, "ana").decide("sub-000000", "approved", note="fine")
        report = sync.push()
        assert report.pushed == 0 and report.push_pending == 0
        [conflict] = report.conflicts
        assert conflict.submission_id == "sub-000000"
        assert conflict.ours["decision"] == "approved" and conflict.theirs["decision"] == "rejected"
        assert conflict.theirs["moderator"] == "bob"
        # never overwritten: the local history keeps our decision, the server keeps bob's
        assert cache.db.execute("SELECT status FROM submissions WHERE id='sub-000000'").fetchone()[0] == "approved"
        assert server.decisions == []
        pdb.mark_conflicts_seen(cache.db, [conflict.seq])
        assert pdb.conflicts(cache.db, unseen_only=True) == []


def test_outbox_sends_each_decision_once_and_undo_after_push_sends_a_new_one(
    cache: Cache, clip_bytes: bytes
) -> None:
    with PlatformServer(real_items(clip_bytes, 3), token=TOKEN) as server:
        sync = desk(cache, server, ahead=3)
        sync.run()
        svc = ReviewService(cache, "ana")
        first = svc.decide("sub-000000", "approved")
        sync.push()
        sync.push()
        assert [d["idempotency_key"] for d in server.decisions] == [first.key]
        # undo back to 'queued' stays local; the next decision is a new one with a new key
        svc.undo(first.seq)
        assert sync.push().pushed == 0
        second = svc.decide("sub-000000", "rejected", ["poor_audio"])
        assert sync.push().pushed == 1
        assert [(d["decision"], d["idempotency_key"]) for d in server.decisions] == [
            ("approved", first.key), ("rejected", second.key)]
        # several local changes before a push: only the latest goes out
        a = svc.decide("sub-000001", "approved")
        svc.undo(a.seq)
        b = svc.decide("sub-000001", "rejected")
        assert sync.push().pushed == 1
        assert server.decisions[-1]["idempotency_key"] == b.key
        counts = pdb.outbox_counts(cache.db)
        assert counts["pending"] == 0 and counts["superseded"] == 2


def test_offline_push_is_partial_then_flushes(cache: Cache, clip_bytes: bytes) -> None:
    port = free_port()
    server = PlatformServer(real_items(clip_bytes, 4), token=TOKEN, port=port).start()
    try:
        sync = desk(cache, server, ahead=4)
        sync.run()
        server.stop()
        svc = ReviewService(cache, "ana")
        for i in range(4):
            svc.decide(f"sub-{i:06d}", "approved")
        report = sync.run()
        assert not report.online and report.partial and report.push_pending == 4
        server.start()
        report = sync.run()
        assert report.online and report.pushed == 4 and report.push_pending == 0
        assert sorted(d["id"] for d in server.decisions) == [f"sub-{i:06d}" for i in range(4)]
    finally:
        server.stop()


def test_bad_token_stops_the_pass(cache: Cache, clip_bytes: bytes) -> None:
    with PlatformServer(real_items(clip_bytes, 2), token=TOKEN) as server:
        sync = PlatformSync(cache, fast_client(server.url, "wrong-token"), "ana")
        report = sync.run()
        assert report.auth_failed and visible_ids(cache) == set()
        assert all(TOKEN not in e.message and "wrong-token" not in e.message for e in pdb.log_entries(cache.db))


def test_release_all_gives_back_every_undecided_lease(cache: Cache, clip_bytes: bytes) -> None:
    with PlatformServer(real_items(clip_bytes, 3), token=TOKEN) as server:
        sync = desk(cache, server, ahead=3)
        sync.run()
        ReviewService(cache, "ana").decide("sub-000000", "approved")
        assert sorted(sync.release_all()) == ["sub-000001", "sub-000002"]
        assert server.lease("sub-000001")[0] is None and server.lease("sub-000002")[0] is None
        # after a restart the desk takes its clips back before claiming new ones
        report = sync.run()
        assert report.added == [] and server.lease("sub-000001")[0] == "ana"


def test_stored_record_keeps_unknown_fields(cache: Cache, clip_bytes: bytes) -> None:
    record = make_record(5)
    record["extra"] = {"kept": True}
    with PlatformServer([(record, clip_bytes)], token=TOKEN) as server:
        desk(cache, server).run()
    raw = json.loads(cache.db.execute("SELECT raw FROM submissions WHERE id='sub-000005'").fetchone()[0])
    assert raw["extra"] == {"kept": True}
    assert cache.db.execute("SELECT source FROM submissions").fetchone()[0] == "platform/sub-000005"


@pytest.fixture
def cache_pair(tmp_path: Path) -> Iterator[tuple[Cache, Cache]]:
    a, b = Cache(tmp_path / "a"), Cache(tmp_path / "b")
    yield a, b
    a.close()
    b.close()


def test_download_failing_for_now_keeps_the_claim_and_finishes_later(cache: Cache, clip_bytes: bytes) -> None:
    with PlatformServer(real_items(clip_bytes, 3), token=TOKEN) as server:
        server.fail_next(50, 503, path="/clips/sub-000001")
        sync = desk(cache, server, ahead=3, lease_s=1)
        report = sync.run()
        assert report.partial and report.retry[0][0] == "sub-000001"
        assert visible_ids(cache) == {"sub-000000", "sub-000002"}
        assert not (cache.clips_dir / "sub-000001.mp4").exists()
        server.clear_faults()
        server.hold_claim("sub-000001", "ana", lease_s=0.1)  # nearly lapsed: the next pass renews it first
        time.sleep(0.6)
        server.clear_log()
        report = sync.run()
        assert report.added == ["sub-000001"] and not report.partial
        claims = [r.path for r in server.requests if r.path.endswith("/claim")]
        assert "/v1/submissions/sub-000001/claim" in claims
        assert_clips_whole(cache, server)


def test_a_slow_clip_holds_back_neither_the_other_downloads_nor_their_placement(
    cache: Cache, clip_bytes: bytes
) -> None:
    count = 10
    seen: list[tuple[int, int, int]] = []
    """(clips finished, clips still to download, rows visible in the queue), as the progress went."""

    def visible_now() -> int:  # cache.db is this thread's own connection
        return int(cache.db.execute("SELECT count(*) FROM submissions").fetchone()[0])

    def progress(status: DownloadStatus) -> None:
        seen.append((status.done, status.active, visible_now()))

    with PlatformServer(real_items(clip_bytes, count), token=TOKEN) as server:
        chunk = max(1, len(clip_bytes) // 60)
        server.trickle_clips(chunk, 0.03, record_id="sub-000000")  # about 2 s for the first clip
        report = desk(cache, server, ahead=count, workers=2, progress=progress).run()
        assert sorted(report.added) == [f"sub-{i:06d}" for i in range(count)] and not report.partial
        assert_clips_whole(cache, server)
    # while the slow clip was still on its way, the nine others were downloaded, checked and committed
    assert any(done == count - 1 and active == 1 and visible == count - 1 for done, active, visible in seen), seen


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
