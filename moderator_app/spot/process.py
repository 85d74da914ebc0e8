"""Run one ffmpeg job that can report progress and be cancelled from another thread."""

from __future__ import annotations

import subprocess
import tempfile
import threading
from collections.abc import Callable, Sequence

from moderator_app.base.ffmpeg import ffmpeg_exe
from moderator_app.spot.errors import ExportCancelled, RenderError

ProgressCallback = Callable[[float], None]
"""Receives a fraction in [0, 1]; called from the worker thread, so GUI callers re-emit it as a signal."""

_POLL_S = 0.1


def run_with_progress(
    args: Sequence[str],
    *,
    total_frames: int,
    progress: ProgressCallback | None = None,
    cancel: threading.Event | None = None,
) -> None:
    """Run ffmpeg with ``-progress``; kill it as soon as ``cancel`` is set and raise ExportCancelled."""
    cmd = [
        ffmpeg_exe(),
        "-hide_banner",
        "-nostdin",
        "-nostats",
        "-loglevel",
        "error",
        "-progress",
        "pipe:1",
        *args,
    ]
    with tempfile.TemporaryFile(mode="w+", encoding="utf-8", errors="replace") as errors:
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=errors, text=True, errors="replace")
        reader = threading.Thread(target=_read_progress, args=(proc, total_frames, progress), daemon=True)
        reader.start()
        cancelled = False
        try:
            while proc.poll() is None:
                if cancel is not None and cancel.wait(_POLL_S):
                    cancelled = True
                    proc.kill()
                    break
                if cancel is None:
                    try:
                        proc.wait(_POLL_S)
                    except subprocess.TimeoutExpired:
                        pass
        finally:
            if proc.poll() is None:
                proc.kill()
            proc.wait()
            reader.join(timeout=5)
        if cancelled:
            raise ExportCancelled("export cancelled")
        if proc.returncode != 0:
            errors.seek(0)
            tail = "\n".join(errors.read().strip().splitlines()[-6:])
            raise RenderError(f"ffmpeg failed ({proc.returncode}): {tail}")


def _read_progress(proc: subprocess.Popen[str], total_frames: int, progress: ProgressCallback | None) -> None:
    assert proc.stdout is not None
    for line in proc.stdout:
        if progress is None or not line.startswith("frame="):
            continue
        try:
            frame = int(line.split("=", 1)[1])
        except ValueError:
            continue
        progress(min(1.0, frame / max(1, total_frames)))
