"""Playlists and manifests posing as clips, and a picture bomb, through the real CLI in separate processes:
`check FILE --json`, `qc` over a cache holding one (planted as a cache from before the ingest fix would hold
it), and `spot export` of a spot holding one, which must never put the other clip on air."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from moderator_app import cli
from moderator_app.db.cache import Cache
from tests.e2e.test_cli import run
from tests.e2e.test_cli_spot import filled, spot_inbox  # noqa: F401 - fixtures
from tests.support import hostile
from tests.unit.services.test_spots import LONG_IDS
from tests.unit.spot.test_hostile import POSING


@pytest.mark.parametrize("kind", sorted(POSING))
def test_check_refuses_a_playlist_posing_as_a_clip(kind: str, data_dir: Path, demo_inbox: Path) -> None:
    target = demo_inbox / "sub-000102.mp4"
    posing = POSING[kind](demo_inbox / "sub-666.mp4", target)
    proc = run(data_dir, "check", str(posing), "--json")
    assert proc.returncode == cli.EXIT_OK, proc.stderr  # as for any unreadable clip: a finding, not a failure
    report = json.loads(proc.stdout)
    assert report["findings"] == ["unreadable"]
    assert "playlist" in report["reason"] or "not an MP4" in report["reason"]
    assert report["width"] is None, "nothing of the clip it names"


def test_check_refuses_a_picture_bomb_from_its_header_in_little_memory(data_dir: Path, tmp_path: Path) -> None:
    bomb = hostile.bomb(tmp_path / "sub-bomb.mp4", side=16000)
    # a fresh parent, so the children's peak is the CLI's (and its ffmpeg's), not the bomb maker's
    code = (
        "import resource, subprocess, sys\n"
        "p = subprocess.run(sys.argv[1:], capture_output=True, text=True)\n"
        "print(p.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024)\n"
        "print(p.stdout)\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code, sys.executable, "-m", "moderator_app", "--data-dir", str(data_dir),
         "check", str(bomb), "--json"],
        check=True, capture_output=True, text=True, timeout=120,
    )
    first, _, rest = proc.stdout.partition("\n")
    returncode, peak_mb = (int(v) for v in first.split())
    report = json.loads(rest)
    assert returncode == cli.EXIT_OK
    assert report["findings"] == ["unreadable"] and "16000x16000" in report["reason"]
    print(f"check of a 16000x16000 H.264 clip: peak RSS {peak_mb} MB")
    assert peak_mb < 400, f"peak RSS {peak_mb} MB (decoding it took 2.6 GB)"


def _cached(data_dir: Path) -> dict[str, Path]:
    cache = Cache(data_dir)
    try:
        rows = cache.db.execute("SELECT submission_id, file FROM clips").fetchall()
        return {sid: cache.clip_path(file) for sid, file in rows}
    finally:
        cache.close()


def test_qc_reports_a_cached_playlist_unreadable(data_dir: Path, demo_inbox: Path) -> None:
    assert run(data_dir, "sync", "--inbox", str(demo_inbox)).returncode == 0
    clips = _cached(data_dir)
    (victim, path), (_, other) = sorted(clips.items())[:2]
    hostile.ffconcat(path, other.name)  # the cached file now names another submission's clip
    proc = run(data_dir, "qc", "--json")
    assert proc.returncode == cli.EXIT_OK, proc.stderr
    reports = json.loads(proc.stdout)
    assert reports[victim]["findings"] == ["unreadable"] and "playlist" in reports[victim]["reason"]
    assert sum("unreadable" not in r["findings"] for r in reports.values()) == len(clips) - 1


@pytest.mark.parametrize("kind", ["ffconcat", "dash"])
def test_spot_export_refuses_a_cached_playlist(kind: str, filled: Path, tmp_path: Path) -> None:  # noqa: F811
    clips = _cached(filled)
    no_consent = clips["sub-900004"]
    POSING[kind](clips[LONG_IDS[1]], no_consent)
    out = tmp_path / "deliveries" / "spot.mp4"
    proc = run(filled, "spot", "export", "--clips", ",".join(LONG_IDS), "--preset", "preview", "--length", "10",
               "--out", str(out), "--draft")
    assert proc.returncode == cli.EXIT_ERROR
    assert LONG_IDS[1] in proc.stderr and "playlist" in proc.stderr
    assert not out.exists()
    assert not out.parent.exists() or list(out.parent.iterdir()) == [], "no partial file either"
