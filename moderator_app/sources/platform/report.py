"""What a platform pass tells its caller (PlatformReport) and the moderator (the sync log).

Every step of a pass (outbox, leases, listing, placement) writes to the same report and the same
log through a Journal, so a step never needs the pipeline object to say what went wrong, and a
network failure ends the pass the same way wherever it happens.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import NoReturn

import sqlite_utils

from moderator_app.db import platform as pdb
from moderator_app.db.unit import transaction
from moderator_app.sources.platform.errors import AuthError, TransientError

log = logging.getLogger("moderator_app.sources.platform.pipeline")
"""One logger name for the whole pass, as before the split, so log filters keep working."""


@dataclass
class PlatformReport:
    added: list[str] = field(default_factory=list)
    quarantined: list[tuple[str, str]] = field(default_factory=list)
    retry: list[tuple[str, str]] = field(default_factory=list)
    """Network failures that a later pass should fix (id or step, reason)."""
    lost: list[tuple[str, str]] = field(default_factory=list)
    """Clips removed from this desk's queue because another moderator holds or decided them."""
    released: list[str] = field(default_factory=list)
    listed: int = 0
    pushed: int = 0
    push_pending: int = 0
    conflicts: list[pdb.Conflict] = field(default_factory=list)
    online: bool = True
    auth_failed: bool = False
    error: str | None = None

    @property
    def partial(self) -> bool:
        return bool(self.retry) or self.push_pending > 0 or not self.online or self.error is not None

    def summary(self) -> str:
        return (
            f"{len(self.added)} added, {len(self.quarantined)} quarantined, {len(self.lost)} taken by others, "
            f"{self.pushed} pushed, {self.push_pending} to push, {len(self.conflicts)} conflicts, "
            f"{len(self.retry)} to retry" + ("" if self.online else ", offline")
        )


class PassStopped(Exception):
    """Abort the rest of a pass (offline or refused token); the report already says why."""


class Journal:
    """The sync log a moderator can open, plus the app log: messages carry ids and counts, never names."""

    def __init__(self, db: sqlite_utils.Database) -> None:
        self.db = db

    def log(self, level: str, message: str) -> None:
        """Log in a transaction of its own."""
        getattr(log, level)(message)
        with transaction(self.db):
            pdb.log_event(self.db, level, message)

    def log_in_tx(self, level: str, message: str) -> None:
        """Log inside the caller's transaction (committed with the rows the message is about)."""
        getattr(log, level)(message)
        pdb.log_event(self.db, level, message)

    def fail(self, report: PlatformReport, step: str, exc: Exception) -> NoReturn:
        """A network step failed: say why in the report and the log, and stop the pass."""
        if isinstance(exc, AuthError):
            report.auth_failed = True
            report.error = "the platform refused the token"
            self.log("error", f"{step}: the platform refused the token (401); set a new token in the settings")
            raise PassStopped
        if isinstance(exc, TransientError):
            report.online = False
            report.retry.append((step, str(exc)))
            self.log("warning", f"{step}: offline or the platform is busy; will retry ({type(exc).__name__})")
            raise PassStopped
        report.error = f"{step}: {exc}"
        self.log("error", f"{step}: {exc}")
        raise PassStopped
