"""Small helpers the benchmark scripts share: spread of a sample, waiting in a live Qt event loop, memory.

Kept out of the app on purpose: nothing here is needed to run the review desk.
"""

from __future__ import annotations

import os
import resource
import statistics
import time
from collections.abc import Callable

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (no interpolation: the value printed was really measured)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def summary(name: str, values: list[float], unit: str = "ms", width: int = 44) -> str:
    if not values:
        return f"{name:<{width}} (no samples)"
    ordered = sorted(values)
    return (
        f"{name:<{width}} median {statistics.median(values):8.1f} {unit}   p95 {percentile(values, 0.95):8.1f}"
        f"   min {ordered[0]:7.1f}   max {ordered[-1]:8.1f}   (n={len(values)})"
    )


def wait_until(cond: Callable[[], bool], timeout_s: float = 10.0, poll_ms: int = 2) -> bool:
    """Run the Qt event loop until ``cond()`` holds (checked every ``poll_ms``) or the timeout passes."""
    if cond():
        return True
    deadline = time.perf_counter() + timeout_s
    loop = QEventLoop()
    timer = QTimer()
    timer.setInterval(poll_ms)

    def check() -> None:
        if cond() or time.perf_counter() > deadline:
            loop.quit()

    timer.timeout.connect(check)
    timer.start()
    loop.exec()
    timer.stop()
    return cond()


def settle(ms: int) -> None:
    """Let the event loop run for ``ms`` (paints, queued signals) without measuring anything."""
    end = time.perf_counter() + ms / 1000
    wait_until(lambda: time.perf_counter() >= end, timeout_s=ms / 1000 + 1, poll_ms=5)


def peak_rss_mb() -> float:
    """Peak resident set size of this process so far (Linux reports ru_maxrss in KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def current_rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def machine_load() -> str:
    """The machine is shared: the 1/5/15-minute load averages say how much the figures may be disturbed."""
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f} {five:.2f} {fifteen:.2f} on {os.cpu_count()} CPUs"


def app() -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    return QApplication([])
