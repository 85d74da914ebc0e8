"""The access request's reads: every row the cache holds about one submission, across the table families.

Read-only, one query per family, so the access export (services/access.py) names each section after the
table it came from. A family added later (the schedule's air slots) adds its read here and one line to the
export's section list.
"""

from __future__ import annotations

import json
from typing import Any

import sqlite_utils


def submission(db: sqlite_utils.Database, submission_id: str) -> dict[str, Any] | None:
    """The stored row, ``raw`` (the record as received) parsed back to JSON."""
    rows = list(db.query("SELECT * FROM submissions WHERE id = ?", [submission_id]))
    if not rows:
        return None
    row = rows[0]
    row["raw"] = json.loads(row["raw"])
    row["flags"] = json.loads(row["flags"])
    return row


def clip(db: sqlite_utils.Database, submission_id: str) -> dict[str, Any] | None:
    rows = list(db.query("SELECT * FROM clips WHERE submission_id = ?", [submission_id]))
    return rows[0] if rows else None


def decisions(db: sqlite_utils.Database, submission_id: str) -> list[dict[str, Any]]:
    """The whole history, undos (``undoes``) and notes included, oldest first."""
    rows = list(db.query(
        "SELECT seq, decision, flags, note, moderator, decided_at, undoes, pushed_at FROM decisions"
        " WHERE submission_id = ? ORDER BY seq", [submission_id]))
    for row in rows:
        row["flags"] = json.loads(row["flags"])
    return rows


def checks(db: sqlite_utils.Database, submission_id: str) -> dict[str, Any] | None:
    rows = list(db.query(
        "SELECT checked_at, findings, duplicate_of, report FROM qc_reports WHERE submission_id = ?",
        [submission_id]))
    if not rows:
        return None
    row = rows[0]
    row["report"] = json.loads(row["report"])
    row["findings"] = [code for code in str(row["findings"]).split() if code]
    return row


def spots(db: sqlite_utils.Database, submission_id: str) -> list[dict[str, Any]]:
    """The saved spots that place this submission, and in which slot (1-based, as the cue sheets count)."""
    return list(db.query(
        "SELECT c.spot_id, c.slot + 1 AS slot, s.created_at, s.updated_at FROM spot_clips c"
        " JOIN spots s ON s.id = c.spot_id WHERE c.submission_id = ? ORDER BY c.spot_id, c.slot",
        [submission_id]))


def air_slots(db: sqlite_utils.Database, submission_id: str) -> list[dict[str, Any]]:
    """The air slots of the spots that carry it, each with the state of the notification sent about it."""
    rows = list(db.query(
        "SELECT a.slot_id, a.country, a.channel, a.programme, a.air_date, a.air_time, a.timezone, a.air_at,"
        " a.length_s, a.spot_id, n.state AS notification FROM air_slots a"
        " LEFT JOIN notifications n ON n.slot_id = a.slot_id AND n.submission_id = ?"
        " WHERE a.spot_id IN (SELECT spot_id FROM spot_clips WHERE submission_id = ?) ORDER BY a.air_at, a.slot_id",
        [submission_id, submission_id]))
    return rows


def platform(db: sqlite_utils.Database, submission_id: str) -> dict[str, Any]:
    """What the platform sync keeps: the listed record, the lease, the decisions waiting to be pushed."""
    listed = list(db.query(
        "SELECT record, listed_at, state, sha256, size FROM platform_records WHERE id = ?", [submission_id]))
    for row in listed:
        row["record"] = json.loads(row["record"])
    return {
        "listed": listed,
        "claims": list(db.query(
            "SELECT moderator, lease_until, state, changed_at FROM claims WHERE submission_id = ?",
            [submission_id])),
        "outbox": list(db.query(
            "SELECT seq, state, attempts, last_try FROM outbox WHERE submission_id = ? ORDER BY seq",
            [submission_id])),
    }


def inbox(db: sqlite_utils.Database, submission_id: str) -> dict[str, Any]:
    """The inbox files the record and clip came from (names only; they stay in the inbox)."""
    return {
        "seen": list(db.query(
            "SELECT source, clip, outcome FROM inbox_seen WHERE submission_id = ?", [submission_id])),
        "quarantine": list(db.query(
            "SELECT source, reason, at FROM quarantine WHERE record_id = ?", [submission_id])),
    }
