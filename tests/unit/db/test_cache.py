"""The cache folder: one connection per thread to the same file, all closed together."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest

from moderator_app.db.cache import Cache


def test_each_thread_has_its_own_connection_to_the_same_cache(tmp_path: Path) -> None:
    cache = Cache(tmp_path)
    mine = cache.db
    assert cache.db is mine
    seen: list[object] = []
    worker = threading.Thread(target=lambda: seen.append(cache.db))
    worker.start()
    worker.join()
    assert seen and seen[0] is not mine
    cache.close()
    with pytest.raises(sqlite3.ProgrammingError):  # closed, the worker's connection included
        mine.execute("SELECT 1")
    with pytest.raises(sqlite3.ProgrammingError):
        seen[0].execute("SELECT 1")  # type: ignore[attr-defined]


def test_clip_paths_stay_inside_the_clips_folder(tmp_path: Path) -> None:
    cache = Cache(tmp_path)
    try:
        assert cache.clip_path("sub-000001.mp4") == tmp_path / "clips" / "sub-000001.mp4"
        assert cache.clip_path("../../etc/passwd") == tmp_path / "clips" / "passwd"
    finally:
        cache.close()
