"""Making verified clips durable and visible in batches (group commit).

A clip becomes visible only by renaming its verified ``.part`` over ``dest``, and only once its
bytes are on disk. One thread takes every part verified since its last round: fsyncs each, renames
them all, then fsyncs each folder once. While it waits for the disk the downloads go on and the
next batch gathers, so the disk and the network overlap, and no download thread ever blocks on a
flush. (A syncfs(2) per batch, as the inbox does, measured no faster here than the fsyncs of an
already-written batch, and it would also wait for other programs' dirty data on the same disk.)
The fsyncs of one batch run side by side (FLUSHERS threads): ext4's journal then folds them into
fewer commits than one after the other (measured, 200 x 2 MB, same run alternating: download-only
median 1.24 -> 1.07 s on a busy machine, per-rep ratio median 1.09).
"""

from __future__ import annotations

import logging
import os
import queue
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from moderator_app.base.durable import flush_files, fsync_dir
from moderator_app.base.limits import io_workers

log = logging.getLogger(__name__)


@dataclass(slots=True)
class _Pending:
    part: Path
    dest: Path
    future: Future[None] = field(default_factory=Future)


FLUSHERS = min(4, io_workers())
"""fsync threads: they wait on the disk, so they count as I/O work (base/limits.py)."""


class GroupCommitter:
    """One thread that flushes, renames and fsyncs the folders of whatever parts are waiting."""

    def __init__(self) -> None:
        self._queue: queue.SimpleQueue[_Pending | None] = queue.SimpleQueue()
        self._flushers = ThreadPoolExecutor(FLUSHERS, thread_name_prefix="clip-fsync")
        self._thread = threading.Thread(target=self._run, name="clip-commit", daemon=True)
        self._thread.start()

    def submit(self, part: Path, dest: Path) -> Future[None]:
        """``part`` is verified and closed; the future completes once ``dest`` is durable."""
        pending = _Pending(part, dest)
        self._queue.put(pending)
        return pending.future

    def close(self) -> None:
        """Commit what was submitted, then stop the thread."""
        self._queue.put(None)
        self._thread.join()
        self._flushers.shutdown(wait=True)

    def _run(self) -> None:
        stopping = False
        while not stopping:
            batch: list[_Pending] = []
            item = self._queue.get()
            while True:
                if item is None:
                    stopping = True
                else:
                    batch.append(item)
                try:
                    item = self._queue.get_nowait()
                except queue.Empty:
                    break
            if batch:
                self._commit(batch)

    def _commit(self, batch: list[_Pending]) -> None:
        try:
            if len(batch) == 1:
                flush_files([batch[0].part])
            else:
                list(self._flushers.map(lambda pending: flush_files([pending.part]), batch))
        except OSError as exc:
            for pending in batch:
                pending.future.set_exception(exc)
            return
        renamed: list[_Pending] = []
        for pending in batch:
            try:
                os.replace(pending.part, pending.dest)
            except OSError as exc:
                pending.future.set_exception(exc)
            else:
                renamed.append(pending)
        failed_dirs: dict[Path, OSError] = {}
        for folder in {p.dest.parent for p in renamed}:
            try:
                fsync_dir(folder)
            except OSError as exc:
                failed_dirs[folder] = exc
        for pending in renamed:
            error = failed_dirs.get(pending.dest.parent)
            if error is None:
                pending.future.set_result(None)
            else:
                pending.future.set_exception(error)
        log.debug("committed %d clips", len(renamed))
