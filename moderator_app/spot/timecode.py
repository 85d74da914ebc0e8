"""Frame-exact time at the broadcast rate: every duration in the spot model is a whole number of frames."""

from __future__ import annotations

import re

FPS = 25
"""PAL broadcast rate; all spot maths is in frames of this rate."""

SAMPLES_PER_FRAME = 48000 // FPS
"""Audio at 48 kHz holds exactly 1920 samples per frame, so audio and video cut on the same boundaries."""

_TIMECODE = re.compile(r"^(\d{2}):(\d{2}):(\d{2})[:;](\d{2})$")


def seconds_to_frames(seconds: float, fps: int = FPS) -> int:
    """Whole frames in ``seconds`` (rounded down: a partial frame cannot be shown)."""
    return int(seconds * fps + 1e-6)


def frames_to_seconds(frames: int, fps: int = FPS) -> float:
    return frames / fps


def timecode(frames: int, fps: int = FPS) -> str:
    """HH:MM:SS:FF, non-drop (25 fps has no drop-frame)."""
    if frames < 0:
        raise ValueError("timecode of a negative frame count")
    seconds, ff = divmod(frames, fps)
    minutes, ss = divmod(seconds, 60)
    hh, mm = divmod(minutes, 60)
    return f"{hh:02d}:{mm:02d}:{ss:02d}:{ff:02d}"


def parse_timecode(text: str, fps: int = FPS) -> int:
    """Frames from HH:MM:SS:FF; raises ValueError on anything else (including FF >= fps)."""
    match = _TIMECODE.match(text.strip())
    if not match:
        raise ValueError(f"not a timecode: {text!r}")
    hh, mm, ss, ff = (int(g) for g in match.groups())
    if mm >= 60 or ss >= 60 or ff >= fps:
        raise ValueError(f"timecode out of range: {text!r}")
    return ((hh * 60 + mm) * 60 + ss) * fps + ff
