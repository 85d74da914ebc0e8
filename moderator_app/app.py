"""Composition root: builds the cache, the services and the window. No globals."""

from __future__ import annotations

import importlib.resources
import logging
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import QApplication

from moderator_app.db.cache import Cache
from moderator_app.services.review import ReviewService
from moderator_app.tasks import TaskRunner
from moderator_app.ui.review.window import MainWindow

log = logging.getLogger(__name__)


@dataclass
class AppContext:
    cache: Cache
    review: ReviewService
    runner: TaskRunner
    window: MainWindow


def style_sheet() -> str:
    return (importlib.resources.files("moderator_app.resources") / "style.qss").read_text(encoding="utf-8")


def build(app: QApplication, data_dir: Path, moderator: str, inbox: Path | None) -> AppContext:
    app.setStyleSheet(style_sheet())
    cache = Cache(data_dir)
    review = ReviewService(cache, moderator)
    runner = TaskRunner(app)
    window = MainWindow(review, runner, inbox=inbox, auto_check=True)
    return AppContext(cache, review, runner, window)
