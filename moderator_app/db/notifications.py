"""The notification journal's SQL: which (submission, slot) pairs are due, and each pair's state.

A pair is due when a slot carries a spot and the submission is placed in that spot, still approved with
broadcast consent and not erased (an erased submission has no row left to join). Each write below is its
own committed transaction: ``begin`` must be on disk before the relay or the platform is called, so a
crash between the two leaves the row in ``sending`` ("in doubt") instead of forgetting it was tried.
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlite_utils

from moderator_app.base.clock import utc_now
from moderator_app.db.unit import transaction

STATES: tuple[str, ...] = ("sending", "sent", "deferred", "failed", "outdated")


@dataclass(frozen=True, slots=True)
class Pair:
    """One due notification with what its message needs. ``first_name`` and ``email`` are personal data:
    read here at send time, never stored in the journal, never logged."""

    submission_id: str
    slot_id: str
    language: str | None
    first_name: str
    email: str | None
    consent_terms: str | None
    channel: str
    programme: str
    air_at: str
    timezone: str
    length_s: int
    state: str | None
    """The journal's state for the pair, None when never tried."""
    sent_air_at: str | None
    """The instant the journal's message announced (differs from ``air_at`` when the slot moved)."""
    attempts: int
    reason: str | None


_DUE = (
    "SELECT c.submission_id, a.slot_id, s.language, s.recipient_first, s.sender_email, s.consent_terms,"
    " a.channel, COALESCE(a.programme, ''), a.air_at, a.timezone, a.length_s,"
    " n.state, n.air_at, COALESCE(n.attempts, 0), n.reason"
    " FROM air_slots a JOIN spot_clips c ON c.spot_id = a.spot_id"
    " JOIN submissions s ON s.id = c.submission_id"
    " LEFT JOIN erasures e ON e.submission_id = c.submission_id"
    " LEFT JOIN notifications n ON n.submission_id = c.submission_id AND n.slot_id = a.slot_id"
    " WHERE a.spot_id IS NOT NULL AND s.status = 'approved' AND s.consent_broadcast = 1"
    " AND e.submission_id IS NULL"
)


def due_pairs(db: sqlite_utils.Database, *, submission_id: str | None = None,
              slot_id: str | None = None) -> list[Pair]:
    """Every pair a slot notifies (or the one named), in air order then submission id."""
    where, params = "", []
    if submission_id is not None:
        where += " AND c.submission_id = ?"
        params.append(submission_id)
    if slot_id is not None:
        where += " AND a.slot_id = ?"
        params.append(slot_id)
    rows = db.execute(_DUE + where + " ORDER BY a.air_at, a.slot_id, c.submission_id", params).fetchall()
    return [Pair(str(r[0]), str(r[1]), r[2], str(r[3]), r[4], r[5], str(r[6]), str(r[7]), str(r[8]), str(r[9]),
                 int(r[10]), r[11], r[12], int(r[13]), r[14]) for r in rows]


def begin(db: sqlite_utils.Database, pair: Pair, path: str, message_id: str) -> None:
    """Record the pair as ``sending`` and commit, before anything leaves the machine."""
    with transaction(db):
        db.execute(
            "INSERT INTO notifications (submission_id, slot_id, path, message_id, air_at, state, attempts,"
            " reason, recorded_at, sent_at) VALUES (?, ?, ?, ?, ?, 'sending', 1, NULL, ?, NULL)"
            " ON CONFLICT (submission_id, slot_id) DO UPDATE SET path = excluded.path,"
            " message_id = excluded.message_id, air_at = excluded.air_at, state = 'sending',"
            " attempts = notifications.attempts + 1, reason = NULL, recorded_at = excluded.recorded_at,"
            " sent_at = NULL",
            [pair.submission_id, pair.slot_id, path, message_id, pair.air_at, utc_now()],
        )


def finish(db: sqlite_utils.Database, submission_id: str, slot_id: str, state: str,
           reason: str | None = None) -> None:
    """Mark the pair ``sent`` (with ``sent_at``), ``deferred`` or ``failed`` (with the reason)."""
    if state not in STATES:
        raise ValueError(f"unknown notification state {state!r}")
    with transaction(db):
        db.execute(
            "UPDATE notifications SET state = ?, reason = ?, sent_at = CASE WHEN ? = 'sent' THEN ? ELSE sent_at END"
            " WHERE submission_id = ? AND slot_id = ?",
            [state, reason, state, utc_now(), submission_id, slot_id],
        )

