from __future__ import annotations

import sqlite3
import stat
from pathlib import Path

import pytest

from moderator_app.db import decisions, quarantine, queue
from moderator_app.db.connection import DB_FILE, memory_db, open_db
from moderator_app.db.migrations import MIGRATIONS, applied, migrate
from moderator_app.db.queue import QueueFilter, fts_query
from moderator_app.db.submissions import CachedClip, insert_submissions
from moderator_app.models import ClipProbe, Person, Submission

PROBE = ClipProbe("mov,mp4", 4.0, 640, 360, 0, "h264", "aac", 3)


def make_sub(i: int, first: str = "Jeannine", last: str = "Martin", country: str = "FR", **kw: object) -> Submission:
    return Submission(
        id=f"sub-{i:06d}", campaign="c", received_at=f"2020-04-02T18:{i % 60:02d}:00Z", country=country,
        recipient=Person(first, last), sender=Person("Lucas", "Martin"), consent_broadcast=True,
        consent_given_at="2020-04-02T18:00:00Z", sender_email="l@example.org", message="Bon anniversaire",
        clip_name=f"sub-{i:06d}.mp4", raw={"id": f"sub-{i:06d}", "extra": {"kept": True}}, **kw,  # type: ignore[arg-type]
    )


def add(db, subs: list[Submission]) -> None:  # type: ignore[no-untyped-def]
    insert_submissions(db, [(s, CachedClip(f"{s.id}.mp4", "0" * 64, 10, PROBE), "test") for s in subs])


def test_migrations_are_recorded_and_idempotent(tmp_path: Path) -> None:
    data = tmp_path / "data"
    db = open_db(data)
    assert applied(db) == [name for name, _ in MIGRATIONS]
    assert migrate(db) == []
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    mode = stat.S_IMODE((data / DB_FILE).stat().st_mode)
    assert mode == 0o600, "the cache holds personal data: private to the user"
    for folder in (data, data / "clips"):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700


def test_unknown_fields_are_kept_raw() -> None:
    db = memory_db()
    add(db, [make_sub(1)])
    raw = db.execute("SELECT raw FROM submissions").fetchone()[0]
    assert '"extra": {"kept": true}' in raw


def test_decisions_are_append_only_and_state_follows_latest() -> None:
    db = memory_db()
    add(db, [make_sub(1)])
    d1 = decisions.record_decision(db, "sub-000001", "approved", flags=["poor_audio"], note="ok", moderator="ana")
    d2 = decisions.record_decision(db, "sub-000001", "rejected", flags=["offensive_language"], moderator="bob")
    row = db.execute("SELECT status, flags, decided_by FROM submissions").fetchone()
    assert row == ("rejected", '["offensive_language"]', "bob")
    assert [d.seq for d in decisions.history(db, "sub-000001")] == [d1.seq, d2.seq]
    assert d1.key != d2.key
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        db.execute("DELETE FROM decisions")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        db.execute("UPDATE decisions SET decision = 'approved'")
    db.execute("UPDATE decisions SET pushed_at = 'x' WHERE seq = ?", [d1.seq])  # the push receipt may be set


def test_undo_adds_an_entry_restoring_the_previous_state() -> None:
    db = memory_db()
    add(db, [make_sub(1)])
    first = decisions.record_decision(db, "sub-000001", "approved", flags=["poor_audio"], note="n1")
    second = decisions.record_decision(db, "sub-000001", "rejected")
    undone = decisions.undo_decision(db, second.seq, moderator="ana")
    assert (undone.decision, undone.flags, undone.note) == ("approved", ("poor_audio",), "n1")
    back = decisions.undo_decision(db, first.seq)
    assert back.decision == "queued"
    assert db.execute("SELECT status, decided_at FROM submissions").fetchone() == ("queued", None)
    assert len(decisions.history(db, "sub-000001")) == 4


def test_unknown_submission_and_flag_are_refused() -> None:
    db = memory_db()
    add(db, [make_sub(1)])
    with pytest.raises(decisions.UnknownSubmission):
        decisions.record_decision(db, "nope", "approved")
    with pytest.raises(decisions.UnknownFlag):
        decisions.record_decision(db, "sub-000001", "approved", flags=["not_a_flag"])
    with pytest.raises(ValueError):
        decisions.record_decision(db, "sub-000001", "queued")
    assert decisions.history(db, "sub-000001") == []


def test_queue_filters_sort_and_search() -> None:
    db = memory_db()
    add(db, [
        make_sub(1, "Hélène", "Dubois"),
        make_sub(2, "فاطمة", "بنعلي", country="MA"),
        make_sub(3, "Mamie 🌸", "Roux"),
        make_sub(4, "Zoé", "Martin", country="LU"),
    ])
    decisions.record_decision(db, "sub-000004", "approved", flags=["poor_audio"])

    def ids(f: QueueFilter) -> list[str]:
        r = queue.rows(db, queue.rowids(db, f))
        return [r[i]["id"] for i in queue.rowids(db, f)]

    assert ids(QueueFilter(status="queued")) == ["sub-000001", "sub-000002", "sub-000003"]
    assert ids(QueueFilter(status="approved")) == ["sub-000004"]
    assert ids(QueueFilter(flag="poor_audio")) == ["sub-000004"]
    assert ids(QueueFilter(country="MA")) == ["sub-000002"]
    assert ids(QueueFilter(search="helene")) == ["sub-000001"], "search ignores diacritics"
    assert ids(QueueFilter(search="فاط")) == ["sub-000002"], "prefix search in Arabic script"
    assert ids(QueueFilter(search="mamie")) == ["sub-000003"]
    assert ids(QueueFilter(search='"; DROP TABLE submissions; --')) == []
    assert ids(QueueFilter(sort="recipient")) == ["sub-000001", "sub-000004", "sub-000003", "sub-000002"]
    assert ids(QueueFilter(sort="received", descending=True))[0] == "sub-000004"
    assert queue.countries(db) == ["FR", "LU", "MA"]


def test_fts_query_quotes_every_word() -> None:
    assert fts_query('a "b" OR c*') == '"a"* "b"* "OR"* "c*"*'
    assert fts_query("   ") == ""


def test_quarantine_is_keyed_by_source_and_listed() -> None:
    db = memory_db()
    quarantine.put(db, "inbox/a.json", "broken JSON")
    quarantine.put(db, "inbox/a.json", "still broken")
    items = queue.list_items(db, "quarantined")
    assert [(i["source"], i["reason"]) for i in items] == [("inbox/a.json", "still broken")]
    assert "id" not in items[0], "a quarantined record has no trusted id"
