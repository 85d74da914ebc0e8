"""Quarantined records as the desk offers them: the folder to look in, and a retry.

A quarantine row names its record by a label (``inbox/NAME`` for the inbox folder, something else for
the platform), and a label is data that came from a stranger's file name: the folder is resolved inside
the inbox and never outside it, and only inbox records can be retried here (platform ones come back
with the platform's own sync).
"""

from __future__ import annotations

from pathlib import Path

import sqlite_utils

from moderator_app.db import inbox as inbox_db
from moderator_app.db.unit import transaction
from moderator_app.sources.inbox.sync import SyncReport, sync_inbox

INBOX_PREFIX = "inbox/"


class NotRetryable(ValueError):
    """The record did not come from the inbox folder: the platform's sync decides when it comes back."""


def from_inbox(source: str) -> bool:
    return source.startswith(INBOX_PREFIX)


def record_folder(source: str, inbox: Path | None) -> Path | None:
    """The folder that holds a quarantined inbox record (the inbox, or the sub-folder the name points
    into); a name that would lead outside the inbox falls back to the inbox itself. None: no folder."""
    if inbox is None or not from_inbox(source) or not inbox.is_dir():
        return None
    root = inbox.resolve()
    try:
        folder = (root / source.removeprefix(INBOX_PREFIX)).parent.resolve()
    except (OSError, ValueError):  # a NUL or an undecodable escape in the name
        return root
    inside = folder == root or root in folder.parents
    return folder if inside and folder.is_dir() else root


def retry(db: sqlite_utils.Database, data_dir: Path, inbox: Path, source: str) -> SyncReport:
    """Read the record again: its bookkeeping is forgotten and one sync runs (the record comes in, or is
    quarantined again with a fresh reason and time). Raises ``NotRetryable``, ``SyncBusy``,
    ``FileNotFoundError`` (no inbox folder)."""
    if not from_inbox(source):
        raise NotRetryable("this record came from the platform: it is retried with the platform's next sync")
    with transaction(db):
        inbox_db.forget(db, source)
    return sync_inbox(db, data_dir, inbox)
