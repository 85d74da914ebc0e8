"""Quarantine: one row per source, its reason replaced when the source fails again, cleared when fixed."""

from __future__ import annotations

import sqlite_utils

from moderator_app.db import quarantine
from moderator_app.db.unit import transaction


def test_put_replaces_the_reason_for_the_same_source(db: sqlite_utils.Database) -> None:
    with transaction(db):
        quarantine.put(db, "inbox/a.json", "broken JSON")
        quarantine.put(db, "inbox/b.json", "clip is truncated or damaged", record_id="sub-000002", fingerprint="f1")
        quarantine.put(db, "inbox/a.json", "missing field: consent", record_id="sub-000001")
    got = {r["source"]: (r["reason"], r["record_id"]) for r in quarantine.items(db)}
    assert got == {
        "inbox/a.json": ("missing field: consent", "sub-000001"),
        "inbox/b.json": ("clip is truncated or damaged", "sub-000002"),
    }
    assert db.execute("SELECT fingerprint FROM quarantine WHERE source = 'inbox/b.json'").fetchone() == ("f1",)


def test_clear_removes_only_that_source(db: sqlite_utils.Database) -> None:
    with transaction(db):
        quarantine.put(db, "inbox/a.json", "broken JSON")
        quarantine.put(db, "inbox/b.json", "broken JSON")
        quarantine.clear(db, "inbox/a.json")
        quarantine.clear(db, "inbox/never-there.json")
    assert [r["source"] for r in quarantine.items(db)] == ["inbox/b.json"]
