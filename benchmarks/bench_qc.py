"""How long check_file takes on a 15 s 1080p30 H.264 clip, against decoding the same clip with ffmpeg.

Target: check_file <= 1.0x the time of `ffmpeg -i clip -f null -` (the anchor), on the same machine, in
the same run. The clip is generated once into a cache dir; repetitions alternate anchor and check so
both see the same machine load.

    /work/venv/bin/python benchmarks/bench_qc.py [--reps 7] [--cache DIR]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from moderator_app.base.ffmpeg import ffmpeg_exe, run_ffmpeg
from moderator_app.qc import check_file


def make_clip(cache: Path) -> Path:
    clip = cache / "bench_15s_1080p30_h264.mp4"
    if not clip.exists():
        cache.mkdir(parents=True, exist_ok=True)
        tmp = clip.with_suffix(".part.mp4")
        run_ffmpeg([
            "-f", "lavfi", "-i", "testsrc2=s=1920x1080:r=30:d=15",
            "-f", "lavfi", "-i", "sine=f=440:d=15:sample_rate=48000",
            "-filter_complex", "[0:v]noise=alls=12:allf=t[v]", "-map", "[v]", "-map", "1:a",
            "-c:v", "libx264", "-preset", "veryfast", "-b:v", "12M", "-pix_fmt", "yuv420p",
            "-c:a", "aac", "-b:a", "192k", "-ac", "2", "-y", str(tmp),
        ])
        tmp.rename(clip)
    return clip


def cpu_seconds() -> float:
    """CPU used so far by this process and its finished children: a second figure that a busy shared machine
    disturbs less than wall time does."""
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def time_anchor(clip: Path) -> tuple[float, float]:
    cpu, started = cpu_seconds(), time.perf_counter()
    subprocess.run(
        [ffmpeg_exe(), "-hide_banner", "-nostdin", "-loglevel", "error", "-i", str(clip), "-f", "null", "-"],
        check=True,
    )
    return time.perf_counter() - started, cpu_seconds() - cpu


def time_check(clip: Path) -> tuple[float, float]:
    cpu, started = cpu_seconds(), time.perf_counter()
    report = check_file(clip)
    elapsed = time.perf_counter() - started
    if not report.readable:
        raise SystemExit(f"check failed: {report.reason}")
    return elapsed, cpu_seconds() - cpu


def summary(name: str, values: list[float]) -> str:
    return f"{name:>22}: median {statistics.median(values):.3f} s  min {min(values):.3f}  max {max(values):.3f}"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reps", type=int, default=7)
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "moderator_bench")
    args = parser.parse_args()
    clip = make_clip(args.cache)
    time_check(clip)  # warm: imports, OpenCV init, file cache
    anchor: list[tuple[float, float]] = []
    check: list[tuple[float, float]] = []
    for _ in range(args.reps):
        anchor.append(time_anchor(clip))
        check.append(time_check(clip))
    print(f"clip: {clip} ({clip.stat().st_size / 1e6:.1f} MB), {args.reps} repetitions, load {os.getloadavg()[0]:.1f}")
    for k, kind in enumerate(("wall", "cpu")):
        a = [x[k] for x in anchor]
        c = [x[k] for x in check]
        print(summary(f"{kind} ffmpeg -f null", a))
        print(summary(f"{kind} check_file", c))
        ratios = [ci / ai for ci, ai in zip(c, a, strict=True)]
        print(f"{kind + ' ratio check/anchor':>22}: median {statistics.median(ratios):.2f}x  "
              f"min {min(ratios):.2f}x  max {max(ratios):.2f}x  (target <= 1.00x)")


if __name__ == "__main__":
    main()
