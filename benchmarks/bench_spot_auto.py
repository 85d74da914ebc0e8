"""``spot auto`` over 10,000 approved messages (four countries, some duplicates and flags): target <= 2 s.

    python benchmarks/bench_spot_auto.py [--messages 10000] [--reps 5] [--shortest 8] [--longest 12]

Messages of 8-12 s by default, so each spot fits today; with slack filling (issue 12 point 1) the
campaign's 4-9 s messages fit too (``--shortest 4 --longest 9``).

Each repetition dissolves the spots the previous one made, so every run plans the whole campaign.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from moderator_app.db import checks, spot_batch
from moderator_app.db.cache import Cache
from moderator_app.db.submissions import CLIP_COLUMNS, SUBMISSION_COLUMNS, insert_rows
from moderator_app.db.unit import transaction
from moderator_app.services.assembly import AssemblyService
from moderator_app.services.spots import SpotService


def fill(cache: Cache, count: int, shortest: float, longest: float) -> None:
    rng = random.Random(12)
    subs, clips, decisions = [], [], []
    for n in range(count):
        sid = f"sub-{n:06d}"
        received = f"2020-04-{1 + n // 2000:02d}T{(n // 60) % 24:02d}:{n % 60:02d}:00Z"
        sub = dict.fromkeys(SUBMISSION_COLUMNS, None) | {
            "id": sid, "campaign": "c", "country": ("FR", "LU", "TN", "MA")[n % 4], "received_at": received,
            "recipient_first": "Zoé", "recipient_last": "T", "sender_first": "Ali", "sender_last": "T",
            "consent_broadcast": 1, "raw": "{}", "source": "bench", "ingested_at": received}
        clip = dict.fromkeys(CLIP_COLUMNS, None) | {
            "submission_id": sid, "file": f"{sid}.mp4", "sha256": sid, "size": 1, "duration_s": rng.uniform(shortest, longest)}
        subs.append(tuple(sub[c] for c in SUBMISSION_COLUMNS))
        clips.append(tuple(clip[c] for c in CLIP_COLUMNS))
        flags = ["poor_audio"] if n % 50 == 0 else []
        decisions.append((sid, json.dumps(flags), f"2020-05-01T00:00:00.{n:06d}Z", f"k{n}"))
    with transaction(cache.db):
        insert_rows(cache.db, subs, clips)
        cache.db.conn.executemany(
            "INSERT INTO decisions (submission_id, decision, flags, moderator, decided_at, key)"
            " VALUES (?, 'approved', ?, 'bench', ?, ?)", decisions)
        checks.save_reports(cache.db, [(f"sub-{n:06d}", {"findings": []}) for n in range(0, count, 7)])
    with transaction(cache.db):  # every 100th message is a copy of the one before it
        checks.apply_duplicates(cache.db, {f"sub-{n + 7:06d}": f"sub-{n:06d}" for n in range(0, count - 7, 700)})


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--messages", type=int, default=10_000)
    parser.add_argument("--reps", type=int, default=5)
    parser.add_argument("--shortest", type=float, default=8.0)
    parser.add_argument("--longest", type=float, default=12.0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        cache = Cache(Path(tmp) / "data")
        fill(cache, args.messages, args.shortest, args.longest)
        times, made = [], 0
        for _ in range(args.reps):
            spot_batch.delete_spots(cache.db, [s for (s,) in cache.db.execute("SELECT id FROM spots").fetchall()])
            assembly = AssemblyService(SpotService(cache))
            start = time.perf_counter()
            made = len(assembly.auto(3, 30))
            times.append(time.perf_counter() - start)
        cache.close()
    print(f"spot auto over {args.messages} approved messages: {made} spots")
    print(f"median {statistics.median(times):.2f} s  min {min(times):.2f}  max {max(times):.2f}  (n={len(times)})"
          f"  target <= 2 s: {'met' if statistics.median(times) <= 2 else 'MISSED'}")


if __name__ == "__main__":
    main()
