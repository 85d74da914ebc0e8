"""The inbox sync's bookkeeping: which record files were seen as they were, and which are still arriving.

``inbox_seen`` lets an unchanged record be skipped without being read; ``inbox_pending`` remembers
when a record first waited for its files, so it is quarantined only once the retry window has passed.
Writers expect the caller to hold the transaction (``db.unit.transaction``).
"""

from __future__ import annotations

import sqlite_utils

SeenRow = tuple[str, str, str | None, str, str | None]
"""(source, fingerprint, clip, outcome, submission_id), as ``inbox_seen`` stores it."""


def seen(db: sqlite_utils.Database) -> dict[str, tuple[str, str | None]]:
    """source -> (fingerprint, clip file name) of every record file a sync has settled."""
    return {
        str(r[0]): (str(r[1]), r[2])
        for r in db.execute("SELECT source, fingerprint, clip FROM inbox_seen").fetchall()
    }


def first_pending(db: sqlite_utils.Database, source: str) -> float | None:
    """When ``source`` first waited for its files (epoch seconds), or None if it is not waiting."""
    row = db.execute("SELECT first_seen FROM inbox_pending WHERE source = ?", [source]).fetchone()
    return None if row is None else float(row[0])


def add_pending(db: sqlite_utils.Database, source: str, first_seen: float, reason: str) -> None:
    db.execute(
        "INSERT INTO inbox_pending (source, first_seen, reason) VALUES (?, ?, ?)",
        [source, str(first_seen), reason],
    )


def settle(db: sqlite_utils.Database, sources: list[tuple[str]]) -> None:
    """No longer waiting for their files: out of ``inbox_pending`` (one statement for a batch)."""
    db.conn.executemany("DELETE FROM inbox_pending WHERE source = ?", sources)


def mark_seen(db: sqlite_utils.Database, rows: list[SeenRow]) -> None:
    db.conn.executemany(
        "INSERT OR REPLACE INTO inbox_seen (source, fingerprint, clip, outcome, submission_id)"
        " VALUES (?, ?, ?, ?, ?)",
        rows,
    )


def forget(db: sqlite_utils.Database, source: str) -> None:
    """Read ``source`` again on the next sync, as if new (a moderator asked to retry a quarantined record)."""
    db.execute("DELETE FROM inbox_seen WHERE source = ?", [source])
    db.execute("DELETE FROM inbox_pending WHERE source = ?", [source])
