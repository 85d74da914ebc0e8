"""Near-duplicate fingerprints on real clips, and grouping on many synthetic ones."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np

from moderator_app.qc import Thresholds, check_file, distance, duplicate_of, group_duplicates
from moderator_app.qc.fingerprint import FINGERPRINT_FRAMES, from_hex, to_hex

Media = Callable[[str], Path]
LIMIT = Thresholds().duplicate_max_bits


def test_reencoded_resized_copy_is_a_duplicate_and_another_clip_is_not(media: Media) -> None:
    original, copy, other = (check_file(media(n)) for n in ("clean.mp4", "copy_resized.mp4", "other.mp4"))
    assert original.fingerprint and copy.fingerprint and other.fingerprint
    assert len(original.fingerprint) == FINGERPRINT_FRAMES
    assert distance(original.fingerprint, copy.fingerprint) <= LIMIT / 2
    assert distance(original.fingerprint, other.fingerprint) > 2 * LIMIT
    keys = ["a-original", "b-copy", "c-other"]
    found = duplicate_of(keys, [original.fingerprint, copy.fingerprint, other.fingerprint], LIMIT)
    assert found == {"b-copy": "a-original"}
    copy.mark_duplicate(found["b-copy"])
    assert copy.duplicate_of == "a-original" and "duplicate" in copy.findings
    assert original.duplicate_of is None


def test_hex_round_trip() -> None:
    fp = (0, 1, 2**64 - 1) + (12345,) * (FINGERPRINT_FRAMES - 3)
    assert from_hex(to_hex(fp)) == fp


def _flip(rng: np.random.Generator, fp: np.ndarray, bits: int) -> np.ndarray:
    out = fp.copy()
    for slot in range(out.size):
        for bit in rng.choice(64, size=bits, replace=False):
            out[slot] ^= np.uint64(1) << np.uint64(bit)
    return out


def test_grouping_finds_planted_groups_among_random_clips() -> None:
    rng = np.random.default_rng(3)
    base = rng.integers(0, 2**63, size=(500, FINGERPRINT_FRAMES), dtype=np.uint64)
    fps = [tuple(int(v) for v in row) for row in base]
    planted = {}
    for source in (10, 20, 30):
        for _ in range(2):
            planted[len(fps)] = source
            fps.append(tuple(int(v) for v in _flip(rng, base[source], 3)))
    groups = group_duplicates(fps, LIMIT)
    assert sorted(sorted(g) for g in groups) == [
        sorted([s, *[k for k, v in planted.items() if v == s]]) for s in (10, 20, 30)
    ]


def test_far_copies_are_not_grouped() -> None:
    rng = np.random.default_rng(4)
    a = rng.integers(0, 2**63, size=FINGERPRINT_FRAMES, dtype=np.uint64)
    b = _flip(rng, a, 20)  # 20 of 64 bits off in every frame: a different picture
    fps = [tuple(int(v) for v in a), tuple(int(v) for v in b)]
    assert group_duplicates(fps, LIMIT) == []
