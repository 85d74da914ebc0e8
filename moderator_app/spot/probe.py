"""What the renderer must know about a source clip before building the filter graph."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import av


@dataclass(frozen=True, slots=True)
class SourceInfo:
    display_width: int
    """Width as shown, after the display-matrix rotation (phones store portrait as rotated landscape)."""
    display_height: int
    has_audio: bool


def probe_source(path: Path) -> SourceInfo:
    """Open the clip and decode one frame: the rotation is only known reliably from a decoded frame."""
    with av.open(str(path)) as container:
        has_audio = bool(container.streams.audio)
        stream = container.streams.video[0]
        width, height, rotation = stream.codec_context.width, stream.codec_context.height, 0
        sar = stream.codec_context.sample_aspect_ratio
        for frame in container.decode(stream):
            width, height, rotation = frame.width, frame.height, int(frame.rotation)
            break
    if sar is not None and sar.numerator and sar.denominator and sar != 1:
        width = round(width * sar.numerator / sar.denominator)
    if abs(rotation) % 180 == 90:
        width, height = height, width
    return SourceInfo(width, height, has_audio)
