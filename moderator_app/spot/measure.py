"""Measure a delivered file independently of how it was made: PyAV for the format, ebur128 for loudness.

The exporter may pass the loudness of the exact audio bitstream it muxed (metered while the picture was
still encoding): it is used only if the file's audio stream proves identical to it, packet by packet
(codec, parameters, timestamps and bytes). Otherwise, and for any other file, the sound is metered here.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any

import av

from moderator_app.base.ffmpeg import FfmpegError
from moderator_app.base.media import NotAClip, demuxer_of, file_url, pyav_options
from moderator_app.spot.loudness import LoudnessMeasure, measure_loudness


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


@dataclass(frozen=True, slots=True)
class MeteredSound:
    """Loudness of an audio bitstream, and the fingerprint (``sound_fingerprint``) of that bitstream."""

    fingerprint: str
    loudness: LoudnessMeasure


class _Fingerprint:
    def __init__(self, stream: av.audio.stream.AudioStream) -> None:
        ctx = stream.codec_context
        self._hash = hashlib.sha256()
        self._base = stream.time_base or Fraction(1, 1)
        head = f"{ctx.name}|{ctx.sample_rate}|{ctx.channels}|{stream.start_time}|{self._base}|"
        self._hash.update(head.encode() + bytes(ctx.extradata or b""))

    def add(self, packet: av.Packet[Any]) -> None:
        if not packet.size:
            return
        pts = None if packet.pts is None else packet.pts * self._base
        self._hash.update(f"|{pts}|{packet.duration}|{packet.size}|".encode())
        self._hash.update(bytes(packet))

    def hexdigest(self) -> str:
        return self._hash.hexdigest()


def open_known(path: Path) -> av.container.InputContainer:
    """``av.open`` of a file the app wrote or is asked to measure, with the demuxer its first bytes name and
    the file protocol only; FfmpegError (the CLI's "cannot be read") when they name nothing it knows."""
    try:
        demuxer = demuxer_of(path)
    except NotAClip as exc:
        raise FfmpegError(exc.reason) from None
    return av.open(file_url(path), format=demuxer, options=pyav_options())


def sound_fingerprint(path: Path) -> str:
    """Fingerprint of the first audio stream of ``path`` (what a player decodes, not how it is stored)."""
    with open_known(path) as container:
        stream = container.streams.audio[0]
        fingerprint = _Fingerprint(stream)
        for packet in container.demux(stream):
            fingerprint.add(packet)
        return fingerprint.hexdigest()


def _count_and_fingerprint(
    packets: Iterable[av.Packet[Any]], video: av.video.stream.VideoStream, fingerprint: _Fingerprint | None
) -> int:
    frames = 0
    for packet in packets:
        if packet.stream is video:
            frames += 1 if packet.size else 0
        elif fingerprint is not None and packet.stream.type == "audio":
            fingerprint.add(packet)
    return frames


def measure_file(path: Path, *, metered: MeteredSound | None = None) -> Measurements:
    """Raises av.error.FFmpegError (or FfmpegError) if the file cannot be read, or its first bytes name no
    container the app writes (MP4/MOV, Matroska, MXF, WAV).

    ``metered``: the loudness of the sound the caller muxed into ``path``, used if the file carries exactly
    that bitstream (see the module docstring); else the file's sound is measured.
    """
    with open_known(path) as container:
        fmt = container.format.name.split(",")[0]
        video = container.streams.video[0]
        vctx = video.codec_context
        rate = video.average_rate or video.guessed_rate or Fraction(0)
        audio = container.streams.audio[0] if container.streams.audio else None
        fingerprint = _Fingerprint(audio) if audio is not None and metered is not None else None
        streams = [video] if fingerprint is None or audio is None else [video, audio]
        frames = _count_and_fingerprint(container.demux(streams), video, fingerprint)
        audio_codec = audio.codec_context.name if audio else None
        sample_rate = audio.codec_context.sample_rate if audio else None
        channels = audio.codec_context.channels if audio else None
        width, height, pix_fmt, codec = vctx.width, vctx.height, vctx.pix_fmt or "", vctx.name
    loud: LoudnessMeasure | None = None
    if audio is not None:
        same = metered is not None and fingerprint is not None and fingerprint.hexdigest() == metered.fingerprint
        loud = metered.loudness if same and metered is not None else measure_loudness(path)
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
