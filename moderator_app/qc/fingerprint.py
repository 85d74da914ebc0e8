"""Perceptual fingerprints of clips and fast grouping of near-duplicates.

A fingerprint is the 64-bit DCT pHash of FINGERPRINT_FRAMES frames taken at fixed shares of the clip's
duration, so a re-encoded, resized or re-sent copy lines up slot by slot. Two clips are compared by the
mean Hamming distance over the slots.

Grouping thousands of clips cannot compare every pair (10,000 clips are 50 million pairs), so candidates
come from LSH banding: each 64-bit hash is cut into four 16-bit bands, and clips sharing a band value in
the same slot are candidates. By the pigeonhole principle two hashes differing in at most 3 bits share a
band; a real duplicate has 16 slots to get one such close frame. Candidates are then checked exactly.
"""

from __future__ import annotations

from collections.abc import Sequence

import cv2
import numpy as np
import numpy.typing as npt

FINGERPRINT_FRAMES = 16
Fingerprint = tuple[int, ...]
"""FINGERPRINT_FRAMES unsigned 64-bit pHashes, in time order."""

HASH_SIZE = 32
"""Frames are shrunk to HASH_SIZE x HASH_SIZE before the DCT (the classic pHash)."""
BANDS = 4
BAND_BITS = 64 // BANDS
MAX_BUCKET = 64
"""A band value shared by more clips than this carries no information (e.g. every clip opening on black
hashes alike): it yields no candidates, and the pair must meet through another slot or band."""


def phash(frame: npt.NDArray[np.uint8]) -> int:
    """64-bit DCT perceptual hash: signs of the 8x8 lowest frequencies against their median."""
    small = frame.astype(np.float32)
    if small.shape != (HASH_SIZE, HASH_SIZE):
        small = np.asarray(cv2.resize(small, (HASH_SIZE, HASH_SIZE), interpolation=cv2.INTER_AREA), np.float32)
    low = cv2.dct(small)[:8, :8].flatten()
    bits = low > np.median(low[1:])
    return int(np.packbits(bits).view(">u8")[0])


def to_hex(fingerprint: Fingerprint) -> list[str]:
    return [f"{h:016x}" for h in fingerprint]


def from_hex(values: Sequence[str]) -> Fingerprint:
    return tuple(int(v, 16) for v in values)


def _matrix(fingerprints: Sequence[Fingerprint]) -> npt.NDArray[np.uint64]:
    if not fingerprints:
        return np.zeros((0, FINGERPRINT_FRAMES), dtype=np.uint64)
    return np.asarray(fingerprints, dtype=np.uint64).reshape(len(fingerprints), -1)


def distance(a: Fingerprint, b: Fingerprint) -> float:
    """Mean Hamming distance in bits (0-64) between time-aligned frame hashes."""
    x = np.bitwise_xor(_matrix([a]), _matrix([b]))
    return float(np.bitwise_count(x).mean())


def _candidate_pairs(m: npt.NDArray[np.uint64]) -> npt.NDArray[np.int64]:
    """Unique (i, j), i < j, sharing a band value in the same slot, encoded as i * n + j."""
    n = m.shape[0]
    found: list[npt.NDArray[np.int64]] = []
    mask = np.uint64((1 << BAND_BITS) - 1)
    for slot in range(m.shape[1]):
        for band in range(BANDS):
            values = (m[:, slot] >> np.uint64(band * BAND_BITS)) & mask
            order = np.argsort(values, kind="stable")
            ordered = values[order]
            _, _starts, counts = np.unique(ordered, return_index=True, return_counts=True)
            run_len = np.repeat(counts, counts)
            usable = (run_len > 1) & (run_len <= MAX_BUCKET)
            if not usable.any():
                continue
            idx = order[usable].astype(np.int64)
            vals = ordered[usable]
            # Within equal runs, pair each element with the ones after it, one offset at a time.
            for offset in range(1, MAX_BUCKET):
                same = vals[:-offset] == vals[offset:]
                if not same.any():
                    break
                i, j = idx[:-offset][same], idx[offset:][same]
                found.append(np.minimum(i, j) * n + np.maximum(i, j))
    if not found:
        return np.zeros(0, dtype=np.int64)
    return np.unique(np.concatenate(found))


def near_pairs(fingerprints: Sequence[Fingerprint], max_mean_bits: float) -> list[tuple[int, int, float]]:
    """(i, j, distance) for every candidate pair within max_mean_bits."""
    m = _matrix(fingerprints)
    n = m.shape[0]
    codes = _candidate_pairs(m)
    if codes.size == 0:
        return []
    i, j = codes // n, codes % n
    dist = np.bitwise_count(np.bitwise_xor(m[i], m[j])).mean(axis=1)
    keep = dist <= max_mean_bits
    return [(int(a), int(b), float(d)) for a, b, d in zip(i[keep], j[keep], dist[keep], strict=True)]


def group_duplicates(fingerprints: Sequence[Fingerprint], max_mean_bits: float) -> list[list[int]]:
    """Groups (indices, ascending, two or more) of clips linked by near-duplicate pairs; singles are omitted."""
    parent = list(range(len(fingerprints)))

    def root(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b, _ in near_pairs(fingerprints, max_mean_bits):
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    groups: dict[int, list[int]] = {}
    for k in range(len(fingerprints)):
        groups.setdefault(root(k), []).append(k)
    return [g for g in groups.values() if len(g) > 1]


def duplicate_of(keys: Sequence[str], fingerprints: Sequence[Fingerprint], max_mean_bits: float) -> dict[str, str]:
    """Map each duplicate's key to its group's first key in the given order (pass clips oldest first, so the
    first submission is the original)."""
    result: dict[str, str] = {}
    for group in group_duplicates(fingerprints, max_mean_bits):
        first = keys[group[0]]
        for k in group[1:]:
            result[keys[k]] = first
    return result
