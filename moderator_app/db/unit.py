"""The unit of work: every write to the cache is one transaction, whoever makes it (app, CLI, worker).

Kept apart from the migrations so that a module that only writes rows does not import the schema's
history, and so that there is exactly one way to open a write transaction.
"""

from __future__ import annotations

import sqlite_utils


class transaction:
    """One unit of work: BEGIN IMMEDIATE … COMMIT, rolled back on any exception.

    IMMEDIATE takes the write lock up front, so two writers (app and CLI) queue on busy_timeout
    instead of failing half-way with SQLITE_BUSY on lock upgrade.
    """

    def __init__(self, db: sqlite_utils.Database) -> None:
        self.conn = db.conn

    def __enter__(self) -> None:
        self.conn.execute("BEGIN IMMEDIATE")

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        if exc_type is None:
            self.conn.execute("COMMIT")
        else:
            self.conn.execute("ROLLBACK")
