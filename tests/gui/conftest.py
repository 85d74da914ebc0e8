"""GUI tests run a real window on an X server (Xvfb under CI) with the system's libvlc."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "xcb")  # VLC embeds into X11 windows only
# a memory audio output stands in for the sound card test machines lack; video is real
os.environ.setdefault("MODERATOR_VLC_ARGS", "--aout=amem")


import pytest  # after the environment above, which must come before any Qt import
from PySide6.QtCore import QSettings


@pytest.fixture(autouse=True)
def private_settings(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Each test's windows keep their geometry and splitters in a settings folder of their own: a window
    a test resized must not open resized in the next test, nor in the developer's own settings."""
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path_factory.mktemp("settings")))
