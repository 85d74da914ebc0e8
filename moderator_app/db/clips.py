"""The clips table: which cached file holds a submission's video (the file name only, never a folder)."""

from __future__ import annotations

import sqlite_utils


def clip_file(db: sqlite_utils.Database, submission_id: str) -> str | None:
    row = db.execute("SELECT file FROM clips WHERE submission_id = ?", [submission_id]).fetchone()
    return None if row is None else str(row[0])


def all_files(db: sqlite_utils.Database) -> set[str]:
    """Every cached clip's file name: what the clips folder may hold (anything else there is an orphan)."""
    return {str(row[0]) for row in db.execute("SELECT file FROM clips")}
