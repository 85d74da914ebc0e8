"""The campaign dashboard's SQL: where the campaign stands, in a handful of index-backed queries.

The submission counts are grouped queries over covering indexes (``submissions_status``,
``submissions_status_country``); the placements (a few per spot) are read once and serve in spots,
rendered, scheduled and aired; notifications are grouped over ``notifications_state``; the decision history
is read once, grouped by moderator, hour and verdict over ``decisions_hourly`` (migration 0014), and the
days are summed from the hours in Python. At 100,000 submissions the whole read takes about 30 ms
(benchmarks/bench_dashboard.py), so the window can ask for it whenever it opens.

What counts as what (the words of docs/product.md):
- a submission is "in spots" when a saved spot places it and it is still in the cache (an erased person's
  message is not counted even while the slot waits to be refilled);
- "rendered" when one of its spots has a master that passed its preset and was rendered from the spot's
  current content (an edit after rendering makes the spot unrendered again, as ``spot render-all`` sees it);
- "scheduled" when one of its spots sits on at least one air slot; "aired" when one such slot's instant
  has passed;
- "notified" / "failed" count submissions with at least one notification in that state; the
  per-state notification rows are counted too (a sender on two slots gets two messages);
- decisions are the moderators' own events: approve and reject entries that are not undos and that no
  undo reversed, erased submissions' history included (the work was done).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import sqlite_utils

from moderator_app.db.spots import content_hash
from moderator_app.db.submissions import counts as status_counts

NOTIFICATION_STATES: tuple[str, ...] = ("sending", "sent", "deferred", "failed", "outdated")

_DECISIONS_BY_HOUR = " UNION ALL ".join(
    f"SELECT moderator, substr(decided_at, 1, 13), decision, COUNT(*) FROM {table}"
    " WHERE undoes IS NULL AND decision IN ('approved', 'rejected')"
    f" AND seq NOT IN (SELECT undoes FROM {table} WHERE undoes IS NOT NULL)"
    " GROUP BY moderator, substr(decided_at, 1, 13), decision"
    for table in ("decisions", "erased_decisions")
)
"""One pass over each history, not through the ``decision_history`` view (which SQLite materialises): the
live one walks ``decisions_hourly`` (0014) in group order, the undone seqs are one ``decisions_undone``
lookup; the erased history is small (only people who asked to be erased)."""


@dataclass(slots=True)
class RawReport:
    """The counts as the database holds them; services/report.py gives them their public shape."""

    statuses: dict[str, int] = field(default_factory=dict)
    """queued, approved, rejected (current state) and quarantined."""
    erased: int = 0
    in_spots: int = 0
    rendered: int = 0
    scheduled: int = 0
    aired: int = 0
    notified: int = 0
    notify_failed: int = 0
    notifications: dict[str, int] = field(default_factory=dict)
    spots_saved: int = 0
    spots_rendered: int = 0
    spots_scheduled: int = 0
    slots_total: int = 0
    slots_assigned: int = 0
    slots_aired: int = 0
    decisions: list[tuple[str, str, str, int]] = field(default_factory=list)
    """(moderator, hour ``YYYY-MM-DDTHH``, approved|rejected, count), in no particular order."""
    approved_by_country: list[tuple[str, int]] = field(default_factory=list)


def _one(db: sqlite_utils.Database, sql: str, params: list[str] | None = None) -> int:
    return int(db.execute(sql, params or []).fetchone()[0] or 0)


def rendered_spots(db: sqlite_utils.Database) -> set[str]:
    """Spots with a passing master of their current content (the content hash is computed, not stored:
    only spots that have a passing render are read)."""
    rows = db.execute(
        "SELECT s.id, s.template, s.placements, r.content FROM spots s"
        " JOIN spot_renders r ON r.spot_id = s.id WHERE r.passed = 1"
    ).fetchall()
    hashes: dict[str, str] = {}
    out: set[str] = set()
    for spot_id, template, placements, content in rows:
        current = hashes.get(spot_id)
        if current is None:
            current = hashes[spot_id] = content_hash(template, placements)
        if current == content:
            out.add(spot_id)
    return out


def read_report(db: sqlite_utils.Database, now: str) -> RawReport:
    """Everything the dashboard shows, as of ``now`` (UTC, ``YYYY-MM-DDTHH:MM:SSZ``, as ``air_at``).

    Read in one transaction so the figures agree with each other while syncs and decisions go on."""
    out = RawReport()
    if db.conn.in_transaction:  # the caller's transaction already is one snapshot
        _read(db, now, out)
        return out
    db.conn.execute("BEGIN")  # deferred: a read snapshot (WAL), no write lock taken
    try:
        _read(db, now, out)
    finally:
        db.conn.execute("COMMIT")
    return out


def _read(db: sqlite_utils.Database, now: str, out: RawReport) -> None:
    out.statuses = status_counts(db)
    out.erased = _one(db, "SELECT COUNT(*) FROM erasures")
    # one read of the placements (a few per spot) serves in spots, rendered, scheduled and aired
    placed = db.execute(
        "SELECT c.spot_id, c.submission_id FROM spot_clips c JOIN submissions s ON s.id = c.submission_id"
    ).fetchall()
    first_air = dict(db.execute(
        "SELECT spot_id, MIN(air_at) FROM air_slots WHERE spot_id IS NOT NULL GROUP BY spot_id").fetchall())
    rendered = rendered_spots(db)
    out.in_spots = len({sid for _, sid in placed})
    out.rendered = len({sid for spot, sid in placed if spot in rendered})
    out.scheduled = len({sid for spot, sid in placed if spot in first_air})
    out.aired = len({sid for spot, sid in placed if spot in first_air and first_air[spot] <= now})
    saved = {str(r[0]) for r in db.execute("SELECT id FROM spots").fetchall()}
    out.spots_saved = len(saved)
    out.spots_rendered = len(rendered)
    out.spots_scheduled = len(saved.intersection(first_air))
    out.slots_total, out.slots_assigned, out.slots_aired = (int(v or 0) for v in db.execute(
        "SELECT COUNT(*), COUNT(spot_id), SUM(air_at <= ?) FROM air_slots", [now]).fetchone())
    out.notifications = dict.fromkeys(NOTIFICATION_STATES, 0)
    for state, n in db.execute("SELECT state, COUNT(*) FROM notifications GROUP BY state").fetchall():
        out.notifications[str(state)] = int(n)
    people = "SELECT COUNT(DISTINCT submission_id) FROM notifications WHERE state = ?"
    out.notified = _one(db, people, ["sent"]) if out.notifications["sent"] else 0
    out.notify_failed = _one(db, people, ["failed"]) if out.notifications["failed"] else 0
    out.decisions = [(str(m), str(h), str(d), int(n)) for m, h, d, n in db.execute(_DECISIONS_BY_HOUR).fetchall()]
    out.approved_by_country = [(str(c), int(n)) for c, n in db.execute(
        "SELECT country, COUNT(*) FROM submissions WHERE status = 'approved' GROUP BY country").fetchall()]
