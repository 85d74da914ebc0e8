"""What the renderer must know about a source clip before building the filter graph."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

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
_FULL_RANGE = 2
# AVColorTransferCharacteristic and AVColorPrimaries values that mean HDR or a wide gamut
Hdr = Literal["hlg", "pq"]
_HDR_TRANSFERS: dict[int, Hdr] = {18: "hlg", 16: "pq"}  # arib-std-b67 (HLG), smpte2084 (PQ)
_BT2020_PRIMARIES = 9
_BT2020_MATRICES = {9: "bt2020nc", 10: "bt2020c"}


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
    hdr: Hdr | None = None
    """The stream's transfer is HLG (arib-std-b67) or PQ (smpte2084): tone-mapped to BT.709 SDR in the spot."""
    bt2020: bool = False
    """BT.2020 primaries (iPhone HDR, some SDR wide-gamut clips): mapped to BT.709's gamut in the spot."""
    matrix: str = "bt2020nc"
    """The YUV matrix of a BT.2020 or HDR source, as zscale names it (tagged clips say; BT.2020 NCL if not)."""
    full_range: bool = False

    @property
    def needs_sdr(self) -> bool:
        """The picture must be converted to BT.709 SDR before it joins the spot (HDR or a BT.2020 gamut)."""
        return self.hdr is not None or self.bt2020


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
        context = stream.codec_context
        transfer, primaries = int(context.color_trc or 2), int(context.color_primaries or 2)
        for frame in container.decode(stream):
            width, height, rotation = frame.width, frame.height, int(frame.rotation)
            colorspace, color_range = int(frame.colorspace), int(frame.color_range)
            transfer = int(frame.color_trc) if int(frame.color_trc) != 2 else transfer
            primaries = int(frame.color_primaries) if int(frame.color_primaries) != 2 else primaries
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
        hdr=_HDR_TRANSFERS.get(transfer),
        bt2020=primaries == _BT2020_PRIMARIES,
        matrix=_BT2020_MATRICES.get(colorspace, "bt709" if colorspace == 1 else "bt2020nc"),
        full_range=color_range == _FULL_RANGE,
    )
