"""Issue 15 figures: an inbox sync with the hostile files beside 20 good clips, against the 20 alone.

Figures (targets from the issue):
- peak RSS of the sync over the hostile inbox: <= 1 GB;
- its wall time, FIFO and device links included: <= 1.2x the same sync without the hostile files.

Each rep runs the real CLI (``python -m moderator_app sync --inbox DIR``) in its own process on a fresh
cache, alternating the two inboxes so machine load hits both alike; peak RSS is that process's own
(``wait4``). The hostile files: ffconcat naming another submission's clip, HLS, DASH with an absolute
``file://`` target, SDP, a FIFO, a link to /dev/zero, a link to a clip outside the inbox, a 16000x16000
one-frame H.264 bomb and a 2 GB (sparse) file over the 1 GB size cap.

    python benchmarks/bench_hostile_sync.py [--reps 5] [--good 20]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from moderator_app.demo.synth import make_clip
from tests.support import hostile


def settle(folder: Path) -> None:
    """Age every file (never what a link points at) so the sync treats the inbox as finished."""
    past = time.time() - 600
    for path in folder.iterdir():
        os.utime(path, (past, past), follow_symlinks=False)


def good_inbox(folder: Path, template: Path, count: int) -> None:
    folder.mkdir(parents=True)
    for n in range(count):
        shutil.copy(template, folder / f"good{n:02d}.mp4")
        hostile.record(folder, f"sub-good{n:04d}", f"good{n:02d}.mp4")


def add_hostile(folder: Path, outside: Path, bomb: Path) -> int:
    """The issue's hostile files, one record each; returns how many."""
    makers = {
        "sub-concat1": lambda p: hostile.ffconcat(p, "good00.mp4"),
        "sub-hls0001": lambda p: hostile.hls(p, "good00.mp4"),
        "sub-dash001": lambda p: hostile.dash(p, outside.resolve()),
        "sub-sdp0001": hostile.sdp,
        "sub-fifo001": hostile.fifo,
        "sub-zero001": lambda p: hostile.link(p, Path("/dev/zero")),
        "sub-link001": lambda p: hostile.link(p, outside),
        "sub-bomb001": lambda p: shutil.copy(bomb, p),
    }
    for sid, make in makers.items():
        make(folder / f"{sid}.mp4")
        hostile.record(folder, sid, f"{sid}.mp4")
    with (folder / "sub-huge001.mp4").open("wb") as big:
        big.write(outside.read_bytes())
        big.truncate(2 << 30)  # sparse: over the 1 GB cap without using the disk
    hostile.record(folder, "sub-huge001", "sub-huge001.mp4")
    return len(makers) + 1


def run_sync(inbox: Path, data_dir: Path) -> tuple[float, float, str]:
    """Wall seconds, peak RSS (MB) of the sync process, and its last line of output."""
    started = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "moderator_app", "--data-dir", str(data_dir), "sync", "--inbox", str(inbox)],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    assert proc.stdout is not None
    output = proc.stdout.read().decode("utf-8", "replace")
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"sync failed ({proc.returncode}): {output}")
    return wall, usage.ru_maxrss / 1024, output.strip().splitlines()[-1]


def spread(values: list[float]) -> str:
    return (f"median {statistics.median(values):7.2f}   min {min(values):7.2f}   max {max(values):7.2f}"
            f"   (n={len(values)})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reps", type=int, default=5)
    parser.add_argument("--good", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-hostile-") as tmp:
        root = Path(tmp)
        print("making clips (a 16000x16000 bomb takes a few seconds) ...", flush=True)
        template = make_clip(root / "template.mp4", duration=4.0, width=640, height=360, audio="tone")
        (root / "elsewhere").mkdir()
        outside = Path(shutil.copy(template, root / "elsewhere" / "their-clip.mp4"))
        bomb = hostile.bomb(root / "bomb.mp4", side=16000)
        plain, mixed = root / "good", root / "mixed"
        good_inbox(plain, template, args.good)
        good_inbox(mixed, template, args.good)
        bad = add_hostile(mixed, outside, bomb)
        settle(plain)
        settle(mixed)
        print(f"{args.good} good clips of {template.stat().st_size >> 10} KB; {bad} hostile files beside them")
        samples: dict[str, list[tuple[float, float]]] = {"good": [], "hostile": []}
        last: dict[str, str] = {}
        for rep in range(args.reps):
            for label, inbox in (("good", plain), ("hostile", mixed)) if rep % 2 == 0 else (
                    ("hostile", mixed), ("good", plain)):
                data_dir = root / f"data-{label}-{rep}"
                wall, rss, line = run_sync(inbox, data_dir)
                samples[label].append((wall, rss))
                last[label] = line
                shutil.rmtree(data_dir)
        for label in ("good", "hostile"):
            print(f"{label:<8} sync: {last[label]}")
            print(f"{label:<8} wall s   {spread([w for w, _ in samples[label]])}")
            print(f"{label:<8} peak MB  {spread([r for _, r in samples[label]])}")
        ratio = statistics.median(w for w, _ in samples["hostile"]) / statistics.median(
            w for w, _ in samples["good"])
        ratios = sorted(h[0] / g[0] for h, g in zip(samples["hostile"], samples["good"], strict=True))
        peak = max(r for _, r in samples["hostile"])
        print(f"FIGURE peak RSS of the hostile sync: {peak:.0f} MB (max over reps; target <= 1024 MB)")
        print(f"FIGURE wall time hostile / good: {ratio:.2f}x (median of each; per-rep ratios "
              f"{ratios[0]:.2f}-{ratios[-1]:.2f}; target <= 1.2x)")
        one, five, _ = os.getloadavg()
        print(f"load average {one:.2f} {five:.2f} on {os.cpu_count()} CPUs")


if __name__ == "__main__":
    main()
