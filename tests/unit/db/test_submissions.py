"""Submissions and their clips: inserted together, found again by id, counted by status."""

from __future__ import annotations

import sqlite3

import pytest
import sqlite_utils

from moderator_app.db import decisions, quarantine
from moderator_app.db.submissions import counts, existing_ids, get_submission
from moderator_app.db.unit import transaction

from .conftest import add, submission


def test_existing_ids_maps_each_known_id_to_its_clip_hash(db: sqlite_utils.Database) -> None:
    add(db, submission(1), sha="a" * 64)
    add(db, submission(2), sha="b" * 64)
    assert existing_ids(db, ["sub-000001", "sub-000002", "sub-999999"]) == {
        "sub-000001": "a" * 64,
        "sub-000002": "b" * 64,
    }
    assert existing_ids(db, []) == {}


def test_existing_ids_answers_for_more_ids_than_one_statement_takes(db: sqlite_utils.Database) -> None:
    add(db, *(submission(n) for n in range(1, 1201)))
    asked = [f"sub-{n:06d}" for n in range(1, 1301)]  # chunks of 500, 100 unknown at the end
    found = existing_ids(db, asked)
    assert len(found) == 1200 and "sub-001200" in found and "sub-001201" not in found


def test_a_submission_comes_back_with_its_clip_and_state(db: sqlite_utils.Database) -> None:
    add(db, submission(1, "فاطمة", "بنعلي", country="MA"))
    row = get_submission(db, "sub-000001")
    assert row is not None
    assert (row["recipient_first"], row["recipient_last"], row["country"]) == ("فاطمة", "بنعلي", "MA")
    assert (row["clip_file"], row["width"], row["height"], row["video_codec"]) == ("sub-000001.mp4", 640, 360, "h264")
    assert (row["status"], row["flags"]) == ("queued", [])
    assert get_submission(db, "sub-000404") is None


def test_an_id_is_inserted_once(db: sqlite_utils.Database) -> None:
    add(db, submission(1))
    with pytest.raises(sqlite3.IntegrityError):
        add(db, submission(1))
    assert db.execute("SELECT COUNT(*) FROM submissions").fetchone() == (1,)
    assert db.execute("SELECT COUNT(*) FROM clips").fetchone() == (1,)  # the failed batch left no clip row


def test_counts_per_status_and_quarantine(db: sqlite_utils.Database) -> None:
    add(db, *(submission(n) for n in range(1, 5)))
    decisions.record_decision(db, "sub-000001", "approved")
    decisions.record_decision(db, "sub-000002", "rejected")
    with transaction(db):
        quarantine.put(db, "inbox/bad.json", "broken JSON")
    assert counts(db) == {"queued": 2, "approved": 1, "rejected": 1, "quarantined": 1}
