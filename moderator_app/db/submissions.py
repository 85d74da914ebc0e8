"""Writing and reading submissions and their cached clips."""

from __future__ import annotations

import json
from typing import Any

import sqlite_utils

from moderator_app.base.clock import utc_now
from moderator_app.db.erasure import all_erased, erased_among
from moderator_app.models import CachedClip, Submission

__all__ = [
    "CachedClip", "all_clip_hashes", "clip_values", "counts", "existing_ids", "get_submission", "insert_rows", "insert_submissions",
    "submission_values",
]

SUBMISSION_COLUMNS = (
    "id", "campaign", "country", "language", "received_at", "recipient_first", "recipient_last", "relationship",
    "town", "sender_first", "sender_last", "sender_email", "sender_phone", "message", "consent_broadcast",
    "consent_terms", "consent_given_at", "raw", "source", "ingested_at",
)
CLIP_COLUMNS = (
    "submission_id", "file", "sha256", "size", "container", "duration_s", "width", "height", "rotation",
    "video_codec", "audio_codec", "probed_at",
)
Row = tuple[Any, ...]


def submission_values(sub: Submission, source: str) -> Row:
    """One ``submissions`` row in SUBMISSION_COLUMNS order: plain values, cheap to send between processes."""
    return (
        sub.id, sub.campaign, sub.country, sub.language, sub.received_at,
        sub.recipient.first_name, sub.recipient.last_name, sub.relationship, sub.town,
        sub.sender.first_name, sub.sender.last_name, sub.sender_email, sub.sender_phone, sub.message,
        int(sub.consent_broadcast), sub.consent_terms_version, sub.consent_given_at,
        json.dumps(sub.raw, ensure_ascii=False, sort_keys=True), source, utc_now(),
    )


def clip_values(submission_id: str, clip: CachedClip) -> Row:
    """One ``clips`` row in CLIP_COLUMNS order."""
    p = clip.probe
    return (
        submission_id, clip.file, clip.sha256, clip.size, p.container, p.duration_s, p.width, p.height,
        p.rotation, p.video_codec, p.audio_codec, utc_now(),
    )


def insert_submissions(db: sqlite_utils.Database, items: list[tuple[Submission, CachedClip, str]]) -> None:
    """Insert new submissions with their clips; the caller holds the transaction."""
    insert_rows(db, [submission_values(s, src) for s, _, src in items], [clip_values(s.id, c) for s, c, _ in items])


def insert_rows(db: sqlite_utils.Database, submissions: list[Row], clips: list[Row]) -> None:
    """Rows built by submission_values / clip_values (an inbox worker builds them where it parsed the record).

    Plain executemany: sqlite-utils' insert_all inspects every value, a cost that shows at 10,000 rows.
    """
    for table, columns, rows in (("submissions", SUBMISSION_COLUMNS, submissions), ("clips", CLIP_COLUMNS, clips)):
        if rows:
            marks = ", ".join("?" * len(columns))
            db.conn.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows)


def existing_ids(db: sqlite_utils.Database, ids: list[str]) -> dict[str, str]:
    """Map of id -> cached clip sha256 for the ids already in the cache; an erased id maps to '' (its
    tombstone), so a sync skips a person who asked to be erased as it skips a record it already has."""
    found: dict[str, str] = dict.fromkeys(erased_among(db, ids), "")
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


def all_clip_hashes(db: sqlite_utils.Database) -> dict[str, str]:
    """Every cached id -> its clip's sha256 ('' without a clip): what an inbox sync already has; erased ids
    (tombstones) too, with '', so the sync skips them without copying their clip."""
    known = dict.fromkeys(all_erased(db), "")
    known.update({str(r[0]): str(r[1]) for r in db.execute(
        "SELECT s.id, COALESCE(c.sha256, '') FROM submissions s LEFT JOIN clips c ON c.submission_id = s.id"
    ).fetchall()})
    return known


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


def first_names(db: sqlite_utils.Database, submission_id: str) -> tuple[str, str] | None:
    """(recipient, sender) first names: how a moderator calls a clip in a status line."""
    row = db.execute("SELECT recipient_first, sender_first FROM submissions WHERE id = ?", [submission_id]).fetchone()
    return None if row is None else (str(row[0] or ""), str(row[1] or ""))
