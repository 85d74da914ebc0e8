"""The cache folder: one SQLite file and the clips, with one connection per thread."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import sqlite_utils

from moderator_app.db.connection import CLIPS_DIR, open_db


class Cache:
    """Hands each thread its own connection to the same cache (sqlite3 objects are per thread)."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.clips_dir = data_dir / CLIPS_DIR
        self._local = threading.local()
        self._lock = threading.Lock()
        self._all: list[sqlite_utils.Database] = []
        _ = self.db  # create and migrate now, on the opening thread, so failures surface at start

    @property
    def db(self) -> sqlite_utils.Database:
        db: sqlite_utils.Database | None = getattr(self._local, "db", None)
        if db is None:
            db = open_db(self.data_dir)
            self._local.db = db
            with self._lock:
                self._all.append(db)
        return db

    def clip_path(self, file: str) -> Path:
        """Path of a cached clip; ``file`` comes from the clips table, which only holds names we built."""
        name = Path(file).name
        return self.clips_dir / name

    def close(self) -> None:
        with self._lock:
            for db in self._all:
                try:
                    db.execute("PRAGMA optimize")  # SQLite's advice: refresh planner statistics on close
                except sqlite3.Error:
                    pass
                db.conn.close()
            self._all.clear()
        self._local = threading.local()
