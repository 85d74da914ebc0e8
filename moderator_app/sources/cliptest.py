"""Prove that a clip really plays before a moderator is asked to look at it.

A clip is trusted only after frames were decoded at its start *and* near its end: a file cut short (an
interrupted upload or sync) usually opens and shows its first frames, so the end is where it fails. The pass
is kept cheap (a few frames at each end, packets only in between) because ingest checks thousands of clips.
"""

from __future__ import annotations

import hashlib
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

_MEDIA_MAGIC = (b"\x1a\x45\xdf\xa3", b"RIFF", b"OggS", b"FLV")
_IMAGE_FORMATS = ("image2", "gif", "apng", "webp_pipe")
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


def _looks_like_media(path: Path) -> bool:
    """Whether the file starts like a video container, to tell 'damaged clip' from 'not a clip at all'."""
    try:
        with path.open("rb") as handle:
            head = handle.read(12)
    except OSError:
        return False
    return head[4:8] in (b"ftyp", b"moov", b"mdat", b"wide", b"free") or head.startswith(_MEDIA_MAGIC)


def _container_label(container: av.container.InputContainer, path: Path) -> str:
    """One short format name: libav reports families such as 'mov,mp4,m4a,3gp,3g2,mj2'."""
    names = container.format.name.split(",")
    suffix = path.suffix.lower().lstrip(".")
    return suffix if suffix in names else names[0]


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

    ``head``: the file's first bytes when the caller has just read them (saves reading them again)."""
    try:
        size = path.stat().st_size
    except OSError:
        raise ClipError("clip file cannot be read") from None
    if size == 0:
        raise ClipError("clip file is empty")
    try:
        container = _open(path, head)
    except OSError:  # vanished, a directory, no permission (PyAV's own errors subclass OSError for these)
        raise ClipError("clip file cannot be read") from None
    except (av.error.FFmpegError, UnicodeDecodeError):
        if _looks_like_media(path):
            raise ClipError("clip is truncated or damaged") from None
        raise ClipError("clip is not a video file") from None
    with container:
        return _verify_open(container, path, max(1, min_frames))


def _sniffed_format(path: Path, head: bytes | None) -> str | None:
    """The demuxer a file's first bytes name, so opening it skips probing every format ffmpeg knows
    (a third of the cost of checking a small clip); None when unsure."""
    if head is None or len(head) < 12:
        try:
            with path.open("rb") as handle:
                head = handle.read(12)
        except OSError:
            return None
    if head[4:8] == b"ftyp":
        return "mov,mp4,m4a,3gp,3g2,mj2"  # the demuxer's full name, so the container label stays the same
    if head.startswith(b"\x1a\x45\xdf\xa3"):
        return "matroska,webm"
    return None


def _open(path: Path, head: bytes | None) -> av.container.InputContainer:
    # tags from old cameras are not always UTF-8; they must not make a playable clip fail
    guess = _sniffed_format(path, head)
    if guess is not None:
        try:
            return av.open(str(path), mode="r", format=guess, metadata_errors="replace")
        except av.error.FFmpegError:
            pass  # the first bytes misled: let ffmpeg probe as usual
    return av.open(str(path), mode="r", metadata_errors="replace")


def _verify_open(container: av.container.InputContainer, path: Path, min_frames: int) -> ClipProbe:
    if container.format.name in _IMAGE_FORMATS or container.format.name.endswith("_pipe"):
        raise ClipError("clip is a still image, not a video")
    # cover art in an audio file is a 'video' stream holding one picture: not a clip
    moving = [v for v in container.streams.video if not v.disposition & _STILL_PICTURE]
    if not moving:
        kind = "audio only" if container.streams.audio else "no picture"
        raise ClipError(f"clip has no video stream ({kind})")
    stream = moving[0]
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
        container=_container_label(container, path),
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
