"""Migration 0009 (retention) on a cache made before it, and the one change it allows in the history."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from moderator_app.db import decisions, migrations
from moderator_app.db.connection import open_db


def test_an_older_cache_gets_its_consent_record_filled_and_notes_may_only_be_cleared(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = tuple(m for m in migrations.MIGRATIONS if m[0] != "0009_retention")
    monkeypatch.setattr(migrations, "MIGRATIONS", before)
    db = open_db(tmp_path)
    raw = {"consent": {"broadcast": True, "terms_version": "2019-11", "given_at": "2020-01-02T03:04:05Z"}}
    db.execute(
        "INSERT INTO submissions (id, campaign, country, received_at, recipient_first, recipient_last,"
        " sender_first, sender_last, consent_broadcast, raw, source, ingested_at)"
        " VALUES ('sub-1', 'c', 'FR', '2020-01-02T03:04:06Z', 'A', 'B', 'C', 'D', 1, ?, 'inbox/x', 'now')",
        [json.dumps(raw)],
    )
    decisions.record_decision(db, "sub-1", "rejected", note="about A B", moderator="alice")
    db.conn.close()

    monkeypatch.undo()
    db = open_db(tmp_path)
    assert "0009_retention" in migrations.applied(db)
    row = db.execute("SELECT consent_terms, consent_given_at, purged_at FROM submissions").fetchone()
    assert row == ("2019-11", "2020-01-02T03:04:05Z", None)
    with pytest.raises(sqlite3.IntegrityError, match="only be cleared"):
        db.execute("UPDATE decisions SET note = 'something else'")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        db.execute("UPDATE decisions SET moderator = 'mallory'")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        db.execute("DELETE FROM decisions")
    db.execute("UPDATE decisions SET note = ''")
    assert [d.note for d in decisions.history(db, "sub-1")] == [""]
    db.conn.close()
