"""GUI event-loop latency while 200 clips are checked in the background (issue 4: p99 <= 50 ms).

The window is open on a cache of 200 generated clips (320x240, 4 s, H.264 + AAC, 10 patterns). A 10 ms
QTimer measures how late each tick arrives: first idle for 5 s (the anchor, same run), then while
MainWindow.run_checks() checks every clip in its process pool.

    xvfb-run -a -s "-screen 0 1600x1000x24" python benchmarks/bench_checks_gui.py [--clips 200]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "xcb")
os.environ.setdefault("MODERATOR_VLC_ARGS", "--aout=amem")

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from moderator_app.db.cache import Cache
from moderator_app.db.submissions import CachedClip, insert_submissions
from moderator_app.db.unit import transaction
from moderator_app.demo.synth import make_clip
from moderator_app.models import ClipProbe, Person, Submission
from moderator_app.services.review import ReviewService
from moderator_app.tasks import TaskRunner
from moderator_app.ui.review.window import MainWindow

TICK_MS = 10


def fill(cache: Cache, count: int, folder: Path) -> None:
    templates = [make_clip(folder / f"t{i}.mp4", duration=4.0, width=320, height=240, pattern=i) for i in range(10)]
    items = []
    for n in range(count):
        sid = f"sub-{n:05d}"
        shutil.copyfile(templates[n % 10], cache.clip_path(f"{sid}.mp4"))
        sub = Submission(
            id=sid, campaign="bench", received_at=f"2020-04-02T10:{n // 60 % 60:02d}:{n % 60:02d}Z", country="FR",
            recipient=Person("Jeannine", f"Martin{n}"), sender=Person("Lucas", "Martin"), consent_broadcast=True,
            consent_given_at="2020-04-02T10:00:00Z", sender_email="l@example.org", clip_name=f"{sid}.mp4", raw={},
        )
        probe = ClipProbe("mp4", 4.0, 320, 240, 0, "h264", "aac", 100)
        items.append((sub, CachedClip(f"{sid}.mp4", "0" * 64, 1, probe), "bench"))
    with transaction(cache.db):
        insert_submissions(cache.db, items)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def describe(label: str, lateness: list[float]) -> None:
    print(f"{label}: {len(lateness)} ticks, median {statistics.median(lateness):.1f} ms, "
          f"p99 {percentile(lateness, 0.99):.1f} ms, max {max(lateness):.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clips", type=int, default=200)
    args = parser.parse_args()
    app = QApplication([])
    with tempfile.TemporaryDirectory(prefix="bench-checks-") as tmp:
        cache = Cache(Path(tmp) / "data")
        t0 = time.perf_counter()
        fill(cache, args.clips, Path(tmp))
        print(f"{args.clips} clips ready in {time.perf_counter() - t0:.1f} s")
        win = MainWindow(ReviewService(cache, "bench"), TaskRunner(), auto_check=False)
        win.show()
        samples: dict[str, list[float]] = {"idle": [], "checking": []}
        phase = ["idle"]
        last = [time.perf_counter()]

        def tick() -> None:
            now = time.perf_counter()
            samples[phase[0]].append(max(0.0, (now - last[0]) * 1000 - TICK_MS))
            last[0] = now

        timer = QTimer()
        timer.setTimerType(Qt.TimerType.PreciseTimer)
        timer.setInterval(TICK_MS)
        timer.timeout.connect(tick)
        started = [0.0]

        def start_checks() -> None:
            phase[0] = "checking"
            started[0] = time.perf_counter()
            win.run_checks()

        def done(summary: object) -> None:
            elapsed = time.perf_counter() - started[0]
            print(f"checked {len(summary.checked)} clips in {elapsed:.1f} s")  # type: ignore[attr-defined]
            app.quit()

        win.checks_finished.connect(done)
        def start_ticks() -> None:
            last[0] = time.perf_counter()
            timer.start()

        QTimer.singleShot(1000, start_ticks)
        QTimer.singleShot(6000, start_checks)
        app.exec()
        timer.stop()
        describe("idle (anchor)", samples["idle"])
        describe("during checks", samples["checking"])
        print(f"cpu count {os.cpu_count()}, load average {os.getloadavg()[0]:.1f}")
        win.close()
        win.runner.join(timeout=30)  # quitting goes on off the GUI thread: let the writes land
        cache.close()


if __name__ == "__main__":
    main()
