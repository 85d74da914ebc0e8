"""Queries for the platform sync: listed records, claims, the outbox, sync state and the sync log.

Every function expects the caller to hold the transaction when it writes (``db.unit.transaction``),
so one sync step commits its bookkeeping together with the rows it adds.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import sqlite_utils

from moderator_app.base.clock import utc_now
from moderator_app.models import Submission

SOURCE_PREFIX = "platform/"
LOG_KEEP = 2000


def source_of(submission_id: str) -> str:
    return SOURCE_PREFIX + submission_id


# -- sync state --------------------------------------------------------------------------------------

def state_get(db: sqlite_utils.Database, key: str) -> str | None:
    row = db.execute("SELECT value FROM sync_state WHERE key = ?", [key]).fetchone()
    return None if row is None else str(row[0])


def state_set(db: sqlite_utils.Database, key: str, value: str) -> None:
    db.execute(
        "INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        [key, value],
    )


# -- sync log ----------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class LogEntry:
    at: str
    level: str
    message: str


def log_event(db: sqlite_utils.Database, level: str, message: str) -> None:
    """Append to the log the moderator can open; messages carry ids and counts, never names."""
    db.execute("INSERT INTO sync_log (at, level, message) VALUES (?, ?, ?)", [utc_now(), level, message])
    db.execute("DELETE FROM sync_log WHERE id <= (SELECT MAX(id) FROM sync_log) - ?", [LOG_KEEP])


def log_entries(db: sqlite_utils.Database, limit: int = 500) -> list[LogEntry]:
    rows = db.execute("SELECT at, level, message FROM sync_log ORDER BY id DESC LIMIT ?", [limit]).fetchall()
    return [LogEntry(str(a), str(lv), str(m)) for a, lv, m in rows]


# -- listed records ----------------------------------------------------------------------------------

def add_listed(db: sqlite_utils.Database, subs: Iterable[Submission]) -> int:
    """Remember newly listed records; a record seen before keeps its state, except that one another
    moderator held ('taken') becomes claimable again when the platform still lists it as queued.
    One executemany per page: 10,000 listed records cost one statement preparation, not 10,000."""
    now = utc_now()
    rows = []
    for sub in subs:
        assert sub.clip_url is not None and sub.clip_sha256 is not None and sub.clip_size is not None
        rows.append((sub.id, json.dumps(sub.raw, ensure_ascii=False, sort_keys=True), sub.clip_url,
                     sub.clip_sha256.lower(), sub.clip_size, now))
    if not rows:
        return 0
    cur = db.conn.executemany(
        "INSERT INTO platform_records (id, record, clip_url, sha256, size, listed_at) VALUES (?, ?, ?, ?, ?, ?)"
        " ON CONFLICT(id) DO UPDATE SET state = 'listed', listed_at = excluded.listed_at"
        " WHERE platform_records.state IN ('taken', 'gone')",
        rows,
    )
    return int(cur.rowcount)


@dataclass(frozen=True, slots=True)
class ListedRecord:
    id: str
    record: dict[str, Any]
    clip_url: str
    sha256: str
    size: int
    state: str


def _listed(row: tuple[Any, ...]) -> ListedRecord:
    return ListedRecord(str(row[0]), json.loads(row[1]), str(row[2]), str(row[3]), int(row[4]), str(row[5]))


_LISTED_COLUMNS = "id, record, clip_url, sha256, size, state"


def records_in_state(db: sqlite_utils.Database, state: str, limit: int = -1) -> list[ListedRecord]:
    rows = db.execute(
        f"SELECT {_LISTED_COLUMNS} FROM platform_records WHERE state = ? ORDER BY position LIMIT ?", [state, limit]
    ).fetchall()
    return [_listed(r) for r in rows]


def set_record_state(db: sqlite_utils.Database, submission_id: str, state: str, note: str | None = None) -> None:
    db.execute("UPDATE platform_records SET state = ?, note = ? WHERE id = ?", [state, note, submission_id])


def cached_ids(db: sqlite_utils.Database, ids: list[str]) -> set[str]:
    found: set[str] = set()
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        marks = ",".join("?" * len(chunk))
        found.update(r[0] for r in db.execute(f"SELECT id FROM submissions WHERE id IN ({marks})", chunk))
    return found


# -- claims ------------------------------------------------------------------------------------------

def set_claim(
    db: sqlite_utils.Database, submission_id: str, moderator: str, state: str, *,
    lease_until: str | None = None, lease_s: float = 0.0, lost_to: str | None = None, now: float | None = None,
) -> None:
    """``now`` (epoch seconds; default the wall clock) starts the local lease of ``lease_s`` seconds."""
    db.execute(
        "INSERT INTO claims (submission_id, moderator, lease_until, expires_at, state, lost_to, changed_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT(submission_id) DO UPDATE SET moderator = excluded.moderator,"
        " lease_until = COALESCE(excluded.lease_until, claims.lease_until),"
        " expires_at = excluded.expires_at, state = excluded.state, lost_to = excluded.lost_to,"
        " changed_at = excluded.changed_at",
        [submission_id, moderator, lease_until, (time.time() if now is None else now) + lease_s, state, lost_to,
         utc_now()],
    )


def held_claims(db: sqlite_utils.Database) -> list[str]:
    return [r[0] for r in db.execute("SELECT submission_id FROM claims WHERE state = 'held' ORDER BY submission_id")]


def claims_to_renew(
    db: sqlite_utils.Database, within_s: float, *, now: float | None = None
) -> list[tuple[str, bool]]:
    """Held leases expiring within ``within_s`` of ``now`` (default the wall clock) on clips still
    undecided here, with whether each is already in the queue (a clip still downloading needs its
    lease as much as one on screen)."""
    return [(r[0], bool(r[1])) for r in db.execute(
        "SELECT c.submission_id, s.id IS NOT NULL FROM claims c LEFT JOIN submissions s ON s.id = c.submission_id"
        " WHERE c.state = 'held' AND (s.id IS NULL OR s.status = 'queued') AND c.expires_at < ?"
        " ORDER BY c.expires_at",
        [(time.time() if now is None else now) + within_s],
    )]


def claims_to_release(db: sqlite_utils.Database) -> list[str]:
    """Held leases this desk no longer needs: undecided here (a decided one ends with its push)."""
    return [r[0] for r in db.execute(
        "SELECT c.submission_id FROM claims c LEFT JOIN submissions s ON s.id = c.submission_id"
        " WHERE c.state = 'held' AND (s.id IS NULL OR s.status = 'queued') ORDER BY c.submission_id"
    )]


def active_claim_count(db: sqlite_utils.Database) -> int:
    """Clips this desk has ready or on their way and still to screen: what 'claim ahead' counts."""
    row = db.execute(
        "SELECT COUNT(*) FROM claims c LEFT JOIN submissions s ON s.id = c.submission_id"
        " WHERE c.state = 'held' AND (s.id IS NULL OR s.status = 'queued')"
    ).fetchone()
    return int(row[0])


def unclaimed_visible(db: sqlite_utils.Database) -> list[str]:
    """Platform clips already in the queue whose lease was released (quit) or never renewed."""
    return [r[0] for r in db.execute(
        "SELECT s.id FROM submissions s LEFT JOIN claims c ON c.submission_id = s.id"
        " WHERE s.source LIKE 'platform/%' AND s.status = 'queued' AND (c.state IS NULL OR c.state != 'held')"
        " ORDER BY s.received_at, s.id"
    )]


def fresh_candidate_count(db: sqlite_utils.Database) -> int:
    """Listed records never tried: once they cover what 'claim ahead' needs, the claims can start
    before the rest of the queue is listed (they would pick the same records)."""
    return int(db.execute("SELECT COUNT(*) FROM platform_records WHERE state = 'listed'").fetchone()[0])


def claim_candidates(db: sqlite_utils.Database, limit: int) -> list[str]:
    """Listed records never tried first, then the ones another moderator held last time."""
    return [r[0] for r in db.execute(
        "SELECT id FROM platform_records WHERE state IN ('listed', 'taken')"
        " ORDER BY state = 'taken', position LIMIT ?", [limit],
    )]


def remove_from_queue(db: sqlite_utils.Database, submission_id: str) -> str | None:
    """Take a submission another moderator holds out of this desk's queue; returns its clip file name.

    Only an undecided submission with no history can go (the history is append-only); one with
    history stays, and its push will surface the conflict instead.
    """
    if db.execute("SELECT 1 FROM decisions WHERE submission_id = ? LIMIT 1", [submission_id]).fetchone():
        return None
    row = db.execute("SELECT file FROM clips WHERE submission_id = ?", [submission_id]).fetchone()
    if db["qc_reports"].exists():
        db.execute("DELETE FROM qc_reports WHERE submission_id = ?", [submission_id])
    db.execute("DELETE FROM submission_flags WHERE submission_id = ?", [submission_id])
    db.execute("DELETE FROM clips WHERE submission_id = ?", [submission_id])
    db.execute("DELETE FROM submissions WHERE id = ?", [submission_id])
    return None if row is None else str(row[0])


# -- outbox ------------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class OutboxItem:
    seq: int
    submission_id: str
    payload: dict[str, Any]


def settle_superseded(db: sqlite_utils.Database) -> None:
    """Only the latest decision per submission is sent; a later one (undo, change of mind) replaces the
    earlier unsent ones, and an undo back to 'queued' stays local (the contract cannot un-decide)."""
    db.execute(
        "UPDATE outbox SET state = 'superseded' WHERE state = 'pending' AND seq < "
        "(SELECT MAX(o2.seq) FROM outbox o2 WHERE o2.submission_id = outbox.submission_id)"
    )
    db.execute(
        "UPDATE outbox SET state = 'local' WHERE state = 'pending' AND "
        "(SELECT decision FROM decisions d WHERE d.seq = outbox.seq) = 'queued'"
    )


def pending_pushes(db: sqlite_utils.Database, moderator: str, limit: int = -1) -> list[OutboxItem]:
    rows = db.execute(
        "SELECT d.seq, d.submission_id, d.decision, d.flags, d.note, d.moderator, d.decided_at, d.key"
        " FROM outbox o JOIN decisions d ON d.seq = o.seq WHERE o.state = 'pending' ORDER BY o.seq LIMIT ?",
        [limit],
    ).fetchall()
    return [
        OutboxItem(int(seq), str(sid), {
            "decision": decision, "flags": json.loads(flags), "note": note,
            "moderator": who or moderator, "decided_at": decided_at, "idempotency_key": key,
        })
        for seq, sid, decision, flags, note, who, decided_at, key in rows
    ]


def mark_acked(db: sqlite_utils.Database, seqs: list[int]) -> None:
    now = utc_now()
    for seq in seqs:
        db.execute("UPDATE outbox SET state = 'acked', attempts = attempts + 1, last_error = NULL, last_try = ?"
                   " WHERE seq = ?", [now, seq])
        db.execute("UPDATE decisions SET pushed_at = ? WHERE seq = ?", [now, seq])


def mark_failed(db: sqlite_utils.Database, seqs: list[int], error: str) -> None:
    now = utc_now()
    for seq in seqs:
        db.execute("UPDATE outbox SET attempts = attempts + 1, last_error = ?, last_try = ? WHERE seq = ?",
                   [error, now, seq])


def mark_conflict(db: sqlite_utils.Database, seq: int, theirs: dict[str, Any]) -> None:
    db.execute(
        "UPDATE outbox SET state = 'conflict', attempts = attempts + 1, last_try = ?, conflict = ? WHERE seq = ?",
        [utc_now(), json.dumps(theirs, ensure_ascii=False), seq],
    )


@dataclass(frozen=True, slots=True)
class Conflict:
    seq: int
    submission_id: str
    ours: dict[str, Any]
    theirs: dict[str, Any]
    seen: bool


def conflicts(db: sqlite_utils.Database, *, unseen_only: bool = False) -> list[Conflict]:
    sql = (
        "SELECT o.seq, o.submission_id, d.decision, d.flags, d.note, d.moderator, d.decided_at, o.conflict, o.seen"
        " FROM outbox o JOIN decisions d ON d.seq = o.seq WHERE o.state = 'conflict'"
    )
    if unseen_only:
        sql += " AND o.seen = 0"
    out = []
    for seq, sid, decision, flags, note, who, at, theirs, seen in db.execute(sql + " ORDER BY o.seq").fetchall():
        ours = {"decision": decision, "flags": json.loads(flags), "note": note, "moderator": who, "decided_at": at}
        out.append(Conflict(int(seq), str(sid), ours, json.loads(theirs), bool(seen)))
    return out


def mark_conflicts_seen(db: sqlite_utils.Database, seqs: list[int]) -> None:
    for seq in seqs:
        db.execute("UPDATE outbox SET seen = 1 WHERE seq = ?", [seq])


def outbox_counts(db: sqlite_utils.Database) -> dict[str, int]:
    out = {"pending": 0, "acked": 0, "conflict": 0, "superseded": 0, "local": 0}
    for state, n in db.execute("SELECT state, COUNT(*) FROM outbox GROUP BY state").fetchall():
        out[str(state)] = int(n)
    return out


def pending_count(db: sqlite_utils.Database) -> int:
    """Decisions still to send (an unsettled earlier one is counted until the next push settles it)."""
    row = db.execute(
        "SELECT COUNT(DISTINCT submission_id) FROM outbox o WHERE state = 'pending'"
        " AND (SELECT decision FROM decisions d WHERE d.seq = o.seq) != 'queued'"
    ).fetchone()
    return int(row[0])
