"""The widget VLC draws into.

VLC needs a real platform window (an X11 window id, an HWND, an NSView) and creates its own video
window inside it, the size of the picture; this widget's black fill shows around it (the bars) and
where VLC draws nothing (before the first frame, after an error, after a stop). Only this widget is
made native, not its ancestors, so the rest of the window keeps Qt's cheap backing-store painting.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget


class VideoSurface(QWidget):
    """A black native child window; hand it to ``VlcPlayer.attach``."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DontCreateNativeAncestors)
        self.setAttribute(Qt.WidgetAttribute.WA_NativeWindow)
        # no WA_OpaquePaintEvent: VLC's own window covers only the picture, and the bars around it are this
        # widget's; without a compositor (X11) an overlay or a dialog closing over them leaves its pixels
        # there unless this widget paints its black fill on every expose, which opaque painting skips
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Window, QColor(Qt.GlobalColor.black))
        self.setPalette(palette)
        self.setAutoFillBackground(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(160, 90)
        # clicks on the picture are for the application (e.g. click to pause), never for VLC
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    def sizeHint(self) -> QSize:
        return QSize(640, 360)

    def native_handle(self) -> int:
        """The platform window handle (creates the native window if needed)."""
        return int(self.winId())
