"""Bad files become reports, never exceptions; a crashing or hanging worker never breaks a batch."""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from moderator_app.qc import FINDING_CODES, QcReport, Thresholds, check_file, run_many

Media = Callable[[str], Path]


@pytest.mark.parametrize(("name", "reason_part"), [
    ("empty.mp4", "empty"),
    ("garbage.mp4", "not an MP4, MOV, 3GP, MKV or WebM"),
    ("truncated.mp4", "not a readable media file"),
    ("truncated_faststart.mp4", "truncated"),
])
def test_bad_files_are_unreadable_with_a_reason(media: Media, name: str, reason_part: str) -> None:
    report = check_file(media(name))
    assert report.findings == ["unreadable"]
    assert report.reason is not None and reason_part in report.reason
    assert name not in report.reason  # file names may carry a sender's name
    json.dumps(report.to_json())


def test_missing_file(tmp_path: Path) -> None:
    report = check_file(tmp_path / "gone.mp4")
    assert report.findings == ["unreadable"] and report.reason == "file not found"


def test_timeout_gives_unreadable(media: Media) -> None:
    report = check_file(media("clean.mp4"), timeout_s=0.001)
    assert report.findings == ["unreadable"]
    assert report.reason is not None and "longer than" in report.reason


def test_report_json_has_the_agreed_keys(media: Media) -> None:
    report = check_file(media("clean.mp4"))
    data = report.to_json()
    for key in ("duration_s", "width", "height", "orientation", "fps", "vfr", "has_audio", "loudness_lufs",
                "true_peak_dbtp", "max_short_term_lufs", "black_head_s", "black_tail_s", "blur_score",
                "mean_luma", "faces", "duplicate_of", "findings", "fingerprint", "loudness_series"):
        assert key in data
    assert data["duplicate_of"] is None
    assert all(code in FINDING_CODES for code in data["findings"])
    text = json.dumps(data)
    back = QcReport.from_json(json.loads(text))
    assert back.to_json() == data


def crash_on_garbage(path: Path, thresholds: Thresholds, timeout_s: float | None) -> QcReport:
    """A checker whose worker dies the way a segfaulting decoder would (module level so workers can load it)."""
    if path.name == "garbage.mp4":
        os._exit(11)
    return check_file(path, thresholds, timeout_s)


def hang_on_garbage(path: Path, thresholds: Thresholds, timeout_s: float | None) -> QcReport:
    if path.name == "garbage.mp4":
        time.sleep(60)
    return check_file(path, thresholds, timeout_s)


def test_run_many_checks_every_file(media: Media) -> None:
    paths = [media(n) for n in ("clean.mp4", "empty.mp4", "garbage.mp4", "no_audio.mp4")]
    results = dict(run_many(paths, workers=2))
    assert set(results) == set(paths)
    assert results[media("clean.mp4")].readable
    assert results[media("no_audio.mp4")].readable
    assert results[media("garbage.mp4")].findings == ["unreadable"]


def test_worker_crash_is_one_unreadable_report(media: Media) -> None:
    paths = [media(n) for n in ("clean.mp4", "garbage.mp4", "no_audio.mp4", "dark.mp4", "vfr.mp4")]
    results = list(run_many(paths, workers=2, checker=crash_on_garbage))
    assert sorted(str(p) for p, _ in results) == sorted(str(p) for p in paths)  # each exactly once
    by_path = dict(results)
    crashed = by_path[media("garbage.mp4")]
    assert crashed.findings == ["unreadable"] and crashed.reason is not None and "crashed" in crashed.reason
    for name in ("clean.mp4", "no_audio.mp4", "dark.mp4", "vfr.mp4"):
        assert by_path[media(name)].readable, by_path[media(name)].reason


def test_hanging_worker_is_killed(media: Media, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("moderator_app.qc.batch.GRACE_S", 1.0)
    paths = [media(n) for n in ("clean.mp4", "garbage.mp4", "no_audio.mp4")]
    started = time.monotonic()
    results = dict(run_many(paths, workers=2, timeout_s=2.0, checker=hang_on_garbage))
    assert time.monotonic() - started < 30
    assert set(results) == set(paths)
    hung = results[media("garbage.mp4")]
    assert hung.findings == ["unreadable"] and hung.reason is not None and "in time" in hung.reason
    assert results[media("clean.mp4")].readable and results[media("no_audio.mp4")].readable
