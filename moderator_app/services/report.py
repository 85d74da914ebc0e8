"""Where the campaign stands, for its lead: the dashboard window and ``moderator-app report`` read this.

The cache is one campaign (its countries are told apart by ``country``, which the approvals chart
shows). The figures are read in one snapshot by db/report.py (see there what each word counts); this
module gives them one public shape, the same for the window and for ``--json``. Only counts, moderator
names, days, hours and country codes leave it: no person who sent a message.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from typing import Any

from moderator_app.base.clock import utc_now
from moderator_app.db import report as db_report
from moderator_app.db.cache import Cache

__all__ = ["CampaignReport", "HourCount", "ModeratorDay", "report"]

_HOUR = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}", re.ASCII)


@dataclass(frozen=True, slots=True)
class ModeratorDay:
    day: str
    """``YYYY-MM-DD`` (UTC, like every time the cache stores)."""
    moderator: str
    approved: int
    rejected: int

    @property
    def total(self) -> int:
        return self.approved + self.rejected


@dataclass(frozen=True, slots=True)
class HourCount:
    hour: str
    """The hour's start, ``YYYY-MM-DDTHH:00Z`` (UTC)."""
    approved: int
    rejected: int


@dataclass(frozen=True, slots=True)
class CampaignReport:
    as_of: str
    """When it was read (UTC): "aired" means a slot's instant at or before this."""
    received: int
    """Submissions in the cache (erased ones left it: see ``erased``)."""
    erased: int
    quarantined: int
    """Records refused at ingest, waiting for someone to act on their reason."""
    screened: int
    approved: int
    rejected: int
    pending: int
    """Not decided yet (including those an undo sent back)."""
    in_spots: int
    rendered: int
    scheduled: int
    aired: int
    notified: int
    failed: int
    """Submissions with a notification the relay or the platform refused for good."""
    in_doubt: int
    """Notifications interrupted between "accepted" and "marked sent" (state ``sending``)."""
    deferred: int
    outdated: int
    spots: dict[str, int]
    """saved, rendered, scheduled."""
    slots: dict[str, int]
    """total, assigned, empty, aired."""
    notifications: dict[str, int]
    """Notification rows per state (sending, sent, deferred, failed, outdated)."""
    decisions_per_day: tuple[ModeratorDay, ...]
    """Newest day first, then by moderator."""
    decisions_per_hour: tuple[HourCount, ...]
    """Every hour with decisions, oldest first (the window fills the quiet hours in between)."""
    approved_by_country: dict[str, int]
    """Most approvals first."""

    @property
    def decisions(self) -> int:
        return sum(d.total for d in self.decisions_per_day)

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["decisions"] = self.decisions
        out["decisions_per_day"] = [{**asdict(d), "total": d.total} for d in self.decisions_per_day]
        out["decisions_per_hour"] = [asdict(h) for h in self.decisions_per_hour]
        return out


def _per_day(rows: list[tuple[str, str, str, int]]) -> tuple[ModeratorDay, ...]:
    days: dict[tuple[str, str], dict[str, int]] = {}
    for moderator, hour, decision, n in rows:
        counts = days.setdefault((hour[:10], moderator), {"approved": 0, "rejected": 0})
        counts[decision] += n
    by_name = sorted(days.items(), key=lambda item: (item[0][1].casefold(), item[0][1]))
    ordered = sorted(by_name, key=lambda item: item[0][0], reverse=True)  # stable: names stay A to Z
    return tuple(ModeratorDay(day, who, c["approved"], c["rejected"]) for (day, who), c in ordered)


def _per_hour(rows: list[tuple[str, str, str, int]]) -> tuple[HourCount, ...]:
    hours: dict[str, dict[str, int]] = {}
    for _moderator, hour, decision, n in rows:
        if not _HOUR.fullmatch(hour):
            continue  # a time written by hand into the cache: counted per day, not drawn per hour
        hours.setdefault(hour, {"approved": 0, "rejected": 0})[decision] += n
    return tuple(HourCount(f"{h}:00Z", c["approved"], c["rejected"]) for h, c in sorted(hours.items()))


def report(cache: Cache, now: str | None = None) -> CampaignReport:
    """The campaign's figures as of ``now`` (default: the clock), read in one snapshot."""
    as_of = now or utc_now()
    raw = db_report.read_report(cache.db, as_of)
    s, notes = raw.statuses, raw.notifications
    return CampaignReport(
        as_of=as_of,
        received=s["queued"] + s["approved"] + s["rejected"],
        erased=raw.erased,
        quarantined=s["quarantined"],
        screened=s["approved"] + s["rejected"],
        approved=s["approved"],
        rejected=s["rejected"],
        pending=s["queued"],
        in_spots=raw.in_spots,
        rendered=raw.rendered,
        scheduled=raw.scheduled,
        aired=raw.aired,
        notified=raw.notified,
        failed=raw.notify_failed,
        in_doubt=notes["sending"],
        deferred=notes["deferred"],
        outdated=notes["outdated"],
        spots={"saved": raw.spots_saved, "rendered": raw.spots_rendered, "scheduled": raw.spots_scheduled},
        slots={"total": raw.slots_total, "assigned": raw.slots_assigned,
               "empty": raw.slots_total - raw.slots_assigned, "aired": raw.slots_aired},
        notifications=dict(notes),
        decisions_per_day=_per_day(raw.decisions),
        decisions_per_hour=_per_hour(raw.decisions),
        approved_by_country=dict(sorted(raw.approved_by_country, key=lambda item: (-item[1], item[0]))),
    )
