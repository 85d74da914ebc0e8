"""The headless commands, run as a user runs them: a separate process, real files, exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from moderator_app import cli
from tests.conftest import DEMO_BAD, DEMO_GOOD


def run(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "moderator_app", "--data-dir", str(data_dir), *args],
        check=False, capture_output=True, text=True, timeout=120,
    )


def listed(data_dir: Path, *args: str) -> list[dict[str, Any]]:
    proc = run(data_dir, "list", *args, "--json")
    assert proc.returncode == 0, proc.stderr
    items = json.loads(proc.stdout)
    assert isinstance(items, list)
    return items


def test_sync_list_decide(data_dir: Path, demo_inbox: Path) -> None:
    proc = run(data_dir, "sync", "--inbox", str(demo_inbox))
    assert proc.returncode == cli.EXIT_OK, proc.stderr
    assert proc.stdout.count("added ") == DEMO_GOOD
    assert "quarantined  inbox/sub-000190.json: record file: broken JSON" in proc.stdout
    assert f"{DEMO_GOOD} added, 0 to retry, {DEMO_BAD} quarantined, 0 unchanged" in proc.stdout

    again = run(data_dir, "sync", "--inbox", str(demo_inbox), "--json")
    assert again.returncode == 0
    assert json.loads(again.stdout) == {
        "added": [], "retried": [], "quarantined": [], "unchanged": DEMO_GOOD + DEMO_BAD,
    }

    items = listed(data_dir)
    assert len(items) == DEMO_GOOD + DEMO_BAD
    good = [i for i in items if i["status"] != "quarantined"]
    bad = [i for i in items if i["status"] == "quarantined"]
    for item in good:
        assert {"id", "status", "recipient", "sender", "flags"} <= item.keys()
        assert item["status"] == "queued" and item["flags"] == []
        assert "email" not in json.dumps(item) and "phone" not in json.dumps(item)
    for item in bad:
        assert "id" not in item
        assert item["source"].startswith("inbox/") and item["reason"]
    arabic = next(i for i in good if i["id"] == "sub-000104")
    assert arabic["recipient"]["first_name"] == "فاطمة"

    proc = run(data_dir, "decide", "sub-000104", "approve", "--flag", "poor_audio", "--flag", "brand_visible",
               "--note", "son faible — ok", "--moderator", "Anaïs")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("approved sub-000104")
    proc = run(data_dir, "decide", "sub-000105", "reject")
    assert proc.returncode == 0

    approved = listed(data_dir, "--status", "approved")
    assert [(i["id"], i["flags"], i["note"], i["decided_by"]) for i in approved] == [
        ("sub-000104", ["brand_visible", "poor_audio"], "son faible — ok", "Anaïs")
    ]
    assert [i["id"] for i in listed(data_dir, "--status", "rejected")] == ["sub-000105"]
    assert len(listed(data_dir, "--status", "queued")) == DEMO_GOOD - 2
    assert len(listed(data_dir, "--status", "quarantined")) == DEMO_BAD


def test_exit_codes(data_dir: Path, demo_inbox: Path, tmp_path: Path) -> None:
    assert run(data_dir, "sync", "--inbox", str(tmp_path / "missing")).returncode == cli.EXIT_NOT_FOUND
    assert run(data_dir, "sync", "--inbox", str(demo_inbox)).returncode == cli.EXIT_OK
    proc = run(data_dir, "decide", "sub-nope", "approve")
    assert proc.returncode == cli.EXIT_NOT_FOUND and "no submission" in proc.stderr
    proc = run(data_dir, "decide", "sub-000101", "approve", "--flag", "made_up")
    assert proc.returncode == cli.EXIT_REFUSED and "poor_audio" in proc.stderr
    assert run(data_dir, "decide", "sub-000101", "maybe").returncode == cli.EXIT_USAGE
    assert run(data_dir, "list", "--status", "weird").returncode == cli.EXIT_USAGE
    pending = tmp_path / "pending"
    pending.mkdir()
    (pending / "sub-p.json").write_text(json.dumps({
        "id": "sub-p", "received_at": "2020-04-02T18:21:07Z", "campaign": "c", "country": "FR",
        "recipient": {"first_name": "A", "last_name": "B"},
        "sender": {"first_name": "C", "last_name": "D", "phone": "+33612345678"},
        "consent": {"broadcast": True, "given_at": "2020-04-02T18:20:55Z"}, "clip": "sub-p.mp4",
    }))
    proc = run(data_dir, "sync", "--inbox", str(pending))
    assert proc.returncode == cli.EXIT_PARTIAL
    assert "retry later  inbox/sub-p.json: clip has not arrived yet" in proc.stdout
