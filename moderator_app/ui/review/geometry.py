"""Where the review window opens: sized from the screen it is on, or where the user left it.

A fixed size (it was 1560×940) leaves half the desk off a 1366×768 laptop. The first start takes the
screen's available area (minus the taskbar, less a margin for the title bar); later starts restore the
geometry, splitter positions and folded checks kept in QSettings, unless the saved geometry no longer
fits any screen (a monitor unplugged, a scaling changed): then it is clamped to the screen it is on.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QPoint, QRect, QSettings, QSize
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QMainWindow, QStyle

from moderator_app.ui.review.layout import DeskLayout
from moderator_app.ui.screenfit import settings

GROUP = "reviewDesk"
PREFERRED = QSize(1560, 940)
"""What the desk is designed for; larger screens do not get a larger first window."""
MINIMUM = QSize(960, 600)
"""Below this the desk is unusable (the window can still be made smaller by hand: Qt refuses less than
its widgets' minimums)."""


def desk_settings() -> QSettings:
    """The user's settings file (ui/screenfit.py: one store for every window's place and the keys)."""
    return settings()


def title_bar_height(window: QMainWindow) -> int:
    """The window manager's frame above the client area (unknown before the first show: the style's)."""
    frame = window.frameGeometry().height() - window.geometry().height()
    return frame if frame > 0 else window.style().pixelMetric(QStyle.PixelMetric.PM_TitleBarHeight) + 8


def first_geometry(window: QMainWindow, screen: QScreen) -> QRect:
    """A window that fits the screen's available area with its frame, centred, at most ``PREFERRED``."""
    area = screen.availableGeometry()
    top = title_bar_height(window)
    width = min(PREFERRED.width(), area.width())
    height = min(PREFERRED.height(), area.height() - top)
    rect = QRect(0, 0, width, height)
    rect.moveCenter(area.center())
    rect.moveTop(max(area.top() + top, rect.top()))
    return rect


def fitted(rect: QRect, area: QRect, top: int) -> QRect:
    """``rect`` moved and shrunk so that it and its title bar lie inside ``area``."""
    room = area.adjusted(0, top, 0, 0)
    size = rect.size().boundedTo(room.size())
    x = min(max(rect.x(), room.left()), room.right() + 1 - size.width())
    y = min(max(rect.y(), room.top()), room.bottom() + 1 - size.height())
    return QRect(QPoint(x, y), size)


def screen_for(rect: QRect) -> QScreen | None:
    return QGuiApplication.screenAt(rect.center()) or QGuiApplication.primaryScreen()


def place(window: QMainWindow, desk: DeskLayout, decision_height: int, settings: QSettings | None = None) -> bool:
    """Size the window before it is shown; returns whether a saved layout was restored."""
    settings = settings or desk_settings()
    settings.beginGroup(GROUP)
    try:
        saved = settings.value("geometry")
        restored = isinstance(saved, QByteArray) and not saved.isEmpty() and window.restoreGeometry(saved)
        screen = screen_for(window.geometry()) if restored else window.screen()
        if screen is None:
            return False
        top = title_bar_height(window)
        clamped = False
        if restored:
            inside = fitted(window.geometry(), screen.availableGeometry(), top)
            # Qt's restore already shrinks a window larger than the screen: compare with the size kept
            clamped = inside.size() != QSize(int(settings.value("width", 0)), int(settings.value("height", 0)))
            window.setGeometry(inside)
        else:
            window.setGeometry(first_geometry(window, screen))
        folded = settings.value("checksUnfolded")
        desk.checks.set_unfolded(desk.room_for_checks(window.width()) if folded is None else str(folded) != "false")
        desk.first_sizes(window.width(), window.height(), decision_height)
        kept = False
        # columns kept for a larger window would not fit this one: the first start's sizes instead
        for name, splitter in ({} if clamped else desk.splitters()).items():
            state = settings.value(f"splitter/{name}")
            if isinstance(state, QByteArray) and not state.isEmpty():
                kept = splitter.restoreState(state) or kept
        return restored or kept
    finally:
        settings.endGroup()


def keep(window: QMainWindow, desk: DeskLayout, settings: QSettings | None = None) -> None:
    """Remember the window's geometry, the splitters and the checks toggle for the next start."""
    settings = settings or desk_settings()
    settings.beginGroup(GROUP)
    settings.setValue("geometry", window.saveGeometry())
    settings.setValue("width", window.width())
    settings.setValue("height", window.height())
    for name, splitter in desk.splitters().items():
        settings.setValue(f"splitter/{name}", splitter.saveState())
    settings.setValue("checksUnfolded", "true" if desk.checks.unfolded else "false")
    settings.endGroup()
    settings.sync()
