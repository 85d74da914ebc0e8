"""Quitting with 10 leases held while the platform is unreachable (issue 11: <= 2 s, GUI never blocked).

The real app as ``moderator-app`` builds it (app.build: the review window, its PlatformController, the
TaskRunner, and the app quitting when the window says it is done) against the contract-2 test server in
this process. The window claims and downloads 10 real clips (a lease on each, none decided), the
automatic checks run on them, then the server stops and a black hole takes its port: connections are
neither accepted nor refused, as when the network is gone, so every request waits for its connect
timeout. ``--offline refused`` stops the server only (connections refused at once: the easy case).

Measured per rep, from ``window.close()`` (called from the running event loop):
- quit: until ``app.exec()`` returns (the event loop has ended);
- stall: the longest gap between the ticks of a 5 ms timer on the GUI thread over the same span
  (the close itself included): how long the window could not repaint or take input.

    xvfb-run -a -s "-screen 0 1600x1000x24" /work/main/.venv/bin/python benchmarks/bench_quit.py [--reps 5]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
os.environ.setdefault("QT_QPA_PLATFORM", "xcb")
os.environ.setdefault("MODERATOR_VLC_ARGS", "--aout=amem")

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from benchmarks._common import wait_until
from moderator_app import app as composition
from moderator_app.demo.synth import make_clip
from tests.support.blackhole import BlackHole
from tests.support.memory_keyring import installed_memory_keyring
from tests.support.platform_server import PlatformServer, make_record

TOKEN = "bench-token"
LEASES = 10
TICK_MS = 5


def one_rep(app: QApplication, clip: bytes, folder: Path, offline: str) -> tuple[float, float]:
    """(quit ms, longest GUI-thread gap ms) for one fresh data folder."""
    data_dir = folder / "data"
    with installed_memory_keyring():
        server = PlatformServer([(make_record(i), clip) for i in range(LEASES)], token=TOKEN).start()
        ctx = composition.build(app, data_dir, "bench", None)
        win = ctx.window
        win.platform.ahead = LEASES
        reports: list[object] = []
        win.platform.synced.connect(reports.append)
        win.show()
        win.platform.configure(server.url, TOKEN)
        win.platform.sync_now()
        if not wait_until(lambda: bool(reports) and win.model.rowCount() == LEASES, timeout_s=120):
            raise SystemExit("the window did not claim and download the clips")
        held = [f"sub-{i:06d}" for i in range(LEASES) if server.lease(f"sub-{i:06d}")[0] == "bench"]
        if len(held) != LEASES:
            raise SystemExit(f"expected {LEASES} leases held, found {len(held)}")
        port = int(server.url.rsplit(":", 1)[1])
        server.stop()
        hole = BlackHole(port) if offline == "blackhole" else None

        gaps: list[float] = []
        marks: dict[str, float] = {}
        timer = QTimer()
        timer.setTimerType(Qt.TimerType.PreciseTimer)
        timer.setInterval(TICK_MS)

        def tick() -> None:
            now = time.perf_counter()
            if "close" in marks:
                gaps.append((now - marks.get("last", marks["close"])) * 1000)
            marks["last"] = now

        def close() -> None:
            marks["close"] = time.perf_counter()
            win.close()

        timer.timeout.connect(tick)
        timer.start()
        QTimer.singleShot(50, close)
        app.exec()
        ended = time.perf_counter()
        timer.stop()
        gaps.append((ended - marks.get("last", marks["close"])) * 1000)  # the tail until the loop ended
        quit_ms = (ended - marks["close"]) * 1000
        if hole is not None:
            hole.close()  # the release still trying in the background now fails at once
        finish = getattr(composition, "finish", None)
        if finish is not None:
            ctx.runner.join(timeout=60)
            finish(ctx)
        else:
            ctx.cache.close()
        win.deleteLater()
    return quit_ms, max(gaps)


def spread(values: list[float]) -> str:
    return (f"median {statistics.median(values):7.0f} ms   min {min(values):7.0f}   max {max(values):7.0f}"
            f"   (n={len(values)})")


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--reps", type=int, default=5)
    p.add_argument("--offline", choices=["blackhole", "refused"], default="blackhole")
    args = p.parse_args()
    app = QApplication([sys.argv[0]])
    work = Path(tempfile.mkdtemp(prefix="bench-quit-"))
    try:
        clip = make_clip(work / "clip.mp4", duration=2.0, width=320, height=180, audio="tone").read_bytes()
        quits: list[float] = []
        stalls: list[float] = []
        for rep in range(args.reps):
            folder = work / f"rep{rep}"
            folder.mkdir()
            q, s = one_rep(app, clip, folder, args.offline)
            quits.append(q)
            stalls.append(s)
            print(f"rep {rep + 1}: quit {q:7.0f} ms   longest GUI-thread stall {s:7.0f} ms", flush=True)
        print(f"\nquitting with {LEASES} leases held, platform {args.offline} (close() -> event loop ended):")
        print(f"  quit                      {spread(quits)}")
        print(f"  longest GUI-thread stall  {spread(stalls)}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
