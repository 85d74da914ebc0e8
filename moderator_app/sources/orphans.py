"""Clip files in the cache that no row points at: swept under the sync lock before every inbox sync.

A sync renames a verified clip into ``clips/`` just before the transaction that inserts its row commits;
a kill (SIGKILL, power cut) between the two leaves a whole clip file nobody references. Those are
personal videos: once the records leave the inbox, nothing would ever delete them. Temp files of a killed
copy are the same. The sync lock guarantees no sync is between rename and commit while this runs.
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

import sqlite_utils

from moderator_app.db import clips as clips_db

TEMP_SUFFIX = ".tmp"
"""The inbox copies clips to ``.<id>.<random>.tmp`` in the clips folder before they are verified."""


def sweep_orphans(db: sqlite_utils.Database, clips_dir: Path) -> list[str]:
    """Delete files in ``clips_dir`` no ``clips`` row names, and stale temp files; returns their names.

    Only plain files (or links) directly in the folder: sub-folders (the platform's resumable
    ``.incoming``) and other dot files are left alone. Call it holding the sync lock."""
    try:
        entries = list(os.scandir(clips_dir))
    except FileNotFoundError:
        return []
    if not entries:
        return []
    referenced = clips_db.all_files(db)
    removed: list[str] = []
    for entry in entries:
        name = entry.name
        if name.startswith("."):
            if not name.endswith(TEMP_SUFFIX):
                continue
        elif name in referenced:
            continue
        try:
            if stat.S_ISDIR(entry.stat(follow_symlinks=False).st_mode):
                continue
        except OSError:
            continue
        with contextlib.suppress(FileNotFoundError):
            os.unlink(entry.path)
            removed.append(name)
    return removed
