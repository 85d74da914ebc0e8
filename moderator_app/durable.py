"""Making new files and renames durable before the cache points at them (one place for every writer)."""

from __future__ import annotations

import os
from pathlib import Path


def fsync_path(path: Path, flags: int = os.O_RDONLY) -> None:
    fd = os.open(path, flags)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_dir(folder: Path) -> None:
    """Make a rename durable (POSIX); Windows cannot open a folder for fsync and does not need to."""
    if os.name == "posix":
        fsync_path(folder)


def flush_files(paths: list[Path]) -> None:
    """Opened for writing: Windows flushes a file only through a handle that may write it."""
    for path in paths:
        fsync_path(path, os.O_RDWR)
