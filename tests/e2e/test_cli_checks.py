"""`moderator-app qc` and `moderator-app check`, run as separate processes on real clips."""

from __future__ import annotations

import json
from pathlib import Path

from moderator_app import cli
from tests.conftest import DEMO_GOOD
from tests.e2e.test_cli import run

CHECK_KEYS = {
    "duration_s", "width", "height", "orientation", "fps", "vfr", "has_audio", "loudness_lufs", "true_peak_dbtp",
    "max_short_term_lufs", "black_head_s", "black_tail_s", "blur_score", "mean_luma", "faces", "duplicate_of",
    "findings",
}


def test_check_any_file_without_caching_it(data_dir: Path, demo_inbox: Path) -> None:
    proc = run(data_dir, "check", str(demo_inbox / "sub-000102.mp4"), "--json")
    assert proc.returncode == cli.EXIT_OK, proc.stderr
    report = json.loads(proc.stdout)
    assert CHECK_KEYS <= report.keys()
    assert (report["width"], report["height"], report["orientation"]) == (216, 384, "portrait")
    assert report["has_audio"] is True and -40 < report["loudness_lufs"] < -5
    assert "portrait" in report["findings"]
    assert not (data_dir / "cache.sqlite3").exists(), "check never touches the cache"

    bad = run(data_dir, "check", str(demo_inbox / "sub-000191.mp4"), "--json")
    assert bad.returncode == cli.EXIT_OK
    assert json.loads(bad.stdout)["findings"] == ["unreadable"]
    assert run(data_dir, "check", str(demo_inbox / "nope.mp4")).returncode == cli.EXIT_NOT_FOUND


def test_qc_checks_each_cached_clip_once(data_dir: Path, demo_inbox: Path) -> None:
    assert run(data_dir, "sync", "--inbox", str(demo_inbox)).returncode == 0
    proc = run(data_dir, "qc", "--json")
    assert proc.returncode == cli.EXIT_OK, proc.stderr
    reports = json.loads(proc.stdout)
    assert len(reports) == DEMO_GOOD
    for report in reports.values():
        assert CHECK_KEYS <= report.keys()
    again = run(data_dir, "qc")
    assert again.returncode == 0 and "0 checked" in again.stdout
    refused = run(data_dir, "qc", "--set", "no_such=1")
    assert refused.returncode == cli.EXIT_REFUSED and "unknown threshold" in refused.stderr
    proc = run(data_dir, "qc", "--recheck", "--set", "min_duration_s=60", "--json")
    assert all("too_short" in r["findings"] for r in json.loads(proc.stdout).values())
