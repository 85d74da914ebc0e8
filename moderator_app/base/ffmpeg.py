"""The bundled ffmpeg binary (imageio-ffmpeg), so users never need a system ffmpeg."""

from __future__ import annotations

import functools
import subprocess
from collections.abc import Sequence


class FfmpegError(RuntimeError):
    """ffmpeg exited non-zero; the message carries the tail of its stderr."""


@functools.cache
def ffmpeg_exe() -> str:
    import imageio_ffmpeg

    return str(imageio_ffmpeg.get_ffmpeg_exe())


def run_ffmpeg(args: Sequence[str], timeout: float | None = 600) -> subprocess.CompletedProcess[str]:
    """Run the bundled ffmpeg quietly; raise FfmpegError with its last stderr lines on failure."""
    cmd = [ffmpeg_exe(), "-hide_banner", "-nostdin", "-loglevel", "error", *args]
    proc = subprocess.run(cmd, check=False, capture_output=True, text=True, timeout=timeout, errors="replace")
    if proc.returncode != 0:
        tail = "\n".join(proc.stderr.strip().splitlines()[-5:])
        raise FfmpegError(f"ffmpeg failed ({proc.returncode}): {tail}")
    return proc
