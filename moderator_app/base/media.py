"""Which files are clips, and how every decoder is told to open them: by content, as plain local files.

Clips come from anonymous members of the public. ffmpeg and VLC both "probe" an input: given a text file
that says ``ffconcat version 1.0`` / ``file other.mp4`` (or an HLS, DASH or SDP manifest) they follow it and
play *another* file, which once put a rejected, unconsented video on air under this record's names. So a
clip is accepted only when its first bytes are one of the two container families phones and browsers
record (ISO-BMFF: MP4, MOV, 3GP; Matroska: MKV, WebM), it is stored under that family's extension, and
every decoder (PyAV, the ffmpeg CLI, libvlc) is told that demuxer by name with the ``file`` protocol
only. Neither family reads other files: external data references in MOV are off in ffmpeg by default
(``enable_drefs``), and we never turn them on.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from moderator_app.base.plainfile import NotPlain, open_plain

HEAD_BYTES = 64
"""Enough of the start of a file to name its container (the ftyp box or the EBML header's DocType)."""


class NotAClip(ValueError):
    """The file is not a container we accept; ``reason`` is short English for moderators."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True, slots=True)
class Container:
    """One accepted container family and the names each decoder knows it by."""

    family: str
    """'isobmff' or 'matroska'."""
    extension: str
    """What the cache stores the clip as: mp4, mov, 3gp, mkv or webm."""
    ffmpeg_format: str
    """The ffmpeg CLI's ``-f`` (demuxer) name."""
    pyav_format: str
    """The demuxer's full name for PyAV (so the container label stays what probing used to report)."""
    vlc_demux: str
    """libvlc's demux module."""


_ISOBMFF_BOXES = (b"ftyp", b"moov", b"mdat", b"wide", b"free", b"skip")
_EBML = b"\x1a\x45\xdf\xa3"


def sniff(head: bytes) -> Container | None:
    """The container a file's first bytes name, or None when it is not one we accept."""
    if len(head) >= 8 and head[4:8] in _ISOBMFF_BOXES:
        brand = head[8:12] if head[4:8] == b"ftyp" else b""
        if brand == b"qt  ":
            ext = "mov"
        elif brand.startswith(b"3g"):
            ext = "3gp"
        else:
            ext = "mp4"
        return Container("isobmff", ext, "mov", "mov,mp4,m4a,3gp,3g2,mj2", "mp4")
    if head.startswith(_EBML):
        ext = "webm" if b"webm" in head[:HEAD_BYTES] else "mkv"
        return Container("matroska", ext, "matroska", "matroska,webm", "mkv")
    return None


def container_of(head: bytes) -> Container:
    """Like :func:`sniff`, but refuses with a reason a moderator can read."""
    found = sniff(head)
    if found is None:
        if not head:
            raise NotAClip("clip file is empty")
        if head.lstrip().startswith((b"ffconcat", b"#EXTM3U", b"<?xml", b"<MPD", b"v=0")):
            raise NotAClip("clip is a playlist or stream manifest, not a video file")
        raise NotAClip("clip is not an MP4, MOV, 3GP, MKV or WebM video")
    return found


def read_head(path: Path) -> bytes:
    """The first bytes of a file the app itself stored (a cached clip): no links, no blocking."""
    fd = open_regular(path)
    try:
        return os.pread(fd, HEAD_BYTES, 0)
    finally:
        os.close(fd)


def open_regular(path: Path, max_bytes: int | None = None) -> int:
    """A read-only descriptor on a regular file, or NotAClip: never follows a symbolic link, never
    blocks on a FIFO or a device (O_NONBLOCK), refuses anything but a regular file and, with
    ``max_bytes``, a file larger than that. The caller closes the descriptor."""
    try:
        fd, info = open_plain(path)
    except NotPlain as refused:
        raise NotAClip("clip file is a link, not a file" if refused.link
                       else "clip is not a regular file (a pipe, a device or a folder)") from None
    except OSError:
        raise NotAClip("clip file cannot be read") from None
    if max_bytes is not None and info.st_size > max_bytes:
        os.close(fd)
        raise NotAClip(f"clip is larger than the campaign's limit of {max_bytes // (1 << 20)} MB")
    return fd


def ffmpeg_input(path: Path, container: Container | None = None) -> list[str]:
    """``-i`` arguments for a clip: its demuxer named, the file protocol only, and a ``file:`` URL so a
    name can never be read as another protocol (``concat:``, ``subfile:`` …)."""
    kind = container or container_of(read_head(path))
    return ["-protocol_whitelist", "file", "-f", kind.ffmpeg_format, "-i", file_url(path)]


def ffmpeg_local_input(path: Path, demuxer: str) -> list[str]:
    """``-i`` arguments for a file the app made itself (titles, sound stems): demuxer named all the same."""
    return ["-protocol_whitelist", "file", "-f", demuxer, "-i", file_url(path)]


def file_url(path: Path) -> str:
    return "file:" + str(Path(os.path.abspath(path)))


def pyav_options() -> dict[str, str]:
    """Options for ``av.open`` of a clip: the file protocol only."""
    return {"protocol_whitelist": "file"}


MAX_SIDE = 8192
"""Longest picture side accepted: 8K phones record 7680 pixels wide."""
MAX_PIXELS = 7680 * 4320
"""Largest picture accepted (8K UHD): a decoded frame of this size is ~50 MB in YUV 4:2:0."""


def check_picture_size(width: int, height: int, max_pixels: int = MAX_PIXELS) -> None:
    """Refuse a picture too large to decode safely, from the header's size, before any frame is decoded.

    A 751 KB H.264 clip that says 16000x16000 took 1.2 GB to check and 2.6 GB in the clip checks; the
    header costs nothing to read, so the limit is enforced there."""
    if width <= 0 or height <= 0:
        return  # unknown until decoded: the decoder's own limits and the worker's memory cap apply
    if width > MAX_SIDE or height > MAX_SIDE or width * height > max_pixels:
        raise NotAClip(f"clip picture is {width}x{height} pixels, larger than the 8K limit")


def pyav_probe_options(max_pixels: int = MAX_PIXELS) -> dict[str, str]:
    """:func:`pyav_options` plus the decoders' own picture-size limit, for ``av.open`` of a clip.

    Opening a container decodes a frame when its header leaves something out (avformat_find_stream_info
    does, for H.264's pixel format): the 16000x16000 H.264 clip took 600 MB in ``av.open`` alone, before
    :func:`check_picture_size` could look at the header. With ``max_pixels`` the decoder refuses the
    picture before allocating it (measured: 115 MB peak, most of it the decoder's per-macroblock tables)."""
    return {**pyav_options(), "max_pixels": str(max_pixels)}


def ffmpeg_decode_limit(max_pixels: int = MAX_PIXELS) -> list[str]:
    """Input options (before ``-i``) that make the ffmpeg CLI's decoders refuse a picture over the limit
    before allocating it: the check's decode pass starts while the header is still being read."""
    return ["-max_pixels", str(max_pixels)]


_WAV = (b"RIFF", b"RF64")
_MXF = b"\x06\x0e\x2b\x34\x02\x05\x01\x01"
_PNG = b"\x89PNG\r\n\x1a\n"


def own_demuxer(head: bytes) -> str | None:
    """The demuxer of a file the app writes or is asked to measure (a delivered master, a sound stem, a
    title), named from its first bytes: a clip container, WAV, MXF or PNG; None for anything else."""
    found = sniff(head)
    if found is not None:
        return found.ffmpeg_format
    if head[:4] in _WAV and head[8:12] == b"WAVE":
        return "wav"
    if head.startswith(_MXF):
        return "mxf"
    if head.startswith(_PNG):
        return "png_pipe"
    return None


def demuxer_of(path: Path) -> str:
    """:func:`own_demuxer` of a file, or NotAClip with a reason."""
    found = own_demuxer(read_head(path))
    if found is None:
        raise NotAClip("not a video, sound or picture file of a kind the app writes")
    return found
