"""GUI tests run a real window on an X server (Xvfb under CI) with the system's libvlc."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "xcb")  # VLC embeds into X11 windows only
# a memory audio output stands in for the sound card test machines lack; video is real
os.environ.setdefault("MODERATOR_VLC_ARGS", "--aout=amem")

import pytest
from PySide6.QtCore import QSettings


@pytest.fixture(autouse=True)
def private_settings(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Window geometry and splitter sizes (QSettings) go to a folder of the test run, never the user's."""
    folder = str(tmp_path_factory.getbasetemp() / "qsettings")
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, folder)
