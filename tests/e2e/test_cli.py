"""The headless commands, run as a user runs them: a separate process, real files, exit codes."""

from __future__ import annotations

import json
import os
import re
import shutil
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

from moderator_app import cli
from tests.conftest import DEMO_BAD, DEMO_GOOD, age_files
from tests.support.hostile import record


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


# issue 15 item 8: file names from the public, as a terminal would receive them
ESCAPES = "\x1b[31m\x1b[2K\x1b[1A\x1b]0;pwned\x07\x1b]8;;https:evil.example\x1b\\\x1bP+q\x1b\\\x9b2J\x9d0;t\x9c\x08\x7f\x07"
FORGED = "\nadded        sub-forged\r\n12 added, 0 to retry, 0 quarantined, 0 unchanged"  # no "/": a file name
TERMINAL_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _hostile_inbox(folder: Path, clip: Path) -> Path:
    folder.mkdir()
    shutil.copy(clip, folder / "good.mp4")
    record(folder, "sub-good", "good.mp4").rename(folder / f"ok{ESCAPES}{FORGED}.json")
    (folder / f"bad{ESCAPES}{FORGED}\u202eNOSJ.json").write_text("{broken", encoding="utf-8")
    record(folder, "sub-ctl", f"\x1b[31mclip{FORGED}.mp4")  # the clip name itself: refused, never shown
    fd = os.open(os.path.join(os.fsencode(folder), b"raw\xff\xc2\x9b31m\x1b[5m\tx.json"), os.O_CREAT | os.O_WRONLY)
    os.write(fd, b"[]")
    os.close(fd)
    age_files(folder)
    return folder


def _assert_terminal_safe(stdout: str) -> list[str]:
    assert TERMINAL_CONTROL.search(stdout) is None, repr(stdout)
    lines = stdout.splitlines()
    assert not [line for line in lines if "sub-forged" in line and line.startswith("added")]
    assert not [line for line in lines if line.startswith("12 added")]
    return lines


def test_file_names_cannot_steer_the_terminal(data_dir: Path, tmp_path: Path, tiny_clip: Path) -> None:
    inbox = _hostile_inbox(tmp_path / "inbox", tiny_clip)
    proc = run(data_dir, "sync", "--inbox", str(inbox))
    assert proc.returncode == cli.EXIT_OK, proc.stderr
    lines = _assert_terminal_safe(proc.stdout)
    assert [line for line in lines if line.startswith("added")] == ["added        sub-good"]
    quarantined = [line for line in lines if line.startswith("quarantined")]
    assert len(quarantined) == 3, lines
    assert any(line.startswith("quarantined  inbox/bad added        sub-forged 12 added,") for line in quarantined)
    assert any(": clip: contains a control character" in line for line in quarantined)
    assert lines[-1] == "1 added, 0 to retry, 3 quarantined, 0 unchanged"

    listing = run(data_dir, "list")
    assert listing.returncode == cli.EXIT_OK, listing.stderr
    lines = _assert_terminal_safe(listing.stdout)
    assert len(lines) == 4 and sum(line.startswith("queued       sub-good ") for line in lines) == 1

    # a script reading JSON still gets the exact name, escaped by the JSON encoder
    sources = {i["source"] for i in listed(data_dir, "--status", "quarantined")}
    assert f"inbox/bad{ESCAPES}{FORGED}\u202eNOSJ.json" in sources


def test_data_dir_at_an_existing_shared_folder_keeps_its_mode(tmp_path: Path, demo_inbox: Path) -> None:
    """Issue 15 item 11: ``--data-dir`` at a folder others use must not lock them out of it."""
    shared = tmp_path / "shared"
    shared.mkdir()
    os.chmod(shared, 0o755)
    proc = run(shared, "sync", "--inbox", str(demo_inbox))
    assert proc.returncode == cli.EXIT_OK, proc.stderr
    assert stat.S_IMODE(shared.stat().st_mode) == 0o755
    assert stat.S_IMODE((shared / "clips").stat().st_mode) == 0o700
    assert stat.S_IMODE((shared / "cache.sqlite3").stat().st_mode) == 0o600
    assert len(listed(shared)) == DEMO_GOOD + DEMO_BAD
    fresh = tmp_path / "fresh" / "data"
    assert run(fresh, "list").returncode == cli.EXIT_OK
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o700
