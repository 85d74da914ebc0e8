"""The platform (HTTP contract) as the window and the CLI see it: one door into sources/platform/.

The window's controller and the ``sync``/``push`` commands both come through here, so neither imports
sources/ or db/ directly and the pipeline's insides can change without touching them.
"""

from __future__ import annotations

from moderator_app.services.accounts import (
    KEYRING_SERVICE,
    TOKEN_ENV,
    TokenStore,
    keyring_usable,
    load_url,
    save_url,
    token_from_env,
)
from moderator_app.sources.platform.client import PlatformClient
from moderator_app.sources.platform.pipeline import (
    DEFAULT_AHEAD,
    PUSH_WORKERS,
    PlatformReport,
    PlatformSync,
    last_sync,
)

__all__ = [
    "DEFAULT_AHEAD", "KEYRING_SERVICE", "PUSH_WORKERS", "TOKEN_ENV", "PlatformClient", "PlatformReport",
    "PlatformSync", "TokenStore", "keyring_usable", "last_sync", "load_url", "save_url", "token_from_env",
]


# -- what the window's platform controller reads and writes, so ui/ never imports db/ -------------
# (appended after the facade above; the imports sit here to keep that part untouched)

import inspect
from dataclasses import dataclass

from moderator_app.db import platform as _pdb
from moderator_app.db.cache import Cache
from moderator_app.db.platform import Conflict, LogEntry
from moderator_app.sources.platform.pipeline import DownloadStatus

__all__ += ["Conflict", "DownloadStatus", "LogEntry", "OutboxState", "holds_lease", "mark_conflicts_seen",
            "outbox_state", "release_on_quit", "sync_log"]

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
    return OutboxState(_pdb.pending_count(db), _pdb.outbox_counts(db)["conflict"], last_sync(db))


def mark_conflicts_seen(cache: Cache, seqs: list[int]) -> None:
    _pdb.mark_conflicts_seen(cache.db, seqs)


def holds_lease(cache: Cache, submission_id: str) -> bool:
    """This desk holds the platform's lease on the clip (an inbox clip never has one)."""
    return submission_id in _pdb.held_claims(cache.db)


def sync_log(cache: Cache) -> tuple[list[Conflict], list[LogEntry]]:
    """Conflicts (with both decisions) and what each pass did, for the sync log dialog."""
    db = cache.db
    return _pdb.conflicts(db), _pdb.log_entries(db)


def release_on_quit(cache: Cache, url: str, token: str, moderator: str, *, deadline_s: float) -> list[str]:
    """Give back every lease on a clip not decided here; no retries, short timeouts, a deadline.

    Runs off the GUI thread; the window stops waiting at the deadline whatever happens here, and leases
    not given back expire on the platform by themselves.
    """
    with PlatformClient(url, token, max_retries=0, timeout=min(QUIT_READ_TIMEOUT_S, deadline_s),
                        connect_timeout=min(QUIT_CONNECT_TIMEOUT_S, deadline_s)) as client:
        sync = PlatformSync(cache, client, moderator)
        if "deadline_s" in inspect.signature(sync.release_all).parameters:
            return sync.release_all(deadline_s=deadline_s)  # type: ignore[call-arg, no-any-return]
        return sync.release_all()
