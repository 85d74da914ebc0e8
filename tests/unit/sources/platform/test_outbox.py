"""The outbox against the real server: each decision pushed once, conflicts kept, offline then flushed."""

from __future__ import annotations

from moderator_app.db import platform as pdb
from moderator_app.db.cache import Cache
from moderator_app.services.review import ReviewService
from tests.support.platform_desk import TOKEN, desk, free_port, real_items
from tests.support.platform_server import PlatformServer


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

