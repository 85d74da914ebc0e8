"""The review service over a real synced cache: what the window's keys and the CLI both call."""

from __future__ import annotations

from pathlib import Path

import pytest

from moderator_app.db.cache import Cache
from moderator_app.services import checks as checking
from moderator_app.services.errors import NothingToUndo, UnknownFlag, UnknownSubmission
from moderator_app.services.review import QUARANTINED, UNCHECKED, QueueFilter, ReviewService
from tests.conftest import DEMO_BAD, DEMO_GOOD


@pytest.fixture
def review(cache: Cache, demo_inbox: Path) -> ReviewService:
    svc = ReviewService(cache, "ana")
    svc.sync_inbox(demo_inbox)
    return svc


def ids(svc: ReviewService, f: QueueFilter) -> list[str]:
    view = svc.queue_view(f)
    rows = svc.queue_rows(view.rowids)
    return [rows[r]["id"] for r in view.rowids]


def test_decide_undo_and_progress(review: ReviewService) -> None:
    first, second = ids(review, QueueFilter(status="queued"))[:2]
    assert review.progress().decided == 0 and review.progress().total == DEMO_GOOD
    flag = review.flags()[0].code
    d = review.decide(first, "rejected", [flag], "note")
    assert (d.decision, d.flags, d.moderator) == ("rejected", (flag,), "ana")
    review.decide(second, "approved")
    assert review.progress().decided == 2
    undone = review.undo(d.seq)
    assert undone.decision == "queued" and review.details(first)["status"] == "queued"  # type: ignore[index]
    assert [h.decision for h in review.history(first)] == ["rejected", "queued"]
    with pytest.raises(UnknownSubmission):
        review.decide("sub-nope", "approved")
    with pytest.raises(UnknownFlag):
        review.decide(second, "rejected", ["not_a_flag"])
    with pytest.raises(NothingToUndo):
        review.undo(999_999)


def test_queue_view_follows_decisions_and_filters(review: ReviewService) -> None:
    everyone = review.queue_view(QueueFilter())
    assert len(everyone.rowids) == DEMO_GOOD and everyone.queued == set(everyone.rowids)
    first = ids(review, QueueFilter())[0]
    review.decide(first, "approved")
    queued = review.queue_view(QueueFilter(status="queued"))
    assert review.rowid_of(first) not in queued.queued and len(queued.rowids) == DEMO_GOOD - 1
    assert ids(review, QueueFilter(status="approved")) == [first]
    assert review.queue_view(QueueFilter(status="approved")).queued == set()
    assert review.rowid_of("sub-nope") is None
    assert len(review.queue_view(QueueFilter(status=QUARANTINED)).rowids) == DEMO_BAD
    assert len(review.queue_view(QueueFilter(finding=UNCHECKED)).rowids) == DEMO_GOOD
    countries = review.countries()
    assert countries == sorted(countries) and countries
    assert ids(review, QueueFilter(country=countries[0]))


def test_clip_path_and_checks_of_one_clip(review: ReviewService) -> None:
    sid = ids(review, QueueFilter())[0]
    path = review.clip_path(sid)
    assert path is not None and path.is_file() and path.parent == review.cache.clips_dir
    assert review.clip_path("sub-nope") is None
    before = checking.clip_checks(review.cache, sid)
    assert before.report is None and before.duplicates == [] and before.suggested == []
    checking.check_cached(review.cache, workers=1)
    after = checking.clip_checks(review.cache, sid)
    assert after.report is not None
    assert after.suggested == checking.suggested_flags(after.report.get("findings") or [])
