"""The task runner's lanes: reads never wait behind long jobs, long jobs cancel, quitting never blocks,
and writes asked for before quitting still land."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from moderator_app.db.cache import Cache
from moderator_app.db.unit import transaction
from moderator_app.tasks import LONG, QUICK, WRITER, TaskRunner

GATE_S = 30.0
"""How long a blocked job waits for the test to open its gate; only reached when the runner is broken."""


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Cache]:
    cache = Cache(tmp_path / "data")
    cache.db.execute("CREATE TABLE notes (n INTEGER)")
    yield cache
    cache.close()


def count(store: Cache) -> int:
    return int(store.db.execute("SELECT count(*) FROM notes").fetchone()[0])


def add(store: Cache, n: int) -> int:
    with transaction(store.db):
        store.db.execute("INSERT INTO notes VALUES (?)", [n])
    return n


def test_a_quick_read_is_not_queued_behind_long_jobs(qtbot: QtBot, store: Cache) -> None:
    runner = TaskRunner(long_workers=1)
    gate = threading.Event()
    started = threading.Event()

    def long_job() -> str:
        started.set()
        gate.wait(GATE_S)
        return "long"

    long_done: list[str] = []
    for _ in range(3):  # the lane's one thread is busy, two more wait behind it
        runner.run(long_job, long_done.append, lane=LONG)
    assert started.wait(GATE_S)
    read: list[int] = []
    runner.run(lambda: count(store), read.append, lane=QUICK)
    qtbot.waitUntil(lambda: read == [0], timeout=5000)
    assert long_done == [] and not gate.is_set(), "the read came back while every long job still waited"
    gate.set()
    qtbot.waitUntil(lambda: long_done == ["long"] * 3, timeout=5000)
    assert runner.join(timeout=GATE_S)


def test_callbacks_run_on_the_gui_thread(qtbot: QtBot) -> None:
    runner = TaskRunner()
    threads: dict[str, threading.Thread] = {}

    def failing() -> None:
        raise KeyError("gone")

    errors: list[BaseException] = []
    runner.run(lambda: threading.current_thread(), lambda t: threads.update(worker=t, done=threading.current_thread()),
               lane=QUICK)
    runner.run(failing, on_error=lambda e: (errors.append(e), threads.update(error=threading.current_thread())))
    qtbot.waitUntil(lambda: len(threads) == 3, timeout=5000)
    assert threads["done"] is threading.main_thread() and threads["error"] is threading.main_thread()
    assert threads["worker"] is not threading.main_thread()
    assert isinstance(errors[0], KeyError)
    assert runner.join(timeout=GATE_S)


def test_a_long_job_stops_when_cancelled_and_a_queued_one_never_starts(qtbot: QtBot) -> None:
    runner = TaskRunner(long_workers=1)
    running = threading.Event()
    ran_second = threading.Event()

    def polling(cancel: threading.Event) -> str:
        running.set()
        return "stopped" if cancel.wait(GATE_S) else "ran out"

    results: list[str] = []
    first = runner.run_cancellable(polling, results.append)
    second = runner.run_cancellable(lambda _c: ran_second.set(), lambda _r: results.append("second"))
    assert running.wait(GATE_S)
    second.cancel()
    first.cancel()
    qtbot.waitUntil(lambda: results == ["stopped"], timeout=5000)
    assert first.cancelled and second.future.cancelled() and not ran_second.is_set()
    # cancel_long reaches every cancellable job at once
    running.clear()
    third = runner.run_cancellable(polling, results.append)
    assert running.wait(GATE_S)
    runner.cancel_long()
    qtbot.waitUntil(lambda: results == ["stopped", "stopped"], timeout=5000)
    assert third.cancelled
    assert runner.join(timeout=GATE_S)


def test_writes_keep_their_order(qtbot: QtBot, store: Cache) -> None:
    runner = TaskRunner()
    landed: list[int] = []
    for n in range(20):
        runner.run(lambda n=n: add(store, n), landed.append, lane=WRITER)
    qtbot.waitUntil(lambda: len(landed) == 20, timeout=10000)
    assert landed == list(range(20))
    assert [r[0] for r in store.db.execute("SELECT n FROM notes ORDER BY rowid")] == list(range(20))
    assert runner.join(timeout=GATE_S)


def test_shutdown_returns_at_once_and_queued_writes_still_land(qtbot: QtBot, store: Cache) -> None:
    runner = TaskRunner(long_workers=1)
    write_gate = threading.Event()
    sync_gate = threading.Event()
    sync_started = threading.Event()

    def stuck_sync() -> None:  # a job that cannot be cancelled, stuck in a network call
        sync_started.set()
        sync_gate.wait(GATE_S)

    def first_write() -> int:
        write_gate.wait(GATE_S)
        return add(store, 0)

    runner.run(stuck_sync, lane=LONG)
    assert sync_started.wait(GATE_S)
    never: list[int] = []
    runner.run(lambda: never.append(1), lane=LONG)  # queued behind the stuck one: dropped on shutdown
    delivered: list[int] = []
    runner.run(first_write, delivered.append, writer=True)
    for n in range(1, 5):
        runner.run(lambda n=n: add(store, n), delivered.append, writer=True)

    with qtbot.waitSignal(runner.drained, timeout=10000):
        runner.shutdown()  # returns while the sync and the first write are still blocked
        assert not write_gate.is_set() and not sync_gate.is_set()
        assert runner.closed
        with pytest.raises(RuntimeError):
            runner.run(lambda: None, lane=QUICK)
        write_gate.set()
    # every write asked for before quitting is in the database; their results are not delivered
    # (the window that asked is gone), and the job queued behind the stuck sync never ran
    assert count(store) == 5
    assert delivered == [] and never == []
    assert runner.join(timeout=0.05) is False, "the stuck sync is still running"
    sync_gate.set()
    assert runner.join(timeout=GATE_S) is True
