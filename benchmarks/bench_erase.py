"""How long ``privacy erase`` takes for one person in a 100,000-row cache (the lead answers the same day).

Fills a cache as bench_queue.py does (100,000 submissions, ~30% decided), then erases one person (two
submissions sent from one address) through the service the CLI and the window call, and prints the time
of the whole erase and of its scrub (search index rebuilt, VACUUM, WAL checkpoint) apart.

    PYTHONPATH=. .venv/bin/python benchmarks/bench_erase.py [--rows 100000]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_queue import fill

from moderator_app.db.cache import Cache
from moderator_app.services.privacy import PrivacyService


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-erase-") as tmp:
        data_dir = Path(tmp) / "data"
        fill(data_dir, args.rows)
        cache = Cache(data_dir)
        try:
            db = cache.db
            ids = [r[0] for r in db.execute("SELECT id FROM submissions ORDER BY id LIMIT 2")]
            db.execute("UPDATE submissions SET sender_email = 'one.person@example.org' WHERE id IN (?, ?)", ids)
            size = (data_dir / "cache.sqlite3").stat().st_size
            service = PrivacyService(cache, "bench")
            t = time.perf_counter()
            out = service.erase(email="one.person@example.org")
            total = time.perf_counter() - t
            after = (data_dir / "cache.sqlite3").stat().st_size
        finally:
            cache.close()
    print(f"erase of one person ({len(out.erased)} submissions) in a {args.rows}-row cache: {total:.2f} s "
          f"(scrub {out.scrub_seconds:.2f} s: search index rebuilt, VACUUM, WAL truncated={out.wal_truncated}); "
          f"cache {size / 1e6:.1f} MB -> {after / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
