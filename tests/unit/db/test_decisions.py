"""Decisions: the history is append-only and the submission's state, flags index and undo follow it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
import sqlite_utils

from moderator_app.db import decisions
from moderator_app.db.connection import open_db

from .conftest import add, submission


def state(db: sqlite_utils.Database, sid: str = "sub-000001") -> tuple[object, ...]:
    return tuple(db.execute("SELECT status, flags, note, decided_by FROM submissions WHERE id = ?", [sid]).fetchone())


def flag_index(db: sqlite_utils.Database) -> list[tuple[str, str]]:
    return db.execute("SELECT submission_id, code FROM submission_flags ORDER BY code").fetchall()


def test_the_trigger_keeps_state_and_flag_index_on_the_latest_decision(db: sqlite_utils.Database) -> None:
    add(db, submission(1), submission(2))
    decisions.record_decision(db, "sub-000001", "rejected", flags=["poor_audio", "minor_shown"], moderator="ana")
    assert state(db) == ("rejected", '["minor_shown", "poor_audio"]', "", "ana")
    assert flag_index(db) == [("sub-000001", "minor_shown"), ("sub-000001", "poor_audio")]
    decisions.record_decision(db, "sub-000001", "approved", note="ok after all", moderator="bob")
    assert state(db) == ("approved", "[]", "ok after all", "bob")
    assert flag_index(db) == []
    assert state(db, "sub-000002")[0] == "queued"  # the other submission is untouched


def test_flags_are_stored_sorted_and_once(db: sqlite_utils.Database) -> None:
    add(db, submission(1))
    made = decisions.record_decision(db, "sub-000001", "rejected", flags=["third_party", "poor_audio", "third_party"])
    assert made.flags == ("poor_audio", "third_party")
    assert decisions.latest(db, "sub-000001") == made


def test_undo_to_queued_clears_who_and_when(db: sqlite_utils.Database) -> None:
    add(db, submission(1))
    first = decisions.record_decision(db, "sub-000001", "approved", moderator="ana")
    undone = decisions.undo_decision(db, first.seq, moderator="ana")
    assert undone.decision == "queued" and undone.seq > first.seq
    row = db.execute("SELECT status, decided_at, decided_by FROM submissions").fetchone()
    assert row == ("queued", None, None)
    assert [d.decision for d in decisions.history(db, "sub-000001")] == ["approved", "queued"]


def test_undo_of_an_unknown_entry_changes_nothing(db: sqlite_utils.Database) -> None:
    add(db, submission(1))
    decisions.record_decision(db, "sub-000001", "approved")
    with pytest.raises(decisions.NothingToUndo):
        decisions.undo_decision(db, 999)
    assert len(decisions.history(db, "sub-000001")) == 1


def test_the_history_cannot_be_rewritten_even_by_hand(db: sqlite_utils.Database) -> None:
    add(db, submission(1))
    made = decisions.record_decision(db, "sub-000001", "approved")
    for sql in ("UPDATE decisions SET note = 'edited'", "UPDATE decisions SET key = 'k'", "DELETE FROM decisions"):
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            db.execute(sql)
    with pytest.raises(sqlite3.IntegrityError):  # the CHECK constraint: no invented decision values
        db.execute(
            "INSERT INTO decisions (submission_id, decision, decided_at, key) VALUES (?, 'maybe', 'now', 'k2')",
            ["sub-000001"],
        )
    assert decisions.history(db, "sub-000001") == [made]


def test_a_committed_decision_is_on_disk_for_the_next_connection(tmp_path: Path) -> None:
    first = open_db(tmp_path)
    add(first, submission(1))
    made = decisions.record_decision(first, "sub-000001", "rejected", flags=["commercial"], moderator="ana")
    second = open_db(tmp_path)  # e.g. the CLI while the window is open
    try:
        assert decisions.history(second, "sub-000001") == [made]
        assert second.execute("SELECT status FROM submissions").fetchone() == ("rejected",)
    finally:
        second.conn.close()
        first.conn.close()


def test_flag_codes_follow_the_catalogue_order(db: sqlite_utils.Database) -> None:
    codes = decisions.flag_codes(db)
    assert codes[0] == "offensive_language" and "duplicate" in codes and len(codes) == len(set(codes))
