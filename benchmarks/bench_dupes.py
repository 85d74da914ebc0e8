"""How fast 10,000 clip fingerprints are grouped into near-duplicates (target: <= 1 s).

Synthetic fingerprints: random 64-bit frame hashes, plus planted groups of copies with a few bits flipped
in every frame (as re-encoding and resizing do), plus a block of clips sharing a black opening frame (the
hash every clip starting on black has), which is what makes naive LSH buckets explode. The anchor measured
in the same run is numpy's brute-force comparison of one fingerprint against all the others, times n/2:
what comparing every pair would cost.

    /work/venv/bin/python benchmarks/bench_dupes.py [--n 10000] [--reps 7]
"""

from __future__ import annotations

import argparse
import statistics
import time

import numpy as np

from moderator_app.qc.fingerprint import FINGERPRINT_FRAMES, group_duplicates
from moderator_app.qc.thresholds import Thresholds


def make_fingerprints(n: int, seed: int = 1) -> tuple[list[tuple[int, ...]], list[set[int]]]:
    rng = np.random.default_rng(seed)
    base = rng.integers(0, 2**63, size=(n, FINGERPRINT_FRAMES), dtype=np.uint64)
    base[: n // 10, 0] = np.uint64(0x8000000000000000)  # a tenth of the clips open on black
    planted: list[set[int]] = []
    row = 0
    groups = n // 50  # 2% of the clips are originals with copies
    for g in range(groups):
        source = n - 1 - g * 5
        members = {source}
        for _ in range(1 + g % 3):
            copy = base[source].copy()
            for slot in range(FINGERPRINT_FRAMES):
                for bit in rng.choice(64, size=int(rng.integers(0, 6)), replace=False):
                    copy[slot] ^= np.uint64(1) << np.uint64(int(bit))
            target = n // 10 + row
            row += 1
            base[target] = copy
            members.add(target)
        planted.append(members)
    return [tuple(int(v) for v in r) for r in base], planted


def brute_force_estimate(fps: list[tuple[int, ...]]) -> float:
    m = np.asarray(fps, dtype=np.uint64)
    started = time.perf_counter()
    for i in range(20):
        np.bitwise_count(np.bitwise_xor(m, m[i])).mean(axis=1)
    per_row = (time.perf_counter() - started) / 20
    return per_row * len(fps) / 2


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--reps", type=int, default=7)
    args = parser.parse_args()
    limit = Thresholds().duplicate_max_bits
    fps, planted = make_fingerprints(args.n)
    times: list[float] = []
    groups: list[list[int]] = []
    for _ in range(args.reps):
        started = time.perf_counter()
        groups = group_duplicates(fps, limit)
        times.append(time.perf_counter() - started)
    anchors = [brute_force_estimate(fps) for _ in range(3)]
    found = {frozenset(g) for g in groups}
    recall = sum(1 for p in planted if frozenset(p) in found) / len(planted)
    print(f"{args.n} fingerprints x {FINGERPRINT_FRAMES} frames, {len(planted)} planted groups, {args.reps} reps")
    print(f"group_duplicates: median {statistics.median(times):.3f} s  min {min(times):.3f}  max {max(times):.3f}"
          f"  (target <= 1 s)")
    print(f"brute force all pairs (estimated): median {statistics.median(anchors):.2f} s  "
          f"min {min(anchors):.2f}  max {max(anchors):.2f}")
    print(f"groups found {len(groups)}, planted groups recovered exactly: {recall:.1%}")


if __name__ == "__main__":
    main()
