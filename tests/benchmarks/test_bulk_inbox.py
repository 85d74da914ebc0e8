"""The benchmarks' bulk inbox: many small submissions the ingest accepts, sharing one real clip."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.bulk_inbox import REPO, make_bulk_inbox
from moderator_app.sources.cliptest import sha256_file, verify_clip
from moderator_app.sources.record import load_record_file


def test_bulk_inbox(tmp_path: Path) -> None:
    make_bulk_inbox(tmp_path, 40)
    records = sorted(tmp_path.glob("*.json"))
    assert [p.stem for p in records] == [f"sub-{n:06d}" for n in range(1, 41)]
    subs = [load_record_file(p) for p in records]
    assert len({s.clip_sha256 for s in subs}) == 1
    for sub in subs[:3]:
        probe = verify_clip(tmp_path / str(sub.clip_name))
        assert (probe.width, probe.height, probe.video_codec) == (64, 64, "h264")
        assert probe.duration_s == pytest.approx(0.2, abs=0.01)
        assert sha256_file(tmp_path / str(sub.clip_name)) == (sub.clip_sha256, sub.clip_size)


def test_script_writes_an_inbox(tmp_path: Path) -> None:
    out = subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "bulk_inbox.py"), str(tmp_path / "bulk"), "3"],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert "wrote 3 submissions" in out.stdout
    assert len(list((tmp_path / "bulk").glob("*.json"))) == 3
