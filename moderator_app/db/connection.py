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


def ensure_private_dir(path: Path) -> Path:
    """Create ``path`` readable by its owner only (names, contacts and faces of private people live here).

    ``mkdir(mode=...)`` is masked by the umask and does not apply to parents, so the mode is set explicitly.
    """
    path.mkdir(parents=True, exist_ok=True)
    if os.name == "posix":
        os.chmod(path, 0o700)
    return path


def open_db(data_dir: Path, *, readonly: bool = False, migrate_schema: bool = True) -> sqlite_utils.Database:
    """Open (creating if needed) the cache in ``data_dir``, private to the user."""
    ensure_private_dir(data_dir)
    ensure_private_dir(data_dir / CLIPS_DIR)
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
