"""The bundled ffmpeg: found without a system install, and its failures carry what ffmpeg said."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from moderator_app.base.ffmpeg import FfmpegError, ffmpeg_exe, run_ffmpeg


def test_the_bundled_binary_is_found_and_runs() -> None:
    exe = Path(ffmpeg_exe())
    assert exe.is_file() and os.access(exe, os.X_OK)
    assert "ebur128" in run_ffmpeg(["-filters"]).stdout  # the meter the checks and the spot rely on


def test_a_failure_raises_with_the_tail_of_stderr(tmp_path: Path) -> None:
    missing = tmp_path / "missing.mp4"
    with pytest.raises(FfmpegError) as failed:
        run_ffmpeg(["-i", str(missing), "-f", "null", "-"])
    assert "ffmpeg failed" in str(failed.value) and "missing.mp4" in str(failed.value)
