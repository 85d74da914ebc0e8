"""Composition root: builds the cache, the services and the window, and takes them down. No globals.

The app quits when the window says quitting is over (``closed``: leases given back or their deadline
passed, queued decisions landed), not when the window disappears, which is at once.
"""

from __future__ import annotations

import importlib.resources
import logging
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import QApplication

from moderator_app.services import retention
from moderator_app.services.review import ReviewService
from moderator_app.services.store import Cache, open_cache
from moderator_app.tasks import TaskRunner
from moderator_app.ui.review.retention import Clock, StartupPurge
from moderator_app.ui.review.window import MainWindow

log = logging.getLogger(__name__)

JOIN_GRACE_S = 0.5
"""After the event loop: how long cancelled long jobs get to stop before the cache is left as it is."""


@dataclass
class AppContext:
    cache: Cache
    review: ReviewService
    runner: TaskRunner
    window: MainWindow
    purge: StartupPurge


def style_sheet() -> str:
    return (importlib.resources.files("moderator_app.resources") / "style.qss").read_text(encoding="utf-8")


def build(app: QApplication, data_dir: Path, moderator: str, inbox: Path | None,
          *, clock: Clock = retention.utc_now) -> AppContext:
    """``clock``: the time the retention purge (run at start-up, off the GUI thread) measures ages against."""
    app.setStyleSheet(style_sheet())
    cache = open_cache(data_dir)
    review = ReviewService(cache, moderator)
    runner = TaskRunner(app)
    purge = StartupPurge(cache, runner, clock)
    purge.start()  # first on the long lane, before the window's checks
    window = MainWindow(review, runner, inbox=inbox, auto_check=True)
    purge.attach(window)
    app.setQuitOnLastWindowClosed(False)
    window.closed.connect(app.quit)
    return AppContext(cache, review, runner, window, purge)


def finish(ctx: AppContext) -> None:
    """After the event loop: every queued write lands, then the cache closes.

    A long job still running (a sync stuck offline) keeps its connection: closing it under the job would
    only turn a clean stop at process exit into an error; SQLite's WAL makes the exit itself safe.
    """
    if ctx.runner.join(timeout=JOIN_GRACE_S):
        ctx.cache.close()
    else:
        log.info("a cancelled background job was still running at exit")
