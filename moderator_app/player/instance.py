"""The process-wide libvlc instance and the arguments it starts with."""

from __future__ import annotations

import functools
import os
import shlex
import sys

import vlc


def _default_vlc_args() -> list[str]:
    args = [
        "--quiet",
        "--no-video-title-show",  # the file name must not flash over a submission
        "--no-osd",
        "--no-snapshot-preview",
        "--no-stats",
        "--no-media-library",
        "--no-lua",  # no interface scripts: the app is the interface
        "--no-sub-autodetect-file",
        "--no-disable-screensaver",
    ]
    if sys.platform.startswith("linux"):
        # VLC's Xlib outputs (GL/GLX) need XInitThreads discipline inside a Qt process and take ~0.5 s to
        # start; the XCB outputs (Xv, X11) are thread-safe and show a first frame in tens of ms.
        # ``MODERATOR_VLC_ARGS="--xlib"`` gives the GL output back (later arguments win in VLC).
        args.append("--no-xlib")
    return args


@functools.cache
def vlc_instance() -> vlc.Instance:
    """The process-wide libvlc instance, created on first use (plugin scan is slow, do it once).

    Extra arguments come from the ``MODERATOR_VLC_ARGS`` environment variable (shell syntax), after
    the defaults so they can override them, e.g. ``MODERATOR_VLC_ARGS="--aout=adummy -vv"``.
    """
    extra = shlex.split(os.environ.get("MODERATOR_VLC_ARGS", ""))
    instance = vlc.Instance([*_default_vlc_args(), *extra])
    if instance is None:
        raise RuntimeError("libvlc could not start (bad MODERATOR_VLC_ARGS or missing VLC plugins)")
    return instance
