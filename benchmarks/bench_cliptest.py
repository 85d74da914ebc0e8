"""Cost of proving a clip plays (verify_clip) and of validating its record, per submission of the bulk inbox.

Figure: ``verify_clip`` on the bulk inbox's tiny clip (0.2 s, 64x64 H.264 in MP4, 5 frames: decoded entirely).
Anchor: ``av.open`` + reading the first packet + close of the same file, the floor any PyAV probe pays.
Also shown: ``load_record_file`` + ``sha256_file`` per record, and ``verify_clip`` on a 4 s 640x360 demo clip
(head + seek-to-end path). Target for the ingest: >= 2,000 records/s on 2 cores, so <= ~1 ms/record/core
for everything, and the brief's budget for verify_clip on the tiny clip is <= 2 ms.

    /work/venv/bin/python benchmarks/bench_cliptest.py [--reps 2000]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import av
from bulk_inbox import make_bulk_inbox

from moderator_app.demo.synth import make_clip
from moderator_app.sources.cliptest import sha256_file, verify_clip
from moderator_app.sources.record import load_record_file


def measure(action: Callable[[], object], reps: int) -> list[float]:
    for _ in range(min(50, reps)):  # warm caches (page cache, codec tables)
        action()
    samples: list[float] = []
    for _ in range(reps):
        started = time.perf_counter()
        action()
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def report(label: str, samples: list[float]) -> None:
    ordered = sorted(samples)
    p95 = ordered[int(0.95 * (len(ordered) - 1))]
    print(
        f"{label:<44} median {statistics.median(ordered):7.3f} ms   p95 {p95:7.3f} ms   "
        f"min {ordered[0]:7.3f}   max {ordered[-1]:7.3f}   (n={len(ordered)})"
    )


def open_first_packet(path: Path) -> None:
    with av.open(str(path)) as container:
        next(container.demux(container.streams.video[0]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reps", type=int, default=2000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "inbox"
        make_bulk_inbox(folder, 200)
        tiny = folder / "sub-000001.mp4"
        record = folder / "sub-000001.json"
        demo = make_clip(Path(tmp) / "demo.mp4", duration=4.0, width=640, height=360)

        print(f"verify_clip(tiny) -> {verify_clip(tiny)}")
        # interleave figure and anchor in rounds so both see the same machine load
        rounds = 5
        figure: list[float] = []
        anchor: list[float] = []
        records: list[float] = []
        for _ in range(rounds):
            figure += measure(lambda: verify_clip(tiny), args.reps // rounds)
            anchor += measure(lambda: open_first_packet(tiny), args.reps // rounds)
            records += measure(lambda: (load_record_file(record), sha256_file(tiny)), args.reps // rounds)
        report("FIGURE verify_clip, tiny 0.2 s 64x64 mp4", figure)
        report("ANCHOR av.open + first packet + close", anchor)
        report("load_record_file + sha256_file (tiny)", records)
        report(
            "verify_clip, 4 s 640x360 mp4 (head+tail)",
            measure(lambda: verify_clip(demo), max(20, args.reps // 20)),
        )
        per_record = statistics.median(figure) + statistics.median(records)
        print(f"=> {1000 / per_record:,.0f} records/s per core for record + hash + verify (medians)")


if __name__ == "__main__":
    main()
