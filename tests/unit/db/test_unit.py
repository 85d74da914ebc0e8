"""The unit of work: all or nothing, and the write lock taken up front."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
import sqlite_utils

from moderator_app.db import quarantine
from moderator_app.db.connection import open_db
from moderator_app.db.unit import transaction


def test_commit_on_success(db: sqlite_utils.Database) -> None:
    with transaction(db):
        quarantine.put(db, "inbox/a.json", "broken JSON")
    assert len(quarantine.items(db)) == 1


def test_rollback_on_any_exception(db: sqlite_utils.Database) -> None:
    with pytest.raises(KeyError), transaction(db):
        quarantine.put(db, "inbox/a.json", "broken JSON")
        quarantine.put(db, "inbox/b.json", "broken JSON")
        raise KeyError("the caller failed after two writes")
    assert quarantine.items(db) == []
    with transaction(db):  # and the connection is usable again
        quarantine.put(db, "inbox/c.json", "broken JSON")
    assert [r["source"] for r in quarantine.items(db)] == ["inbox/c.json"]


def test_a_second_writer_waits_for_the_first(tmp_path: Path) -> None:
    """BEGIN IMMEDIATE: the second writer is refused at BEGIN (after its busy timeout), never half-way."""
    first, second = open_db(tmp_path), open_db(tmp_path)
    second.conn.execute("PRAGMA busy_timeout = 50")
    try:
        with transaction(first):
            quarantine.put(first, "inbox/a.json", "from the window")
            with pytest.raises(sqlite3.OperationalError, match="locked"), transaction(second):
                pass
            assert quarantine.items(second) == []  # readers still see the last commit (WAL)
        assert len(quarantine.items(second)) == 1
    finally:
        first.conn.close()
        second.conn.close()
