"""The dashboard's two charts, drawn with QPainter (PySide6-Essentials ships no QtCharts).

Sizes come from the font's metrics, not from pixels, so the charts read the same at 1366×768 and on a
high-DPI screen (Qt scales the painter; nothing here assumes a device pixel ratio). Both charts show a
light "loading" state until the first report arrives, and say so when there is nothing to draw yet.
Country names come from Babel in the interface's language; a code Babel does not know (the field comes
from records strangers sent) is shown as it is, elided to its column.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
from collections.abc import Sequence

from babel import Locale, UnknownLocaleError
from PySide6.QtCore import QCoreApplication, QDate, QEvent, QLocale, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFontMetrics, QHelpEvent, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from moderator_app.services.report import HourCount
from moderator_app.ui.plaintext import tooltip_text

APPROVED = QColor("#2e7d32")
REJECTED = QColor("#c62828")
HOURS_SHOWN = 24
"""The hour chart shows the day up to the latest decision: a moderator's shift, hour by hour."""


def territory_name(code: str, language: str | None = None) -> str:
    """The country's name in the interface's language (``FR`` -> "France"), else the code as given."""
    lang = language or QLocale().name().split("_")[0]
    if len(code) == 2 and code.isascii() and code.isalpha():
        name = _territories(lang).get(code.upper())
        if name:
            return name
    return code


@functools.lru_cache(maxsize=4)
def _territories(language: str) -> dict[str, str]:
    try:
        names = Locale.parse(language).territories
    except (UnknownLocaleError, ValueError):
        names = Locale("en").territories
    return {str(k): str(v) for k, v in names.items()}


def nice_step(top: float, ticks: int = 4) -> int:
    """A round step (1, 2, 5 × 10^k) so that ``ticks`` steps cover ``top``."""
    raw = max(top / ticks, 1.0)
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 5, 10):
        if factor * power >= raw:
            return int(factor * power)
    return int(10 * power)


def last_hours(hours: Sequence[HourCount], count: int = HOURS_SHOWN) -> list[HourCount]:
    """The ``count`` hours up to the latest hour with decisions, quiet hours as zeros, oldest first."""
    if not hours:
        return []
    known = {h.hour: h for h in hours}
    try:
        end = dt.datetime.strptime(hours[-1].hour, "%Y-%m-%dT%H:00Z")
    except ValueError:  # not a real hour (a time edited by hand): the hours as they are
        return list(hours[-count:])
    out = []
    for back in range(count - 1, -1, -1):
        key = (end - dt.timedelta(hours=back)).strftime("%Y-%m-%dT%H:00Z")
        out.append(known.get(key, HourCount(key, 0, 0)))
    return out


def day_text(hour: str, locale: QLocale) -> str:
    """The day of ``YYYY-MM-DDTHH:00Z`` the interface's way ("03/12/2026"), or its digits if not a date."""
    try:
        day = dt.date.fromisoformat(hour[:10])
    except ValueError:
        return hour[:10]
    return locale.toString(QDate(day.year, day.month, day.day), QLocale.FormatType.ShortFormat)


class Chart(QWidget):
    """What both charts share: a title, the loading and empty states, and ``painted`` once data is drawn."""

    painted = Signal()
    """The chart was painted with the report it holds (not the loading state)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.loaded = False
        self.tips: list[tuple[QRectF, str]] = []
        """Where each bar (or row) was drawn and what it counts, for the tooltip under the pointer."""
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent, False)

    def sizeHint(self) -> QSize:
        fm = QFontMetrics(self.font())
        return QSize(fm.averageCharWidth() * 70, fm.height() * 14)

    def minimumSizeHint(self) -> QSize:
        fm = QFontMetrics(self.font())
        return QSize(fm.averageCharWidth() * 36, fm.height() * 8)

    def title(self) -> str:
        raise NotImplementedError

    def empty_text(self) -> str:
        raise NotImplementedError

    def has_data(self) -> bool:
        raise NotImplementedError

    def draw(self, p: QPainter, area: QRectF) -> None:
        raise NotImplementedError

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            point = QPointF(event.pos())
            tip = next((text for rect, text in self.tips if rect.contains(point)), "")
            if tip:
                QToolTip.showText(event.globalPos(), tooltip_text(tip), self)
            else:
                QToolTip.hideText()
            event.accept()
            return True
        return super().event(event)

    def muted(self, alpha: int = 160) -> QColor:
        """The text colour, lighter: axis labels stay readable, the bars stay what the eye goes to."""
        colour = QColor(self.palette().color(QPalette.ColorRole.WindowText))
        colour.setAlpha(alpha)
        return colour

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        fm = QFontMetrics(self.font())
        pad = fm.height() * 0.5
        bold = self.font()
        bold.setBold(True)
        p.setFont(bold)
        p.setPen(self.palette().color(QPalette.ColorRole.WindowText))
        title = QRectF(pad, pad * 0.5, self.width() - 2 * pad, fm.height() * 1.4)
        p.drawText(title, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                   QFontMetrics(bold).elidedText(self.title(), Qt.TextElideMode.ElideRight, int(title.width())))
        p.setFont(self.font())
        area = QRectF(pad, title.bottom() + pad * 0.5, self.width() - 2 * pad, self.height() - title.bottom() - pad)
        self.tips = []
        if not self.loaded or not self.has_data():
            p.setPen(self.muted())
            text = QCoreApplication.translate("Chart", "Loading…") if not self.loaded else self.empty_text()
            p.drawText(area, Qt.AlignmentFlag.AlignCenter, text)
            p.end()
            if self.loaded:
                self.painted.emit()
            return
        self.draw(p, area)
        p.end()
        self.painted.emit()


class HourChart(Chart):
    """Decisions per hour (UTC), approved and rejected stacked, over the last 24 hours with decisions."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("hourChart")
        self.hours: list[HourCount] = []

    def set_hours(self, hours: Sequence[HourCount]) -> None:
        self.hours = last_hours(hours)
        self.loaded = True
        self.setAccessibleName(self.title())
        self.update()

    def title(self) -> str:
        return self.tr("Decisions per hour (UTC)")

    def empty_text(self) -> str:
        return self.tr("No decisions yet")

    def has_data(self) -> bool:
        return any(h.approved or h.rejected for h in self.hours)

    def hour_label(self, hour: HourCount) -> str:
        return self.tr("{hour}:00").format(hour=int(hour.hour[11:13]))

    def draw(self, p: QPainter, area: QRectF) -> None:
        fm = QFontMetrics(self.font())
        locale = QLocale()
        top_value = max(h.approved + h.rejected for h in self.hours)
        step = nice_step(top_value)
        scale_top = step * math.ceil(top_value / step)
        ticks = range(0, scale_top + 1, step)
        axis_w = max(fm.horizontalAdvance(locale.toString(t)) for t in ticks) + fm.height() * 0.5
        legend_h = fm.height() * 1.3
        plot = QRectF(area.left() + axis_w, area.top() + legend_h, area.width() - axis_w,
                      area.height() - legend_h - fm.height() * 2.3)
        if plot.height() < fm.height() or plot.width() < len(self.hours):
            return
        self._legend(p, area, fm)
        grid = self.muted(40)
        for t in ticks:
            y = plot.bottom() - plot.height() * t / scale_top
            p.setPen(grid)
            p.drawLine(int(plot.left()), int(y), int(plot.right()), int(y))
            p.setPen(self.muted())
            p.drawText(QRectF(area.left(), y - fm.height() / 2, axis_w - fm.height() * 0.3, fm.height()),
                       Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, locale.toString(t))
        slot = plot.width() / len(self.hours)
        bar = max(slot * 0.7, 1.0)
        every = max(1, math.ceil(fm.horizontalAdvance("00:00 ") / slot))
        p.setPen(Qt.PenStyle.NoPen)
        for i, h in enumerate(self.hours):
            self.tips.append((QRectF(plot.left() + i * slot, plot.top(), slot, plot.height()), self.tr(
                "{day} {hour}: approved {approved}, rejected {rejected}").format(
                day=day_text(h.hour, locale), hour=self.hour_label(h), approved=locale.toString(h.approved),
                rejected=locale.toString(h.rejected))))
            x = plot.left() + i * slot + (slot - bar) / 2
            a_h = plot.height() * h.approved / scale_top
            r_h = plot.height() * h.rejected / scale_top
            p.fillRect(QRectF(x, plot.bottom() - a_h, bar, a_h), APPROVED)
            p.fillRect(QRectF(x, plot.bottom() - a_h - r_h, bar, r_h), REJECTED)
        p.setPen(self.palette().color(QPalette.ColorRole.WindowText))
        for i, h in enumerate(self.hours):
            centre = plot.left() + (i + 0.5) * slot
            if (len(self.hours) - 1 - i) % every == 0:
                p.drawText(QRectF(centre - slot * every / 2, plot.bottom() + 2, slot * every, fm.height()),
                           Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, self.hour_label(h))
            if i == 0 or h.hour[11:13] == "00":
                text = day_text(h.hour, locale)
                p.setPen(self.muted())
                p.drawText(QRectF(centre - slot / 2, plot.bottom() + 2 + fm.height(), fm.horizontalAdvance(text) + 4,
                                  fm.height()), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, text)
                p.setPen(self.palette().color(QPalette.ColorRole.WindowText))

    def _legend(self, p: QPainter, area: QRectF, fm: QFontMetrics) -> None:
        box = fm.height() * 0.7
        x = area.right()
        for label, colour in ((self.tr("Rejected"), REJECTED), (self.tr("Approved"), APPROVED)):
            width = fm.horizontalAdvance(label)
            x -= width
            p.setPen(self.palette().color(QPalette.ColorRole.WindowText))
            p.drawText(QRectF(x, area.top(), width + 2, fm.height()), Qt.AlignmentFlag.AlignVCenter, label)
            x -= box + fm.height() * 0.3
            p.fillRect(QRectF(x, area.top() + (fm.height() - box) / 2, box, box), colour)
            x -= fm.height()


class CountryChart(Chart):
    """Approvals per country, longest bar first, country names in the interface's language."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("countryChart")
        self.counts: list[tuple[str, int]] = []

    def set_counts(self, counts: dict[str, int]) -> None:
        self.counts = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
        self.loaded = True
        self.setAccessibleName(self.title())
        self.update()

    def title(self) -> str:
        return self.tr("Approvals per country")

    def empty_text(self) -> str:
        return self.tr("No approvals yet")

    def has_data(self) -> bool:
        return any(n for _, n in self.counts)

    def rows(self, fit: int) -> list[tuple[str, int]]:
        """The countries that fit ``fit`` rows; the rest summed as one "other countries" row."""
        named = [(territory_name(code), n) for code, n in self.counts]
        if len(named) <= fit:
            return named
        keep = max(fit - 1, 0)
        rest = sum(n for _, n in named[keep:])
        return [*named[:keep], (self.tr("%Ln other countries", "", len(named) - keep), rest)]

    def draw(self, p: QPainter, area: QRectF) -> None:
        fm = QFontMetrics(self.font())
        locale = QLocale()
        row_h = fm.height() * 1.6
        rows = self.rows(max(1, int(area.height() // row_h)))
        top_value = max(n for _, n in rows) or 1
        label_w = min(max(fm.horizontalAdvance(name) for name, _ in rows) + fm.height() * 0.5, area.width() * 0.4)
        value_w = fm.horizontalAdvance(locale.toString(top_value)) + fm.height() * 0.5
        bar_room = max(area.width() - label_w - value_w, 1.0)
        text = self.palette().color(QPalette.ColorRole.WindowText)
        for i, (name, n) in enumerate(rows):
            y = area.top() + i * row_h
            self.tips.append((QRectF(area.left(), y, area.width(), row_h), f"{name}: {locale.toString(n)}"))
            p.setPen(text)
            p.drawText(QRectF(area.left(), y, label_w - fm.height() * 0.3, row_h),
                       Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                       fm.elidedText(name, Qt.TextElideMode.ElideRight, int(label_w - fm.height() * 0.3)))
            width = bar_room * n / top_value
            p.fillRect(QRectF(area.left() + label_w, y + row_h * 0.2, max(width, 1.0 if n else 0.0), row_h * 0.6),
                       APPROVED)
            p.drawText(QRectF(area.left() + label_w + width + fm.height() * 0.3, y, value_w, row_h),
                       Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, locale.toString(n))
