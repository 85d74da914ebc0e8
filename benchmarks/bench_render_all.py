"""``spot render-all`` of 10 saved spots vs 10 single ``spot export --spot`` runs, same cache, same run:
target <= 0.9x. Also one render at a time vs two (``--workers``), to choose ``RENDER_WORKERS``.

    python benchmarks/bench_render_all.py [--spots 10] [--reps 2] [--preset web-mp4] [--full]

Every command is a real subprocess of the app, as a script would call it. The variants alternate inside
each repetition so a neighbour's load falls on all of them alike. ``--draft`` encoder settings unless
``--full``. Between runs the render records and the card cache are cleared so each run renders everything.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from moderator_app.db.cache import Cache
from moderator_app.services.spots import SpotService
from tests.unit.services.test_spots import LONG_IDS, fill_cache, make_spot_inbox


def app(data: Path, *args: str) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO), "QT_QPA_PLATFORM": "offscreen"}
    subprocess.run([sys.executable, "-m", "moderator_app", "--data-dir", str(data), *args], check=True,
                   capture_output=True, env=env)


def reset(data: Path, out: Path) -> None:
    shutil.rmtree(out, ignore_errors=True)
    shutil.rmtree(data / "card-cache", ignore_errors=True)
    with sqlite3.connect(data / "cache.sqlite3") as db:
        db.execute("DELETE FROM spot_renders")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--spots", type=int, default=10)
    parser.add_argument("--reps", type=int, default=2)
    parser.add_argument("--preset", default="web-mp4")
    parser.add_argument("--full", action="store_true")
    args = parser.parse_args()
    draft = [] if args.full else ["--draft"]
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        cache = Cache(root / "data")
        fill_cache(cache, make_spot_inbox(root / "tpl"), root, LONG_IDS)
        service = SpotService(cache)
        ids = []
        for n in range(args.spots):
            order = LONG_IDS[n % 3:] + LONG_IDS[:n % 3]
            service.save(service.build_spot(order, 30, f"s{n:02d}"))
            ids.append(f"s{n:02d}")
        cache.close()
        data, out = root / "data", root / "out"
        times: dict[str, list[float]] = {"singles": [], "render-all x1": [], "render-all x2": []}
        for _ in range(args.reps):
            for name, values in times.items():
                reset(data, out)
                start = time.perf_counter()
                if name == "singles":
                    out.mkdir()
                    for sid in ids:
                        app(data, "spot", "export", "--spot", sid, "--preset", args.preset,
                            "--out", str(out / f"{sid}.mp4"), *draft)
                else:
                    app(data, "spot", "render-all", "--preset", args.preset, "--out", str(out),
                        "--workers", name[-1], *draft)
                values.append(time.perf_counter() - start)
    print(f"{args.spots} spots, preset {args.preset}{' (draft)' if draft else ''}, {os.cpu_count()} cores, "
          f"{args.reps} alternating reps")
    base = statistics.median(times["singles"])
    for name, values in times.items():
        med = statistics.median(values)
        print(f"{name:<16} median {med:7.1f} s  min {min(values):6.1f}  max {max(values):6.1f}  "
              f"ratio {med / base:.2f}x")
    best = min(("render-all x1", "render-all x2"), key=lambda n: statistics.median(times[n]))
    ratio = statistics.median(times[best]) / base
    print(f"best: {best}; target <= 0.9x: {'met' if ratio <= 0.9 else 'MISSED'} ({ratio:.2f}x)")


if __name__ == "__main__":
    main()
