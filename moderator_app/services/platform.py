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


# -- appended for the window's platform controller (the facade above stays as it was) ----------

from dataclasses import dataclass

from moderator_app.db.cache import Cache

__all__ += ["OutboxState", "outbox_state", "release_on_quit"]

QUIT_CONNECT_TIMEOUT_S = 2.0
QUIT_READ_TIMEOUT_S = 3.0


@dataclass(frozen=True, slots=True)
class OutboxState:
    """What the status bar shows besides the pass itself: decisions not yet pushed, conflicts, last sync."""

    pending: int
    conflicts: int
    last_sync: str | None


def outbox_state(cache: Cache) -> OutboxState:
    db = cache.db
    return OutboxState(pending_count(db), outbox_counts(db)["conflict"], last_sync(db))


def release_on_quit(cache: Cache, url: str, token: str, moderator: str,
                    *, deadline_s: float = QUIT_RELEASE_DEADLINE_S) -> list[str]:
    """Give back every lease on a clip not decided here, returning within ``deadline_s``.

    Runs off the GUI thread; the window stops waiting at its own deadline whatever happens here, and
    leases not given back expire on the platform by themselves.
    """
    with PlatformClient(url, token, max_retries=0, timeout=min(QUIT_READ_TIMEOUT_S, deadline_s),
                        connect_timeout=min(QUIT_CONNECT_TIMEOUT_S, deadline_s)) as client:
        return PlatformSync(cache, client, moderator).release_all(deadline_s=deadline_s)


# -- appended for the settings dialog's "Test connection" -------------------------------------

from moderator_app.services.connection import (
    ConnectionCheck,
    address_issue,
    check_connection,
)

__all__ += ["ConnectionCheck", "address_issue", "check_connection"]
