"""Saved spots: kept between sessions, and flagged when a placed clip may no longer go on air."""

from __future__ import annotations

import sqlite_utils

from moderator_app.db import decisions, spots
from moderator_app.db.platform import remove_from_queue
from moderator_app.db.unit import transaction

from .conftest import add, submission

TEMPLATE = {"name": "30s", "slots": 3}


def placed(sid: str) -> dict[str, object]:
    return {"submission_id": sid, "in": 0, "out": 100}


def test_save_load_list_and_delete(db: sqlite_utils.Database) -> None:
    spots.save_spot(db, "spot-a", TEMPLATE, [placed("sub-000001"), None, placed("sub-000002")])
    first = spots.load_spot(db, "spot-a")
    assert first is not None and first.template == TEMPLATE
    assert first.placements == [placed("sub-000001"), None, placed("sub-000002")]
    spots.save_spot(db, "spot-a", TEMPLATE, [None, None, placed("sub-000003")])
    again = spots.load_spot(db, "spot-a")
    assert again is not None and again.created_at == first.created_at  # a re-save keeps its birth
    index = db.execute("SELECT slot, submission_id FROM spot_clips WHERE spot_id = 'spot-a'").fetchall()
    assert index == [(2, "sub-000003")]
    spots.save_spot(db, "spot-b", TEMPLATE, [])
    assert {s.spot_id for s in spots.list_spots(db)} == {"spot-a", "spot-b"}
    spots.delete_spot(db, "spot-a")
    assert spots.load_spot(db, "spot-a") is None
    assert db.execute("SELECT COUNT(*) FROM spot_clips").fetchone() == (0,)


def test_attention_names_each_clip_that_cannot_go_on_air(db: sqlite_utils.Database) -> None:
    add(db, submission(1), submission(2, consent=False), submission(3), submission(4))
    for sid in ("sub-000001", "sub-000002", "sub-000003"):
        decisions.record_decision(db, sid, "approved")
    spots.save_spot(db, "spot-a", TEMPLATE, [placed("sub-000001"), placed("sub-000002"), placed("sub-000003")])
    spots.save_spot(db, "spot-b", TEMPLATE, [placed("sub-000004")])
    assert spots.spots_needing_attention(db) == [
        spots.Attention("spot-a", 1, "sub-000002", "no_consent"),
        spots.Attention("spot-b", 0, "sub-000004", "not_approved"),
    ]
    decisions.record_decision(db, "sub-000003", "rejected")
    with transaction(db):
        remove_from_queue(db, "sub-000004")  # gone from the cache altogether
    assert [(a.slot, a.reason) for a in spots.spots_needing_attention(db, "spot-a")] == [
        (1, "no_consent"), (2, "not_approved"),
    ]  # fmt: skip
    assert spots.spots_needing_attention(db, "spot-b") == [
        spots.Attention("spot-b", 0, "sub-000004", "not_approved")
    ]
