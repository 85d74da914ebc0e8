"""Hypothesis over the decode check: mutated real MP4 and WebM files either probe or raise ClipError.

Anything else escaping verify_clip (an FFmpeg error class, a ValueError from a header field, a crash) would
abort an ingest worker; a hang would stall a sync. Each example runs under a deadline, and the number of
examples is bounded so CI stays quick (``HYPOTHESIS_MAX_EXAMPLES`` raises it for a long local run).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from moderator_app.demo.synth import make_clip
from moderator_app.models import ClipProbe
from moderator_app.sources.cliptest import ClipError, verify_clip

MAX_EXAMPLES = int(os.environ.get("HYPOTHESIS_MAX_EXAMPLES", "60"))
DEADLINE_MS = 5000
"""A small clip verifies in milliseconds; seconds means a loop on hostile bytes."""

_SEEDS: dict[str, bytes] = {}


def seed(kind: str) -> bytes:
    """A small real clip of each accepted family, made once per session by the bundled ffmpeg."""
    if kind not in _SEEDS:
        with tempfile.TemporaryDirectory() as tmp:
            path = make_clip(Path(tmp) / f"seed.{kind}", duration=1.2, width=96, height=64,
                             audio="tone", container=kind)
            _SEEDS[kind] = path.read_bytes()
    return _SEEDS[kind]


@st.composite
def mutated(draw: st.DrawFn, kind: str) -> bytes:
    """The seed with a few flips, cuts and insertions: kept near a valid file so the parsers go deep."""
    data = bytearray(seed(kind))
    for _ in range(draw(st.integers(1, 6))):
        op = draw(st.sampled_from(("flip", "overwrite", "truncate", "insert", "delete")))
        # mostly past the first bytes: a mangled signature is refused at once, the parsers are deeper in
        low = 0 if draw(st.integers(0, 3)) == 3 else min(64, len(data) - 1)
        at = draw(st.integers(low, max(low, len(data) - 1)))
        if op == "flip":
            data[at] ^= 1 << draw(st.integers(0, 7))
        elif op == "overwrite":
            chunk = draw(st.binary(min_size=1, max_size=16))
            data[at : at + len(chunk)] = chunk
        elif op == "truncate":
            del data[max(1, at):]
        elif op == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=64))
        else:
            del data[at : at + draw(st.integers(1, 256))]
    return bytes(data)


def check(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"fuzz{suffix}"
        path.write_bytes(data)
        try:
            probe = verify_clip(path)
        except ClipError as exc:
            assert exc.reason.startswith("clip "), exc.reason
        else:
            assert isinstance(probe, ClipProbe)
            assert probe.container in ("mp4", "mov", "3gp", "mkv", "webm")
            assert probe.frames_decoded >= 1


FUZZ = settings(max_examples=MAX_EXAMPLES, deadline=DEADLINE_MS, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@pytest.mark.parametrize("kind", ["mp4", "webm"])
def test_mutated_clips_probe_or_are_refused(kind: str) -> None:
    @FUZZ
    @given(data=mutated(kind))
    def run(data: bytes) -> None:
        check(data, ".bin")  # the name says nothing: only the content counts

    run()


@FUZZ
@given(head=st.sampled_from([b"ffconcat version 1.0\n", b"#EXTM3U\n", b"<?xml ", b"v=0\r\n", b"",
                             b"\x00\x00\x00\x18ftyp", b"\x1a\x45\xdf\xa3"]),
       tail=st.binary(max_size=512))
def test_arbitrary_bytes_behind_a_known_start_are_refused_or_probe(head: bytes, tail: bytes) -> None:
    check(head + tail, ".mp4")
