"""The queue's filters beyond status and search: flags, clip-check findings, unchecked clips, paging rows."""

from __future__ import annotations

import sqlite_utils

from moderator_app.db import checks, decisions, queue
from moderator_app.db.queue import QUARANTINED, UNCHECKED, QueueFilter
from moderator_app.db.unit import transaction

from .conftest import add, submission


def ids(db: sqlite_utils.Database, f: QueueFilter) -> list[str]:
    found = queue.rowids(db, f)
    rows = queue.rows(db, found)
    return [rows[r]["id"] for r in found]


def seeded(db: sqlite_utils.Database) -> None:
    add(db, submission(1), submission(2, country="MA"), submission(3, country="LU"), submission(4))
    with transaction(db):
        checks.save_reports(db, [
            ("sub-000001", {"findings": ["too_dark", "silent"]}),
            ("sub-000002", {"findings": []}),
            ("sub-000003", {"findings": ["silent"]}),
        ])  # fmt: skip
    decisions.record_decision(db, "sub-000003", "rejected", flags=["poor_audio"])


def test_finding_and_unchecked_filters(db: sqlite_utils.Database) -> None:
    seeded(db)
    assert ids(db, QueueFilter(finding="silent")) == ["sub-000001", "sub-000003"]
    assert ids(db, QueueFilter(finding="silent", status="queued")) == ["sub-000001"]
    assert ids(db, QueueFilter(finding=UNCHECKED)) == ["sub-000004"]
    assert ids(db, QueueFilter(flag="poor_audio", country="LU")) == ["sub-000003"]
    assert ids(db, QueueFilter(flag="poor_audio", country="FR")) == []


def test_rows_tell_unchecked_from_checked_and_clean(db: sqlite_utils.Database) -> None:
    seeded(db)
    by_id = {r["id"]: r for r in queue.rows(db, queue.rowids(db, QueueFilter())).values()}
    assert by_id["sub-000001"]["findings"] == ["too_dark", "silent"]
    assert by_id["sub-000002"]["findings"] == []  # checked, nothing found
    assert by_id["sub-000004"]["findings"] is None  # not checked yet
    assert by_id["sub-000003"]["flags"] == ["poor_audio"]


def test_sorting_by_findings_and_descending(db: sqlite_utils.Database) -> None:
    seeded(db)
    assert ids(db, QueueFilter(sort="findings"))[0] == "sub-000004"  # NULL (unchecked) sorts first
    assert ids(db, QueueFilter(sort="id", descending=True)) == ["sub-000004", "sub-000003", "sub-000002", "sub-000001"]


def test_queued_rowids_are_the_view_still_to_review(db: sqlite_utils.Database) -> None:
    seeded(db)
    queued = queue.queued_rowids(db, QueueFilter(finding="silent"))
    assert queued == {queue.rowid_of(db, "sub-000001")}
    assert queue.queued_rowids(db, QueueFilter(status="rejected")) == set()
    assert queue.rowid_of(db, "sub-000404") is None


def test_quarantined_view_pages_quarantine_rows(db: sqlite_utils.Database) -> None:
    from moderator_app.db import quarantine

    with transaction(db):
        quarantine.put(db, "inbox/a.json", "broken JSON")
    found = queue.rowids(db, QueueFilter(status=QUARANTINED))
    rows = queue.rows(db, found, quarantined=True)
    assert [(r["source"], r["reason"]) for r in rows.values()] == [("inbox/a.json", "broken JSON")]


def test_list_items_carry_no_contact_data(db: sqlite_utils.Database) -> None:
    seeded(db)
    items = queue.list_items(db, None)
    assert [i["id"] for i in items] == ["sub-000001", "sub-000002", "sub-000003", "sub-000004"]
    text = repr(items)
    assert "lucas@example.org" not in text and "Bon anniversaire" not in text
    assert items[2]["status"] == "rejected" and items[2]["flags"] == ["poor_audio"]
