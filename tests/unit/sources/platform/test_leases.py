"""Leases against the real fault-injecting server: claim ahead, renew, lose to another desk, release.

Lease expiry is driven by a ManualClock (no sleeping against a short lease); the release deadline is
checked against a platform that never answers.
"""

from __future__ import annotations

import time

import pytest

from moderator_app.db import platform as pdb
from moderator_app.db.cache import Cache
from moderator_app.services.review import ReviewService
from moderator_app.sources.platform.leases import DEFAULT_LEASE_S
from moderator_app.sources.platform.pipeline import PlatformSync
from tests.support.platform_desk import (
    TOKEN,
    ManualClock,
    assert_clips_whole,
    desk,
    fast_client,
    free_port,
    real_items,
    silent_platform,
    visible_ids,
)
from tests.support.platform_server import PlatformServer


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
    clock = ManualClock()
    with PlatformServer(real_items(clip_bytes, 3), token=TOKEN) as server:
        sync = desk(cache, server, ahead=3, clock=clock)
        sync.run()
        assert len(visible_ids(cache)) == 3
        server.clear_log()
        sync.run()  # nothing is due yet: no lease is renewed
        assert not any(r.path.endswith("/claim") for r in server.requests)
        server.hold_claim("sub-000001", "bob")  # our lease lapsed, bob took it
        clock.advance(DEFAULT_LEASE_S * 0.6)  # past half the lease: the next pass renews
        report = sync.run()
        assert [sid for sid, _ in report.lost] == ["sub-000001"]
        assert "another moderator" in report.lost[0][1] and "bob" in report.lost[0][1]
        assert visible_ids(cache) == {"sub-000000", "sub-000002"}
        assert not list(cache.clips_dir.glob("sub-000001*"))
        assert any("removed from your queue" in e.message for e in pdb.log_entries(cache.db))


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



def test_download_failing_for_now_keeps_the_claim_and_finishes_later(cache: Cache, clip_bytes: bytes) -> None:
    clock = ManualClock()
    with PlatformServer(real_items(clip_bytes, 3), token=TOKEN) as server:
        server.fail_next(50, 503, path="/clips/sub-000001")
        sync = desk(cache, server, ahead=3, lease_s=60, clock=clock)
        report = sync.run()
        assert report.partial and report.retry[0][0] == "sub-000001"
        assert visible_ids(cache) == {"sub-000000", "sub-000002"}
        assert not (cache.clips_dir / "sub-000001.mp4").exists()
        server.clear_faults()
        clock.advance(45)  # past half the lease: the next pass renews it first
        server.clear_log()
        report = sync.run()
        assert report.added == ["sub-000001"] and not report.partial
        claims = [r.path for r in server.requests if r.path.endswith("/claim")]
        assert "/v1/submissions/sub-000001/claim" in claims
        assert_clips_whole(cache, server)


def test_release_with_a_deadline_gives_back_every_lease_a_live_platform_confirms(
    cache: Cache, clip_bytes: bytes
) -> None:
    with PlatformServer(real_items(clip_bytes, 4), token=TOKEN) as server:
        sync = desk(cache, server, ahead=4)
        sync.run()
        assert sync.release(["sub-000003", "sub-000001"], deadline_s=10.0) == ["sub-000003", "sub-000001"]
        assert server.lease("sub-000001")[0] is None and server.lease("sub-000003")[0] is None
        assert pdb.held_claims(cache.db) == ["sub-000000", "sub-000002"]
        assert sorted(sync.release_all(deadline_s=10.0)) == ["sub-000000", "sub-000002"]
        assert pdb.held_claims(cache.db) == []


@pytest.mark.parametrize("platform", ["silent", "refusing"])
def test_release_all_offline_returns_by_its_deadline_and_keeps_the_leases(
    cache: Cache, clip_bytes: bytes, platform: str
) -> None:
    """Quitting with 10 leases while the platform cannot be reached: the window gets control back by the
    deadline (10 leases x a 2 s connect timeout, one after the other, took 20 s), nothing is marked
    released that the platform did not confirm, and the leases are still there for the next start."""
    with PlatformServer(real_items(clip_bytes, 10), token=TOKEN) as server:
        desk(cache, server, ahead=10).run()
    held = pdb.held_claims(cache.db)
    assert len(held) == 10
    deadline_s = 1.0
    # the app's own settings for a desk: a 2 s connect timeout, retries with real backoff
    options = {"connect_timeout": 2.0, "timeout": 30.0, "max_retries": 5, "backoff_base_s": 0.5,
               "backoff_cap_s": 5.0}
    if platform == "silent":
        with silent_platform() as url:
            sync = PlatformSync(cache, fast_client(url, **options), "ana")
            started = time.monotonic()
            released = sync.release_all(deadline_s=deadline_s)
            elapsed = time.monotonic() - started
    else:  # nothing listens: every connection is refused at once, so only the retries could take long
        sync = PlatformSync(cache, fast_client(f"http://127.0.0.1:{free_port()}", **options), "ana")
        started = time.monotonic()
        released = sync.release_all(deadline_s=deadline_s)
        elapsed = time.monotonic() - started
    assert released == []
    assert pdb.held_claims(cache.db) == held  # not released here: they expire on the platform
    assert elapsed < deadline_s + 1.5, elapsed  # generous margin for a loaded machine; without it: 20 s+
