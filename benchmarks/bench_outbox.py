"""Outbox flush after a reconnect: 1,000 decisions made offline reach the platform (target <= 5 s).

Figure: with 1,000 decisions pending (made while the platform was down, a failed push in between),
the platform comes back; time from its return to ``PlatformSync.push()`` having every decision
acknowledged and recorded (``decisions.pushed_at`` + outbox bookkeeping, committed per chunk).
Anchor: the bare network floor in the same run: 1,000 ``post_decision`` calls with fresh idempotency
keys, no database at all, sixteen at a time on one client (the same concurrency the push uses), so
the gap between the two is the cost of the outbox bookkeeping and its durable commits.
Note: the test server answers in two writes (headers, then body), so each request waits for a
delayed ACK (~40 ms on Linux loopback); that makes it a fair stand-in for a real link's round trip.
The server runs in its own process (its GIL must not slow the client), restarted on the same port.

    /work/venv/bin/python benchmarks/bench_outbox.py [--reps 5] [--decisions 1000]
"""

from __future__ import annotations

import argparse
import json
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from moderator_app.db.cache import Cache
from moderator_app.db.platform import pending_count, source_of
from moderator_app.db.submissions import CachedClip, insert_submissions
from moderator_app.db.unit import transaction
from moderator_app.models import ClipProbe
from moderator_app.services.review import ReviewService
from moderator_app.sources.platform.client import PlatformClient
from moderator_app.sources.platform.pipeline import PUSH_WORKERS, PlatformSync
from moderator_app.sources.record import parse_record

TOKEN = "bench-token"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(items: int, port: int) -> subprocess.Popen[str]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.support.platform_server", "--items", str(items), "--port", str(port),
         "--token", TOKEN, "--clip-size", "1024", "--distinct-clips", "1"],
        cwd=REPO, stdout=subprocess.PIPE, text=True,
    )
    assert proc.stdout is not None
    if not proc.stdout.readline():
        proc.kill()
        raise SystemExit("the test server did not start")
    return proc


def stop_server(proc: subprocess.Popen[str]) -> None:
    proc.terminate()
    proc.wait(timeout=30)


def seed_cache(cache: Cache, url: str) -> list[str]:
    """Setup, not measured: the listed records become platform submissions (clips are not needed to push)."""
    probe = ClipProbe("mov,mp4,m4a,3gp,3g2,mj2", 1.0, 96, 64, 0, "h264", None, 1)
    with PlatformClient(url, TOKEN) as client:
        subs = [parse_record(r, contract="http") for page in client.iter_queued() for r in page]
    with transaction(cache.db):
        insert_submissions(cache.db, [
            (s, CachedClip(f"{s.id}.mp4", s.clip_sha256 or "", s.clip_size or 0, probe), source_of(s.id))
            for s in subs])
    return [s.id for s in subs]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--reps", type=int, default=5)
    parser.add_argument("--decisions", type=int, default=1000)
    args = parser.parse_args()
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    flush_s: list[float] = []
    floor_s: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        cache = Cache(Path(tmp) / "data")
        server = start_server(args.decisions, port)
        try:
            ids = seed_cache(cache, url)
            svc = ReviewService(cache, "ana")
            for rep in range(args.reps):
                for i, sid in enumerate(ids):
                    svc.decide(sid, "approved" if (i + rep) % 2 == 0 else "rejected")
                stop_server(server)
                with PlatformClient(url, TOKEN, max_retries=0) as client:
                    offline = PlatformSync(cache, client, "ana").push()
                assert not offline.online and offline.push_pending == len(ids), offline.summary()
                server = start_server(args.decisions, port)  # the platform is back
                started = time.perf_counter()
                with PlatformClient(url, TOKEN, max_connections=PUSH_WORKERS) as client:
                    report = PlatformSync(cache, client, "ana").push()
                flush_s.append(time.perf_counter() - started)
                assert report.pushed == len(ids) and pending_count(cache.db) == 0, report.summary()
                # anchor: the same number of bare POSTs, no database
                started = time.perf_counter()
                with (PlatformClient(url, TOKEN, max_connections=PUSH_WORKERS) as client,
                      ThreadPoolExecutor(PUSH_WORKERS) as pool):
                    list(pool.map(lambda sid: client.post_decision(sid, {
                        "decision": "approved", "flags": [], "note": "", "moderator": "ana",
                        "decided_at": "2020-04-02T18:21:07Z", "idempotency_key": str(uuid.uuid4())}), ids))
                floor_s.append(time.perf_counter() - started)
                print(f"rep {rep + 1}: flush {flush_s[-1]:.2f} s, bare POSTs {floor_s[-1]:.2f} s", flush=True)
        finally:
            stop_server(server)
            cache.close()

    def line(name: str, values: list[float]) -> str:
        return (f"{name:<52} median {statistics.median(values):6.2f} s   min {min(values):6.2f} s"
                f"   max {max(values):6.2f} s   (n={len(values)})")

    print(line(f"reconnect -> outbox flushed ({args.decisions} decisions)", flush_s))
    print(line(f"anchor: {args.decisions} bare POSTs, {PUSH_WORKERS} at a time", floor_s))
    print(json.dumps({"flush_median_s": statistics.median(flush_s), "flush_max_s": max(flush_s),
                      "anchor_median_s": statistics.median(floor_s), "target_s": 5.0}))
    return 0 if max(flush_s) <= 5.0 else 1


if __name__ == "__main__":
    sys.exit(main())
