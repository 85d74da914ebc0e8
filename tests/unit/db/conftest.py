"""A real cache file per test (WAL, triggers, FTS5 as the app opens it) and rows to put in it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlite_utils

from moderator_app.db.connection import open_db
from moderator_app.db.submissions import insert_submissions
from moderator_app.db.unit import transaction
from moderator_app.models import CachedClip, ClipProbe, Person, Submission

PROBE = ClipProbe("mov,mp4", 4.0, 640, 360, 0, "h264", "aac", 3)


def submission(
    n: int,
    first: str = "Hélène",
    last: str = "Dubois",
    *,
    country: str = "FR",
    consent: bool = True,
    **kw: object,
) -> Submission:
    sid = f"sub-{n:06d}"
    return Submission(
        id=sid, campaign="c", received_at=f"2020-04-02T18:{n % 60:02d}:00Z", country=country,
        recipient=Person(first, last), sender=Person("Lucas", "Martin"), consent_broadcast=consent,
        consent_given_at="2020-04-02T18:00:00Z", sender_email="lucas@example.org", message="Bon anniversaire",
        clip_name=f"{sid}.mp4", raw={"id": sid}, **kw,  # type: ignore[arg-type]
    )  # fmt: skip


def add(db: sqlite_utils.Database, *subs: Submission, source: str = "inbox", sha: str = "0" * 64) -> None:
    """Insert submissions with their clips in one unit of work, as the ingest does."""
    with transaction(db):
        insert_submissions(
            db, [(s, CachedClip(f"{s.id}.mp4", sha, 10, PROBE), f"{source}/{s.id}.json") for s in subs]
        )


@pytest.fixture
def db(tmp_path: Path) -> Iterator[sqlite_utils.Database]:
    handle = open_db(tmp_path / "data")
    yield handle
    handle.conn.close()
