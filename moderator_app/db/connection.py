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


def ensure_data_dir(path: Path) -> Path:
    """The data folder the user named (``--data-dir``) or the default one: created private if new.

    A new folder gets mode 700 (names, contacts and faces of private people live here). An existing one
    keeps its mode: it may be a shared folder, a synced drive or the user's home, and quietly locking
    others out of it is not the app's call. What the app puts inside (``clips/``, the cache, the lock)
    is private on its own, so an open parent does not expose it.
    """
    if path.is_dir():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)  # parents as ``mkdir -p`` makes them: they hold no data
    try:
        path.mkdir(mode=0o700)  # the umask can only take bits away: never more open than 700, even briefly
    except FileExistsError:
        if path.is_dir():  # made meanwhile by another process: not ours to change
            return path
        raise
    if os.name == "posix":
        os.chmod(path, 0o700)
    return path


def ensure_private_dir(path: Path) -> Path:
    """Create ``path``, a folder the app owns inside the data folder, readable by its owner only.

    ``mkdir(mode=...)`` is masked by the umask, so the mode is set explicitly; an app folder found with
    another mode (copied in, made by an older version) is made private again.
    """
    path.mkdir(mode=0o700, exist_ok=True)
    if os.name == "posix":
        os.chmod(path, 0o700)
    return path


def open_db(data_dir: Path, *, readonly: bool = False, migrate_schema: bool = True) -> sqlite_utils.Database:
    """Open (creating if needed) the cache in ``data_dir``, private to the user."""
    ensure_data_dir(data_dir)
    ensure_private_dir(data_dir / CLIPS_DIR)
    path = data_dir / DB_FILE
    if readonly:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False, timeout=30)
    else:
        # made 0600 before SQLite opens it (an empty file is a new database), so it is never readable by
        # others, even for a moment in a shared folder; SQLite gives its -wal and -shm files this mode too
        os.close(os.open(path, os.O_RDWR | os.O_CREAT, 0o600))
        os.chmod(path, 0o600)
        conn = sqlite3.connect(str(path), check_same_thread=False, timeout=30, isolation_level=None)
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
