"""How much of the machine the app may use: one setting bounds every pool the core starts.

Moderators screen on 2-core laptops while the window plays video. Before this module, inbox ingest,
clip checks, downloads and pushes each sized their own pool, and a platform pass alone started ~30
threads. Every pool now asks here: CPU-bound work (decoding in ingest and check processes) gets at most
``cpu_workers()`` at once, I/O-bound work (transfers, pushes) gets ``io_workers()`` threads, which wait
on the network far more than they use a core.

The one setting is ``MODERATOR_WORKERS`` (a whole number >= 1); by default the machine's cores.
"""

from __future__ import annotations

import os

ENV = "MODERATOR_WORKERS"
IO_PER_WORKER = 4
"""Threads that mostly wait on sockets: four per CPU worker keep a link busy without a crowd of threads."""
MAX_CPU_WORKERS = 8


def cpu_workers() -> int:
    """Processes (or threads) that decode or compute at the same time, for the whole app."""
    raw = os.environ.get(ENV, "").strip()
    if raw.isdigit() and int(raw) >= 1:
        return min(int(raw), MAX_CPU_WORKERS)
    return max(1, min(os.cpu_count() or 1, MAX_CPU_WORKERS))


def io_workers() -> int:
    """Threads for one network job (downloads, pushes): bounded by the same setting."""
    return cpu_workers() * IO_PER_WORKER


def bounded(requested: int | None, limit: int) -> int:
    """A caller's explicit size, never above the app's limit (tests and benchmarks may ask for less)."""
    if requested is None or requested < 1:
        return limit
    return min(requested, limit)
