"""What a clip is, read from its container header with PyAV (there is no ffprobe in the bundled ffmpeg).

The header is not trusted for timing: browser WebM has no duration and phones write variable frame
rates, so duration, frame rate and VFR come from the times of the frames the decode pass delivered.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import av
import numpy as np
import numpy.typing as npt

from moderator_app.base.media import (
    Container,
    NotAClip,
    check_picture_size,
    container_of,
    file_url,
    pyav_probe_options,
    read_head,
)

Orientation = Literal["portrait", "landscape", "square"]

TRANSFERS: dict[int, str] = {
    1: "bt709", 4: "gamma22", 5: "gamma28", 6: "smpte170m", 8: "linear", 13: "srgb", 14: "bt2020-10",
    15: "bt2020-12", 16: "smpte2084", 18: "arib-std-b67",
}
"""Names of the AVColorTransferCharacteristic values met in practice (ffmpeg's spelling)."""

HDR_TRANSFERS = frozenset({16, 18})
"""PQ (SMPTE ST 2084) and HLG (ARIB STD-B67): an iPhone's default HDR recording is HLG."""

VFR_DEVIATION = 0.10
"""A frame interval further than this share from the median interval is an irregular one."""

VFR_SHARE = 0.02
"""Above this share of irregular intervals the clip is variable frame rate (a lone dropped frame is not)."""


class UnreadableError(Exception):
    """The file cannot be used as a clip; the message is the reason shown to the moderator."""


@dataclass(frozen=True, slots=True)
class Probe:
    """What the container header says. Rotation and timing come from the decode pass (see Timing)."""

    container: str
    video_codec: str
    audio_codec: str | None
    coded_width: int
    coded_height: int
    shown_width: int
    """Coded width stretched by the sample aspect ratio (non-square pixels), before rotation."""
    header_duration_s: float | None
    nominal_fps: float | None
    has_audio: bool
    audio_channels: int
    audio_sample_rate: int
    pixel_format: str | None
    color_transfer: str | None
    hdr: bool

    def display_size(self, rotation: int) -> tuple[int, int]:
        """Width and height as a player shows the clip: phones store portrait as landscape plus a rotation."""
        if abs(rotation) % 180 == 90:
            return self.coded_height, self.shown_width
        return self.shown_width, self.coded_height


@dataclass(frozen=True, slots=True)
class Timing:
    duration_s: float
    fps: float
    """Average over the whole clip (frames / duration)."""
    vfr: bool


def orientation_of(width: int, height: int) -> Orientation:
    if width == height:
        return "square"
    return "portrait" if height > width else "landscape"


def timing(frame_times: npt.NDArray[np.float64], last_duration_s: float = 0.0) -> Timing:
    """Duration counts the last frame's own display time (its packet's duration, else the interval before
    it), as players show it."""
    intervals = np.diff(frame_times)
    step = float(np.median(intervals)) if intervals.size else 0.0
    last = last_duration_s if last_duration_s > 0 else (float(intervals[-1]) if intervals.size else 0.0)
    duration = float(frame_times[-1]) + last if frame_times.size else 0.0
    fps = frame_times.size / duration if duration > 0 else 0.0
    vfr = False
    if intervals.size >= 3 and step > 0:
        irregular = np.abs(intervals - step) > VFR_DEVIATION * step
        vfr = float(np.mean(irregular)) > VFR_SHARE
    return Timing(duration_s=duration, fps=fps, vfr=vfr)


def sniff_clip(path: Path) -> Container:
    """The clip's container, named from its first bytes (no link followed, no blocking), or UnreadableError:
    a playlist or manifest posing as a clip (ffconcat, HLS, DASH, SDP) must never reach a demuxer that
    would follow it to another file."""
    try:
        return container_of(read_head(path))
    except NotAClip as exc:
        raise UnreadableError(exc.reason) from None


def probe(path: Path, container: Container | None = None) -> Probe:
    """Raise UnreadableError with a reason a moderator can read when the file is not a usable clip.

    The demuxer is the one ``container`` (else the file's first bytes) names, the file protocol only, and
    the picture size is checked from the header before anything is decoded."""
    kind = container or sniff_clip(path)
    try:
        opened = av.open(
            file_url(path), format=kind.pyav_format, options=pyav_probe_options(), metadata_errors="ignore"
        )
    except (av.FFmpegError, OSError, UnicodeDecodeError) as exc:
        # strerror leaves out the file name, which may carry a sender's name.
        detail = getattr(exc, "strerror", None) or exc.__class__.__name__
        raise UnreadableError(f"not a readable media file ({detail})") from exc
    with opened as media:
        if not media.streams.video:
            raise UnreadableError("no video stream")
        video = media.streams.video[0]
        audio = media.streams.audio[0] if media.streams.audio else None
        ctx = video.codec_context
        if not ctx.width or not ctx.height:
            raise UnreadableError("video stream has no picture size")
        coded_w, coded_h = int(ctx.width), int(ctx.height)
        try:
            check_picture_size(coded_w, coded_h)
        except NotAClip as exc:
            raise UnreadableError(exc.reason) from None
        shown_w = coded_w
        sar = ctx.sample_aspect_ratio
        if sar is not None and sar.numerator > 0 and sar.denominator > 0 and sar != 1:
            shown_w = round(coded_w * float(sar) / 2) * 2
        trc_value = int(ctx.color_trc or 0)
        # The video stream's own duration: the container's is the longest stream's, and a sound track
        # running on past the picture must not make a whole clip look truncated.
        header_duration = None
        if video.duration and video.time_base:
            header_duration = float(video.duration * video.time_base)
        elif media.duration:
            header_duration = media.duration / 1_000_000
        return Probe(
            container=media.format.name,
            video_codec=ctx.name,
            audio_codec=audio.codec_context.name if audio is not None else None,
            coded_width=coded_w,
            coded_height=coded_h,
            shown_width=shown_w,
            header_duration_s=header_duration,
            nominal_fps=float(video.guessed_rate) if video.guessed_rate else None,
            has_audio=audio is not None,
            audio_channels=int(audio.codec_context.channels) if audio is not None else 0,
            audio_sample_rate=int(audio.codec_context.sample_rate or 0) if audio is not None else 0,
            pixel_format=ctx.format.name if ctx.format is not None else None,
            color_transfer=TRANSFERS.get(trc_value),
            hdr=trc_value in HDR_TRANSFERS,
        )


_DISPLAY_MATRIX = re.compile(r"Display Matrix: rotation of (-?[\d.]+) degrees")
_STREAM = re.compile(r"^\s*Stream #0:\d+.*?: (Video|Audio|Subtitle|Data|Attachment):", re.MULTILINE)


def rotation_from_log(log: str) -> int:
    """The first video stream's display-matrix rotation as ffmpeg printed it when opening the input (PyAV
    only tells it on a decoded frame, and the decode pass already prints it for free)."""
    streams = list(_STREAM.finditer(log))
    for k, stream in enumerate(streams):
        if stream[1] != "Video":
            continue
        end = streams[k + 1].start() if k + 1 < len(streams) else len(log)
        match = _DISPLAY_MATRIX.search(log, stream.end(), end)
        return round(float(match[1])) if match else 0
    return 0
