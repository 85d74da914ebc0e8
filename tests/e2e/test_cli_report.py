"""`moderator-app report`, run as a user runs it: a separate process on the demo campaign after some decisions."""

from __future__ import annotations

import json
from pathlib import Path

from moderator_app import cli
from moderator_app.db.cache import Cache
from moderator_app.db.unit import transaction
from tests.conftest import DEMO_BAD, DEMO_GOOD
from tests.e2e.test_cli import run

KEYS = {
    "received", "quarantined", "screened", "approved", "rejected", "pending", "in_spots", "rendered", "scheduled",
    "aired", "notified", "failed", "in_doubt", "deferred", "outdated", "erased", "spots", "slots", "notifications",
    "decisions", "decisions_per_day", "decisions_per_hour", "approved_by_country", "as_of",
}


def test_report_json_and_text_on_the_demo_campaign(data_dir: Path, demo_inbox: Path) -> None:
    assert run(data_dir, "sync", "--inbox", str(demo_inbox)).returncode == cli.EXIT_OK
    for sid, verdict, who in (("sub-000104", "approve", "Anaïs"), ("sub-000105", "reject", "Anaïs"),
                              ("sub-000106", "approve", "karim")):
        proc = run(data_dir, "decide", sid, verdict, "--moderator", who)
        assert proc.returncode == cli.EXIT_OK, proc.stderr
    cache = Cache(data_dir)
    try:
        country = {sid: c for sid, c in cache.db.execute(
            "SELECT id, country FROM submissions WHERE id IN ('sub-000104', 'sub-000106')").fetchall()}
        with transaction(cache.db):  # an empty slot of the media plan, as the import writes it
            cache.db.execute(
                "INSERT INTO air_slots (slot_id, country, channel, air_date, air_time, timezone, air_at, length_s,"
                " imported_at, updated_at) VALUES ('TF1-1', 'FR', 'TF1', '2020-04-10', '12:55', 'Europe/Paris',"
                " '2020-04-10T10:55:00Z', 30, '2020-04-01T00:00:00Z', '2020-04-01T00:00:00Z')")
    finally:
        cache.close()

    proc = run(data_dir, "report", "--json")
    assert proc.returncode == cli.EXIT_OK, proc.stderr
    figures = json.loads(proc.stdout)
    assert KEYS <= figures.keys()
    assert (figures["received"], figures["quarantined"]) == (DEMO_GOOD, DEMO_BAD)
    assert (figures["approved"], figures["rejected"], figures["screened"]) == (2, 1, 3)
    assert figures["pending"] == DEMO_GOOD - 3
    assert (figures["in_spots"], figures["rendered"], figures["scheduled"], figures["aired"]) == (0, 0, 0, 0)
    assert (figures["notified"], figures["failed"]) == (0, 0)
    assert figures["slots"] == {"total": 1, "assigned": 0, "empty": 1, "aired": 1}
    assert figures["decisions"] == 3
    assert sorted((d["moderator"], d["approved"], d["rejected"]) for d in figures["decisions_per_day"]) == [
        ("Anaïs", 1, 1), ("karim", 1, 0)]
    assert sum(h["approved"] + h["rejected"] for h in figures["decisions_per_hour"]) == 3
    expected: dict[str, int] = {}
    for c in country.values():
        expected[c] = expected.get(c, 0) + 1
    assert figures["approved_by_country"] == expected

    text = run(data_dir, "report")
    assert text.returncode == cli.EXIT_OK, text.stderr
    lines = text.stdout.splitlines()
    assert f"  received       {DEMO_GOOD:>2}" in lines and f"  quarantined    {DEMO_BAD:>2}" in lines
    assert "  approved        2" in lines and "air slots      total 1  assigned 0  empty 1  aired 1" in lines
    assert any(line.split()[1:] == ["Anaïs", "1", "1", "2"] for line in lines), "decisions per moderator per day"


def test_report_on_a_new_cache_is_all_zeros(data_dir: Path) -> None:
    proc = run(data_dir, "report", "--json")
    assert proc.returncode == cli.EXIT_OK, proc.stderr
    figures = json.loads(proc.stdout)
    assert figures["received"] == figures["approved"] == figures["notified"] == 0
    assert figures["decisions_per_day"] == [] and figures["approved_by_country"] == {}
