"""What the renderer must know about a source clip before building the filter graph."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import av

# libavutil's "unspecified" values of AVColorSpace and AVColorRange
_UNSPECIFIED_COLORSPACE = 2
_UNSPECIFIED_RANGE = 0


@dataclass(frozen=True, slots=True)
class SourceInfo:
    display_width: int
    """Width as shown, after the display-matrix rotation (phones store portrait as rotated landscape)."""
    display_height: int
    has_audio: bool
    colorspace_tagged: bool = True
    """The stream says which YUV matrix it uses (most phones do; synthetic and some web clips do not)."""
    range_tagged: bool = True
    """The stream says whether it is limited (TV) or full range."""


def probe_source(path: Path) -> SourceInfo:
    """Open the clip and decode one frame: the rotation is only known reliably from a decoded frame."""
    with av.open(str(path)) as container:
        has_audio = bool(container.streams.audio)
        stream = container.streams.video[0]
        width, height, rotation = stream.codec_context.width, stream.codec_context.height, 0
        sar = stream.codec_context.sample_aspect_ratio
        colorspace, color_range = _UNSPECIFIED_COLORSPACE, _UNSPECIFIED_RANGE
        for frame in container.decode(stream):
            width, height, rotation = frame.width, frame.height, int(frame.rotation)
            colorspace, color_range = int(frame.colorspace), int(frame.color_range)
            if frame.format.name.startswith("yuvj"):  # JPEG pixel formats are full range by definition
                color_range = 2
            break
    if sar is not None and sar.numerator and sar.denominator and sar != 1:
        width = round(width * sar.numerator / sar.denominator)
    if abs(rotation) % 180 == 90:
        width, height = height, width
    return SourceInfo(
        width,
        height,
        has_audio,
        colorspace_tagged=colorspace != _UNSPECIFIED_COLORSPACE,
        range_tagged=color_range != _UNSPECIFIED_RANGE,
    )
