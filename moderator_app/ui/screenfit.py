"""Windows that fit the screen they open on and come back where the user left them.

A moderator's laptop has 1366×768 pixels, or Full HD at 150 % (1280×720 logical): a window asking for a
fixed 1560×940 runs off such a screen. A window is sized from the available geometry of its screen (never
larger, at most ``preferred``), its saved geometry and splitter sizes (QSettings) are restored when they
still fit, and saved again when it closes.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QCoreApplication, QRect, QSettings, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QSplitter, QWidget

SCREEN_SHARE = 0.92
"""Of the available screen a window takes when it opens for the first time."""


def settings() -> QSettings:
    """The user's settings file (an INI file in the user's config folder, on every OS): window places,
    splitters and keys all live in this one store. The application's names when it has them (tests give
    their own), else the app's."""
    app = QCoreApplication.instance()
    org = (app.organizationName() if app is not None else "") or "OnResteEnsemble"
    name = (app.applicationName() if app is not None else "") or "moderator-app"
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, org, name)


def available(widget: QWidget) -> QRect:
    """The usable part of the screen ``widget`` is on (or the primary screen), taskbars excluded."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def fit_window(widget: QWidget, key: str, preferred: QSize) -> None:
    """Restore ``widget`` where the user left it when that still fits the screen; otherwise size it to
    ``preferred``, shrunk to the screen's available area, and centre it."""
    area = available(widget)
    saved = settings().value(f"{key}/geometry")
    restored = isinstance(saved, (QByteArray, bytes)) and widget.restoreGeometry(QByteArray(saved))
    if restored and (area.contains(widget.frameGeometry()) or area.contains(widget.geometry())):
        return
    width = min(preferred.width(), round(area.width() * SCREEN_SHARE))
    height = min(preferred.height(), round(area.height() * SCREEN_SHARE))
    widget.resize(max(width, min(widget.minimumWidth(), area.width())),
                  max(height, min(widget.minimumHeight(), area.height())))
    frame = widget.frameGeometry()
    frame.moveCenter(area.center())
    widget.move(max(area.left(), frame.left()), max(area.top(), frame.top()))


def keep_inside(widget: QWidget) -> None:
    """Pull a shown window back inside its screen's available area (a dialog opened near an edge)."""
    area = available(widget)
    geo = widget.frameGeometry()
    w, h = min(geo.width(), area.width()), min(geo.height(), area.height())
    if (w, h) != (geo.width(), geo.height()):
        widget.resize(widget.width() - (geo.width() - w), widget.height() - (geo.height() - h))
        geo = widget.frameGeometry()
    x = min(max(geo.left(), area.left()), area.right() - geo.width() + 1)
    y = min(max(geo.top(), area.top()), area.bottom() - geo.height() + 1)
    if (x, y) != (geo.left(), geo.top()):
        widget.move(x, y)


def restore_splitter(splitter: QSplitter, key: str) -> None:
    saved = settings().value(f"{key}/splitter")
    if isinstance(saved, (QByteArray, bytes)):
        splitter.restoreState(QByteArray(saved))


def save_layout(widget: QWidget, key: str, splitter: QSplitter | None = None) -> None:
    """Remember the window's geometry (and its splitter's sizes) for the next time it opens."""
    store = settings()
    store.setValue(f"{key}/geometry", widget.saveGeometry())
    if splitter is not None:
        store.setValue(f"{key}/splitter", splitter.saveState())
