"""Clips like the ones senders upload (quiet, loud, mono, 44.1 kHz, portrait, silent), made once per session."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from moderator_app.base.ffmpeg import run_ffmpeg
from moderator_app.demo.synth import make_clip
from moderator_app.spot.model import SpotClip

CLIP_S = 9.0
"""A 30 s spot leaves 25 s for three messages: 8.33 s each, so 9 s clips fit with room to centre."""


def _regain(source: Path, out: Path, audio_filter: str, extra: list[str]) -> Path:
    run_ffmpeg(
        ["-y", "-i", str(source), "-c:v", "copy", "-af", audio_filter, *extra, "-c:a", "aac", str(out)]
    )
    return out


@pytest.fixture(scope="session")
def clip_dir(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("spot-clips")
    speech = make_clip(
        folder / "speech.mp4", duration=CLIP_S, width=320, height=240, audio="speech", pattern=0
    )
    return {
        "mono": speech,  # make_clip records mono sound, as many phones do
        "loud": _regain(speech, folder / "loud.mp4", "volume=14dB,alimiter=limit=0.98:level=0", ["-ac", "2"]),
        "quiet_441": _regain(speech, folder / "quiet.mp4", "volume=-20dB", ["-ar", "44100"]),
        # a steady sound with a 3.5 s burst 12 dB louder (music, a shout): levelled as a whole message, the
        # burst's 3 s window still ends ~3.6 LU above the target, over the short-term limit
        "shout": _regain(
            make_clip(folder / "tone.mp4", duration=CLIP_S, width=320, height=240, audio="tone", pattern=6),
            folder / "shout.mp4",
            "volume=enable='between(t,3,6.5)':volume=12dB",
            [],
        ),
        "portrait": make_clip(
            folder / "portrait.mp4",
            duration=CLIP_S,
            width=320,
            height=180,
            rotate=90,
            audio="tone",
            pattern=3,
        ),
        "silent": make_clip(
            folder / "silent.mp4", duration=CLIP_S, width=320, height=180, audio="none", pattern=2
        ),
        "short": make_clip(folder / "short.mp4", duration=1.5, width=160, height=90, audio="tone", pattern=5),
    }


def spot_clip(
    path: Path, submission_id: str, recipient: str = "Hélène", sender: str = "Lucas", duration: float = CLIP_S
) -> SpotClip:
    return SpotClip(submission_id, path, duration, True, True, recipient, sender)


@pytest.fixture(scope="session")
def qapp_args() -> list[str]:
    """Titles need only QtGui; without an X server use the offscreen platform (no effect under Xvfb)."""
    return [sys.argv[0]] + ([] if os.environ.get("DISPLAY") else ["-platform", "offscreen"])
