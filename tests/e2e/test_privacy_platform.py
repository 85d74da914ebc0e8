"""``privacy erase`` against the real test platform: unsent decisions pushed first (or dropped when the
platform is down, and said), and a platform sync does not bring an erased person back."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from moderator_app.db.cache import Cache
from moderator_app.db.decisions import record_decision
from tests.support.platform_desk import TOKEN, desk, real_items, visible_ids
from tests.support.platform_server import PlatformServer


def erase(data_dir: Path, server: str, *ids: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "moderator_app", "--data-dir", str(data_dir), "privacy", "erase", *ids,
         "--server", server, "--moderator", "lead", "--json"],
        check=False, capture_output=True, text=True, timeout=120, env={**os.environ, "MODERATOR_TOKEN": TOKEN},
    )


def test_push_first_then_erase_and_a_platform_sync_skips_the_tombstone(data_dir: Path, tiny_clip: Path) -> None:
    items = real_items(tiny_clip.read_bytes(), 3)
    ids = [record["id"] for record, _ in items]
    with PlatformServer(items, token=TOKEN) as srv:
        cache = Cache(data_dir)
        try:
            desk(cache, srv, ahead=3).run(pull=True)
            assert visible_ids(cache) == set(ids)
            record_decision(cache.db, ids[0], "rejected", note="dit son adresse", moderator="ana")  # not pushed
        finally:
            cache.close()

        proc = erase(data_dir, srv.url, ids[0], ids[1])
        assert proc.returncode == 0, proc.stderr
        out = json.loads(proc.stdout)
        assert out["outbox"] == {ids[0]: "pushed", ids[1]: "none"} and out["platform_records"] == 2
        assert [d["decision"] for d in srv.decisions if d.get("submission_id", ids[0]) == ids[0]] == ["rejected"]

        cache = Cache(data_dir)
        try:
            report = desk(cache, srv, ahead=3).run(pull=True)  # ids[1] is still queued on the platform
            assert report.added == [] and visible_ids(cache) == {ids[2]}
            record_decision(cache.db, ids[2], "approved", moderator="ana")
        finally:
            cache.close()
        url = srv.url
    proc = erase(data_dir, url, ids[2])  # the platform is gone now
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert out["outbox"] == {ids[2]: "dropped"} and out["outbox_reason"]
    text = subprocess.run(
        [sys.executable, "-m", "moderator_app", "--data-dir", str(data_dir), "list", "--json"],
        check=True, capture_output=True, text=True, timeout=60).stdout
    assert json.loads(text) == []
