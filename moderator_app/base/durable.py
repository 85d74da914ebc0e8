"""Making new files and renames durable before the cache points at them (one place for every writer)."""

from __future__ import annotations

import ctypes
import os
import sys
import uuid
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import cast

AnyPath = str | os.PathLike[str]


def fsync_path(path: AnyPath, flags: int = os.O_RDONLY) -> None:
    fd = os.open(path, flags)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_dir(folder: Path) -> None:
    """Make a rename durable (POSIX); Windows cannot open a folder for fsync and does not need to."""
    if os.name == "posix":
        fsync_path(folder)


def flush_files(paths: Iterable[AnyPath]) -> None:
    """Opened for writing: Windows flushes a file only through a handle that may write it."""
    for path in paths:
        fsync_path(path, os.O_RDWR)


def _load_sync_file_range() -> Callable[[int, int, int, int], int] | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        fn = libc.sync_file_range
    except (OSError, AttributeError):
        return None
    fn.argtypes = [ctypes.c_int, ctypes.c_int64, ctypes.c_int64, ctypes.c_uint]
    fn.restype = ctypes.c_int
    return cast(Callable[[int, int, int, int], int], fn)


_sync_file_range = _load_sync_file_range()
_SYNC_FILE_RANGE_WRITE = 2


def start_writeback(fd: int, offset: int = 0, length: int = 0) -> None:
    """Ask the kernel to start writing these dirty bytes to disk now, without waiting (Linux
    sync_file_range WRITE, as git's core.fsyncMethod=batch does); the later fsync, which alone makes
    them durable, then waits for less. ``length`` 0 means to the end. Elsewhere a no-op."""
    if _sync_file_range is not None:
        _sync_file_range(fd, offset, length, _SYNC_FILE_RANGE_WRITE)


def partial_path(path: Path) -> Path:
    """A name beside ``path`` for its bytes while they are written: same folder (so the final rename stays
    on one filesystem), hidden (so a folder scan skips it), unique (two writers never share one)."""
    return path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.part")


def commit_file(partial: Path, path: Path) -> None:
    """Make a finished ``partial`` (written by us or by ffmpeg) durable, then the one that readers see:
    fsync the bytes, rename over ``path``, fsync the folder so the rename survives a power cut."""
    fsync_path(partial, os.O_RDWR)
    os.replace(partial, path)
    fsync_dir(path.parent)


def write_atomic(path: Path, data: bytes) -> None:
    """Readers see the old file or the new one, never half of one, even after a power cut: the bytes are
    written beside ``path``, fsynced, renamed over it, and the folder is fsynced.

    The new file gets the usual permissions (0666 less the umask), as a plain ``open`` would give it.
    """
    partial = partial_path(path)
    try:
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    fsync_dir(path.parent)
