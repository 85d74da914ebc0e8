"""The campaign report on a real SQLite cache: decisions through the review service, a spot saved and
rendered through the spot code, air slots and notifications as the media plan and the sender write them."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import pytest

from moderator_app.db import quarantine, spot_batch, spots
from moderator_app.db import report as db_report
from moderator_app.db.cache import Cache
from moderator_app.db.unit import transaction
from moderator_app.services.privacy import PrivacyService
from moderator_app.services.report import CampaignReport, report
from moderator_app.services.review import ReviewService
from moderator_app.services.spots import SpotService
from tests.unit.services.test_spots import LONG_IDS, fill_cache, spot_inbox  # noqa: F401  (fixture)

NOW = "2020-04-12T12:00:00Z"


def add_slot(cache: Cache, slot_id: str, air_at: str, spot_id: str | None, country: str = "FR") -> None:
    """An air slot as the media plan import writes it (0011), carrying ``spot_id`` or empty."""
    content = None
    if spot_id is not None:
        row = spots.load_spot(cache.db, spot_id)
        assert row is not None
        content = row.content
    with transaction(cache.db):
        cache.db.execute(
            "INSERT INTO air_slots (slot_id, country, channel, programme, air_date, air_time, timezone, air_at,"
            " length_s, spot_id, spot_content, assigned_at, imported_at, updated_at)"
            " VALUES (?, ?, 'TF1', 'Le 13H', ?, ?, 'Europe/Paris', ?, 30, ?, ?, ?, ?, ?)",
            [slot_id, country, air_at[:10], air_at[11:16], air_at, spot_id, content, NOW, NOW, NOW],
        )


def add_notification(cache: Cache, submission_id: str, slot_id: str, state: str) -> None:
    with transaction(cache.db):
        cache.db.execute(
            "INSERT INTO notifications (submission_id, slot_id, path, message_id, air_at, state, recorded_at)"
            " VALUES (?, ?, 'smtp', ?, ?, ?, ?)",
            [submission_id, slot_id, f"<{uuid.uuid4().hex}@test>", NOW, state, NOW],
        )


def decided_at(cache: Cache, rows: list[tuple[str, str, str, str]]) -> None:
    """Decisions at chosen instants (submission, verdict, moderator, when): the history as a past shift left it."""
    with transaction(cache.db):
        cache.db.conn.executemany(
            "INSERT INTO decisions (submission_id, decision, flags, note, moderator, decided_at, key)"
            " VALUES (?, ?, '[]', '', ?, ?, ?)",
            [(sid, verdict, who, at, uuid.uuid4().hex) for sid, verdict, who, at in rows],
        )


@pytest.fixture
def filled(cache: Cache, spot_inbox: Path, tmp_path: Path) -> Cache:  # noqa: F811
    """Five submissions; the three long ones approved by ``test`` (fill_cache) and placed in one saved spot."""
    fill_cache(cache, spot_inbox, tmp_path, list(LONG_IDS))
    service = SpotService(cache)
    service.save(service.build_spot(list(LONG_IDS), spot_id="spot-1"))
    return cache


def test_an_empty_cache_reports_zeros_and_every_key(cache: Cache) -> None:
    figures = report(cache, now=NOW).to_dict()
    for key in ("received", "quarantined", "screened", "approved", "rejected", "pending", "in_spots", "rendered",
                "scheduled", "aired", "notified", "failed", "in_doubt", "deferred", "outdated", "erased"):
        assert figures[key] == 0, key
    assert figures["spots"] == {"saved": 0, "rendered": 0, "scheduled": 0}
    assert figures["slots"] == {"total": 0, "assigned": 0, "empty": 0, "aired": 0}
    assert figures["decisions_per_day"] == [] and figures["decisions_per_hour"] == []
    assert figures["approved_by_country"] == {} and figures["as_of"] == NOW
    json.dumps(figures)  # plain JSON types only


def test_the_funnel_from_received_to_notified(filled: Cache) -> None:
    cache = filled
    with transaction(cache.db):
        quarantine.put(cache.db, "inbox/broken.json", "record file: broken JSON")
    ReviewService(cache, "karim").decide("sub-900004", "rejected")
    figures = report(cache, now=NOW)
    assert (figures.received, figures.quarantined, figures.screened) == (5, 1, 4)
    assert (figures.approved, figures.rejected, figures.pending) == (3, 1, 1)
    assert (figures.in_spots, figures.rendered, figures.scheduled, figures.aired) == (3, 0, 0, 0)
    assert figures.spots == {"saved": 1, "rendered": 0, "scheduled": 0}
    assert figures.approved_by_country == {"FR": 1, "LU": 1, "MA": 1}

    # a master that failed its preset is not "rendered"; one that passed, of the current content, is
    content = spots.load_spot(cache.db, "spot-1").content  # type: ignore[union-attr]
    spot_batch.record_render(cache.db, "spot-1", "preview", "/m/spot-1_preview.mp4", False, content, ["frames"])
    assert report(cache, now=NOW).rendered == 0
    spot_batch.record_render(cache.db, "spot-1", "tf1-pad", "/m/spot-1_tf1.mxf", True, content, [])
    assert report(cache, now=NOW).rendered == 3 and report(cache, now=NOW).spots["rendered"] == 1

    # on air: one slot passed, one to come, one empty
    add_slot(cache, "TF1-1", "2020-04-11T10:55:00Z", "spot-1")
    add_slot(cache, "TF1-2", "2020-04-20T10:55:00Z", "spot-1")
    add_slot(cache, "2M-1", "2020-04-10T19:40:00Z", None, country="MA")
    figures = report(cache, now=NOW)
    assert (figures.scheduled, figures.aired) == (3, 3)
    assert figures.slots == {"total": 3, "assigned": 2, "empty": 1, "aired": 2}
    assert figures.spots["scheduled"] == 1
    assert report(cache, now="2020-04-11T10:54:59Z").aired == 0, "aired only once the slot's instant has passed"

    # notifications: per submission for the funnel, per message for the states
    add_notification(cache, "sub-900001", "TF1-1", "sent")
    add_notification(cache, "sub-900001", "TF1-2", "sent")
    add_notification(cache, "sub-900002", "TF1-1", "failed")
    add_notification(cache, "sub-900002", "TF1-2", "sending")
    add_notification(cache, "sub-900003", "TF1-1", "deferred")
    add_notification(cache, "sub-900003", "TF1-2", "outdated")
    figures = report(cache, now=NOW)
    assert (figures.notified, figures.failed) == (1, 1)
    assert (figures.in_doubt, figures.deferred, figures.outdated) == (1, 1, 1)
    assert figures.notifications == {"sending": 1, "sent": 2, "deferred": 1, "failed": 1, "outdated": 1}

    # the producer edits the spot after rendering: its master no longer counts
    service = SpotService(cache)
    spot = service.load("spot-1")
    assert spot is not None
    spot.placements[0] = None
    service.save(spot)
    figures = report(cache, now=NOW)
    assert (figures.rendered, figures.in_spots, figures.spots["rendered"]) == (0, 2, 0)


def test_an_erased_person_leaves_the_counts_but_their_moderator_keeps_the_work(filled: Cache) -> None:
    cache = filled
    before = report(cache, now=NOW)
    PrivacyService(cache, "chloe").erase(["sub-900001"])
    after = report(cache, now=NOW)
    assert (after.received, after.erased, after.approved, after.in_spots) == (4, 1, 2, 2)
    assert after.decisions == before.decisions == 3, "the erased submission's decision still counts as work done"


def test_decisions_per_moderator_per_day_and_per_hour_skip_undone_ones(filled: Cache) -> None:
    cache = filled
    decided_at(cache, [
        ("sub-900004", "rejected", "ana", "2020-04-10T08:05:00.00Z"),
        ("sub-900005", "approved", "ana", "2020-04-10T08:55:00.00Z"),
        ("sub-900004", "approved", "karim", "2020-04-10T09:10:00.00Z"),
        ("sub-900005", "rejected", "Zoé", "2020-04-11T23:59:59.99Z"),
    ])
    review = ReviewService(cache, "ana")
    wrong = review.decide("sub-900005", "approved")
    review.undo(wrong.seq)  # neither the undone decision nor the undo entry is a moderator's verdict
    figures = report(cache, now=NOW)
    today = wrong.decided_at[:10]
    per_day = [(d.day, d.moderator, d.approved, d.rejected, d.total) for d in figures.decisions_per_day]
    assert per_day == [
        (today, "test", 3, 0, 3),
        ("2020-04-11", "Zoé", 0, 1, 1),
        ("2020-04-10", "ana", 1, 1, 2),
        ("2020-04-10", "karim", 1, 0, 1),
    ], "newest day first, moderators A to Z"
    hours = {h.hour: (h.approved, h.rejected) for h in figures.decisions_per_hour}
    assert hours["2020-04-10T08:00Z"] == (1, 1) and hours["2020-04-10T09:00Z"] == (1, 0)
    assert hours["2020-04-11T23:00Z"] == (0, 1)
    assert list(hours) == sorted(hours), "oldest first"
    assert sum(a + r for a, r in hours.values()) == figures.decisions == 7
    assert figures.to_dict()["decisions_per_day"][0] == {
        "day": today, "moderator": "test", "approved": 3, "rejected": 0, "total": 3}
    assert figures.pending == 0 and figures.rejected == 1, "current state: sub-900005 rejected again after the undo"


def test_the_counts_read_indexes_not_every_decision_row(cache: Cache) -> None:
    plan = " ".join(r[3] for r in cache.db.execute("EXPLAIN QUERY PLAN " + db_report._DECISIONS_BY_HOUR))
    assert "decisions_hourly" in plan and "decisions_undone" in plan
    countries = " ".join(r[3] for r in cache.db.execute(
        "EXPLAIN QUERY PLAN SELECT country, COUNT(*) FROM submissions WHERE status = 'approved' GROUP BY country"))
    assert "COVERING INDEX" in countries


def test_the_report_is_one_snapshot_and_carries_no_personal_data(filled: Cache) -> None:
    figures: CampaignReport = report(filled)
    text = json.dumps(figures.to_dict(), ensure_ascii=False)
    for personal in ("Hélène", "Lucas", "فاطمة", "x@example.org"):
        assert personal not in text
    assert not filled.db.conn.in_transaction, "the read transaction is closed"
