"""GUI tests run a real window on an X server (Xvfb under CI) with the system's libvlc."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "xcb")  # VLC embeds into X11 windows only
# a memory audio output stands in for the sound card test machines lack; video is real
os.environ.setdefault("MODERATOR_VLC_ARGS", "--aout=amem")
