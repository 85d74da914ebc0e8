"""The platform (HTTP contract) as the window and the CLI see it: one door into sources/platform/.

The window's controller and the ``sync``/``push`` commands both come through here, so neither imports
sources/ or db/ directly and the pipeline's insides can change without touching them.
"""

from __future__ import annotations

from moderator_app.db.platform import (
    Conflict,
    LogEntry,
    conflicts,
    held_claims,
    log_entries,
    mark_conflicts_seen,
    outbox_counts,
    pending_count,
)
from moderator_app.services.accounts import (
    KEYRING_SERVICE,
    TOKEN_ENV,
    TokenStore,
    keyring_usable,
    load_url,
    save_url,
    token_from_env,
)
from moderator_app.sources.lock import SyncBusy
from moderator_app.sources.platform.client import PlatformClient
from moderator_app.sources.platform.pipeline import (
    DEFAULT_AHEAD,
    PUSH_WORKERS,
    DownloadStatus,
    PlatformReport,
    PlatformSync,
    last_sync,
)

__all__ = [
    "DEFAULT_AHEAD", "KEYRING_SERVICE", "PUSH_WORKERS", "QUIT_RELEASE_DEADLINE_S", "TOKEN_ENV", "Conflict",
    "DownloadStatus", "LogEntry", "PlatformClient", "PlatformReport", "PlatformSync", "SyncBusy", "TokenStore",
    "conflicts", "held_claims", "keyring_usable", "last_sync", "load_url", "log_entries", "mark_conflicts_seen",
    "outbox_counts", "pending_count", "save_url", "token_from_env",
]

QUIT_RELEASE_DEADLINE_S = 1.5
"""Seconds quitting may spend giving leases back (``PlatformSync.release_all(deadline_s=...)``): the
issue allows 2 s for the whole quit; what is not released by then expires on the platform."""
