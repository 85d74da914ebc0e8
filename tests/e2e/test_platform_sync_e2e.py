"""The platform sync end to end: the real CLI in a subprocess against the real server on 127.0.0.1.

SIGKILL midway, two moderators on one platform, decisions made offline and a restart in between.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from moderator_app.cli import EXIT_AUTH, EXIT_OK, EXIT_PARTIAL, EXIT_USAGE
from moderator_app.db import platform as pdb
from moderator_app.db.cache import Cache
from moderator_app.db.connection import DB_FILE
from moderator_app.services.review import ReviewService
from moderator_app.sources.platform.pipeline import INCOMING_DIR
from tests.support.platform_desk import (
    TOKEN,
    assert_clips_whole,
    clip_bytes,  # noqa: F401 - the session fixture
    desk,
    free_port,
    real_items,
    visible_ids,
)
from tests.support.platform_server import PlatformServer


def cli(data_dir: Path, *args: str, token: str | None = TOKEN) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, MODERATOR_NAME="ana")
    env.pop("MODERATOR_TOKEN", None)
    if token is not None:
        env["MODERATOR_TOKEN"] = token
    return subprocess.run([sys.executable, "-m", "moderator_app", "--data-dir", str(data_dir), *args],
                          capture_output=True, text=True, timeout=120, env=env, check=False)


def test_sync_killed_midway_resumes_without_refetching(data_dir: Path, clip_bytes: bytes) -> None:  # noqa: F811
    count = 24
    with PlatformServer(real_items(clip_bytes, count), token=TOKEN) as server:
        server.trickle_clips(1024, 0.02)  # a slow link, so the kill lands mid-way
        Cache(data_dir).close()
        env = dict(os.environ, MODERATOR_TOKEN=TOKEN, MODERATOR_NAME="ana")
        proc = subprocess.Popen(
            [sys.executable, "-m", "moderator_app", "--data-dir", str(data_dir), "sync", "--server", server.url,
             "--ahead", str(count)],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env,
        )
        committed = 0
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                conn = sqlite3.connect(f"file:{data_dir / DB_FILE}?mode=ro", uri=True, timeout=1)
                committed = conn.execute("SELECT COUNT(*) FROM submissions").fetchone()[0]
                conn.close()
            except sqlite3.Error:
                committed = 0
            if committed >= 1:
                break
            time.sleep(0.01)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        assert proc.returncode == -signal.SIGKILL
        cache = Cache(data_dir)
        before = visible_ids(cache)
        assert 1 <= len(before) < count
        assert_clips_whole(cache, server, settled=False)  # what was committed is whole, even after the kill
        incoming = cache.clips_dir / INCOMING_DIR
        parts = {p.name.removesuffix(".part"): p.stat().st_size for p in incoming.glob("*.part")}
        server.clear_faults()
        server.clear_log()
        report = desk(cache, server, ahead=count).run()
        assert report.online and not report.partial
        assert visible_ids(cache) == {f"sub-{i:06d}" for i in range(count)}
        assert cache.db.execute("SELECT COUNT(*) FROM submissions").fetchone()[0] == count
        assert cache.db.execute("SELECT COUNT(*) FROM clips").fetchone()[0] == count
        fetched = {r.path.removeprefix("/clips/"): r for r in server.requests if r.path.startswith("/clips/")}
        assert not set(fetched) & before, "a clip committed before the kill was downloaded again"
        for sid, have in parts.items():
            if have and sid in fetched:
                assert fetched[sid].range == f"bytes={have}-"
        assert_clips_whole(cache, server)
        cache.close()


def test_two_moderators_never_screen_the_same_clip(tmp_path: Path, clip_bytes: bytes) -> None:  # noqa: F811
    count = 14
    with PlatformServer(real_items(clip_bytes, count), token=TOKEN) as server:
        ana_cache, bob_cache = Cache(tmp_path / "ana"), Cache(tmp_path / "bob")
        ana, bob = desk(ana_cache, server, "ana", ahead=3), desk(bob_cache, server, "bob", ahead=3)
        screened: dict[str, list[str]] = {"ana": [], "bob": []}
        for _round in range(8):
            for name, sync, cache in (("ana", ana, ana_cache), ("bob", bob, bob_cache)):
                sync.run()
                svc = ReviewService(cache, name)
                for (sid,) in cache.db.execute("SELECT id FROM submissions WHERE status = 'queued'").fetchall():
                    svc.decide(sid, "approved")
                    screened[name].append(sid)
        ana.push()
        bob.push()
        assert not set(screened["ana"]) & set(screened["bob"])
        assert not visible_ids(ana_cache) & visible_ids(bob_cache)
        decided = [d["id"] for d in server.decisions]
        assert sorted(decided) == [f"sub-{i:06d}" for i in range(count)]
        assert len(decided) == len(set(decided))
        assert pdb.conflicts(ana_cache.db) == [] and pdb.conflicts(bob_cache.db) == []
        ana_cache.close()
        bob_cache.close()


def test_conflict_reaches_the_losers_desk(tmp_path: Path, clip_bytes: bytes) -> None:  # noqa: F811
    with PlatformServer(real_items(clip_bytes, 2), token=TOKEN) as server:
        ana_cache, bob_cache = Cache(tmp_path / "ana"), Cache(tmp_path / "bob")
        ana = desk(ana_cache, server, "ana", ahead=2)
        ana.run()
        ana.release_all()  # ana quits; her clips are still in her cache
        bob = desk(bob_cache, server, "bob", ahead=2)
        bob.run()
        ReviewService(bob_cache, "bob").decide("sub-000000", "rejected", ["minor_shown"])
        assert bob.push().pushed == 1
        # ana works offline on what she still has, then syncs: the loser sees both decisions
        ReviewService(ana_cache, "ana").decide("sub-000000", "approved")
        report = ana.run()
        [conflict] = report.conflicts
        assert (conflict.ours["decision"], conflict.theirs["decision"]) == ("approved", "rejected")
        assert conflict.theirs["moderator"] == "bob" and conflict.theirs["flags"] == ["minor_shown"]
        assert [d["moderator"] for d in server.decisions] == ["bob"]
        ana_cache.close()
        bob_cache.close()


def test_offline_decisions_reach_the_server_once_across_a_restart(data_dir: Path, clip_bytes: bytes) -> None:  # noqa: F811
    port = free_port()
    server = PlatformServer(real_items(clip_bytes, 5), token=TOKEN, port=port).start()
    try:
        done = cli(data_dir, "sync", "--server", server.url, "--ahead", "5")
        assert done.returncode == EXIT_OK, done.stderr
        assert "5 added" in done.stdout
        server.stop()
        for i in range(5):
            assert cli(data_dir, "decide", f"sub-{i:06d}", "approve").returncode == EXIT_OK
        offline = cli(data_dir, "push", "--retries", "0")  # the address is remembered from the sync
        assert offline.returncode == EXIT_PARTIAL, offline.stderr
        assert "5 to push" in offline.stdout and "offline" in offline.stdout
        # the app restarts (a new process), still offline
        assert cli(data_dir, "push", "--retries", "0").returncode == EXIT_PARTIAL
        server.start()
        back = cli(data_dir, "push", "--json")
        assert back.returncode == EXIT_OK, back.stderr
        assert json.loads(back.stdout)["pushed"] == 5
        again = cli(data_dir, "sync", "--server", server.url)
        assert again.returncode == EXIT_OK and "0 pushed" in again.stdout
        decided = sorted(d["id"] for d in server.decisions)
        assert decided == [f"sub-{i:06d}" for i in range(5)]
    finally:
        server.stop()


def test_cli_exit_codes_for_token_problems(data_dir: Path, clip_bytes: bytes) -> None:  # noqa: F811
    with PlatformServer(real_items(clip_bytes, 1), token=TOKEN) as server:
        refused = cli(data_dir, "sync", "--server", server.url, token="not-the-token")
        assert refused.returncode == EXIT_AUTH
        assert "MODERATOR_TOKEN" in refused.stderr and "not-the-token" not in refused.stdout + refused.stderr
        missing = cli(data_dir, "push", "--server", server.url, token=None)
        assert missing.returncode == EXIT_USAGE and "MODERATOR_TOKEN" in missing.stderr
        assert cli(data_dir, "sync").returncode == EXIT_USAGE  # neither --inbox nor --server
