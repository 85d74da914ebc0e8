"""Bundle start to the first demo clip on screen: median and spread over N cold starts (target <= 3 s).

    xvfb-run -a -s "-screen 0 1600x1000x24" .venv/bin/python benchmarks/bench_bundle_start.py [dist/moderator-app] [N]

Each run starts ``moderator-app --demo`` with a bare environment (PATH=/usr/bin:/bin, its own HOME whose demo
data a warm-up run made, so clip generation is not timed) after dropping the page cache when allowed (root),
and times from process start until the X server shows the clip: the video area in the middle of the
window turns to the demo clip's colour bars (a fifth of the band saturated; the UI around it is grey/white
and the empty video area black). The screen is read from the X server (QScreen.grabWindow of the root).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtGui import QGuiApplication, QImage

BAND = (0.30, 0.18, 0.58, 0.50)
"""The screen's middle band (x0, y0, x1, y1 as fractions): the video area of the review window."""


def saturated_share(image: QImage) -> float:
    w, h = image.width(), image.height()
    hits = total = 0
    for y in range(int(h * BAND[1]), int(h * BAND[3]), 12):
        for x in range(int(w * BAND[0]), int(w * BAND[2]), 12):
            c = image.pixelColor(x, y)
            total += 1
            hits += max(c.red(), c.green(), c.blue()) - min(c.red(), c.green(), c.blue()) > 80
    return hits / max(total, 1)


def drop_caches() -> bool:
    try:
        os.sync()
        Path("/proc/sys/vm/drop_caches").write_text("3\n")
        return True
    except OSError:
        return False


def one_run(exe: Path, home: Path, app: QGuiApplication, timeout: float = 30.0) -> float:
    env = {"PATH": "/usr/bin:/bin", "HOME": str(home), "DISPLAY": os.environ["DISPLAY"],
           "MODERATOR_VLC_ARGS": "--aout=adummy", **({"XAUTHORITY": os.environ["XAUTHORITY"]}
                                                    if "XAUTHORITY" in os.environ else {})}
    screen = app.primaryScreen()
    start = time.perf_counter()
    proc = subprocess.Popen([str(exe), "--demo", "--lang", "en"], env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    try:
        while time.perf_counter() - start < timeout:
            if saturated_share(screen.grabWindow(0).toImage()) > 0.2:
                return time.perf_counter() - start
            time.sleep(0.02)
        raise RuntimeError("no clip on screen")
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def main() -> int:
    bundle = Path(sys.argv[1] if len(sys.argv) > 1 else "dist/moderator-app").resolve()
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    app = QGuiApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp) / "home"
        home.mkdir()
        warm = one_run(bundle / "moderator-app", home, app, timeout=180)  # makes the demo data
        times, cold = [], []
        for _ in range(runs):
            cold.append(drop_caches())
            times.append(one_run(bundle / "moderator-app", home, app))
    print(f"first start (demo data generated): {warm:.2f} s")
    print(f"start to first clip on screen, {runs} runs ({'cold: page cache dropped' if all(cold) else 'warm cache'}):"
          f" median {statistics.median(times):.2f} s, min {min(times):.2f} s, max {max(times):.2f} s,"
          f" stdev {statistics.stdev(times) if runs > 1 else 0:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
