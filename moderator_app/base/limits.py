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


WORKER_MEMORY_MB = 768
"""Data memory one ingest or check worker process (and the ffmpeg it runs) may map: the heap, decoder
frames, thread stacks. Measured with this limit lowered until checks failed: the clip checks of a 2 s
7680x4320 H.264 clip (the largest picture accepted) still pass at 384 MB (their ffmpeg peaks at ~290 MB
resident), the ingest decode check of it at 192 MB; a 16000x16000 one-frame H.264 clip needs ~700 MB in
the checks' ffmpeg and fails at 768 MB. Twice the 8K need, so a good clip always checks.
``MODERATOR_WORKER_MB`` changes it (a whole number of megabytes, at least 256)."""
MEMORY_ENV = "MODERATOR_WORKER_MB"


def worker_memory_bytes() -> int:
    raw = os.environ.get(MEMORY_ENV, "").strip()
    megabytes = int(raw) if raw.isdigit() and int(raw) >= 256 else WORKER_MEMORY_MB
    return megabytes << 20


def cap_worker_memory(max_bytes: int | None = None) -> None:
    """Bound this process's data memory, for a pool initializer: a clip that would need more makes this
    worker's allocations fail (MemoryError, or the decoder's own out-of-memory error), so the caller reports
    that clip and the batch goes on, instead of the machine swapping or the OOM killer picking the app.

    RLIMIT_DATA (Linux >= 4.7 counts every private writable mapping, malloc's mmaps included) rather than
    RLIMIT_AS, which also counts the shared libraries and reserved arenas PyAV and OpenCV map but never
    use. Child processes (the ffmpeg CLI a check runs) inherit the limit. A no-op where unsupported."""
    # one decoding process per core already: math libraries' own thread pools would only oversubscribe the
    # cores, and each of their threads' stacks and buffers counts against the cap (many-core machines)
    for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(name, "1")
    try:
        import resource
    except ImportError:  # Windows: no rlimits (a job object would be needed)
        return
    limit = max_bytes if max_bytes is not None else worker_memory_bytes()
    kind = getattr(resource, "RLIMIT_DATA", None)
    if kind is None:
        return
    soft, hard = resource.getrlimit(kind)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    if soft == resource.RLIM_INFINITY or soft > limit:
        resource.setrlimit(kind, (limit, hard))
