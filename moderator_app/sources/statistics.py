"""When a sync has added enough rows that the query planner's statistics are worth refreshing."""

from __future__ import annotations

import sqlite_utils

from moderator_app.db.migrations import refresh_statistics

ANALYZE_AFTER = 500
"""A sync adding this many rows refreshes the query planner's statistics."""


def refresh_after_sync(db: sqlite_utils.Database, added: int) -> None:
    """Statistics taken on a young cache mislead the planner once a big sync has landed."""
    if added >= ANALYZE_AFTER:
        refresh_statistics(db)
