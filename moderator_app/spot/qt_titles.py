"""The title renderer the app uses: Qt shapes Arabic (joined, right-to-left) and draws colour emoji.

The only module of spot/ that imports Qt, and only QtGui: it works without a window. It needs a
QGuiApplication (the app's QApplication counts); ``ensure_gui_application`` makes an offscreen one for
headless callers such as the CLI.
"""

from __future__ import annotations

import threading
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QFontMetricsF,
    QGuiApplication,
    QImage,
    QPainter,
    QTextOption,
)

from moderator_app.base.text import is_rtl
from moderator_app.spot.titles import TextLine, TitleRequest

_PADDING_EM = 0.45
_MIN_SIZE_PX = 12


def ensure_gui_application() -> QGuiApplication:
    """The running Qt application, or a new offscreen QGuiApplication when there is none (CLI, scripts)."""
    app = QGuiApplication.instance()
    if isinstance(app, QGuiApplication):
        return app
    return QGuiApplication(["moderator-app-titles", "-platform", "offscreen"])


def _colour(text: str) -> QColor:
    """``#RRGGBBAA`` (CSS order) -> QColor, which reads 8-digit hex as ``#AARRGGBB``."""
    hex_part = text.lstrip("#")
    colour = QColor(f"#{hex_part[:6]}")
    if len(hex_part) == 8:
        colour.setAlpha(int(hex_part[6:], 16))
    return colour


def _font(request: TitleRequest, line: TextLine, size_px: float) -> QFont:
    font = QFont()
    font.setFamilies(list(request.families))
    font.setPixelSize(max(_MIN_SIZE_PX, round(size_px)))
    font.setBold(line.bold)
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    return font


def _fitted_font(request: TitleRequest, line: TextLine, max_width: float) -> QFont:
    """Shrink the text until it fits the width: a long name must never leave the safe area."""
    size = float(line.size_px)
    font = _font(request, line, size)
    while size > _MIN_SIZE_PX and QFontMetricsF(font).horizontalAdvance(line.text) > max_width:
        size *= 0.92
        font = _font(request, line, size)
    return font


_registered: dict[Path, tuple[str, ...]] = {}
_registered_lock = threading.Lock()


def font_file_families(path: Path) -> tuple[str, ...]:
    """Make a font file usable by name in this process (once per file) and return its families.

    QFontDatabase is thread-safe in Qt 6, so title workers may call this; a file Qt cannot read gives ()."""
    with _registered_lock:
        if path not in _registered:
            font_id = QFontDatabase.addApplicationFont(str(path))
            _registered[path] = tuple(QFontDatabase.applicationFontFamilies(font_id)) if font_id >= 0 else ()
        return _registered[path]


class QtTitleRenderer:
    """TitleRenderer drawing with QPainter into a transparent QImage, saved as PNG."""

    def __init__(self) -> None:
        ensure_gui_application()

    def __call__(self, request: TitleRequest, out: Path) -> None:
        if request.font_files:
            own = [family for path in request.font_files for family in font_file_families(path)]
            request = replace(request, families=(*dict.fromkeys(own), *request.families))
        image = QImage(request.width, request.height, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        try:
            painter.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
            if request.kind == "lower_third":
                self._lower_third(painter, request)
            else:
                self._card(painter, request)
        finally:
            painter.end()
        if not image.save(str(out)):
            raise OSError(f"could not write title image {out}")

    def _lower_third(self, painter: QPainter, request: TitleRequest) -> None:
        line = request.lines[0]
        pad = line.size_px * _PADDING_EM
        font = _fitted_font(request, line, request.width - 2 * pad)
        metrics = QFontMetricsF(font)
        text_w = metrics.horizontalAdvance(line.text)
        plate_w = min(request.width, text_w + 2 * pad)
        plate_h = min(request.height, metrics.height() + 2 * pad)
        rtl = is_rtl(line.text)
        x = request.width - plate_w if rtl else 0.0
        y = request.height - plate_h
        plate = QRectF(x, y, plate_w, plate_h)
        if request.plate:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(_colour(request.plate))
            painter.drawRoundedRect(plate, pad * 0.5, pad * 0.5)
        self._draw_text(painter, font, line, plate, rtl)

    def _card(self, painter: QPainter, request: TitleRequest) -> None:
        fonts = [_fitted_font(request, line, request.width * 0.95) for line in request.lines]
        heights = [QFontMetricsF(f).height() * 1.25 for f in fonts]
        logo_h = 0.0
        logo = QImage(str(request.logo)) if request.logo else QImage()
        if not logo.isNull():
            logo = logo.scaled(
                int(request.width * 0.4),
                int(request.height * 0.3),
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
            logo_h = logo.height() * 1.2
        y = (request.height - sum(heights) - logo_h) / 2
        if not logo.isNull():
            painter.drawImage(int((request.width - logo.width()) / 2), int(y), logo)
            y += logo_h
        for line, font, height in zip(request.lines, fonts, heights, strict=True):
            self._draw_text(painter, font, line, QRectF(0, y, request.width, height), is_rtl(line.text))
            y += height

    @staticmethod
    def _draw_text(painter: QPainter, font: QFont, line: TextLine, rect: QRectF, rtl: bool) -> None:
        """Centred in ``rect``; the paragraph direction matters for where neutral characters (—, !) go."""
        option = QTextOption()
        option.setTextDirection(Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight)
        option.setWrapMode(QTextOption.WrapMode.NoWrap)
        option.setAlignment(Qt.AlignmentFlag.AlignCenter)
        painter.setFont(font)
        painter.setPen(_colour(line.color))
        painter.drawText(rect, line.text, option)
