"""The whole platform pass against the real fault-injecting server: every fault at once, a refused
token, and a slow clip that must not hold the others back.

The shared helpers live in tests/support/platform_desk.py; they are re-exported here because
tests/gui/test_platform_*.py import them from this module.
"""

from __future__ import annotations

from moderator_app.db import platform as pdb
from moderator_app.db.cache import Cache
from moderator_app.sources.platform.pipeline import INCOMING_DIR, DownloadStatus, PlatformSync
from tests.support.platform_desk import (
    TOKEN,
    assert_clips_whole,
    clip_bytes,
    desk,
    fast_client,
    free_port,
    real_items,
    visible_ids,
)
from tests.support.platform_server import PlatformServer, make_record

__all__ = ["TOKEN", "assert_clips_whole", "clip_bytes", "desk", "fast_client", "free_port", "real_items",
           "visible_ids"]


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



def test_bad_token_stops_the_pass(cache: Cache, clip_bytes: bytes) -> None:
    with PlatformServer(real_items(clip_bytes, 2), token=TOKEN) as server:
        sync = PlatformSync(cache, fast_client(server.url, "wrong-token"), "ana")
        report = sync.run()
        assert report.auth_failed and visible_ids(cache) == set()
        assert all(TOKEN not in e.message and "wrong-token" not in e.message for e in pdb.log_entries(cache.db))



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



def test_a_pass_removes_clips_a_killed_pass_left_without_a_row(cache: Cache, clip_bytes: bytes) -> None:
    """A pass killed between placing a clip and committing its row leaves a personal video nobody can see
    or erase; the next pass, holding the sync lock, deletes such files and keeps every committed clip."""
    items = real_items(clip_bytes, 3)
    with PlatformServer(items, token=TOKEN) as server:
        desk(cache, server, ahead=50, workers=2).run()
        kept = sorted(p.name for p in cache.clips_dir.iterdir() if p.is_file())
        assert len(kept) == 3
        stray = cache.clips_dir / "sub-000777.mp4"
        stray.write_bytes(clip_bytes)
        (cache.clips_dir / INCOMING_DIR).mkdir(exist_ok=True)
        resumable = cache.clips_dir / INCOMING_DIR / "sub-000778.part"
        resumable.write_bytes(b"partial download, resumed by the next pass")
        report = desk(cache, server, ahead=50, workers=2).run()
        assert report.error is None
    assert not stray.exists()
    assert resumable.exists()
    assert sorted(p.name for p in cache.clips_dir.iterdir() if p.is_file()) == kept
    assert_clips_whole(cache, server, settled=False)


def test_downloads_keep_the_campaigns_free_space_and_resume_when_there_is_room(
    cache: Cache, clip_bytes: bytes
) -> None:
    """A platform may list clip after clip up to the size cap: the pass fetches only what fits above
    ``min_free_mb``, says why it is partial, and a later pass (with room) fetches the rest."""
    from moderator_app.services.checks import set_thresholds
    from moderator_app.sources.space import free_bytes

    items = real_items(clip_bytes, 3)
    free_mb = free_bytes(cache.clips_dir) >> 20
    set_thresholds(cache, {"min_free_mb": free_mb + 1024})  # no room for anything
    with PlatformServer(items, token=TOKEN) as server:
        report = desk(cache, server, ahead=50, workers=2).run()
        assert report.added == []
        assert report.error is not None and "not enough free space" in report.error
        assert report.partial
        assert {sid for sid, why in report.retry if why == "not enough free space"} == {
            f"sub-{i:06d}" for i in range(3)
        }
        assert not any(p.is_file() for p in cache.clips_dir.rglob("*"))
        set_thresholds(cache, {"min_free_mb": 0})
        report = desk(cache, server, ahead=50, workers=2).run()
        assert report.error is None
        assert sorted(report.added) == [f"sub-{i:06d}" for i in range(3)]
        assert_clips_whole(cache, server)
