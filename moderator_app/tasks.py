"""The one place that knows about threads (after Anki's aqt/taskman.py).

Slow work (SQL writes, file copies, probing, decoding, network) runs on a thread pool; database
writes are serialised on a single writer thread so they never contend with each other. Results
come back to the GUI thread through a queued Qt signal, where ``on_done`` / ``on_error`` run.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Qt, Signal, Slot

log = logging.getLogger(__name__)

T = TypeVar("T")


class TaskRunner(QObject):
    _finished = Signal(object, object, object)

    def __init__(self, parent: QObject | None = None, workers: int = 4) -> None:
        super().__init__(parent)
        self._pool = ThreadPoolExecutor(workers, thread_name_prefix="task")
        self._writer = ThreadPoolExecutor(1, thread_name_prefix="db-writer")
        self._closed = False
        self._pending: set[Future[Any]] = set()
        self._finished.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    def run(
        self,
        fn: Callable[[], T],
        on_done: Callable[[T], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        *,
        writer: bool = False,
    ) -> Future[T]:
        """Run ``fn`` off the GUI thread; ``writer=True`` serialises it with the other DB writes."""
        if self._closed:
            raise RuntimeError("task runner is shut down")
        future = (self._writer if writer else self._pool).submit(fn)
        self._pending.add(future)
        future.add_done_callback(lambda f: self._finished.emit(f, on_done, on_error))
        return future

    @Slot(object, object, object)
    def _deliver(self, future: Future[Any], on_done: Any, on_error: Any) -> None:
        self._pending.discard(future)
        exc = future.exception()
        if exc is not None:
            if on_error is not None:
                on_error(exc)
            else:
                log.error("background task failed:\n%s", "".join(traceback.format_exception(exc)))
            return
        if on_done is not None:
            on_done(future.result())

    @property
    def busy(self) -> int:
        return len(self._pending)

    def shutdown(self, wait: bool = True) -> None:
        """Finish queued writes (decisions must land) and stop the threads."""
        self._closed = True
        self._writer.shutdown(wait=wait)
        self._pool.shutdown(wait=wait, cancel_futures=True)
