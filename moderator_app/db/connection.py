"""Opening the local cache.

Each thread opens its own connection (sqlite3 objects must not be shared across threads). WAL lets
the GUI read while the writer thread commits; ``synchronous=FULL`` makes every committed decision
survive a power cut, not only a killed process — decisions are few, so the fsync is cheap.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import sqlite_utils

from moderator_app.db.migrations import migrate

DB_FILE = "cache.sqlite3"
CLIPS_DIR = "clips"


def open_db(data_dir: Path, *, readonly: bool = False, migrate_schema: bool = True) -> sqlite_utils.Database:
    """Open (creating if needed) the cache in ``data_dir``, private to the user."""
    data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    (data_dir / CLIPS_DIR).mkdir(exist_ok=True, mode=0o700)
    path = data_dir / DB_FILE
    if readonly:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False, timeout=30)
    else:
        conn = sqlite3.connect(str(path), check_same_thread=False, timeout=30, isolation_level=None)
        os.chmod(path, 0o600)
    db = sqlite_utils.Database(conn)
    conn.execute("PRAGMA busy_timeout = 30000")
    conn.execute("PRAGMA foreign_keys = ON")
    if not readonly:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        if migrate_schema:
            migrate(db)
    return db


def memory_db() -> sqlite_utils.Database:
    """A fresh in-memory cache with the full schema, for tests of the query layer."""
    conn = sqlite3.connect(":memory:", isolation_level=None)
    db = sqlite_utils.Database(conn)
    conn.execute("PRAGMA foreign_keys = ON")
    migrate(db)
    return db
