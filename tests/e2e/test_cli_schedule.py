"""`moderator-app schedule import|list|assign` as separate processes on a real cache: a real master rendered
by `spot render-all`, plans in CSV and .xlsx, refusals with their exit codes."""

from __future__ import annotations

import datetime as dt
import json
import zoneinfo
from pathlib import Path

import pytest
from openpyxl import Workbook

from moderator_app.db.cache import Cache
from moderator_app.services.spots import SpotService
from tests.unit.services.test_batch import cli
from tests.unit.services.test_spots import LONG_IDS, fill_cache, make_spot_inbox

HEADER = ["slot_id", "country", "channel", "programme", "air_date", "air_time", "timezone", "length_s"]


@pytest.fixture(scope="session")
def spot_inbox(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_spot_inbox(tmp_path_factory.mktemp("cli-schedule-inbox") / "inbox")


@pytest.fixture
def filled(data_dir: Path, spot_inbox: Path, tmp_path: Path) -> Path:
    """Three saved 10 s spots: two French, one Moroccan (one message each)."""
    cache = Cache(data_dir)
    try:
        fill_cache(cache, spot_inbox, tmp_path, LONG_IDS)
        service = SpotService(cache)
        for spot_id, sid in (("fr-a", "sub-900001"), ("fr-b", "sub-900001"), ("ma-a", "sub-900002")):
            service.save(service.build_spot([sid], 10, spot_id))
    finally:
        cache.close()
    return data_dir


def json_out(data_dir: Path, *args: str) -> object:
    proc = cli(data_dir, *args, "--json")
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def test_a_bad_plan_is_refused_whole_with_every_bad_row(filled: Path, tmp_path: Path) -> None:
    plan = tmp_path / "plan.csv"
    plan.write_text(";".join(HEADER) + "\n"
                    "OK-1;FR;TF1;Le 13H;2099-04-10;12:55;Europe/Paris;10\n"
                    "BAD-1;FR;TF1;;2020-03-29;02:30;Europe/Paris;10\n"
                    "BAD-2;FR;TF1;;2099-04-10;12:55;Mars/Olympus;10\n"
                    "BAD-3;ZZ;TF1;;2099-04-10;12:55;Europe/Paris;7\n", encoding="utf-8-sig")
    proc = cli(filled, "schedule", "import", str(plan))
    assert proc.returncode == 4, proc.stderr
    assert "nothing imported" in proc.stderr
    for line, words in ((3, "does not exist in Europe/Paris"), (4, "Mars/Olympus"), (5, "'ZZ'")):
        assert f"line {line}: " in proc.stderr and words in proc.stderr
    assert "line 2:" not in proc.stderr
    proc = cli(filled, "schedule", "import", str(plan), "--json")
    assert proc.returncode == 4
    assert [r["line"] for r in json.loads(proc.stdout)["bad_rows"]] == [3, 4, 5]
    assert json_out(filled, "schedule", "list") == []
    assert cli(filled, "schedule", "import", str(tmp_path / "missing.csv")).returncode == 5


def test_import_list_and_assign(filled: Path, tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["note", *reversed(HEADER)])
    sheet.append(["x", 10, "Europe/Paris", dt.time(12, 55), dt.date(2099, 4, 10), "Le 13H", "TF1", "FR", "TF1-1"])
    sheet.append(["", 10, "Europe/Paris", "20:00", "2099-04-10", None, "France 2", "FR", "F2-1"])
    sheet.append(["", 10, "Europe/Paris", "21:00", "2099-04-10", None, "France 2", "FR", "F2-2"])
    sheet.append(["", 10, "Africa/Casablanca", "20:40", "2099-04-11", "avant le journal", "2M", "MA", "2M-1"])
    sheet.append(["", 30, "Europe/Paris", "13:00", "2099-04-12", None, "TF1", "FR", "TF1-30"])
    plan = tmp_path / "plan.xlsx"
    book.save(plan)
    summary = json_out(filled, "schedule", "import", str(plan))
    assert summary == {"imported": True, "added": 5, "updated": 0, "unchanged": 0, "outdated": 0, "absent": []}
    again = json_out(filled, "schedule", "import", str(plan))
    assert isinstance(again, dict) and again["unchanged"] == 5 and again["added"] == again["updated"] == 0
    slots = json_out(filled, "schedule", "list")
    assert isinstance(slots, list) and [s["slot_id"] for s in slots] == ["TF1-1", "F2-1", "F2-2", "2M-1", "TF1-30"]
    first = slots[0]
    assert {"slot_id", "country", "channel", "programme", "air_at", "local_time", "timezone", "length_s",
            "spot_id"} <= set(first)
    paris = dt.datetime(2099, 4, 10, 12, 55, tzinfo=zoneinfo.ZoneInfo("Europe/Paris"))
    assert first["air_at"] == paris.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert first["local_time"] == paris.isoformat() and first["spot_id"] is None and first["state"] == "empty"

    nothing = json_out(filled, "schedule", "assign", "--auto")
    assert nothing == {"assigned": {}}, "no spot has a master yet: nothing may air"
    proc = cli(filled, "schedule", "assign", "--spot", "fr-a", "--slot", "TF1-1")
    assert proc.returncode == 4 and "master" in proc.stderr

    out = tmp_path / "masters"
    proc = cli(filled, "spot", "render-all", "--preset", "preview", "--out", str(out), "--draft")
    assert proc.returncode == 0, proc.stderr
    filled_now = json_out(filled, "schedule", "assign", "--auto")
    assert filled_now == {"assigned": {"TF1-1": "fr-a", "F2-1": "fr-b", "F2-2": "fr-a", "2M-1": "ma-a"}}
    for spot, slot, code, words in (("ma-a", "TF1-1", 4, "MA"), ("fr-a", "TF1-30", 4, "30 s"),
                                    ("fr-a", "NOPE", 5, "no air slot"), ("nope", "TF1-1", 5, "no saved spot")):
        proc = cli(filled, "schedule", "assign", "--spot", spot, "--slot", slot)
        assert proc.returncode == code and words in proc.stderr, proc.stderr
    proc = cli(filled, "schedule", "assign", "--spot", "fr-b", "--slot", "TF1-1")
    assert proc.returncode == 0, proc.stderr
    text = cli(filled, "schedule", "list")
    assert text.returncode == 0 and "TF1-1" in text.stdout and "fr-b" in text.stdout
    by_id = {s["slot_id"]: s for s in json_out(filled, "schedule", "list")}  # type: ignore[union-attr]
    assert by_id["TF1-1"]["spot_id"] == "fr-b" and by_id["TF1-30"]["spot_id"] is None
    assert cli(filled, "schedule", "assign").returncode == 2
