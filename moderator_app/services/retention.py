"""Storage limitation (GDPR art. 5(1)(e)): how long the campaign keeps clips, and the purge that enforces it.

Two rules, both campaign settings kept in the cache like the check thresholds:

- a rejected clip is kept ``rejected_days`` (default 30) after its rejection, time enough to undo a
  mistaken rejection or answer a complaint, then purged;
- once the campaign has ended (``campaign_end``, a date: the end of that day, UTC) and ``after_end_days``
  more days have passed (default 90: spots still air and broadcasters' complaints arrive after the end),
  every submission is purged.

Purging keeps the decision history (who, when, flags) and the submission id, without the clip, the names,
the contacts, the message or the raw record (see db/retention.py). The window runs :func:`purge` on its
long lane at start-up and ``moderator-app privacy purge`` runs it on demand. Time comes from ``now``, so a
test sets the clock instead of waiting.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

from moderator_app.db import retention
from moderator_app.db.cache import Cache
from moderator_app.db.checks import load_setting, save_setting
from moderator_app.db.unit import transaction

log = logging.getLogger(__name__)

RETENTION_KEY = "retention"
DEFAULT_REJECTED_DAYS = 30
DEFAULT_AFTER_END_DAYS = 90
INCOMING_DIR = ".incoming"
"""Where platform downloads wait (sources/platform/pipeline.py); a purged id's leftovers there go too."""


class InvalidRetention(ValueError):
    """A retention setting out of range (negative days, a date that is not YYYY-MM-DD)."""


@dataclass(frozen=True, slots=True)
class RetentionSettings:
    rejected_days: int = DEFAULT_REJECTED_DAYS
    campaign_end: str | None = None
    """YYYY-MM-DD, the campaign's last day; None while it runs with no end set (nothing is purged for it)."""
    after_end_days: int = DEFAULT_AFTER_END_DAYS

    def end_purge_at(self) -> dt.datetime | None:
        """When everything goes: the end of the last day (UTC) plus ``after_end_days``."""
        if self.campaign_end is None:
            return None
        day = dt.date.fromisoformat(self.campaign_end)
        return dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), dt.UTC) + dt.timedelta(days=self.after_end_days)


@dataclass
class PurgeReport:
    rejected: list[str] = field(default_factory=list)
    """Rejected submissions purged because their rejection is older than the retention."""
    campaign_ended: list[str] = field(default_factory=list)
    """Submissions purged because the campaign's retention after its end has passed."""
    files_deleted: int = 0
    wal_truncated: bool = True
    rejected_days: int = DEFAULT_REJECTED_DAYS
    at: str = ""

    @property
    def count(self) -> int:
        return len(self.rejected) + len(self.campaign_ended)

    def to_json(self) -> dict[str, Any]:
        return {**asdict(self), "count": self.count}


def _check(settings: RetentionSettings) -> RetentionSettings:
    for name in ("rejected_days", "after_end_days"):
        value = getattr(settings, name)
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 36500:
            raise InvalidRetention(f"{name} must be a whole number of days from 0 to 36500")
    if settings.campaign_end is not None:
        try:
            dt.date.fromisoformat(settings.campaign_end)
        except (TypeError, ValueError):
            raise InvalidRetention("campaign_end must be a date written YYYY-MM-DD") from None
        if len(settings.campaign_end) != 10:
            raise InvalidRetention("campaign_end must be a date written YYYY-MM-DD")
    return settings


def settings(cache: Cache) -> RetentionSettings:
    """The campaign's retention (defaults where it set none; unknown keys from newer versions ignored)."""
    saved = load_setting(cache.db, RETENTION_KEY) or {}
    known = {k: v for k, v in saved.items() if k in RetentionSettings.__dataclass_fields__}
    return RetentionSettings(**known)


def set_settings(cache: Cache, *, rejected_days: int | None = None, campaign_end: str | None = None,
                 after_end_days: int | None = None, clear_end: bool = False) -> RetentionSettings:
    """Change some of the retention settings; a wrong value is refused before anything is saved."""
    current = settings(cache)
    changes: dict[str, Any] = {}
    if rejected_days is not None:
        changes["rejected_days"] = rejected_days
    if after_end_days is not None:
        changes["after_end_days"] = after_end_days
    if campaign_end is not None or clear_end:
        changes["campaign_end"] = None if clear_end else campaign_end
    new = _check(replace(current, **changes))
    with transaction(cache.db):
        save_setting(cache.db, RETENTION_KEY, asdict(new))
    return new


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _iso_ms(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def due(cache: Cache, *, now: dt.datetime | None = None,
        rejected_older_than: int | None = None) -> tuple[list[str], list[str]]:
    """(rejected ids due, ids due because the campaign's retention ended) at ``now``; nothing is changed."""
    now = now or utc_now()
    rules = settings(cache)
    days = rules.rejected_days if rejected_older_than is None else rejected_older_than
    if isinstance(days, bool) or days < 0:
        raise InvalidRetention("the number of days must be 0 or more")
    db = cache.db
    rejected = retention.due_rejected(db, _iso_ms(now - dt.timedelta(days=days)))
    end = rules.end_purge_at()
    ended: list[str] = []
    if end is not None and now >= end:
        taken = set(rejected)
        ended = [sid for sid in retention.unpurged(db) if sid not in taken]
    return rejected, ended


def purge(cache: Cache, *, now: dt.datetime | None = None, rejected_older_than: int | None = None) -> PurgeReport:
    """Purge what the retention says is due at ``now`` (the current time by default).

    ``rejected_older_than`` replaces the campaign's ``rejected_days`` for this run. The database is purged
    in one transaction, then the clip files are deleted (a crash in between leaves files of purged ids,
    which the next purge deletes), then the WAL is truncated. Logs carry counts, never names.
    """
    now = now or utc_now()
    rejected, ended = due(cache, now=now, rejected_older_than=rejected_older_than)
    at = _iso_ms(now)
    report = PurgeReport(rejected, ended, rejected_days=settings(cache).rejected_days
                         if rejected_older_than is None else rejected_older_than, at=at)
    db = cache.db
    retention.purge(db, [*rejected, *ended], at)
    report.files_deleted = _delete_files(cache.clips_dir, retention.purged_ids(db))
    report.wal_truncated = retention.truncate_wal(db)
    if report.count or report.files_deleted:
        log.info("retention purge: %d rejected, %d after the campaign's end, %d files deleted",
                 len(rejected), len(ended), report.files_deleted)
    return report


def _delete_files(clips_dir: Path, purged: set[str]) -> int:
    """Delete every file of a purged id in the clips folder and its incoming folder (these and earlier runs')."""
    if not purged:
        return 0
    deleted = 0
    for folder in (clips_dir, clips_dir / INCOMING_DIR):
        try:
            entries = list(os.scandir(folder))
        except FileNotFoundError:
            continue
        for entry in entries:
            name = entry.name
            if entry.is_file(follow_symlinks=False) and (name in purged or name.rsplit(".", 1)[0] in purged):
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(entry.path)
                    deleted += 1
    return deleted
