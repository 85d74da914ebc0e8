"""Prove that a clip really plays before a moderator is asked to look at it.

A clip is trusted only after frames were decoded at its start *and* near its end: a file cut short (an
interrupted upload or sync) usually opens and shows its first frames, so the end is where it fails. The pass
is kept cheap (a few frames at each end, packets only in between) because ingest checks thousands of clips.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, TypeAlias

import av
import av.container
import av.error
import av.packet
import av.stream
from av.video.stream import VideoStream

from moderator_app.base import media
from moderator_app.models import ClipProbe

if TYPE_CHECKING:
    VideoPacket: TypeAlias = av.packet.Packet[VideoStream]

HEAD_FRAMES = 3
"""Frames decoded from the start: enough to get past a keyframe into predicted frames."""
TAIL_WINDOW_S = 1.0
"""Clips up to this long are decoded entirely; longer ones are sampled from this far before the end."""
TAIL_FRAMES = 2
TRUNCATION_SLACK_S = 0.25
"""How much shorter than its header's duration a clip's video may end before it counts as truncated."""

_STILL_PICTURE = av.stream.Disposition.attached_pic | av.stream.Disposition.still_image


class ClipError(ValueError):
    """A clip cannot be trusted to play; ``reason`` is short English for moderators and the quarantine."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def sha256_file(path: Path) -> tuple[str, int]:
    """Hash and size in one streaming pass, so large clips never sit in memory."""
    digest = hashlib.sha256()
    size = 0
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


def _packets(container: av.container.InputContainer, stream: VideoStream) -> Iterator[VideoPacket]:
    """Demuxed packets with data; a read error past the first packet means the file ends early."""
    try:
        for packet in container.demux(stream):
            if packet.size:
                yield packet
    except av.error.FFmpegError:
        raise ClipError("clip is truncated or damaged") from None


class _Pass:
    """State of one verification pass over a video stream."""

    def __init__(self, stream: VideoStream) -> None:
        self.stream = stream
        self.time_base = stream.time_base or Fraction(1, 1000)
        self.frames = 0
        self.width = 0
        self.height = 0
        self.rotation_ccw = 0
        self.last_end_ticks: int | None = None
        """Largest pts + duration seen, in time_base ticks (ints: Fraction maths per packet is slow)."""
        self.last_keyframe_pts: int | None = None

    def note(self, packet: VideoPacket) -> None:
        pts = packet.pts
        if pts is not None:
            end = pts + (packet.duration or 0)
            if self.last_end_ticks is None or end > self.last_end_ticks:
                self.last_end_ticks = end
        if packet.is_keyframe and packet.pts is not None:
            self.last_keyframe_pts = packet.pts

    @property
    def last_end(self) -> float | None:
        return None if self.last_end_ticks is None else float(self.last_end_ticks * self.time_base)

    def decode(self, packet: VideoPacket | None) -> int:
        try:
            frames = self.stream.decode(packet)
        except av.error.FFmpegError:
            raise ClipError("clip video does not decode") from None
        for frame in frames:
            if self.frames == 0:
                self.width, self.height = frame.width, frame.height
                self.rotation_ccw = frame.rotation
            self.frames += 1
        return len(frames)


def _header_duration(container: av.container.InputContainer, stream: VideoStream) -> float | None:
    if stream.duration and stream.time_base:
        return float(stream.duration * stream.time_base)
    if container.duration and container.duration > 0:
        return container.duration / av.time_base
    return None


def _parse_clock(text: str) -> float | None:
    """Matroska's per-stream DURATION tag, '00:00:04.000000000'."""
    try:
        hours, minutes, seconds = text.split(":")
        return int(hours) * 3600 + int(minutes) * 60 + float(seconds)
    except ValueError:
        return None


def _video_duration(container: av.container.InputContainer, stream: VideoStream) -> float | None:
    """The video's own length when the file says it; the container's may include a longer audio track."""
    if stream.duration and stream.time_base:
        return float(stream.duration * stream.time_base)
    tag = stream.metadata.get("DURATION") or stream.metadata.get("duration")
    parsed = _parse_clock(tag) if tag else None
    return parsed if parsed else _header_duration(container, stream)


def _rotation_clockwise(ccw_degrees: int, stream: VideoStream) -> int:
    """Clockwise degrees to turn the stored picture for display, like the phones' old 'rotate' tag."""
    if ccw_degrees:
        return (-round(ccw_degrees / 90) * 90) % 360
    tag = stream.metadata.get("rotate", "0")
    try:
        return (round(float(tag) / 90) * 90) % 360
    except ValueError:
        return 0


def verify_clip(path: Path, *, min_frames: int = 1, head: bytes | None = None) -> ClipProbe:
    """Decode the start and the end of a clip and report what it is; raise ClipError if it will not play.

    Only the containers :mod:`moderator_app.base.media` accepts are opened, recognised by their first bytes
    and opened with that demuxer named and the ``file`` protocol only: a playlist or manifest posing as a
    clip (ffconcat, HLS, DASH, SDP) is refused before any decoder sees it, never probed and followed. The
    file is opened without following a link or blocking on a pipe, and the picture size the header states
    is checked before a frame is decoded (a 16000x16000 one-frame clip is a decompression bomb).

    ``head``: the file's first bytes when the caller has just read them (saves reading them again)."""
    kind = _container(path, head)
    try:
        container = av.open(
            media.file_url(path), mode="r", format=kind.pyav_format, options=_OPEN_OPTIONS,
            metadata_errors="replace",  # tags from old cameras are not always UTF-8: not a reason to refuse
        )
    except (av.error.FFmpegError, UnicodeDecodeError):
        raise ClipError("clip is truncated or damaged") from None
    except OSError:  # vanished or no permission meanwhile
        raise ClipError("clip file cannot be read") from None
    except MemoryError:
        raise ClipError(MEMORY_REASON) from None
    with container:
        try:
            return _verify_open(container, kind, max(1, min_frames))
        except MemoryError:  # a worker's memory cap (base.limits) met: this clip, not the batch, fails
            raise ClipError(MEMORY_REASON) from None


MEMORY_REASON = "clip needs more memory to decode than a check may use"

_OPEN_OPTIONS = media.pyav_probe_options()
"""The file protocol only; ``max_pixels`` also reaches the decoders that opening starts to probe the
streams, so even opening a bomb allocates no giant frame (it cost 600 MB before the header check ran)."""


def _container(path: Path, head: bytes | None) -> media.Container:
    """The clip's container family from its first bytes, read through a descriptor that follows no link
    and never blocks (a FIFO or a device is refused, not read)."""
    try:
        if head is None or len(head) < media.HEAD_BYTES:
            fd = media.open_regular(path)
            try:
                head = os.pread(fd, media.HEAD_BYTES, 0)
            finally:
                os.close(fd)
        return media.container_of(head)
    except media.NotAClip as exc:
        raise ClipError(exc.reason) from None


def _check_header_size(stream: VideoStream) -> None:
    """Refuse, from the header alone, a picture too large to decode safely; the decoder keeps the cap for
    pictures whose size only the stream reveals."""
    context = stream.codec_context
    try:
        media.check_picture_size(context.width, context.height)
    except media.NotAClip as exc:
        raise ClipError(exc.reason) from None
    context.options = {**context.options, "max_pixels": str(media.MAX_PIXELS)}


def _verify_open(container: av.container.InputContainer, kind: media.Container, min_frames: int) -> ClipProbe:
    # cover art in an audio file is a 'video' stream holding one picture: not a clip
    moving = [v for v in container.streams.video if not v.disposition & _STILL_PICTURE]
    if not moving:
        what = "audio only" if container.streams.audio else "no picture"
        raise ClipError(f"clip has no video stream ({what})")
    stream = moving[0]
    _check_header_size(stream)
    stream.codec_context.thread_count = 1  # tiny decodes: threads cost more than they save
    audio = container.streams.audio[0].codec_context.codec.canonical_name if container.streams.audio else None
    header_duration = _header_duration(container, stream)
    decode_all = header_duration is not None and header_duration <= TAIL_WINDOW_S

    state = _Pass(stream)
    head_target = max(min_frames, HEAD_FRAMES)
    at_eof = True
    for packet in _packets(container, stream):
        state.note(packet)
        if decode_all or state.frames < head_target:
            state.decode(packet)
        elif header_duration is not None:
            at_eof = False
            break
        # duration unknown (browser WebM): read packets only, to the end, to learn it
    if at_eof:
        state.decode(None)
    if state.frames < min_frames:
        raise ClipError("clip video does not decode" if state.frames == 0 else "clip has too few frames")

    if not at_eof:
        _check_tail(container, state, header_duration or 0.0)
    elif not decode_all and state.last_keyframe_pts is not None and state.frames >= head_target:
        _decode_last_gop_start(container, state)

    duration = header_duration
    if duration is None:
        start = float(stream.start_time * state.time_base) if stream.start_time is not None else 0.0
        duration = max(0.0, (state.last_end or 0.0) - start)
    else:
        expected = _video_duration(container, stream) or duration
        if state.last_end is not None and state.last_end < expected - TRUNCATION_SLACK_S:
            raise ClipError("clip is truncated")

    rotation = _rotation_clockwise(state.rotation_ccw, stream)
    width, height = state.width, state.height
    sar = stream.sample_aspect_ratio
    if sar and sar != 1:
        width = round(width * sar)
    if rotation in (90, 270):
        width, height = height, width
    return ClipProbe(
        container=kind.extension,
        duration_s=round(duration, 3),
        width=width,
        height=height,
        rotation=rotation,
        video_codec=stream.codec_context.codec.canonical_name,
        audio_codec=audio,
        frames_decoded=state.frames,
    )


def _check_tail(container: av.container.InputContainer, state: _Pass, header_duration: float) -> None:
    """Seek near the end, read every remaining packet and decode the first frames found there."""
    stream = state.stream
    start = float(stream.start_time * state.time_base) if stream.start_time is not None else 0.0
    target = int((start + header_duration - TAIL_WINDOW_S) / state.time_base)
    try:
        container.seek(target, stream=stream, backward=True)
    except av.error.FFmpegError:
        raise ClipError("clip is truncated or damaged") from None
    stream.codec_context.flush_buffers()
    before = state.frames
    for packet in _packets(container, stream):
        state.note(packet)
        if state.frames - before < TAIL_FRAMES:
            state.decode(packet)
    if state.frames - before < TAIL_FRAMES:
        state.decode(None)
    if state.frames == before:
        raise ClipError("clip is truncated")


def _decode_last_gop_start(container: av.container.InputContainer, state: _Pass) -> None:
    """For clips read without a known duration, prove the last keyframe decodes too."""
    stream = state.stream
    assert state.last_keyframe_pts is not None
    try:
        container.seek(state.last_keyframe_pts, stream=stream, backward=True)
    except av.error.FFmpegError:
        raise ClipError("clip is truncated or damaged") from None
    stream.codec_context.flush_buffers()
    before = state.frames
    for packet in _packets(container, stream):
        state.decode(packet)
        if state.frames - before >= TAIL_FRAMES:
            return
    state.decode(None)
    if state.frames == before:
        raise ClipError("clip is truncated")
