"""What the renderer must know about a source clip before building the filter graph."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import av

from moderator_app.base.media import (
    Container,
    check_picture_size,
    container_of,
    file_url,
    pyav_probe_options,
    read_head,
)

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
    container: Container | None = None
    """The container its first bytes name: every later ffmpeg input of the clip is told this demuxer."""


def probe_source(path: Path) -> SourceInfo:
    """Open the clip and decode one frame: the rotation is only known reliably from a decoded frame.

    Raises NotAClip (a ValueError) when the first bytes name no clip container (a playlist or manifest
    posing as a clip, which a probing demuxer would follow to another submission's video) or the header's
    picture is over the size limit: nothing is decoded then."""
    kind = container_of(read_head(path))
    with av.open(file_url(path), format=kind.pyav_format, options=pyav_probe_options()) as container:
        has_audio = bool(container.streams.audio)
        stream = container.streams.video[0]
        width, height, rotation = stream.codec_context.width, stream.codec_context.height, 0
        check_picture_size(width, height)
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
        container=kind,
    )
