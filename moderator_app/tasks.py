"""The one place that knows about threads for the window (after Anki's aqt/taskman.py).

Three lanes, picked by the caller, so a queue query never waits behind an export:

- ``QUICK``: short reads (queue queries, one submission's details) and the deadline-bounded lease
  release on quit. Two threads; nothing long may go here.
- ``LONG``: syncs, checks, platform passes, exports, proxy renders. At most ``cpu_workers()`` at once
  (the app's one setting, base/limits.py), so a 2-core laptop keeps a core for the window and VLC.
  Long jobs can be cancelled: a job started with ``run_cancellable`` gets a ``threading.Event`` it
  polls, and ``cancel_long()`` / ``shutdown()`` set every such event.
- ``WRITER``: one thread for the window's own writes (decisions, undo, settings, saved spots), in the
  order they were asked for. Not every write goes through it: inbox syncs, checks and platform
  passes commit from their long-lane thread in short ``BEGIN IMMEDIATE`` transactions, serialised
  with the writer by SQLite's lock and busy timeout (a long sync must not hold decisions back).

Results come back to the GUI thread through a queued Qt signal, where ``on_done`` / ``on_error`` run.
``shutdown()`` never blocks the GUI thread: it cancels long jobs, drops queued reads, and lets the
writer finish its queue on its own thread; ``drained`` is emitted once the last write has landed.
Quick and long threads are daemons (a cancelled sync stuck in a network call must not keep the process
alive after the window is gone); the writer is not, so a decision still queued when the event loop
ends lands before the process exits.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
import traceback
import weakref
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Generic, TypeVar

import shiboken6
from PySide6.QtCore import QObject, Qt, Signal, Slot

from moderator_app.base.limits import cpu_workers

log = logging.getLogger(__name__)

T = TypeVar("T")

QUICK_WORKERS = 2


class Lane(StrEnum):
    QUICK = "quick"
    LONG = "long"
    WRITER = "writer"


QUICK, LONG, WRITER = Lane.QUICK, Lane.LONG, Lane.WRITER


@dataclass(eq=False)
class Job(Generic[T]):
    """A long job: its future and the event it polls to stop early."""

    future: Future[T]
    cancel_event: threading.Event = field(default_factory=threading.Event)

    def cancel(self) -> None:
        """Ask the job to stop; a job not started yet never starts."""
        self.cancel_event.set()
        self.future.cancel()

    @property
    def cancelled(self) -> bool:
        return self.cancel_event.is_set()


def _alive(callback: Any) -> bool:
    """False for a method of a Qt object whose C++ side is gone (calling it would raise)."""
    owner = getattr(callback, "__self__", None)
    return not isinstance(owner, QObject) or shiboken6.isValid(owner)


class _Lane:
    """A few daemon threads over one queue; threads start on demand, up to ``size``."""

    def __init__(self, name: str, size: int) -> None:
        self.name = name
        self.size = max(1, size)
        self._jobs: queue.SimpleQueue[tuple[Future[Any], Callable[[], Any]] | None] = queue.SimpleQueue()
        self._threads: list[threading.Thread] = []
        self._lock = threading.Lock()
        self._stopped = False

    def submit(self, fn: Callable[[], T]) -> Future[T]:
        future: Future[T] = Future()
        with self._lock:
            if self._stopped:
                raise RuntimeError(f"the {self.name} lane is shut down")
            self._jobs.put((future, fn))
            if len(self._threads) < self.size:
                thread = threading.Thread(target=self._work, name=f"task-{self.name}-{len(self._threads)}",
                                          daemon=True)
                self._threads.append(thread)
                thread.start()
        return future

    def _work(self) -> None:
        while True:
            item = self._jobs.get()
            if item is None:
                return
            future, fn = item
            if future.set_running_or_notify_cancel():
                try:
                    result = fn()
                except BaseException as exc:  # noqa: BLE001 - handed to on_error on the GUI thread
                    future.set_exception(exc)
                else:
                    future.set_result(result)

    def stop(self) -> None:
        """Jobs not started are cancelled; running ones finish (or notice their cancel event)."""
        with self._lock:
            self._stopped = True
            while True:
                try:
                    item = self._jobs.get_nowait()
                except queue.Empty:
                    break
                if item is not None:
                    item[0].cancel()
            for _ in self._threads:
                self._jobs.put(None)

    def join(self, deadline: float | None) -> bool:
        for thread in list(self._threads):
            thread.join(None if deadline is None else max(0.0, deadline - time.monotonic()))
        return not any(t.is_alive() for t in self._threads)


class TaskRunner(QObject):
    _finished = Signal(object, object, object)
    _writes_done = Signal()
    drained = Signal()
    """After ``shutdown()``: every write asked for before it has landed (emitted on the GUI thread)."""

    def __init__(self, parent: QObject | None = None, *, long_workers: int | None = None) -> None:
        super().__init__(parent)
        self._lanes = {QUICK: _Lane("quick", QUICK_WORKERS), LONG: _Lane("long", long_workers or cpu_workers())}
        self._writer = ThreadPoolExecutor(1, thread_name_prefix="db-writer")
        self._closed = False
        self._pending: set[Future[Any]] = set()
        self._jobs: set[Job[Any]] = set()
        self._finished.connect(self._deliver, Qt.ConnectionType.QueuedConnection)
        self._writes_done.connect(self.drained, Qt.ConnectionType.QueuedConnection)

    def run(
        self,
        fn: Callable[[], T],
        on_done: Callable[[T], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        *,
        lane: Lane = LONG,
        writer: bool = False,
    ) -> Future[T]:
        """Run ``fn`` off the GUI thread on ``lane`` (``writer=True`` is the same as ``lane=WRITER``).

        The default is the long lane, so work nobody sorted cannot slow the queue down.
        """
        if self._closed:
            raise RuntimeError("task runner is shut down")
        lane = WRITER if writer else lane
        future = self._writer.submit(fn) if lane is WRITER else self._lanes[lane].submit(fn)
        self._pending.add(future)
        me = weakref.ref(self)  # a worker thread must never hold the last reference to a QObject

        def finished(f: Future[Any]) -> None:
            runner = me()
            if runner is not None:
                runner._finished.emit(f, on_done, on_error)

        future.add_done_callback(finished)
        return future

    def run_cancellable(
        self,
        fn: Callable[[threading.Event], T],
        on_done: Callable[[T], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        *,
        cancel: threading.Event | None = None,
    ) -> Job[T]:
        """A long job handed the event it must poll; ``cancel_long()`` and ``shutdown()`` set it."""
        event = cancel if cancel is not None else threading.Event()
        future = self.run(lambda: fn(event), on_done, on_error, lane=LONG)
        job = Job(future, event)
        self._jobs.add(job)
        future.add_done_callback(lambda _f: self._jobs.discard(job))
        return job

    @Slot(object, object, object)
    def _deliver(self, future: Future[Any], on_done: Any, on_error: Any) -> None:
        self._pending.discard(future)
        if self._closed or future.cancelled():
            return  # the window that asked is closing: nobody is left to show the result
        if not (_alive(on_done) and _alive(on_error)):
            return  # the Qt object the result was for was deleted meanwhile (a closed editor, a test's window)
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

    @property
    def closed(self) -> bool:
        return self._closed

    def cancel_long(self) -> None:
        """Ask every cancellable long job to stop (quitting must not wait for a sync or a batch of checks)."""
        for job in list(self._jobs):
            job.cancel()

    @property
    def is_shut_down(self) -> bool:
        """True once quitting began: a window outliving the desk (a language change at exit) asks nothing more."""
        return self._closed

    def shutdown(self) -> None:
        """Stop taking work without blocking: long jobs are cancelled, queued reads dropped, writes finish.

        ``drained`` follows once the writer's queue is empty; ``join`` waits for it off the event loop.
        """
        if self._closed:
            return
        self._closed = True
        self.cancel_long()
        for lane in self._lanes.values():
            lane.stop()
        me = weakref.ref(self)  # queued behind every write asked for before now

        def writes_done() -> None:
            runner = me()
            if runner is not None:
                runner._writes_done.emit()

        self._writer.submit(writes_done)
        self._writer.shutdown(wait=False)

    def join(self, timeout: float | None = None) -> bool:
        """Block until the writer has finished (always) and the other lanes (up to ``timeout``).

        Only for after the event loop has ended (the entry point, tests, scripts): never on the GUI
        thread while a window is up. Returns False when a long job was still running at the timeout.
        """
        self.shutdown()
        self._writer.shutdown(wait=True)
        deadline = None if timeout is None else time.monotonic() + timeout
        joined = [lane.join(deadline) for lane in self._lanes.values()]  # every lane, not up to the first alive
        return all(joined)
