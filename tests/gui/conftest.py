"""GUI tests run a real window on an X server (Xvfb under CI) with the system's libvlc."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QLocale, QSettings
from PySide6.QtWidgets import QApplication

from moderator_app.ui.i18n import install_translators, remove_translators

os.environ.setdefault("QT_QPA_PLATFORM", "xcb")  # VLC embeds into X11 windows only
# a memory audio output stands in for the sound card test machines lack; video is real
os.environ.setdefault("MODERATOR_VLC_ARGS", "--aout=amem")


@pytest.fixture(autouse=True)
def english_as_the_app_starts(qapp: QApplication) -> Iterator[None]:
    """The app always installs its translators; English has its own (the %n singular/plural forms)."""
    install_translators(qapp, "en")
    yield
    remove_translators(qapp)
    QLocale.setDefault(QLocale(QLocale.Language.English))


@pytest.fixture(autouse=True)
def own_settings(qapp: QApplication, tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """QSettings (the user's keys, window places) in a folder of the test's own, never the developer's."""
    folder = tmp_path_factory.mktemp("settings")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(folder))
    qapp.setOrganizationName("moderator-app-tests")
    qapp.setApplicationName(folder.name)
    yield
