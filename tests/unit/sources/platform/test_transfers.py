"""Clip downloads against the real test server: resume, verification, faults, concurrency."""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from moderator_app.sources.platform.client import (
    AuthError,
    ChecksumError,
    DownloadCancelled,
    DownloadError,
    DownloadJob,
    PlatformClient,
)
from moderator_app.sources.platform.retry import RetryPolicy
from moderator_app.sources.platform.transfers import ClipDownloader
from tests.support.platform_server import PlatformServer, make_items, make_record

TOKEN = "tok-dl-91ab"
SIZE = 300_000


def fast_client(server: PlatformServer, **overrides: Any) -> PlatformClient:
    options: dict[str, Any] = {"timeout": 2.0, "max_retries": 4, "backoff_base_s": 0.01, "backoff_cap_s": 0.05}
    options.update(overrides)
    return PlatformClient(server.url, TOKEN, **options)


@pytest.fixture
def server() -> Iterator[PlatformServer]:
    with PlatformServer(make_items(6, clip_size=SIZE, seed=7), token=TOKEN) as srv:
        yield srv


def fetch(client: PlatformClient, server: PlatformServer, record_id: str, dest: Path, **kw: Any) -> None:
    clip = server.record(record_id)["clip"]
    client.download_clip(clip["url"], dest, sha256=clip["sha256"], size=clip["size"], **kw)


def sha_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def part_of(dest: Path) -> Path:
    return dest.with_name(dest.name + ".part")


def test_plain_download_is_verified_and_renamed(server: PlatformServer, tmp_path: Path) -> None:
    dest = tmp_path / "clips" / "sub-000000.mp4"
    seen: list[int] = []
    with fast_client(server) as client:
        fetch(client, server, "sub-000000", dest, progress=seen.append)
    assert sha_of(dest) == server.record("sub-000000")["clip"]["sha256"]
    assert not part_of(dest).exists()
    assert seen == sorted(seen) and seen[-1] == SIZE


def test_dropped_connection_resumes_with_range(server: PlatformServer, tmp_path: Path) -> None:
    server.drop_clip_after(70_000, count=2, record_id="sub-000001")
    dest = tmp_path / "a.mp4"
    with fast_client(server) as client:
        fetch(client, server, "sub-000001", dest)
    requests = server.clip_requests("sub-000001")
    assert [r.range for r in requests] == [None, "bytes=70000-", "bytes=140000-"]
    assert [r.status for r in requests] == [200, 206, 206]
    assert sum(r.body_bytes for r in requests) < 2 * SIZE
    assert sha_of(dest) == server.record("sub-000001")["clip"]["sha256"]


def test_part_left_by_a_killed_download_is_resumed_not_refetched(
    server: PlatformServer, tmp_path: Path
) -> None:
    dest = tmp_path / "b.mp4"
    already = 123_456
    part_of(dest).write_bytes(server_clip(server, "sub-000002")[:already])
    with fast_client(server) as client:
        fetch(client, server, "sub-000002", dest)
    requests = server.clip_requests("sub-000002")
    assert [(r.range, r.status, r.body_bytes) for r in requests] == [(f"bytes={already}-", 206, SIZE - already)]
    assert dest.read_bytes() == server_clip(server, "sub-000002")


def test_server_answering_200_to_a_range_restarts_cleanly(server: PlatformServer, tmp_path: Path) -> None:
    dest = tmp_path / "c.mp4"
    part_of(dest).write_bytes(server_clip(server, "sub-000003")[:50_000])
    server.ignore_range_next(1)
    with fast_client(server) as client:
        fetch(client, server, "sub-000003", dest)
    assert [(r.status, r.body_bytes) for r in server.clip_requests("sub-000003")] == [(200, SIZE)]
    assert dest.read_bytes() == server_clip(server, "sub-000003")


def test_corrupt_part_from_an_earlier_run_is_redownloaded_once(server: PlatformServer, tmp_path: Path) -> None:
    dest = tmp_path / "d.mp4"
    part_of(dest).write_bytes(b"\x00" * 10_000)
    with fast_client(server) as client:
        fetch(client, server, "sub-000004", dest)
    assert [r.range for r in server.clip_requests("sub-000004")] == ["bytes=10000-", None]
    assert dest.read_bytes() == server_clip(server, "sub-000004")


def test_wrong_checksum_raises_and_leaves_no_file(server: PlatformServer, tmp_path: Path) -> None:
    server.corrupt_clip("sub-000000")
    dest = tmp_path / "e.mp4"
    with fast_client(server) as client, pytest.raises(ChecksumError, match="sha256 mismatch"):
        fetch(client, server, "sub-000000", dest)
    assert list(tmp_path.iterdir()) == []


def test_size_disagreeing_with_the_record_raises(server: PlatformServer, tmp_path: Path) -> None:
    clip = server.record("sub-000000")["clip"]
    dest = tmp_path / "f.mp4"
    with fast_client(server) as client, pytest.raises(ChecksumError, match="size mismatch"):
        client.download_clip(clip["url"], dest, sha256=clip["sha256"], size=clip["size"] + 10)
    assert list(tmp_path.iterdir()) == []


def test_500_then_success_on_a_clip(server: PlatformServer, tmp_path: Path) -> None:
    server.fail_next(2, status=503, path="/clips/")
    dest = tmp_path / "g.mp4"
    with fast_client(server) as client:
        fetch(client, server, "sub-000005", dest)
    assert [r.status for r in server.clip_requests("sub-000005")] == [503, 503, 200]
    assert dest.read_bytes() == server_clip(server, "sub-000005")


def test_trickling_clip_times_out_and_resumes(server: PlatformServer, tmp_path: Path) -> None:
    server.trickle_clips(chunk=20_000, interval_s=0.5, count=1, record_id="sub-000001")
    dest = tmp_path / "h.mp4"
    with fast_client(server, timeout=0.3) as client:
        fetch(client, server, "sub-000001", dest)
    ranges = [r.range for r in server.clip_requests("sub-000001") if r.status == 206]
    assert ranges and ranges[0] is not None and ranges[0].startswith("bytes=")
    assert dest.read_bytes() == server_clip(server, "sub-000001")


def test_401_on_a_clip_is_auth_error_without_retry(server: PlatformServer, tmp_path: Path) -> None:
    server.set_token("rotated")
    with fast_client(server, backoff_base_s=1.0) as client, pytest.raises(AuthError):
        fetch(client, server, "sub-000000", tmp_path / "i.mp4")
    assert [r.status for r in server.clip_requests("sub-000000")] == [401]


def test_cancel_keeps_the_part_for_a_later_resume(server: PlatformServer, tmp_path: Path) -> None:
    dest = tmp_path / "j.mp4"
    cancel = threading.Event()

    def stop_early(done: int) -> None:
        if done >= 100_000:
            cancel.set()

    server.trickle_clips(chunk=50_000, interval_s=0.02, count=1)
    with fast_client(server) as client:
        with pytest.raises(DownloadCancelled):
            fetch(client, server, "sub-000002", dest, progress=stop_early, cancel=cancel)
        kept = part_of(dest).stat().st_size
        fetch(client, server, "sub-000002", dest)
    assert 100_000 <= kept < SIZE
    assert [r.range for r in server.clip_requests("sub-000002")].count(f"bytes={kept}-") == 1
    assert dest.read_bytes() == server_clip(server, "sub-000002")


def test_token_is_not_sent_to_a_clip_host_of_another_origin(tmp_path: Path) -> None:
    items = make_items(1, clip_size=10_000)
    with PlatformServer(items, token="cdn-never-sees-this", public_clips=True) as cdn:
        record = cdn.record("sub-000000")
        with PlatformServer([(record, b"")], token=TOKEN) as api, fast_client(api) as client:
            listed = next(client.iter_queued())[0]
            clip = listed["clip"]
            client.download_clip(clip["url"], tmp_path / "k.mp4", sha256=clip["sha256"], size=clip["size"])
    assert [r.had_auth_header for r in cdn.requests] == [False]
    assert all(r.had_auth_header for r in api.requests)


def test_download_many_runs_all_jobs_whatever_fails(server: PlatformServer, tmp_path: Path) -> None:
    server.corrupt_clip("sub-000003")
    server.drop_clip_after(40_000, count=1, record_id="sub-000004")
    jobs = []
    for i in range(6):
        clip = server.record(f"sub-{i:06d}")["clip"]
        jobs.append(DownloadJob(clip["url"], tmp_path / f"{i}.mp4", clip["sha256"], clip["size"], key=str(i)))
    missing = make_record(99)["id"]
    jobs.append(DownloadJob(f"{server.url}/clips/{missing}", tmp_path / "99.mp4", "0" * 64, 10, key="99"))
    jobs.append(DownloadJob(jobs[0].url, jobs[0].dest, jobs[0].sha256, jobs[0].size, key="dup"))
    done: dict[str, int] = {}
    lock = threading.Lock()

    def progress(job: DownloadJob, n: int) -> None:
        with lock:
            done[job.key] = n

    with fast_client(server) as client:
        outcomes = client.download_many(jobs, workers=3, progress=progress)
    assert [o.job.key for o in outcomes] == [j.key for j in jobs]
    assert [o.ok for o in outcomes] == [True, True, True, False, True, True, False, False]
    assert isinstance(outcomes[3].error, ChecksumError)
    assert isinstance(outcomes[6].error, DownloadError) and "404" in str(outcomes[6].error)
    assert isinstance(outcomes[7].error, ValueError)
    for i in (0, 1, 2, 4, 5):
        assert (tmp_path / f"{i}.mp4").read_bytes() == server_clip(server, f"sub-{i:06d}")
        assert done[str(i)] == SIZE
    assert sorted(p.name for p in tmp_path.iterdir()) == ["0.mp4", "1.mp4", "2.mp4", "4.mp4", "5.mp4"]


def test_plain_http_to_another_host_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="https"):
        PlatformClient("http://platform.example.org", TOKEN)
    with PlatformServer([], token=TOKEN) as srv, fast_client(srv) as client, pytest.raises(ValueError):
        client.download_clip("http://cdn.example.org/x.mp4", tmp_path / "x.mp4", sha256="0" * 64, size=1)


def server_clip(server: PlatformServer, record_id: str) -> bytes:
    return server.clip_bytes(record_id)


def test_clips_share_keep_alive_connections(server: PlatformServer, tmp_path: Path) -> None:
    jobs = []
    for i in range(6):
        clip = server.record(f"sub-{i:06d}")["clip"]
        jobs.append(DownloadJob(clip["url"], tmp_path / f"{i}.mp4", clip["sha256"], clip["size"], key=str(i)))
    with fast_client(server) as client:
        outcomes = client.download_many(jobs, workers=2)
        again = client.download_many([DownloadJob(j.url, tmp_path / f"again-{j.key}.mp4", j.sha256, j.size)
                                      for j in jobs[:2]], workers=2)
    assert all(o.ok for o in outcomes + again)
    assert len(server.clip_requests("sub-000000")) == 2
    assert server.connections_opened <= 2  # two workers, each reusing its connection for every clip
    for i in range(6):
        assert (tmp_path / f"{i}.mp4").read_bytes() == server_clip(server, f"sub-{i:06d}")


def test_the_httpx_path_resumes_and_verifies_too(server: PlatformServer, tmp_path: Path) -> None:
    """With a proxy configured clips go through httpx instead of the direct reader: same guarantees."""
    server.drop_clip_after(70_000, count=1, record_id="sub-000001")
    clip = server.record("sub-000001")["clip"]
    dest = tmp_path / "p.mp4"
    policy = RetryPolicy(max_retries=3, base_s=0.01, cap_s=0.05, max_retry_after_s=1.0)
    with httpx.Client(timeout=2.0) as http:
        downloader = ClipDownloader(http, policy, lambda _url: {"Authorization": f"Bearer {TOKEN}"})
        downloader.download(clip["url"], dest, sha256=clip["sha256"], size=clip["size"])
        server.corrupt_clip("sub-000002")
        bad = server.record("sub-000002")["clip"]
        with pytest.raises(ChecksumError):
            downloader.download(bad["url"], tmp_path / "q.mp4", sha256=bad["sha256"], size=bad["size"])
    assert [r.range for r in server.clip_requests("sub-000001")] == [None, "bytes=70000-"]
    assert dest.read_bytes() == server_clip(server, "sub-000001")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.mp4"]


def test_a_keep_alive_the_server_closed_is_replaced_without_a_retry(server: PlatformServer, tmp_path: Path) -> None:
    with fast_client(server, max_retries=0) as client:
        fetch(client, server, "sub-000000", tmp_path / "a.mp4")
        server.cut_connections()  # the pooled connection is now dead, and the client does not know it
        time.sleep(0.05)
        fetch(client, server, "sub-000001", tmp_path / "b.mp4")
    assert [r.status for r in server.clip_requests("sub-000001")] == [200]
    assert (tmp_path / "b.mp4").read_bytes() == server_clip(server, "sub-000001")
    assert server.connections_opened == 2


def test_iter_downloads_yields_in_completion_order_and_hold_stops_new_starts(
    server: PlatformServer, tmp_path: Path
) -> None:
    server.trickle_clips(SIZE // 20, 0.05, record_id="sub-000000")  # about a second
    jobs = []
    for i in range(6):
        clip = server.record(f"sub-{i:06d}")["clip"]
        jobs.append(DownloadJob(clip["url"], tmp_path / f"{i}.mp4", clip["sha256"], clip["size"], key=str(i)))
    order: list[str] = []
    idle = 0
    hold = threading.Event()
    with fast_client(server) as client:
        for outcome in client.iter_downloads(jobs[:4], workers=2, idle_s=0.1):
            if outcome is None:
                idle += 1
                continue
            assert outcome.ok and outcome.job.dest.read_bytes() == server_clip(server, f"sub-{int(outcome.job.key):06d}")
            order.append(outcome.job.key)
        # the slow first clip held up only its own thread: the other three came out before it
        assert order == ["1", "2", "3", "0"] and idle >= 3
        # hold set while the first job runs: it finishes, the second never starts
        held = [o for o in client.iter_downloads(jobs[4:], workers=1, hold=hold,
                                                 progress=lambda _job, _n: hold.set()) if o is not None]
    by_key = {o.job.key: o for o in held}
    assert by_key["4"].ok and (tmp_path / "4.mp4").read_bytes() == server_clip(server, "sub-000004")
    assert isinstance(by_key["5"].error, DownloadCancelled) and "not started" in str(by_key["5"].error)
    assert not (tmp_path / "5.mp4").exists() and not part_of(tmp_path / "5.mp4").exists()
