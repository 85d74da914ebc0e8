"""Clip-check reports: replaced whole, findings indexed, duplicates marked and unmarked, settings kept."""

from __future__ import annotations

import sqlite_utils

from moderator_app.db import checks
from moderator_app.db.unit import transaction

from .conftest import add, submission


def findings_index(db: sqlite_utils.Database) -> list[tuple[str, str]]:
    return db.execute("SELECT submission_id, code FROM submission_findings ORDER BY submission_id, code").fetchall()


def test_a_new_report_replaces_the_old_one_and_its_findings(db: sqlite_utils.Database) -> None:
    add(db, submission(1), submission(2))
    assert checks.unchecked(db) == [("sub-000001", "sub-000001.mp4"), ("sub-000002", "sub-000002.mp4")]
    with transaction(db):
        checks.save_reports(db, [("sub-000001", {"findings": ["too_dark"], "fingerprint": ["ab", "cd"]})])
    assert findings_index(db) == [("sub-000001", "too_dark")]
    with transaction(db):
        checks.save_reports(db, [("sub-000001", {"findings": ["silent"]})])
    assert findings_index(db) == [("sub-000001", "silent")]
    assert checks.report(db, "sub-000001") == {"findings": ["silent"]}
    assert checks.report(db, "sub-000002") is None
    assert checks.unchecked(db) == [("sub-000002", "sub-000002.mp4")]
    assert checks.all_clips(db) == [("sub-000001", "sub-000001.mp4"), ("sub-000002", "sub-000002.mp4")]
    assert checks.finding_counts(db) == {"silent": 1}


def test_duplicates_are_marked_grouped_and_cleared(db: sqlite_utils.Database) -> None:
    add(db, submission(1), submission(2), submission(3))
    with transaction(db):
        checks.save_reports(db, [
            ("sub-000001", {"findings": [], "fingerprint": ["aa"]}),
            ("sub-000002", {"findings": ["silent"], "fingerprint": ["aa"]}),
            ("sub-000003", {"findings": [], "fingerprint": ["aa"]}),
        ])  # fmt: skip
    assert [sid for sid, _ in checks.fingerprints(db)] == ["sub-000001", "sub-000002", "sub-000003"]
    with transaction(db):
        assert checks.apply_duplicates(db, {"sub-000002": "sub-000001", "sub-000003": "sub-000001"}) == 2
        assert checks.apply_duplicates(db, {"sub-000002": "sub-000001", "sub-000003": "sub-000001"}) == 0
    assert checks.report(db, "sub-000002") == {
        "findings": ["silent", "duplicate"], "fingerprint": ["aa"], "duplicate_of": "sub-000001",
    }  # fmt: skip
    assert checks.duplicate_group(db, "sub-000002") == ["sub-000001", "sub-000003"]
    assert checks.duplicate_group(db, "sub-000001") == ["sub-000002", "sub-000003"]
    with transaction(db):
        assert checks.apply_duplicates(db, {}) == 2  # the copies were removed or re-checked apart
    assert checks.duplicate_group(db, "sub-000001") == []
    assert ("sub-000002", "duplicate") not in findings_index(db)


def test_settings_round_trip_as_json(db: sqlite_utils.Database) -> None:
    assert checks.load_setting(db, checks.THRESHOLDS_KEY) is None
    with transaction(db):
        checks.save_setting(db, checks.THRESHOLDS_KEY, {"silence_lufs": -60.0})
        checks.save_setting(db, checks.THRESHOLDS_KEY, {"silence_lufs": -55.0, "dark": 0.1})
    assert checks.load_setting(db, checks.THRESHOLDS_KEY) == {"silence_lufs": -55.0, "dark": 0.1}
