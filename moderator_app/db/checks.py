"""Clip-check reports in the cache: stored whole (JSON) with their findings indexed for the queue."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

import sqlite_utils

from moderator_app.base.clock import utc_now

THRESHOLDS_KEY = "qc_thresholds"


def save_reports(db: sqlite_utils.Database, reports: Iterable[tuple[str, dict[str, Any]]]) -> None:
    """Store (submission id, report JSON) pairs, replacing earlier reports; caller holds the transaction."""
    now = utc_now()
    for sid, report in reports:
        findings = list(report.get("findings") or [])
        db.execute(
            "INSERT OR REPLACE INTO qc_reports (submission_id, checked_at, findings, duplicate_of, report)"
            " VALUES (?, ?, ?, ?, ?)",
            [sid, now, ",".join(findings), report.get("duplicate_of"), json.dumps(report)],
        )
        db.execute("DELETE FROM submission_findings WHERE submission_id = ?", [sid])
        db.conn.executemany(
            "INSERT OR IGNORE INTO submission_findings (submission_id, code) VALUES (?, ?)",
            [(sid, code) for code in findings],
        )


def unchecked(db: sqlite_utils.Database) -> list[tuple[str, str]]:
    """(submission id, clip file) of cached clips with no report yet, oldest first."""
    return [
        (r[0], r[1])
        for r in db.execute(
            "SELECT s.id, c.file FROM submissions s JOIN clips c ON c.submission_id = s.id"
            " WHERE s.id NOT IN (SELECT submission_id FROM qc_reports) ORDER BY s.received_at, s.id"
        ).fetchall()
    ]


def all_clips(db: sqlite_utils.Database) -> list[tuple[str, str]]:
    return [
        (r[0], r[1])
        for r in db.execute(
            "SELECT s.id, c.file FROM submissions s JOIN clips c ON c.submission_id = s.id"
            " ORDER BY s.received_at, s.id"
        ).fetchall()
    ]


def report(db: sqlite_utils.Database, submission_id: str) -> dict[str, Any] | None:
    row = db.execute("SELECT report FROM qc_reports WHERE submission_id = ?", [submission_id]).fetchone()
    return None if row is None else dict(json.loads(row[0]))


def fingerprints(db: sqlite_utils.Database) -> list[tuple[str, list[str]]]:
    """(id, fingerprint hex list) of every readable checked clip, oldest submission first."""
    out = []
    for sid, text in db.execute(
        "SELECT q.submission_id, q.report FROM qc_reports q JOIN submissions s ON s.id = q.submission_id"
        " ORDER BY s.received_at, s.id"
    ).fetchall():
        fp = json.loads(text).get("fingerprint")
        if fp:
            out.append((sid, list(fp)))
    return out


def apply_duplicates(db: sqlite_utils.Database, originals: dict[str, str]) -> int:
    """Mark each duplicate with its original and clear marks that no longer hold; return how many changed."""
    changed = []
    for sid, text, current in db.execute("SELECT submission_id, report, duplicate_of FROM qc_reports").fetchall():
        wanted = originals.get(sid)
        if wanted == current:
            continue
        rep = json.loads(text)
        rep["duplicate_of"] = wanted
        findings = [f for f in rep.get("findings", []) if f != "duplicate"]
        if wanted is not None:
            findings.append("duplicate")
        rep["findings"] = findings
        changed.append((sid, rep))
    save_reports(db, changed)
    return len(changed)


def finding_counts(db: sqlite_utils.Database) -> dict[str, int]:
    return {r[0]: r[1] for r in db.execute("SELECT code, COUNT(*) FROM submission_findings GROUP BY code")}


def load_setting(db: sqlite_utils.Database, key: str) -> Any:
    row = db.execute("SELECT value FROM campaign_settings WHERE key = ?", [key]).fetchone()
    return None if row is None else json.loads(row[0])


def save_setting(db: sqlite_utils.Database, key: str, value: Any) -> None:
    db.execute(
        "INSERT INTO campaign_settings (key, value) VALUES (?, ?)"
        " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        [key, json.dumps(value)],
    )


def duplicate_group(db: sqlite_utils.Database, submission_id: str) -> list[str]:
    """The other submissions that are the same clip as this one (its original and that original's copies)."""
    row = db.execute("SELECT duplicate_of FROM qc_reports WHERE submission_id = ?", [submission_id]).fetchone()
    original = row[0] if row and row[0] else submission_id
    members = [r[0] for r in db.execute(
        "SELECT submission_id FROM qc_reports WHERE duplicate_of = ? ORDER BY submission_id", [original]
    ).fetchall()]
    return [sid for sid in [original, *members] if sid != submission_id] if members else []
