"""Export of a 30 s 1080p25 spot (web-mp4 preset) against a bare ffmpeg encode of 30 s of testsrc.

Target: export <= 1.3x the anchor (`ffmpeg -f lavfi -i testsrc=1920x1080:25 -t 30` encoded with the
preset's own codec settings, plus 30 s of AAC), same machine, same run, repetitions alternating anchor
and export; and the peak memory of the export's ffmpeg children <= 1 GB (sampled from /proc every
20 ms, summed over the children alive at once; ru_maxrss of the children is printed too).

The spot: intro and outro cards, three 9 s phone-like clips (1080p landscape, 1080p portrait tagged
rotate=90, 720p), Qt-drawn lower thirds (offscreen), per-message levelling, the final measurement.
Each export starts with an empty per-clip loudness cache (the worst case: in the app, the preview proxy
has usually measured the clips already); ``--warm-loudness`` keeps it between repetitions instead.
The order of anchor and export alternates between repetitions.

    /work/venv/bin/python benchmarks/bench_export.py [--reps 3] [--cache DIR]
"""

from __future__ import annotations

import argparse
import functools
import os
import resource
import statistics
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Self, TypeVar

from moderator_app.base.ffmpeg import run_ffmpeg
from moderator_app.demo.synth import make_clip
from moderator_app.spot.audio import clear_loudness_cache
from moderator_app.spot.export import export_spot
from moderator_app.spot.model import Spot, SpotClip, Template
from moderator_app.spot.presets import PRESETS
from moderator_app.spot.qt_titles import QtTitleRenderer

PRESET = PRESETS["web-mp4"]
T = TypeVar("T")
_PAGE = os.sysconf("SC_PAGE_SIZE")


def make_clips(cache: Path) -> list[SpotClip]:
    cache.mkdir(parents=True, exist_ok=True)
    specs = [
        ("landscape.mp4", {"width": 1920, "height": 1080, "pattern": 0}, "Hélène", "Lucas"),
        ("portrait.mp4", {"width": 1920, "height": 1080, "rotate": 90, "pattern": 3}, "فاطمة", "يوسف"),
        ("hd720.mp4", {"width": 1280, "height": 720, "pattern": 6}, "Mamie 🌸", "Léa"),
    ]
    clips = []
    for n, (name, options, recipient, sender) in enumerate(specs):
        path = cache / name
        if not path.exists():
            make_clip(path, duration=9.0, audio="speech", **options)  # type: ignore[arg-type]
        clips.append(SpotClip(f"sub-{n}", path, 9.0, True, True, recipient, sender))
    return clips


def anchor(out: Path) -> None:
    run_ffmpeg(
        [
            "-y",
            *("-f", "lavfi", "-i", "testsrc=s=1920x1080:r=25:d=30"),
            *("-f", "lavfi", "-i", "sine=f=440:sample_rate=48000:d=30"),
            *PRESET.video_args,
            *PRESET.audio_args,
            *("-ac", "2", "-f", PRESET.container, str(out)),
        ],
        timeout=900,
    )


def _descendants(pid: int) -> list[int]:
    found: list[int] = []
    todo = [pid]
    while todo:
        current = todo.pop()
        try:
            text = Path(f"/proc/{current}/task/{current}/children").read_text()
        except OSError:
            continue
        children = [int(c) for c in text.split()]
        found += children
        todo += children
    return found


def _rss(pid: int) -> int:
    try:
        return int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * _PAGE
    except (OSError, IndexError, ValueError):
        return 0


class ChildMemory:
    """Peak of the summed RSS of this process's descendants while running."""

    def __init__(self) -> None:
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._poll, daemon=True)

    def __enter__(self) -> Self:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _poll(self) -> None:
        me = os.getpid()
        while not self._stop.wait(0.02):
            self.peak = max(self.peak, sum(_rss(pid) for pid in _descendants(me)))


def timed(action: Callable[[], T], cpu: list[float]) -> tuple[float, T]:
    """Wall time and result of ``action``; appends the CPU seconds it used (this process + children) to ``cpu``."""
    before = _cpu()
    started = time.perf_counter()
    result = action()
    elapsed = time.perf_counter() - started
    cpu.append(_cpu() - before)
    return elapsed, result


def _cpu() -> float:
    me = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + children.ru_utime + children.ru_stime


def summary(name: str, values: list[float]) -> str:
    return f"{name:<30} median {statistics.median(values):6.2f} s   min {min(values):6.2f}   max {max(values):6.2f}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "moderator-bench-export")
    parser.add_argument("--warm-loudness", action="store_true", help="keep measured clip loudness between reps")
    args = parser.parse_args()
    clips = make_clips(args.cache)
    renderer = QtTitleRenderer()
    spot = Spot(Template.standard(30), "bench")
    for slot, clip in enumerate(clips):
        spot.place(slot, clip)
    spot.fit()

    anchors: list[float] = []
    anchors_cpu: list[float] = []
    exports_cpu: list[float] = []
    exports: list[float] = []
    encodes: list[float] = []
    peaks: list[int] = []
    with tempfile.TemporaryDirectory(prefix="bench-export-") as tmp:
        out = Path(tmp)
        for rep in range(args.reps):
            if rep % 2 == 0:
                anchors.append(timed(functools.partial(anchor, out / "anchor.mp4"), anchors_cpu)[0])
            marks: dict[str, float] = {}

            def on_progress(fraction: float, marks: dict[str, float] = marks) -> None:
                now = time.perf_counter()
                if fraction >= 0.10:
                    marks.setdefault("video_start", now)
                if fraction >= 0.90:
                    marks.setdefault("video_end", now)

            if not args.warm_loudness:
                clear_loudness_cache()
            with ChildMemory() as memory:
                target = out / f"spot-{rep}.mp4"
                export = functools.partial(
                    export_spot, spot, PRESET, target, title_renderer=renderer, progress=on_progress
                )
                elapsed, result = timed(export, exports_cpu)
                exports.append(elapsed)
            peaks.append(memory.peak)
            if rep % 2 == 1:
                anchors.append(timed(functools.partial(anchor, out / "anchor.mp4"), anchors_cpu)[0])
            encodes.append(marks["video_end"] - marks["video_start"])
            print(f"rep {rep + 1}: anchor {anchors[-1]:.2f} s ({anchors_cpu[-1]:.1f} s CPU), "
                  f"export {exports[-1]:.2f} s ({exports_cpu[-1]:.1f} s CPU), "
                  f"picture encode stage {encodes[-1]:.2f} s, children peak RSS {memory.peak / 2**20:.0f} MiB, "
                  f"preset check {'passed' if result.report.passed else result.report.failures}")  # fmt: skip

    print()
    print(summary("anchor (bare testsrc encode)", anchors))
    print(summary("spot export (total)", exports))
    print(summary("  of which picture encode", encodes))
    ratio = statistics.median(exports) / statistics.median(anchors)
    paired = statistics.median(e / a for e, a in zip(exports, anchors, strict=True))
    print(
        f"ratio export/anchor: medians {ratio:.2f}x, median of per-rep ratios {paired:.2f}x, "
        f"minima {min(exports) / min(anchors):.2f}x (the least disturbed runs; target <= 1.3x)"
    )
    print(summary("anchor CPU (user+sys)", anchors_cpu))
    print(summary("spot export CPU (user+sys)", exports_cpu))
    cpu_ratio = statistics.median(exports_cpu) / statistics.median(anchors_cpu)
    print(
        f"CPU ratio export/anchor (medians): {cpu_ratio:.2f}x (less sensitive to other load on the machine)"
    )
    print(f"picture-stage/anchor (medians): {statistics.median(encodes) / statistics.median(anchors):.2f}x")
    children_maxrss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
    print(
        f"peak RSS of export children (sum, /proc sampled): max {max(peaks) / 2**20:.0f} MiB, "
        f"median {statistics.median(peaks) / 2**20:.0f} MiB (target <= 1024 MiB); "
        f"largest single ffmpeg child of the run (anchor or export) ru_maxrss {children_maxrss / 2**20:.0f} MiB"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
