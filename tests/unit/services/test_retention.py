"""Retention over a real cache (demo inbox synced, real clips, real decisions), the clock set by the test."""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest

from moderator_app.db import spots as spots_db
from moderator_app.db.cache import Cache
from moderator_app.services import retention
from moderator_app.services.review import QueueFilter, ReviewService

REJECTED = "sub-000101"  # Hélène Dubois, from Lucas Dubois (lucas.dubois@example.org)
KEPT = "sub-000103"


@pytest.fixture
def review(cache: Cache, demo_inbox: Path) -> Iterator[ReviewService]:
    service = ReviewService(cache, "alice")
    report = service.sync_inbox(demo_inbox)
    assert REJECTED in report.added and KEPT in report.added
    yield service


def decided_at(review: ReviewService, sid: str) -> dt.datetime:
    stamp = review.history(sid)[-1].decided_at
    return dt.datetime.fromisoformat(stamp)


def personal_strings(sub: dict[str, object]) -> list[str]:
    """What names or reaches the person, as stored and as the search index folds it."""
    raw = [sub["recipient_first"], sub["recipient_last"], sub["sender_first"], sub["sender_last"],
           sub["sender_email"], sub["sender_phone"], sub["message"], sub["town"]]
    out: set[str] = set()
    for value in raw:
        if not value:
            continue
        text = str(value)
        out.add(text)
        folded = "".join(c for c in unicodedata.normalize("NFKD", text.lower()) if not unicodedata.combining(c))
        out.update(w for w in folded.split() if len(w) > 3)
    return sorted(out)


def files_containing(folder: Path, needles: list[str]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for path in folder.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            hits = [n for n in needles if n.encode("utf-8") in data]
            if hits:
                found[str(path.relative_to(folder))] = hits
    return found


def test_a_rejection_is_kept_30_days_then_purged(review: ReviewService) -> None:
    review.decide(REJECTED, "rejected", ["wrong_name", "poor_audio"], note="Hélène n'est pas la bonne")
    review.decide(KEPT, "approved")
    t = decided_at(review, REJECTED)
    clip = review.clip_path(REJECTED)
    assert clip is not None and clip.is_file()

    early = retention.purge(review.cache, now=t + dt.timedelta(days=30, seconds=-1))
    assert early.count == 0 and review.details(REJECTED)["recipient_first"] == "Hélène"  # type: ignore[index]
    assert clip.is_file()

    due = retention.purge(review.cache, now=t + dt.timedelta(days=30))
    assert due.rejected == [REJECTED] and due.campaign_ended == [] and due.files_deleted == 1
    assert due.wal_truncated
    assert not clip.exists() and review.clip_path(REJECTED) is None
    assert retention.purge(review.cache, now=t + dt.timedelta(days=400)).count == 0, "purged once"
    assert review.details(KEPT)["recipient_first"] == "Françoise", "approved clips stay"  # type: ignore[index]


def test_a_purged_submission_keeps_its_decision_history_without_names(review: ReviewService) -> None:
    review.decide(REJECTED, "rejected", ["wrong_name"], note="first look")
    review.decide(REJECTED, "rejected", ["wrong_name", "poor_audio"], note="Hélène Dubois again")
    before = review.history(REJECTED)
    retention.purge(review.cache, now=decided_at(review, REJECTED) + dt.timedelta(days=31))
    after = review.history(REJECTED)
    assert [(d.decision, d.flags, d.moderator, d.decided_at, d.key) for d in after] == [
        (d.decision, d.flags, d.moderator, d.decided_at, d.key) for d in before]
    assert [d.note for d in after] == ["", ""], "a note may name the person"
    sub = review.details(REJECTED)
    assert sub is not None and sub["status"] == "rejected" and sub["flags"] == ["poor_audio", "wrong_name"]
    assert sub["decided_by"] == "alice" and sub["purged_at"]
    assert (sub["recipient_first"], sub["sender_last"], sub["sender_email"], sub["message"], sub["raw"]) == (
        "", "", None, None, "{}")
    assert sub["consent_terms"] == "2020-03" and sub["consent_given_at"], "the consent record stays"
    assert sub["clip_file"] is None
    assert len(review.queue_view(QueueFilter(search="Lefèvre")).rowids) == 1, "the rebuilt index still finds others"
    found = review.queue_rows(review.queue_view(QueueFilter(search="Hélène")).rowids)
    assert [r["id"] for r in found.values()] == [], "the search index forgot her"


def test_no_byte_of_a_purged_persons_data_is_left_under_the_data_folder(review: ReviewService,
                                                                         demo_inbox: Path) -> None:
    cache = review.cache
    targets = [REJECTED, "sub-000102"]
    for sid in targets:
        review.decide(sid, "rejected", ["wrong_name"], note=f"note about {review.details(sid)['sender_email']}")  # type: ignore[index]
    others = [review.details(r[0]) for r in review.cache.db.execute(
        "SELECT id FROM submissions WHERE id NOT IN (?, ?)", targets).fetchall()]
    needles = sorted({n for sid in targets for n in personal_strings(review.details(sid))  # type: ignore[arg-type]
                      if not any(n in str(o) or n in str(o).lower() for o in others)})
    assert "lucas.dubois@example.org" in needles and "Hélène" in needles and "helene" in needles
    assert files_containing(cache.data_dir, needles), "the names are there before the purge"

    report = retention.purge(cache, now=dt.datetime.now(dt.UTC) + dt.timedelta(days=30, seconds=1))
    assert sorted(report.rejected) == targets
    assert files_containing(cache.data_dir, needles) == {}

    again = review.sync_inbox(demo_inbox)  # the inbox still holds the records: they must not come back
    assert not set(targets) & set(again.added)
    assert all(review.details(sid)["recipient_first"] == "" for sid in targets)  # type: ignore[index]
    assert all(review.clip_path(sid) is None for sid in targets)
    assert files_containing(cache.data_dir, needles) == {}


def test_everything_goes_once_the_campaign_has_ended_plus_its_retention(review: ReviewService) -> None:
    cache = review.cache
    review.decide(KEPT, "approved")
    spots_db.save_spot(cache.db, "spot-a", {"slot_count": 1}, [
        {"submission_id": KEPT, "in_frame": 0, "out_frame": 25, "title": "Pour Françoise"}])
    rules = retention.set_settings(cache, campaign_end="2020-05-31", after_end_days=90)
    assert rules == retention.RetentionSettings(30, "2020-05-31", 90) == retention.settings(cache)
    end = dt.datetime(2020, 8, 30, tzinfo=dt.UTC)  # the end of May 31st, plus 90 days
    assert retention.purge(cache, now=end - dt.timedelta(seconds=1)).count == 0
    report = retention.purge(cache, now=end)
    total = cache.db.execute("SELECT COUNT(*) FROM submissions").fetchone()[0]
    assert len(report.campaign_ended) == total and report.rejected == []
    assert cache.db.execute("SELECT COUNT(*) FROM submissions WHERE purged_at IS NULL").fetchone()[0] == 0
    assert not any(p.is_file() for p in cache.clips_dir.iterdir())
    placements = spots_db.load_spot(cache.db, "spot-a").placements  # type: ignore[union-attr]
    assert placements[0]["submission_id"] == KEPT and placements[0]["title"] == ""
    assert review.details(KEPT)["status"] == "approved", "the decision stays"  # type: ignore[index]


def test_settings_are_checked_and_the_day_count_can_be_given_per_run(review: ReviewService) -> None:
    cache = review.cache
    assert retention.settings(cache) == retention.RetentionSettings()
    for bad in ({"rejected_days": -1}, {"after_end_days": 10**6}, {"campaign_end": "31/05/2020"},
                {"campaign_end": "2020-5-31"}):
        with pytest.raises(retention.InvalidRetention):
            retention.set_settings(cache, **bad)  # type: ignore[arg-type]
    assert retention.settings(cache) == retention.RetentionSettings(), "nothing saved"
    retention.set_settings(cache, campaign_end="2020-05-31")
    assert retention.set_settings(cache, clear_end=True).campaign_end is None
    review.decide(REJECTED, "rejected")
    t = decided_at(review, REJECTED)
    assert retention.purge(cache, now=t + dt.timedelta(days=8), rejected_older_than=7).rejected == [REJECTED]
    with pytest.raises(retention.InvalidRetention):
        retention.purge(cache, rejected_older_than=-3)
