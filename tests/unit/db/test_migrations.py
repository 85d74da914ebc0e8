"""Migrations: each applied once, recorded, and all-or-nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlite_utils

from moderator_app.db import migrations
from moderator_app.db.connection import open_db
from moderator_app.db.migrations import MIGRATIONS, applied, migrate, run_script


def test_a_new_cache_gets_every_migration_once(tmp_path: Path) -> None:
    db = open_db(tmp_path)
    names = [name for name, _ in MIGRATIONS]
    assert applied(db) == names
    db.conn.close()
    again = open_db(tmp_path)  # a second start applies nothing
    try:
        assert migrate(again) == []
        assert again.execute("SELECT COUNT(*) FROM _migrations").fetchone() == (len(names),)
        assert again.execute("SELECT COUNT(*) FROM flag_catalogue").fetchone() == (len(migrations.DEFAULT_FLAGS),)
    finally:
        again.conn.close()


def test_a_failing_migration_leaves_the_previous_schema(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = open_db(tmp_path)

    def half_done(db: sqlite_utils.Database) -> None:
        run_script(db, "CREATE TABLE half (x INTEGER);\nINSERT INTO half VALUES (1);")
        raise RuntimeError("disk full")

    monkeypatch.setattr(migrations, "MIGRATIONS", (*MIGRATIONS, ("9999_half", half_done)))
    with pytest.raises(RuntimeError, match="disk full"):
        migrate(db)
    assert not db["half"].exists()
    assert "9999_half" not in applied(db)
    db.conn.close()


def test_run_script_refuses_an_unfinished_statement(tmp_path: Path) -> None:
    db = open_db(tmp_path)
    try:
        with pytest.raises(ValueError, match="incomplete"):
            run_script(db, "CREATE TABLE t (x INTEGER);\nINSERT INTO t VALUES (1")
    finally:
        db.conn.close()
