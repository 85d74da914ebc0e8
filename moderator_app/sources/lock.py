"""One sync at a time per cache: the inbox and the platform pass both take this lock.

A file lock (flock) rather than a thread lock because the window and the CLI are separate
processes that may both sync the same cache.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from collections.abc import Callable, Iterator
from pathlib import Path

LOCK_FILE = "sync.lock"


class SyncBusy(RuntimeError):
    """Another sync holds the cache's sync lock."""


@contextlib.contextmanager
def sync_lock(data_dir: Path, *, wait: bool = False) -> Iterator[None]:
    """Serialise syncs of one cache (app and CLI may both run one).

    By default a second sync is told at once (SyncBusy; exit 6 in the CLI) rather than waiting: a sync stuck
    on a bad file once made every later one wait for ever. ``wait=True`` is for callers that must queue."""
    with exclusive(data_dir / LOCK_FILE, lambda: SyncBusy("another sync is running on this cache"), wait=wait):
        yield


@contextlib.contextmanager
def exclusive(path: Path, busy: Callable[[], Exception], *, wait: bool = False) -> Iterator[None]:
    """Hold an flock on ``path`` (created if missing); ``busy()`` is raised when another process holds it."""
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError as exc:
            raise busy() from exc
        yield
    finally:
        os.close(fd)
