"""Measure a delivered file independently of how it was made: PyAV for the format, ebur128 for loudness."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any

import av

from moderator_app.spot.loudness import measure_loudness


@dataclass(frozen=True, slots=True)
class Measurements:
    path: str
    container: str
    video_codec: str
    width: int
    height: int
    frame_rate: str
    """Average rate as a fraction, e.g. ``25/1``."""
    frames: int
    """Counted video packets (one coded frame each), not the header's claim."""
    pix_fmt: str
    audio_codec: str | None
    sample_rate: int | None
    channels: int | None
    audio_bits: int | None
    integrated_lufs: float | None
    max_short_term_lufs: float | None
    true_peak_dbtp: float | None

    @property
    def fps(self) -> Fraction:
        return Fraction(self.frame_rate)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


_PCM_BITS = {"pcm_s16le": 16, "pcm_s16be": 16, "pcm_s24le": 24, "pcm_s24be": 24, "pcm_s32le": 32}


def measure_file(path: Path) -> Measurements:
    """Raises av.error.FFmpegError (or FfmpegError) if the file cannot be read."""
    with av.open(str(path)) as container:
        fmt = container.format.name.split(",")[0]
        video = container.streams.video[0]
        vctx = video.codec_context
        rate = video.average_rate or video.guessed_rate or Fraction(0)
        audio = container.streams.audio[0] if container.streams.audio else None
        frames = sum(1 for packet in container.demux(video) if packet.size)
        audio_codec = audio.codec_context.name if audio else None
        sample_rate = audio.codec_context.sample_rate if audio else None
        channels = audio.codec_context.channels if audio else None
        width, height, pix_fmt, codec = vctx.width, vctx.height, vctx.pix_fmt or "", vctx.name
    loud = measure_loudness(path) if audio is not None else None
    return Measurements(
        path=str(path),
        container=fmt,
        video_codec=codec,
        width=width,
        height=height,
        frame_rate=f"{Fraction(rate).numerator}/{Fraction(rate).denominator}",
        frames=frames,
        pix_fmt=pix_fmt,
        audio_codec=audio_codec,
        sample_rate=sample_rate,
        channels=channels,
        audio_bits=_PCM_BITS.get(audio_codec or ""),
        integrated_lufs=loud.integrated_lufs if loud else None,
        max_short_term_lufs=loud.max_short_term_lufs if loud else None,
        true_peak_dbtp=loud.true_peak_dbtp if loud else None,
    )
