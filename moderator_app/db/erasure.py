"""Erasure on request (GDPR art. 17): what the cache holds about a submission, the erase itself, the tombstones.

The erase is one transaction: the tombstone first (the ``decisions_no_delete`` trigger lets only a
tombstoned submission's history go, and only once it is copied to ``erased_decisions`` without its notes),
then every row that names the person or derives from the clip. ``scrub`` then makes the freed bytes
unreadable: the search index is rebuilt, the WAL checkpointed and truncated, the file vacuumed.
Nothing here deletes files: the caller does, after the commit, from the names returned.
"""

from __future__ import annotations

import json
import sqlite3
import time
from dataclasses import dataclass, field

import sqlite_utils

from moderator_app.base.clock import utc_now

REASONS: tuple[str, ...] = ("request", "consent_withdrawn", "unlawful", "other")
"""Why a submission was erased: a code, never free text (a free note could carry the personal data)."""

OutboxFate = str
"""``none`` (nothing unsent), ``pushed`` (sent before the erase) or ``dropped`` (platform unreachable)."""


@dataclass(frozen=True, slots=True)
class Held:
    """Everything the cache holds about one submission, as the erase will remove it (no personal data)."""

    submission_id: str
    clip_file: str | None
    decisions: int
    notes: int
    """Decisions with a note (the notes go; who, when and what stay)."""
    pending_pushes: tuple[int, ...]
    """Outbox sequence numbers of decisions not yet on the platform."""
    outbox_rows: int
    check_report: bool
    platform_record: bool
    quarantined: int
    spots: tuple[tuple[str, int], ...]
    """(spot id, slot) of saved spots that hold the message."""
    masters: tuple[str, ...] = field(default=())
    """Paths of rendered masters that carry the message (recorded at export)."""


@dataclass(frozen=True, slots=True)
class Tombstone:
    submission_id: str
    erased_at: str
    reason: str
    erased_by: str
    outbox: OutboxFate


def _chunks(ids: list[str], size: int = 500) -> list[list[str]]:
    return [ids[i:i + size] for i in range(0, len(ids), size)]


def erased_among(db: sqlite_utils.Database, ids: list[str]) -> set[str]:
    """Those of ``ids`` that were erased: a sync must skip them."""
    found: set[str] = set()
    for chunk in _chunks(ids):
        marks = ",".join("?" * len(chunk))
        found.update(r[0] for r in db.execute(
            f"SELECT submission_id FROM erasures WHERE submission_id IN ({marks})", chunk))
    return found


def all_erased(db: sqlite_utils.Database) -> list[str]:
    return [str(r[0]) for r in db.execute("SELECT submission_id FROM erasures")]


def tombstones(db: sqlite_utils.Database, ids: list[str] | None = None) -> list[Tombstone]:
    rows = db.execute(
        "SELECT submission_id, erased_at, reason, erased_by, outbox FROM erasures ORDER BY erased_at, submission_id"
    ).fetchall()
    wanted = None if ids is None else set(ids)
    return [Tombstone(*map(str, r)) for r in rows if wanted is None or r[0] in wanted]


def cached_among(db: sqlite_utils.Database, ids: list[str]) -> set[str]:
    found: set[str] = set()
    for chunk in _chunks(ids):
        marks = ",".join("?" * len(chunk))
        found.update(r[0] for r in db.execute(f"SELECT id FROM submissions WHERE id IN ({marks})", chunk))
    return found


def ids_for_email(db: sqlite_utils.Database, email: str) -> list[str]:
    """Every cached submission sent from ``email`` (case and surrounding spaces ignored)."""
    return [str(r[0]) for r in db.execute(
        "SELECT id FROM submissions WHERE lower(trim(sender_email)) = lower(trim(?)) ORDER BY received_at, id",
        [email],
    )]


def held(db: sqlite_utils.Database, sid: str) -> Held:
    """What the cache holds about ``sid`` (which the caller knows is cached)."""

    def count(sql: str) -> int:
        return int(db.execute(sql, [sid]).fetchone()[0])

    clip = db.execute("SELECT file FROM clips WHERE submission_id = ?", [sid]).fetchone()
    pending = tuple(int(r[0]) for r in db.execute(
        "SELECT o.seq FROM outbox o JOIN decisions d ON d.seq = o.seq"
        " WHERE o.submission_id = ? AND o.state = 'pending' AND d.decision != 'queued' ORDER BY o.seq", [sid]))
    spots = tuple((str(a), int(b)) for a, b in db.execute(
        "SELECT spot_id, slot FROM spot_clips WHERE submission_id = ? ORDER BY spot_id, slot", [sid]))
    return Held(
        submission_id=sid,
        clip_file=None if clip is None else str(clip[0]),
        decisions=count("SELECT COUNT(*) FROM decisions WHERE submission_id = ?"),
        notes=count("SELECT COUNT(*) FROM decisions WHERE submission_id = ? AND note != ''"),
        pending_pushes=pending,
        outbox_rows=count("SELECT COUNT(*) FROM outbox WHERE submission_id = ?"),
        check_report=bool(count("SELECT COUNT(*) FROM qc_reports WHERE submission_id = ?")),
        platform_record=bool(count("SELECT COUNT(*) FROM platform_records WHERE id = ?")),
        quarantined=count("SELECT COUNT(*) FROM quarantine WHERE record_id = ?"),
        spots=spots,
        masters=tuple(masters_with(db, [sid])),
    )


def acked_seqs(db: sqlite_utils.Database, seqs: list[int]) -> list[int]:
    """Those of the outbox items ``seqs`` the platform acknowledged."""
    marks = ",".join("?" * len(seqs))
    return [int(r[0]) for r in db.execute(
        f"SELECT seq FROM outbox WHERE state = 'acked' AND seq IN ({marks})", seqs)] if seqs else []


def erase_rows(db: sqlite_utils.Database, sid: str, *, reason: str, by: str, outbox: OutboxFate) -> None:
    """Remove every row about ``sid`` and leave its tombstone; the caller holds the transaction.

    Kept: the tombstone, the decision history without notes (``erased_decisions``), the ``spot_clips``
    mark of each spot that held the message (so the spot needs attention until its slot is refilled),
    the inbox bookkeeping (a file name and a stat fingerprint, so an unchanged record is not even read
    again) and exported-master records (paths, so they can be listed).
    """
    if reason not in REASONS:
        raise ValueError(f"reason must be one of {', '.join(REASONS)}")
    db.execute(
        "INSERT INTO erasures (submission_id, erased_at, reason, erased_by, outbox) VALUES (?, ?, ?, ?, ?)",
        [sid, utc_now(), reason, by, outbox],
    )
    db.execute(
        "INSERT INTO erased_decisions (seq, submission_id, decision, flags, moderator, decided_at, key, pushed_at,"
        " note_redacted, undoes) SELECT seq, submission_id, decision, flags, moderator, decided_at, key, pushed_at,"
        " note != '', undoes FROM decisions WHERE submission_id = ?",
        [sid],
    )
    for table, column in (
        ("outbox", "submission_id"), ("decisions", "submission_id"), ("qc_reports", "submission_id"),
        ("submission_findings", "submission_id"), ("submission_flags", "submission_id"),
        ("clips", "submission_id"), ("claims", "submission_id"), ("platform_records", "id"),
        ("quarantine", "record_id"), ("notifications", "submission_id"), ("drafts", "submission_id"),
        ("submissions", "id"),
    ):
        db.execute(f"DELETE FROM {table} WHERE {column} = ?", [sid])
    _empty_spot_slots(db, sid)


def _empty_spot_slots(db: sqlite_utils.Database, sid: str) -> None:
    """Take the message (and its lower third, which names the people) out of every saved spot."""
    for (spot_id,) in db.execute("SELECT DISTINCT spot_id FROM spot_clips WHERE submission_id = ?", [sid]).fetchall():
        row = db.execute("SELECT placements FROM spots WHERE id = ?", [spot_id]).fetchone()
        if row is None:
            continue
        placements = json.loads(row[0])
        emptied = [None if p is not None and str(p.get("submission_id")) == sid else p for p in placements]
        db.execute("UPDATE spots SET placements = ?, updated_at = ? WHERE id = ?",
                   [json.dumps(emptied, ensure_ascii=False, sort_keys=True), utc_now(), spot_id])


@dataclass(frozen=True, slots=True)
class Scrubbed:
    seconds: float
    wal_truncated: bool
    """False when a reader kept the WAL from being reset (its freed frames are overwritten by later commits)."""


def scrub(db: sqlite_utils.Database) -> Scrubbed:
    """Make deleted rows unreadable on disk; call outside any transaction, after the erase committed.

    The search index keeps a deleted row's tokens in older segments until they merge, so it is rebuilt.
    ``secure_delete`` zeroes freed content; VACUUM rewrites the file without free pages or stale cells;
    ``wal_checkpoint(TRUNCATE)`` copies the WAL into the file and empties it (the WAL held the rows as
    they were first written, and the erase's own pages).
    """
    start = time.perf_counter()
    conn = db.conn
    previous = conn.execute("PRAGMA secure_delete").fetchone()[0]
    conn.execute("PRAGMA secure_delete = ON")
    try:
        conn.execute("BEGIN IMMEDIATE")
        try:
            conn.execute("INSERT INTO submissions_fts (submissions_fts) VALUES ('rebuild')")
            conn.execute("COMMIT")
        except sqlite3.Error:
            conn.execute("ROLLBACK")
            raise
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute("VACUUM")
        busy = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
    finally:
        conn.execute(f"PRAGMA secure_delete = {int(previous)}")
    return Scrubbed(time.perf_counter() - start, wal_truncated=not busy)


# -- exported masters ---------------------------------------------------------------------------------

def record_export(db: sqlite_utils.Database, spot_id: str, path: str, preset: str, ids: list[str]) -> None:
    """Remember a master rendered from ``spot_id``; the caller holds the transaction."""
    cur = db.execute("INSERT INTO spot_exports (spot_id, path, preset, exported_at) VALUES (?, ?, ?, ?)",
                     [spot_id, path, preset, utc_now()])
    db.conn.executemany("INSERT OR IGNORE INTO spot_export_clips (export_id, submission_id) VALUES (?, ?)",
                        [(cur.lastrowid, sid) for sid in ids])


def masters_with(db: sqlite_utils.Database, ids: list[str]) -> list[str]:
    """Paths of recorded masters carrying any of ``ids``, oldest export first, each once."""
    out: list[str] = []
    for chunk in _chunks(ids):
        marks = ",".join("?" * len(chunk))
        for (path,) in db.execute(
            "SELECT e.path FROM spot_exports e JOIN spot_export_clips c ON c.export_id = e.id"
            f" WHERE c.submission_id IN ({marks}) ORDER BY e.id", chunk
        ).fetchall():
            if path not in out:
                out.append(str(path))
    return out


def forget_master(db: sqlite_utils.Database, path: str) -> None:
    """The master at ``path`` was deleted (by the erase, for one inside the data folder)."""
    db.execute("DELETE FROM spot_exports WHERE path = ?", [path])
