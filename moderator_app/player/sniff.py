"""What a player may hand to libvlc: the clip's container named from its first bytes, read off the GUI thread.

libvlc probes like ffmpeg does: a playlist or manifest posing as a clip (ffconcat, M3U/HLS, DASH, SDP)
would play another submission's video. So VlcPlayer names the demux module from the file's first bytes
and never hands VLC a file that is not a clip. Those bytes are read here, on a worker thread: files are
never touched on the GUI thread, and a clip on a stalled disk must not freeze the window.
"""

from __future__ import annotations

import functools
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from moderator_app.base.media import Container, NotAClip, container_of, read_head


def unreadable_reason(path: Path) -> str | None:
    """Why ``path`` cannot be played at all, before bothering VLC; None if it looks openable."""
    try:
        if not path.exists():
            return "the file does not exist"
        if not path.is_file():
            return "this is not a file"
        if path.stat().st_size == 0:
            return "the file is empty"
        with path.open("rb") as handle:
            handle.read(1)
    except OSError as exc:
        return f"the file cannot be read ({exc.strerror or exc})"
    return None


def sniff_for_vlc(path: Path) -> Container | str:
    """The clip's container, or why it cannot be played; runs on a worker thread (it reads the file).

    No link is followed and a FIFO or device is refused without blocking (base.media.read_head)."""
    reason = unreadable_reason(path) if not path.is_symlink() else None
    if reason is not None:
        return reason
    try:
        return container_of(read_head(path))
    except NotAClip as exc:
        return exc.reason


@functools.cache
def sniffers() -> ThreadPoolExecutor:
    """Two threads for every player of the process: a sniff is one 64-byte read, a deck opens two clips."""
    return ThreadPoolExecutor(max_workers=2, thread_name_prefix="vlc-sniff")


class Relay(QObject):
    """Carries a sniff's answer back to the GUI thread. A child of the player, so a worker thread holds only
    this wrapper, never the player's: a wrapper dropped on a worker cannot destroy a Qt object there."""

    sniffed = Signal(int, object)
    """(load generation, Container or a reason)"""
