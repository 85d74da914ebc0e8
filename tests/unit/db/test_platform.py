"""Platform bookkeeping: the outbox filled by the decision trigger, what is pushed, claims and listed records."""

from __future__ import annotations

import sqlite_utils

from moderator_app.db import decisions
from moderator_app.db import platform as pf
from moderator_app.db.unit import transaction
from moderator_app.models import Person, Submission

from .conftest import add, submission


def listed(n: int) -> Submission:
    sid = f"sub-{n:06d}"
    return Submission(
        id=sid, campaign="c", received_at="2020-04-02T18:00:00Z", country="FR", recipient=Person("A", "B"),
        sender=Person("C", "D"), consent_broadcast=True, consent_given_at="2020-04-02T18:00:00Z",
        clip_url=f"http://127.0.0.1/clips/{sid}", clip_sha256="AB" * 32, clip_size=10, raw={"id": sid},
    )  # fmt: skip


def test_only_platform_decisions_enter_the_outbox(db: sqlite_utils.Database) -> None:
    add(db, submission(1), source="platform")
    add(db, submission(2), source="inbox")
    d1 = decisions.record_decision(db, "sub-000001", "approved", moderator="ana")
    decisions.record_decision(db, "sub-000002", "approved", moderator="ana")
    assert db.execute("SELECT seq, submission_id, state FROM outbox").fetchall() == [(d1.seq, "sub-000001", "pending")]
    assert pf.pending_count(db) == 1


def test_only_the_latest_decision_is_pushed_and_an_undo_to_queued_stays_local(db: sqlite_utils.Database) -> None:
    add(db, submission(1), submission(2), source="platform")
    decisions.record_decision(db, "sub-000001", "approved")
    latest = decisions.record_decision(db, "sub-000001", "rejected", flags=["commercial"], note="ad", moderator="ana")
    only = decisions.record_decision(db, "sub-000002", "approved")
    decisions.undo_decision(db, only.seq)
    with transaction(db):
        pf.settle_superseded(db)
    pushes = pf.pending_pushes(db, "desk")
    assert [(p.seq, p.submission_id) for p in pushes] == [(latest.seq, "sub-000001")]
    assert pushes[0].payload == {
        "decision": "rejected", "flags": ["commercial"], "note": "ad", "moderator": "ana",
        "decided_at": latest.decided_at, "idempotency_key": latest.key,
    }  # fmt: skip
    assert pf.outbox_counts(db) == {"pending": 1, "acked": 0, "conflict": 0, "superseded": 2, "local": 1}


def test_acks_set_the_push_receipt_and_conflicts_keep_theirs(db: sqlite_utils.Database) -> None:
    add(db, submission(1), submission(2), source="platform")
    a = decisions.record_decision(db, "sub-000001", "approved")
    b = decisions.record_decision(db, "sub-000002", "rejected")
    with transaction(db):
        pf.mark_failed(db, [a.seq], "timeout")
        pf.mark_acked(db, [a.seq])
        pf.mark_conflict(db, b.seq, {"decision": "approved", "moderator": "other"})
    assert db.execute("SELECT attempts, last_error FROM outbox WHERE seq = ?", [a.seq]).fetchone() == (2, None)
    assert db.execute("SELECT pushed_at IS NOT NULL FROM decisions WHERE seq = ?", [a.seq]).fetchone() == (1,)
    [conflict] = pf.conflicts(db, unseen_only=True)
    assert (conflict.submission_id, conflict.ours["decision"], conflict.theirs["moderator"]) == (
        "sub-000002", "rejected", "other",
    )  # fmt: skip
    with transaction(db):
        pf.mark_conflicts_seen(db, [b.seq])
    assert pf.conflicts(db, unseen_only=True) == [] and len(pf.conflicts(db)) == 1
    assert pf.pending_pushes(db, "desk") == []


def test_claims_to_renew_and_release_skip_decided_clips(db: sqlite_utils.Database) -> None:
    add(db, submission(1), submission(2), source="platform")
    decisions.record_decision(db, "sub-000002", "approved")
    with transaction(db):
        pf.set_claim(db, "sub-000001", "ana", "held", lease_s=5)  # on screen, undecided
        pf.set_claim(db, "sub-000002", "ana", "held", lease_s=5)  # decided: its push ends it
        pf.set_claim(db, "sub-000003", "ana", "held", lease_s=600)  # still downloading
        pf.set_claim(db, "sub-000004", "ana", "released")
    assert pf.held_claims(db) == ["sub-000001", "sub-000002", "sub-000003"]
    assert pf.claims_to_renew(db, within_s=60) == [("sub-000001", True)]
    assert pf.claims_to_renew(db, within_s=3600) == [("sub-000001", True), ("sub-000003", False)]
    assert pf.claims_to_release(db) == ["sub-000001", "sub-000003"]
    assert pf.active_claim_count(db) == 2
    with transaction(db):
        pf.set_claim(db, "sub-000001", "ana", "released")
    assert pf.unclaimed_visible(db) == ["sub-000001"]


def test_listed_records_keep_their_state_unless_another_desk_let_go(db: sqlite_utils.Database) -> None:
    with transaction(db):
        assert pf.add_listed(db, [listed(1), listed(2), listed(3)]) == 3
        pf.set_record_state(db, "sub-000001", "ready")
        pf.set_record_state(db, "sub-000002", "taken", "held by another moderator")
        assert pf.add_listed(db, [listed(1), listed(2), listed(4)]) == 2  # 2 claimable again, 4 new
    assert [r.id for r in pf.records_in_state(db, "listed")] == ["sub-000002", "sub-000003", "sub-000004"]
    assert pf.records_in_state(db, "ready")[0].sha256 == "ab" * 32  # stored lower-case
    assert pf.fresh_candidate_count(db) == 3
    assert pf.claim_candidates(db, 2) == ["sub-000002", "sub-000003"]


def test_sync_state_and_a_bounded_log(db: sqlite_utils.Database) -> None:
    with transaction(db):
        pf.state_set(db, "cursor", "a")
        pf.state_set(db, "cursor", "b")
        for n in range(pf.LOG_KEEP + 10):
            pf.log_event(db, "info", f"listed page {n}")
    assert pf.state_get(db, "cursor") == "b" and pf.state_get(db, "missing") is None
    assert db.execute("SELECT COUNT(*) FROM sync_log").fetchone() == (pf.LOG_KEEP,)
    assert pf.log_entries(db, limit=1)[0].message == f"listed page {pf.LOG_KEEP + 9}"


def test_a_clip_held_elsewhere_leaves_the_queue_unless_it_has_history(db: sqlite_utils.Database) -> None:
    add(db, submission(1), submission(2), source="platform")
    decisions.record_decision(db, "sub-000002", "approved")
    with transaction(db):
        assert pf.remove_from_queue(db, "sub-000001") == "sub-000001.mp4"
        assert pf.remove_from_queue(db, "sub-000002") is None
    assert pf.cached_ids(db, ["sub-000001", "sub-000002"]) == {"sub-000002"}
