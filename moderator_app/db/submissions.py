"""Writing and reading submissions and their cached clips."""

from __future__ import annotations

import json
from typing import Any

import sqlite_utils

from moderator_app.models import CachedClip, Submission

__all__ = ["CachedClip", "clip_row", "counts", "existing_ids", "get_submission", "insert_submissions"]
from moderator_app.timeutil import utc_now


def submission_row(sub: Submission, source: str) -> dict[str, Any]:
    return {
        "id": sub.id,
        "campaign": sub.campaign,
        "country": sub.country,
        "language": sub.language,
        "received_at": sub.received_at,
        "recipient_first": sub.recipient.first_name,
        "recipient_last": sub.recipient.last_name,
        "relationship": sub.relationship,
        "town": sub.town,
        "sender_first": sub.sender.first_name,
        "sender_last": sub.sender.last_name,
        "sender_email": sub.sender_email,
        "sender_phone": sub.sender_phone,
        "message": sub.message,
        "consent_broadcast": int(sub.consent_broadcast),
        "consent_terms": sub.consent_terms_version,
        "consent_given_at": sub.consent_given_at,
        "raw": json.dumps(sub.raw, ensure_ascii=False, sort_keys=True),
        "source": source,
        "ingested_at": utc_now(),
    }


def clip_row(submission_id: str, clip: CachedClip) -> dict[str, Any]:
    p = clip.probe
    return {
        "submission_id": submission_id,
        "file": clip.file,
        "sha256": clip.sha256,
        "size": clip.size,
        "container": p.container,
        "duration_s": p.duration_s,
        "width": p.width,
        "height": p.height,
        "rotation": p.rotation,
        "video_codec": p.video_codec,
        "audio_codec": p.audio_codec,
        "probed_at": utc_now(),
    }


def insert_submissions(db: sqlite_utils.Database, items: list[tuple[Submission, CachedClip, str]]) -> None:
    """Insert new submissions with their clips; the caller holds the transaction."""
    if not items:
        return
    _insert_rows(db, "submissions", [submission_row(s, src) for s, _, src in items])
    _insert_rows(db, "clips", [clip_row(s.id, c) for s, c, _ in items])


def _insert_rows(db: sqlite_utils.Database, table: str, rows: list[dict[str, Any]]) -> None:
    """Plain executemany: sqlite-utils' insert_all inspects every value, a cost that shows at 10,000 rows."""
    columns = list(rows[0])
    sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
    db.conn.executemany(sql, [tuple(row[c] for c in columns) for row in rows])


def existing_ids(db: sqlite_utils.Database, ids: list[str]) -> dict[str, str]:
    """Map of id -> cached clip sha256 for the ids already in the cache."""
    found: dict[str, str] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ",".join("?" * len(chunk))
        for row in db.execute(
            f"SELECT s.id, COALESCE(c.sha256, '') FROM submissions s LEFT JOIN clips c ON c.submission_id = s.id"
            f" WHERE s.id IN ({marks})",
            chunk,
        ).fetchall():
            found[row[0]] = row[1]
    return found


def get_submission(db: sqlite_utils.Database, submission_id: str) -> dict[str, Any] | None:
    rows = list(
        db.query(
            "SELECT s.*, c.file AS clip_file, c.sha256 AS clip_sha256, c.size AS clip_size,"
            " c.duration_s, c.width, c.height, c.rotation, c.container, c.video_codec, c.audio_codec"
            " FROM submissions s LEFT JOIN clips c ON c.submission_id = s.id WHERE s.id = ?",
            [submission_id],
        )
    )
    if not rows:
        return None
    row = rows[0]
    row["flags"] = json.loads(row["flags"])
    return row


def counts(db: sqlite_utils.Database) -> dict[str, int]:
    """Submissions per status, plus the quarantine count."""
    out = {"queued": 0, "approved": 0, "rejected": 0}
    for status, n in db.execute("SELECT status, COUNT(*) FROM submissions GROUP BY status").fetchall():
        out[status] = n
    out["quarantined"] = db.execute("SELECT COUNT(*) FROM quarantine").fetchone()[0]
    return out
