"""Room on the cache's disk and the campaign's clip size cap, for both contracts (inbox folder and platform).

A hostile source can offer clip after clip up to the size cap; without a free-space rule the cache's disk
(the moderator's laptop) fills up and the app, the database's WAL and the rest of the machine fail with
it. Both contracts read the same two campaign settings (``qc --set max_clip_mb=… min_free_mb=…``).
"""

from __future__ import annotations

import os
from pathlib import Path

import sqlite_utils

from moderator_app.db import checks as checks_db
from moderator_app.qc.thresholds import Thresholds


class NoSpace(RuntimeError):
    """The cache's disk has less free space than the campaign keeps (``min_free_mb``): the sync stopped.

    What was verified before is committed; nothing is half-written, and the records not copied are
    neither quarantined nor counted as retries (not their fault): the next sync takes them up."""


def ingest_limits(db: sqlite_utils.Database) -> tuple[int, int]:
    """The campaign's clip size cap and the free space it keeps, in bytes (``qc --set max_clip_mb=…``)."""
    saved = checks_db.load_setting(db, checks_db.THRESHOLDS_KEY)
    limits = Thresholds.from_json(saved) if isinstance(saved, dict) else Thresholds()
    return int(float(limits.max_clip_mb) * (1 << 20)), int(float(limits.min_free_mb) * (1 << 20))


def free_bytes(folder: Path) -> int:
    """Bytes an unprivileged writer may still use on ``folder``'s disk."""
    info = os.statvfs(folder)
    return info.f_bavail * info.f_frsize


def no_space_reason(free: int, needed: int, keep_free: int) -> str:
    return (f"not enough free space on the cache's disk: {free >> 20} MB free, this clip needs {needed >> 20} MB "
            f"and the campaign keeps {keep_free >> 20} MB free (min_free_mb)")
