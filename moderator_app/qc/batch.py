"""Checking many clips in worker processes, so that one clip that crashes or hangs a decoder (or OpenCV)
costs only its own report and never the batch."""

from __future__ import annotations

import concurrent.futures as cf
import multiprocessing
import os
import time
from collections.abc import Callable, Generator, Iterable
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from moderator_app.base.limits import cap_worker_memory
from moderator_app.qc.check import DEFAULT_TIMEOUT_S, check_file
from moderator_app.qc.report import QcReport
from moderator_app.qc.thresholds import DEFAULT_THRESHOLDS, Thresholds

Checker = Callable[[Path, Thresholds, float | None], QcReport]
"""check_file's shape; run_many takes another one only to inject faults in tests."""

GRACE_S = 30.0
"""Beyond a clip's own timeout (enforced inside the worker), how long before its worker is killed."""


MEMORY_REASON = "checking this file needed more memory than a check may use"


def _run_one(checker: Checker, path: Path, thresholds: Thresholds, timeout_s: float | None) -> QcReport:
    # the picture size is refused from the header in qc.probe before anything is decoded
    try:
        return checker(path, thresholds, timeout_s)
    except MemoryError:  # the worker's cap (base.limits.cap_worker_memory) met: this clip fails, not the batch
        return QcReport.unreadable(str(path), MEMORY_REASON)


def _new_pool(workers: int) -> cf.ProcessPoolExecutor:
    # spawn, not fork: the caller is a Qt application with threads, and forking a threaded process can
    # deadlock the child; spawn is also what Windows and macOS do, so every platform behaves the same.
    # each worker's memory is capped: a decompression bomb fails its own check instead of filling the machine
    return cf.ProcessPoolExecutor(
        max_workers=workers, mp_context=multiprocessing.get_context("spawn"), initializer=cap_worker_memory,
    )


def _kill_pool(pool: cf.ProcessPoolExecutor) -> None:
    # The executor has no public way to kill a stuck worker; its process table is the only handle.
    processes = getattr(pool, "_processes", None) or {}
    for process in list(processes.values()):
        process.kill()
    pool.shutdown(wait=False, cancel_futures=True)


def _isolated(checker: Checker, path: Path, thresholds: Thresholds, timeout_s: float | None) -> QcReport:
    """Re-run one clip alone in a fresh worker, to tell the clip that broke a pool from its neighbours."""
    pool = _new_pool(1)
    try:
        future = pool.submit(_run_one, checker, path, thresholds, timeout_s)
        return future.result(timeout=(timeout_s or DEFAULT_TIMEOUT_S) + GRACE_S)
    except BrokenProcessPool:
        return QcReport.unreadable(str(path), "the checker crashed on this file (the decoder or OpenCV died)")
    except cf.TimeoutError:
        _kill_pool(pool)
        return QcReport.unreadable(str(path), "checking this file did not finish in time")
    finally:
        pool.shutdown(wait=False, cancel_futures=True)


def run_many(
    paths: Iterable[Path],
    workers: int | None = None,
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
    timeout_s: float | None = None,
    checker: Checker = check_file,
) -> Generator[tuple[Path, QcReport], None, None]:
    """Yield (path, report) for every path, in completion order. Never raises for a bad clip: a worker that
    crashes or hangs yields ``unreadable`` with a reason and the batch goes on in a fresh pool."""
    pending = list(paths)
    pending.reverse()
    workers = max(1, workers or min(4, os.cpu_count() or 1))
    hard_limit = (timeout_s or DEFAULT_TIMEOUT_S) + GRACE_S
    while pending:
        pool = _new_pool(workers)
        running: dict[cf.Future[QcReport], tuple[Path, float]] = {}
        suspects: list[Path] = []
        dirty = True  # until the pool is known to have finished cleanly, a worker may be dead or stuck
        try:
            while pending or running:
                while pending and len(running) < workers:
                    path = pending.pop()
                    future = pool.submit(_run_one, checker, path, thresholds, timeout_s)
                    running[future] = (path, time.monotonic())
                done, _ = cf.wait(running, timeout=1.0, return_when=cf.FIRST_COMPLETED)
                broken = False
                for future in done:
                    path, _ = running.pop(future)
                    try:
                        yield path, future.result()
                    except BrokenProcessPool:
                        suspects.append(path)
                        broken = True
                    except MemoryError:  # the worker's report could not even be sent back
                        yield path, QcReport.unreadable(str(path), MEMORY_REASON)
                now = time.monotonic()
                stuck = [f for f, (_, started) in running.items() if now - started > hard_limit]
                for future in stuck:
                    path, _ = running.pop(future)
                    yield path, QcReport.unreadable(str(path), "checking this file did not finish in time")
                if broken or stuck:
                    suspects.extend(path for path, _ in running.values())
                    running.clear()
                    break
            else:
                dirty = False
        finally:
            if dirty:
                _kill_pool(pool)
            else:
                pool.shutdown(wait=True)
        for path in suspects:
            yield path, _isolated(checker, path, thresholds, timeout_s)
