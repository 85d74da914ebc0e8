"""`moderator-app privacy purge | retention | terms` and the terms gate on `spot export`, as separate processes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from moderator_app import cli
from moderator_app.db.cache import Cache
from tests.e2e.test_cli import run
from tests.unit.services.test_spots import LONG_IDS, fill_cache, make_spot_inbox


@pytest.fixture(scope="session")
def privacy_inbox(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_spot_inbox(tmp_path_factory.mktemp("cli-privacy-inbox") / "inbox")


@pytest.fixture
def filled(data_dir: Path, privacy_inbox: Path, tmp_path: Path) -> Path:
    cache = Cache(data_dir)
    try:
        fill_cache(cache, privacy_inbox, tmp_path, LONG_IDS)
    finally:
        cache.close()
    return data_dir


def test_terms_gate_spot_export_with_a_readable_reason(filled: Path, tmp_path: Path) -> None:
    proc = run(filled, "privacy", "terms", "--json")
    assert proc.returncode == cli.EXIT_OK and json.loads(proc.stdout) == {"accepted": [], "every_version_accepted": True}
    proc = run(filled, "privacy", "terms", "--accept", "2021-01", "--json")
    assert json.loads(proc.stdout) == {"accepted": ["2021-01"], "every_version_accepted": False}
    out = tmp_path / "spot.mp4"
    proc = run(filled, "spot", "export", "--clips", ",".join(LONG_IDS), "--preset", "preview",
               "--out", str(out), "--draft")
    assert proc.returncode == cli.EXIT_REFUSED, proc.stderr
    assert f"clip {LONG_IDS[0]} cannot be placed" in proc.stderr and "terms version 2020-03" in proc.stderr
    assert not out.exists()
    assert run(filled, "privacy", "terms", "--accept", "bad\x07").returncode == cli.EXIT_REFUSED
    proc = run(filled, "privacy", "terms", "--accept", "2020-03", "--withdraw", "2021-01")
    assert proc.returncode == cli.EXIT_OK and "2020-03" in proc.stdout and "2021-01" not in proc.stdout


def test_purge_by_the_command_keeps_the_history(filled: Path) -> None:
    assert run(filled, "decide", LONG_IDS[0], "reject", "--flag", "wrong_name", "--moderator", "bob").returncode == 0
    proc = run(filled, "privacy", "purge", "--json")
    assert proc.returncode == cli.EXIT_OK and json.loads(proc.stdout)["count"] == 0, "30 days by default"
    proc = run(filled, "privacy", "purge", "--rejected-older-than", "0", "--json")
    report = json.loads(proc.stdout)
    assert report["rejected"] == [LONG_IDS[0]] and report["files_deleted"] == 1 and report["wal_truncated"]
    listed = {i["id"]: i for i in json.loads(run(filled, "list", "--status", "rejected", "--json").stdout)}
    item = listed[LONG_IDS[0]]
    assert item["recipient"] == {"first_name": "", "last_name": ""} and item["decided_by"] == "bob"
    assert item["flags"] == ["wrong_name"]
    proc = run(filled, "privacy", "purge", "--rejected-older-than", "-1")
    assert proc.returncode == cli.EXIT_REFUSED and "0 or more" in proc.stderr


def test_retention_settings_by_the_command(filled: Path) -> None:
    proc = run(filled, "privacy", "retention", "--json")
    assert json.loads(proc.stdout) == {"rejected_days": 30, "campaign_end": None, "after_end_days": 90}
    proc = run(filled, "privacy", "retention", "--rejected-days", "14", "--campaign-end", "2020-05-31", "--json")
    assert json.loads(proc.stdout) == {"rejected_days": 14, "campaign_end": "2020-05-31", "after_end_days": 90}
    proc = run(filled, "privacy", "retention", "--campaign-end", "31/05/2020")
    assert proc.returncode == cli.EXIT_REFUSED and "YYYY-MM-DD" in proc.stderr
    proc = run(filled, "privacy", "retention", "--campaign-end", "none")
    assert proc.returncode == cli.EXIT_OK and "no end date set" in proc.stdout
    # the campaign ended long ago (2020) and its 90 days have passed: everything goes
    run(filled, "privacy", "retention", "--campaign-end", "2020-05-31")
    report = json.loads(run(filled, "privacy", "purge", "--json").stdout)
    assert len(report["campaign_ended"]) == 5 and report["count"] == 5
