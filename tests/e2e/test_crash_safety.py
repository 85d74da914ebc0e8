"""Killing the process at the worst moment loses no decision and leaves nothing half-written."""

from __future__ import annotations

import hashlib
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from benchmarks.bulk_inbox import make_bulk_inbox
from moderator_app.db.cache import Cache
from moderator_app.db.connection import DB_FILE
from moderator_app.sources.inbox.sync import sync_inbox
from tests.conftest import age_files


def test_decision_survives_sigkill_straight_after(data_dir: Path, demo_inbox: Path) -> None:
    cache = Cache(data_dir)
    sync_inbox(cache.db, data_dir, demo_inbox)
    cache.close()
    script = textwrap.dedent(
        f"""
        import os, signal
        from pathlib import Path
        from moderator_app.db.cache import Cache
        from moderator_app.services.review import ReviewService
        svc = ReviewService(Cache(Path({str(data_dir)!r})), "ana")
        svc.decide("sub-000102", "approved", ["poor_audio"], "keep")
        svc.decide("sub-000103", "rejected")
        os.kill(os.getpid(), signal.SIGKILL)
        """
    )
    proc = subprocess.run([sys.executable, "-c", script], check=False, capture_output=True, text=True, timeout=60)
    assert proc.returncode == -signal.SIGKILL, proc.stderr
    cache = Cache(data_dir)
    rows = dict(cache.db.execute("SELECT id, status FROM submissions WHERE status != 'queued'").fetchall())
    assert rows == {"sub-000102": "approved", "sub-000103": "rejected"}
    assert cache.db.execute("SELECT flags, note FROM submissions WHERE id='sub-000102'").fetchone() == (
        '["poor_audio"]', "keep")
    cache.close()


def test_sync_killed_midway_leaves_no_half_file_or_row(data_dir: Path, tmp_path: Path) -> None:
    inbox = tmp_path / "bulk"
    make_bulk_inbox(inbox, 4000)
    age_files(inbox)
    Cache(data_dir).close()
    proc = subprocess.Popen(
        [sys.executable, "-m", "moderator_app", "--data-dir", str(data_dir), "sync", "--inbox", str(inbox)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    db_path = data_dir / DB_FILE
    committed = 0
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            with sqlite3.connect(db_path, timeout=1) as conn:
                committed = conn.execute("SELECT COUNT(*) FROM submissions").fetchone()[0]
        except sqlite3.OperationalError:
            committed = 0
        if committed > 0:
            break
        time.sleep(0.005)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL, "the sync finished before it could be killed: grow the inbox"
    assert 0 < committed

    cache = Cache(data_dir)
    rows = cache.db.execute(
        "SELECT s.id, c.file, c.size, c.sha256 FROM submissions s LEFT JOIN clips c ON c.submission_id = s.id"
    ).fetchall()
    assert 0 < len(rows) < 4000
    for sid, file, size, sha in rows:
        assert file is not None, f"{sid} has a row but no clip row"
        data = (cache.clips_dir / file).read_bytes()
        assert len(data) == size and hashlib.sha256(data).hexdigest() == sha
    visible = [p for p in cache.clips_dir.iterdir() if not p.name.startswith(".")]
    template = (inbox / "sub-000001.mp4").read_bytes()
    for path in visible:  # files placed but whose batch was not committed are whole, never half
        assert path.read_bytes() == template

    report = sync_inbox(cache.db, data_dir, inbox)
    total = cache.db.execute("SELECT COUNT(*), COUNT(DISTINCT id) FROM submissions").fetchone()
    assert total == (4000, 4000)
    assert len(report.added) == 4000 - len(rows)
    assert not [p for p in cache.clips_dir.iterdir() if p.name.startswith(".")], "temp files swept"
    assert cache.db.execute("SELECT COUNT(*) FROM clips").fetchone()[0] == 4000
    cache.close()


def _orphans(clips_dir: Path, db_path: Path) -> set[str]:
    """Clip files visible in the cache that no committed row names (read as another process would)."""
    visible = {p.name for p in clips_dir.iterdir() if not p.name.startswith(".")} if clips_dir.exists() else set()
    if not visible:
        return set()
    with sqlite3.connect(db_path, timeout=1) as conn:
        named = {row[0] for row in conn.execute("SELECT file FROM clips")}
    return visible - named


def test_sigkill_between_placing_clips_and_committing_leaves_no_orphan(data_dir: Path, tmp_path: Path) -> None:
    """Issue 15 item 9: a sync killed after renaming clips into ``clips/`` but before their rows committed
    left whole personal videos that nothing referenced, kept for ever once their records left the inbox.
    The next sync sweeps them (under the sync lock) before it does anything else."""
    inbox = tmp_path / "bulk"
    make_bulk_inbox(inbox, 4000)
    age_files(inbox)
    Cache(data_dir).close()
    clips_dir, db_path = data_dir / "clips", data_dir / DB_FILE
    proc = subprocess.Popen(
        [sys.executable, "-m", "moderator_app", "--data-dir", str(data_dir), "sync", "--inbox", str(inbox)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            if _orphans(clips_dir, db_path):  # a batch is being placed: its clips are in, its rows are not
                break
        except (sqlite3.OperationalError, FileNotFoundError):
            pass
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL, "the sync finished before it could be killed: grow the inbox"
    orphans = _orphans(clips_dir, db_path)
    assert orphans, "killed outside the placing window: no orphan to sweep (run again)"

    # the uncommitted records leave the inbox (the sender withdrew, or the sync client cleaned up)
    with sqlite3.connect(db_path) as conn:
        committed = {row[0] for row in conn.execute("SELECT id FROM submissions")}
    for record in inbox.glob("*.json"):
        if record.stem not in committed:
            record.unlink()
    cache = Cache(data_dir)
    try:
        sync_inbox(cache.db, data_dir, inbox)
        assert _orphans(cache.clips_dir, db_path) == set()
        assert not [p for p in cache.clips_dir.iterdir() if p.name.endswith(".tmp")], "temp files swept"
        for (file,) in cache.db.execute("SELECT file FROM clips").fetchall():
            assert (cache.clips_dir / file).is_file(), f"{file} has a row but no clip"
        assert cache.db.execute("SELECT COUNT(*) FROM clips").fetchone() == (len(committed),)
    finally:
        cache.close()
