"""Drafts and blocking flags over a real synced cache (real SQLite file, demo clips)."""

from __future__ import annotations

from pathlib import Path

import pytest

from moderator_app.config import BLOCKING_FLAGS
from moderator_app.db.cache import Cache
from moderator_app.services.audit import audit_log
from moderator_app.services.errors import UnknownFlag
from moderator_app.services.review import QueueFilter, ReviewService
from moderator_app.services.spots import SpotService


@pytest.fixture
def review(cache: Cache, demo_inbox: Path) -> ReviewService:
    svc = ReviewService(cache, "ana")
    svc.sync_inbox(demo_inbox)
    return svc


def queued(svc: ReviewService) -> list[str]:
    view = svc.queue_view(QueueFilter(status="queued"))
    rows = svc.queue_rows(view.rowids)
    return [rows[r]["id"] for r in view.rowids]


def test_a_draft_is_kept_replaced_and_forgotten_when_empty(review: ReviewService) -> None:
    sid = queued(review)[0]
    assert review.draft(sid) is None
    review.save_draft(sid, ["poor_audio", "minor_shown", "poor_audio"], "sound très faible — صوت")
    d = review.draft(sid)
    assert d is not None and d.flags == ("minor_shown", "poor_audio") and d.note == "sound très faible — صوت"
    review.save_draft(sid, [], "only words")
    assert review.draft(sid) is not None and review.draft(sid).flags == ()  # type: ignore[union-attr]
    review.save_draft(sid, [], "")
    assert review.draft(sid) is None, "nothing ticked, nothing typed: no draft row"


def test_the_draft_survives_reopening_the_cache(review: ReviewService, data_dir: Path) -> None:
    sid = queued(review)[1]
    review.save_draft(sid, ["commercial"], "logo at 0:03")
    review.cache.close()
    again = ReviewService(Cache(data_dir), "ana")
    try:
        d = again.draft(sid)
        assert d is not None and (d.flags, d.note) == (("commercial",), "logo at 0:03")
    finally:
        again.cache.close()


def test_the_decision_takes_the_draft_and_undo_gives_back_flags_and_note(review: ReviewService) -> None:
    sid = queued(review)[0]
    review.save_draft(sid, ["poor_image"], "blurry start")
    d = review.decide(sid, "approved", ["poor_image"], "blurry start")
    assert review.draft(sid) is None, "the decision consumed the draft in its own transaction"
    review.undo(d.seq)
    back = review.draft(sid)
    assert back is not None and (back.flags, back.note) == (("poor_image",), "blurry start")
    # undo of a second decision returns to the first one: that state shows, no draft is invented
    first = review.decide(sid, "rejected", [], "no")
    second = review.decide(sid, "approved", ["commercial"], "changed my mind")
    review.undo(second.seq)
    assert review.details(sid)["status"] == "rejected" and review.draft(sid) is None  # type: ignore[index]
    assert first.note == "no"


def test_a_draft_for_an_erased_or_unknown_clip_is_skipped(review: ReviewService) -> None:
    review.save_draft("sub-does-not-exist", ["poor_audio"], "x")
    assert review.draft("sub-does-not-exist") is None


def test_blocking_flags_default_campaign_setting_and_audit(review: ReviewService) -> None:
    assert review.blocking_flags() == BLOCKING_FLAGS == ("minor_shown", "personal_data")
    assert review.set_blocking_flags(["third_party"]) == ("third_party",)
    assert review.blocking_flags() == ("third_party",)
    with pytest.raises(UnknownFlag):
        review.set_blocking_flags(["not_a_flag"])
    sid = queued(review)[0]
    d = review.decide(sid, "approved", ["third_party"], "", confirmed_blocking=["third_party"])
    rows = [r for r in audit_log(review.cache, subject_id=sid) if r.kind == "blocking_confirmed"]
    assert len(rows) == 1 and rows[0].details == {"decision_seq": d.seq, "flags": ["third_party"]}
    other = queued(review)[0]
    review.decide(other, "approved")
    assert not [r for r in audit_log(review.cache, subject_id=other) if r.kind == "blocking_confirmed"]


def test_spot_candidates_carry_their_flags_and_which_block(review: ReviewService) -> None:
    # a clip the spot may carry: broadcast consent under accepted terms (the picker offers no other)
    sid = next(s for s in queued(review)
               if (d := review.details(s)) is not None and d["consent_broadcast"] and d["terms_accepted"])
    review.decide(sid, "approved", ["minor_shown", "poor_audio"], "")
    found = {c.clip.submission_id: c for c in SpotService(review.cache).candidates()}
    c = found[sid]
    assert [f.code for f in c.flags] == ["minor_shown", "poor_audio"]  # catalogue order
    assert c.flags[0].label_en == "Minor shown" and c.flags[0].label_fr == "Mineur à l'image"
    assert c.blocking == ("minor_shown",)
