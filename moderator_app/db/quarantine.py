"""Records that could not be trusted, kept with a reason a person can act on."""

from __future__ import annotations

from typing import Any

import sqlite_utils

from moderator_app.base.clock import utc_now


def put(
    db: sqlite_utils.Database,
    source: str,
    reason: str,
    *,
    record_id: str | None = None,
    fingerprint: str = "",
) -> None:
    """Quarantine ``source`` (replacing an older reason for the same source); caller holds the transaction."""
    db.execute(
        "INSERT INTO quarantine (source, reason, at, record_id, fingerprint) VALUES (?, ?, ?, ?, ?)"
        " ON CONFLICT(source) DO UPDATE SET reason = excluded.reason, at = excluded.at,"
        " record_id = excluded.record_id, fingerprint = excluded.fingerprint",
        [source, reason, utc_now(), record_id, fingerprint],
    )


def clear(db: sqlite_utils.Database, source: str) -> None:
    db.execute("DELETE FROM quarantine WHERE source = ?", [source])


def clear_many(db: sqlite_utils.Database, sources: list[tuple[str]]) -> None:
    """``clear`` for a batch, one statement (an inbox sync settles hundreds of records at once)."""
    db.conn.executemany("DELETE FROM quarantine WHERE source = ?", sources)


def items(db: sqlite_utils.Database) -> list[dict[str, Any]]:
    return list(db.query("SELECT rowid, source, reason, at, record_id FROM quarantine ORDER BY at DESC, source"))
