"""Ingest of N tiny-clip records from an inbox folder: records/s, and the second (idempotent) run's cost.

Targets (issue 2): >= 2,000 records/s for 10,000 records; the second run <= 10% of the first.
Anchor, same run: `cp -r` of the same inbox (what copying the files alone costs on this disk).

    python benchmarks/bench_ingest.py [--records 10000] [--reps 3]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from moderator_app.db.cache import Cache
from moderator_app.demo import make_bulk_inbox
from moderator_app.sources.inbox import sync_inbox


def settle(folder: Path) -> None:
    past = time.time() - 120
    for entry in os.scandir(folder):
        os.utime(entry.path, (past, past))


def spread(values: list[float]) -> str:
    return f"median {statistics.median(values):.3f} s (min {min(values):.3f}, max {max(values):.3f})"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--reps", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-ingest-") as tmp:
        root = Path(tmp)
        inbox = root / "inbox"
        t0 = time.perf_counter()
        make_bulk_inbox(inbox, args.records)
        settle(inbox)
        print(f"inbox of {args.records} records written in {time.perf_counter() - t0:.1f} s")
        firsts, seconds, copies = [], [], []
        for rep in range(args.reps):
            copy_dir = root / f"copy{rep}"
            t = time.perf_counter()
            subprocess.run(["cp", "-r", str(inbox), str(copy_dir)], check=True)
            subprocess.run(["sync"], check=True)
            copies.append(time.perf_counter() - t)
            shutil.rmtree(copy_dir)

            cache = Cache(root / f"data{rep}")
            t = time.perf_counter()
            report = sync_inbox(cache.db, cache.data_dir, inbox)
            firsts.append(time.perf_counter() - t)
            assert len(report.added) == args.records, report.summary()
            t = time.perf_counter()
            again = sync_inbox(cache.db, cache.data_dir, inbox)
            seconds.append(time.perf_counter() - t)
            assert not again.added and again.unchanged == args.records
            cache.close()
            shutil.rmtree(root / f"data{rep}")
            print(f"rep {rep + 1}: first {firsts[-1]:.2f} s ({args.records / firsts[-1]:.0f} records/s), "
                  f"second {seconds[-1]:.3f} s, cp -r + sync {copies[-1]:.2f} s")
        rates = [args.records / f for f in firsts]
        ratios = [s / f for s, f in zip(seconds, firsts, strict=True)]
        print(f"first run : {spread(firsts)} -> median {statistics.median(rates):.0f} records/s "
              f"(min {min(rates):.0f}, max {max(rates):.0f}); target >= 2000")
        print(f"second run: {spread(seconds)} -> median {100 * statistics.median(ratios):.1f}% of the first "
              f"(max {100 * max(ratios):.1f}%); target <= 10%")
        print(f"anchor cp -r + sync of the same inbox: {spread(copies)}")
        print(f"cpu count {os.cpu_count()}, load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
