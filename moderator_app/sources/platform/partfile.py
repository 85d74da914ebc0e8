"""The ``.part`` file a clip download fills: resumable across drops and restarts, hashed as it grows.

Kept apart from the download loop (transfers.py) because it is the only piece that touches the disk:
what is on it, how its sha256 is rebuilt after a restart, and how it becomes durable.
"""

from __future__ import annotations

import hashlib
import logging
import os
from pathlib import Path
from typing import BinaryIO

from moderator_app.base.durable import fsync_dir, start_writeback

log = logging.getLogger(__name__)

_HASH_BLOCK = 1 << 20
_WRITEBACK_STEP = 1 << 20
"""Dirty bytes of a .part handed to the disk (start_writeback) as they arrive: the group commit's
fsync then finds most of the clip already written (measured, 200 x 2 MB, same run alternating:
download-only median 0.567 -> 0.515 s at load ~3; no difference measurable at load ~5)."""


class PartFile:
    """The ``.part`` on disk plus the running sha256 of what it holds."""

    def __init__(self, path: Path, size: int) -> None:
        self.path = path
        self.hasher = hashlib.sha256()
        self.have = 0
        if path.exists():
            existing = path.stat().st_size
            if existing > size:
                log.info("discarding a .part longer than the clip (%d > %d bytes)", existing, size)
                path.unlink()
            else:
                with path.open("rb") as f:
                    while block := f.read(_HASH_BLOCK):
                        self.hasher.update(block)
                        self.have += len(block)
        self._file: BinaryIO = path.open("ab")
        self._kicked = self.have

    def write(self, chunk: bytes | memoryview) -> None:
        self._file.write(chunk)
        self.hasher.update(chunk)
        self.have += len(chunk)
        if self.have - self._kicked >= _WRITEBACK_STEP:
            self._file.flush()
            start_writeback(self._file.fileno(), self._kicked, self.have - self._kicked)
            self._kicked = self.have

    def restart(self) -> None:
        self._file.truncate(0)
        self._file.seek(0)
        self.hasher = hashlib.sha256()
        self.have = 0

    def close(self) -> None:
        if not self._file.closed:
            self._file.close()

    def seal(self) -> Path:
        """Verified: close it (its bytes are in the page cache) and hand its path to the group commit."""
        if not self._file.closed:
            self._file.flush()
            start_writeback(self._file.fileno(), self._kicked, 0)
        self.close()
        return self.path

    def discard(self) -> None:
        self.close()
        self.path.unlink(missing_ok=True)

    def commit(self, dest: Path) -> None:
        self._file.flush()
        os.fsync(self._file.fileno())
        self.close()
        os.replace(self.path, dest)
        fsync_dir(dest.parent)
