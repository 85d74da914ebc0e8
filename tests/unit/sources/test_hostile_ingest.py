"""Issue 15 at ingest: every hostile kind of clip file, through the real inbox sync (the CLI in its own
process, so a hang fails the test instead of hanging it), beside a good clip that still lands.

Real files, real FIFOs and links, real ffmpeg-made clips (the bomb is one 16000x16000 H.264 frame), a
real SQLite cache; nothing mocked.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from moderator_app.cli.codes import EXIT_BUSY, EXIT_OK, EXIT_PARTIAL
from moderator_app.db.cache import Cache
from moderator_app.db.connection import CLIPS_DIR
from moderator_app.qc.report import QcReport
from moderator_app.services.checks import set_thresholds
from moderator_app.sources.inbox.sync import NoSpace, sync_inbox
from moderator_app.sources.orphans import sweep_orphans
from moderator_app.sources.record import RecordError, load_record_file
from moderator_app.sources.space import free_bytes
from tests.support import hostile

SYNC_DEADLINE_S = 120.0
"""A sync over these files takes a few seconds; a hang (a FIFO read, /dev/zero copied) never returns."""

LINK = "clip file is a link, not a file"
NOT_REGULAR = "clip is not a regular file (a pipe, a device or a folder)"
MANIFEST = "clip is not a readable video: clip is a playlist or stream manifest, not a video file"


def settle(folder: Path) -> None:
    """Age the inbox's files so the sync treats them as finished, without touching what links point at."""
    past = time.time() - 120
    for path in folder.iterdir():
        os.utime(path, (past, past), follow_symlinks=False)


@pytest.fixture(scope="session")
def bomb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """751 KB on disk, 16000x16000 once decoded (~4 s to make)."""
    return hostile.bomb(tmp_path_factory.mktemp("bomb") / "bomb.mp4", side=16000)


def cli(data_dir: Path, *args: str, timeout: float = SYNC_DEADLINE_S) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "moderator_app", "--data-dir", str(data_dir), *args],
        capture_output=True, text=True, timeout=timeout, check=False,
    )


@pytest.fixture
def hostile_inbox(tmp_path: Path, tiny_clip: Path, bomb: Path) -> Path:
    """One good submission and one record per hostile kind of clip file."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    outside = tmp_path / "other-campaign"
    outside.mkdir()
    elsewhere = shutil.copy(tiny_clip, outside / "their-clip.mp4")
    shutil.copy(tiny_clip, inbox / "good.mp4")
    hostile.record(inbox, "sub-good01", "good.mp4")
    makers = {
        "sub-concat1": lambda p: hostile.ffconcat(p, "good.mp4"),  # names another submission's clip
        "sub-hls0001": lambda p: hostile.hls(p, "good.mp4"),
        "sub-dash001": lambda p: hostile.dash(p, Path(elsewhere).resolve()),  # absolute file:// target
        "sub-sdp0001": hostile.sdp,
        "sub-bomb001": lambda p: shutil.copy(bomb, p),
    }
    for sid, make in makers.items():
        make(inbox / f"{sid}.mp4")
        hostile.record(inbox, sid, f"{sid}.mp4")
    hostile.fifo(inbox / "sub-fifo001.mp4")
    hostile.record(inbox, "sub-fifo001", "sub-fifo001.mp4")
    hostile.link(inbox / "sub-zero001.mp4", Path("/dev/zero"))
    hostile.record(inbox, "sub-zero001", "sub-zero001.mp4")
    hostile.link(inbox / "sub-link001.mp4", Path(elsewhere))  # a real clip, but not this inbox's
    hostile.record(inbox, "sub-link001", "sub-link001.mp4")
    with (inbox / "sub-huge001.mp4").open("wb") as big:  # sparse: 2 MB long, no disk used
        big.write(tiny_clip.read_bytes())
        big.truncate(2 << 20)
    hostile.record(inbox, "sub-huge001", "sub-huge001.mp4")
    settle(inbox)
    return inbox


EXPECTED = {
    "inbox/sub-concat1.json": MANIFEST,
    "inbox/sub-hls0001.json": MANIFEST,
    "inbox/sub-dash001.json": MANIFEST,
    "inbox/sub-sdp0001.json": MANIFEST,
    "inbox/sub-fifo001.json": NOT_REGULAR,
    "inbox/sub-zero001.json": LINK,
    "inbox/sub-link001.json": LINK,
    "inbox/sub-bomb001.json": "clip is not a readable video: clip picture is 16000x16000 pixels, larger than the 8K limit",
    "inbox/sub-huge001.json": "clip is larger than the campaign's limit of 1 MB",
}


def test_every_hostile_clip_is_quarantined_with_its_reason_and_the_good_one_lands(
    data_dir: Path, hostile_inbox: Path
) -> None:
    # the campaign's size cap, set as a user would (the 2 MB file is over it, the good clip far under)
    assert cli(data_dir, "qc", "--set", "max_clip_mb=1").returncode == EXIT_OK
    started = time.monotonic()
    done = cli(data_dir, "sync", "--inbox", str(hostile_inbox), "--json")
    took = time.monotonic() - started
    assert done.returncode == EXIT_OK, done.stderr
    report = json.loads(done.stdout)
    assert report["added"] == ["sub-good01"]
    reasons = {q["source"]: q["reason"] for q in report["quarantined"]}
    assert reasons == EXPECTED
    assert took < 60, f"a sync over ten files took {took:.0f} s"

    cache = Cache(data_dir)
    try:
        files = sorted(p.name for p in cache.clips_dir.iterdir())
        assert files == ["sub-good01.mp4"]  # no manifest, link target, zeros or bomb stored under any name
        row = cache.db.execute("SELECT file, size FROM clips").fetchall()
        assert row == [("sub-good01.mp4", (hostile_inbox / "good.mp4").stat().st_size)]
    finally:
        cache.close()
    again = cli(data_dir, "sync", "--inbox", str(hostile_inbox), "--json")  # nothing changed: nothing re-read
    assert again.returncode == EXIT_OK, again.stderr
    assert json.loads(again.stdout) == {"added": [], "retried": [], "quarantined": [], "unchanged": 10}


def test_a_sync_in_process_names_each_kind_too(cache: Cache, hostile_inbox: Path) -> None:
    """The library call (the window's path) answers the same, without the CLI around it."""
    (hostile_inbox / "sub-huge001.json").unlink()  # under the default 1 GB cap it is just a padded clip
    report = sync_inbox(cache.db, cache.data_dir, hostile_inbox)
    assert report.added == ["sub-good01"]
    assert dict(report.quarantined) == {k: v for k, v in EXPECTED.items() if k != "inbox/sub-huge001.json"}


def test_a_second_sync_is_told_busy_at_once(data_dir: Path, hostile_inbox: Path) -> None:
    """Two real processes: one holds the cache's sync lock; the CLI's sync answers 'busy' (exit 6) at once."""
    Cache(data_dir).close()
    holder = subprocess.Popen(
        [sys.executable, "-c",
         ("import sys, pathlib; from moderator_app.sources.lock import sync_lock\n"
          "with sync_lock(pathlib.Path(sys.argv[1])):\n"
          "    print('held', flush=True); sys.stdin.readline()"),
         str(data_dir)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        started = time.monotonic()
        busy = cli(data_dir, "sync", "--inbox", str(hostile_inbox), timeout=60)
        assert busy.returncode == EXIT_BUSY, busy.stderr
        assert "busy" in busy.stderr and time.monotonic() - started < 30
    finally:
        assert holder.stdin is not None
        holder.stdin.write("\n")
        holder.stdin.close()
        holder.wait(timeout=30)
    assert cli(data_dir, "sync", "--inbox", str(hostile_inbox)).returncode == EXIT_OK  # free again


def test_too_little_free_space_stops_before_anything_is_copied(data_dir: Path, hostile_inbox: Path) -> None:
    assert cli(data_dir, "qc", "--set", "min_free_mb=1000000000").returncode == EXIT_OK  # a petabyte
    stopped = cli(data_dir, "sync", "--inbox", str(hostile_inbox))
    assert stopped.returncode == EXIT_PARTIAL
    assert "stopped: not enough free space on the cache's disk" in stopped.stderr
    cache = Cache(data_dir)
    try:
        assert list(cache.clips_dir.iterdir()) == []
        assert cache.db.execute("SELECT COUNT(*) FROM submissions").fetchone() == (0,)
        assert cache.db.execute("SELECT COUNT(*) FROM quarantine").fetchone() == (0,)
    finally:
        cache.close()


def test_a_clip_that_would_eat_the_kept_space_stops_the_sync_cleanly(cache: Cache, tmp_path: Path,
                                                                     tiny_clip: Path) -> None:
    """Free space is checked per clip: the clips before are committed, nothing is half-written, and the
    clip that did not fit is neither quarantined nor marked seen (the next sync takes it up)."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for n in range(3):
        shutil.copy(tiny_clip, inbox / f"ok{n}.mp4")
        hostile.record(inbox, f"sub-ok00{n}", f"ok{n}.mp4")
    with (inbox / "big.mp4").open("wb") as big:  # sparse 600 MB: its size counts, its disk use does not
        big.write(tiny_clip.read_bytes())
        big.truncate(600 << 20)
    hostile.record(inbox, "sub-big001", "big.mp4")
    settle(inbox)
    cache.clips_dir.mkdir(parents=True, exist_ok=True)
    keep_mb = (free_bytes(cache.clips_dir) >> 20) - 300  # room for tiny clips, not for 600 MB
    set_thresholds(cache, {"min_free_mb": keep_mb})
    with pytest.raises(NoSpace, match="not enough free space on the cache's disk.*600 MB"):
        sync_inbox(cache.db, cache.data_dir, inbox)
    assert sorted(p.name for p in cache.clips_dir.iterdir()) == ["sub-ok000.mp4", "sub-ok001.mp4", "sub-ok002.mp4"]
    assert cache.db.execute("SELECT COUNT(*) FROM quarantine").fetchone() == (0,)
    assert cache.db.execute("SELECT COUNT(*) FROM inbox_seen WHERE source = 'inbox/sub-big001.json'").fetchone() == (0,)
    # the next sync takes it up (a 1 MB cap this time, so it is refused unread rather than copied)
    set_thresholds(cache, {"min_free_mb": 1, "max_clip_mb": 1})
    report = sync_inbox(cache.db, cache.data_dir, inbox)
    assert report.quarantined == [("inbox/sub-big001.json", "clip is larger than the campaign's limit of 1 MB")]


def test_records_are_opened_without_links_or_blocking(tmp_path: Path) -> None:
    real = hostile.record(tmp_path, "sub-real001", "x.mp4")
    hostile.link(tmp_path / "linked.json", real)
    hostile.fifo(tmp_path / "pipe.json")
    with pytest.raises(RecordError, match="a link, not a file"):
        load_record_file(tmp_path / "linked.json")
    with pytest.raises(RecordError, match="not a regular file"):
        load_record_file(tmp_path / "pipe.json")  # O_NONBLOCK: refused, not waited on
    assert load_record_file(real).id == "sub-real001"


def test_orphans_a_killed_sync_left_are_swept_under_the_lock(cache: Cache, demo_inbox: Path) -> None:
    sync_inbox(cache.db, cache.data_dir, demo_inbox)
    kept = sorted(p.name for p in cache.clips_dir.iterdir())
    clips = Path(cache.data_dir / CLIPS_DIR)
    (clips / "sub-999999.mp4").write_bytes(b"a whole clip renamed in, its row never committed")
    (clips / ".sub-999998.0badcafe.tmp").write_bytes(b"half a copy")
    (clips / ".incoming").mkdir()  # the platform's resumable downloads: not the inbox's to sweep
    (clips / ".incoming" / "sub-777").write_bytes(b"resumable")
    assert sorted(sweep_orphans(cache.db, clips)) == [".sub-999998.0badcafe.tmp", "sub-999999.mp4"]
    assert sorted(p.name for p in clips.iterdir()) == sorted([*kept, ".incoming"])
    (clips / "sub-999997.webm").write_bytes(b"another orphan")
    sync_inbox(cache.db, cache.data_dir, demo_inbox)  # every sync sweeps first
    assert sorted(p.name for p in clips.iterdir()) == sorted([*kept, ".incoming"])
    assert (clips / ".incoming" / "sub-777").exists()


def test_a_worker_memory_cap_turns_a_huge_allocation_into_memory_error() -> None:
    """The cap the ingest and check pool initializers set: a 2 GB allocation fails, 100 MB still works."""
    script = (
        "from moderator_app.base.limits import cap_worker_memory\n"
        "cap_worker_memory(768 << 20)\n"
        "small = bytearray(100 << 20)\n"
        "try:\n"
        "    big = bytearray(2 << 30)\n"
        "except MemoryError:\n"
        "    print('refused')\n"
        "else:\n"
        "    print('allowed')\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=True)
    assert done.stdout.strip() == "refused"


@pytest.fixture
def cached_bomb(cache: Cache, bomb: Path, tiny_clip: Path) -> Iterator[list[Path]]:
    """A cache from before the fix: the bomb got in. The checks must fail it alone, within the cap."""
    cache.clips_dir.mkdir(parents=True, exist_ok=True)
    paths = [Path(shutil.copy(bomb, cache.clips_dir / "sub-bomb.mp4")),
             Path(shutil.copy(tiny_clip, cache.clips_dir / "sub-good.mp4"))]
    yield paths


def test_the_checks_fail_a_bomb_alone_and_go_on(cached_bomb: list[Path]) -> None:
    from moderator_app.qc.batch import run_many

    reports = dict(run_many(cached_bomb, workers=1, timeout_s=60))
    bomb_report, good_report = reports[cached_bomb[0]], reports[cached_bomb[1]]
    assert not bomb_report.readable and bomb_report.reason
    assert good_report.readable


def greedy_checker(path: Path, thresholds: object, timeout_s: float | None) -> QcReport:
    """A check that needs 3 GB (what a decompression bomb makes a decoder ask for)."""
    hog = bytearray(3 << 30)
    return QcReport(path=str(path), reason=str(len(hog)))


def test_a_check_worker_over_its_memory_cap_reports_the_clip_and_the_batch_goes_on(
    cached_bomb: list[Path],
) -> None:
    from moderator_app.qc.batch import MEMORY_REASON, run_many

    good = cached_bomb[1]
    reports = list(run_many([good, good], workers=1, timeout_s=30, checker=greedy_checker))
    assert [(p, r.readable, r.reason) for p, r in reports] == [(good, False, MEMORY_REASON)] * 2
