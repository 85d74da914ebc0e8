"""What the automatic checks measured on the current clip: findings, figures, loudness over time.

A figure past one of the campaign's thresholds says so beside it ("146 — above 140 (too bright)") and is
marked; every figure with a limit names its limits in its tooltip (ui/review/figure_limits.py).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from moderator_app.services.checks import Thresholds
from moderator_app.ui.review.figure_limits import LIMITS, crossed

PLOT_FLOOR_LUFS = -50.0
PLOT_CEILING_LUFS = -5.0
TARGET_LUFS = -23.0
SHORT_TERM_LIMIT_LUFS = -20.0


def finding_label(code: str) -> str:
    """Short words for a finding code (the codes themselves stay stable in data and JSON)."""
    labels = {
        "too_short": QCoreApplication.translate("Findings", "too short"),
        "too_long": QCoreApplication.translate("Findings", "too long"),
        "portrait": QCoreApplication.translate("Findings", "portrait"),
        "too_dark": QCoreApplication.translate("Findings", "too dark"),
        "too_bright": QCoreApplication.translate("Findings", "too bright"),
        "blurry": QCoreApplication.translate("Findings", "blurry"),
        "black_frames": QCoreApplication.translate("Findings", "black frames"),
        "frozen": QCoreApplication.translate("Findings", "frozen"),
        "no_face": QCoreApplication.translate("Findings", "no face"),
        "no_audio": QCoreApplication.translate("Findings", "no audio"),
        "silent": QCoreApplication.translate("Findings", "silent"),
        "too_loud": QCoreApplication.translate("Findings", "too loud"),
        "clipping": QCoreApplication.translate("Findings", "clipping"),
        "vfr": QCoreApplication.translate("Findings", "variable frame rate"),
        "duplicate": QCoreApplication.translate("Findings", "duplicate"),
        "unreadable": QCoreApplication.translate("Findings", "unreadable"),
    }
    return labels.get(code, code)


def limits_text(limits: Thresholds, figure: str) -> str:
    """A figure's limits for its tooltip ("too dark below 40 · too bright above 215"); empty when none."""
    parts = []
    for lim in LIMITS:
        if lim.figure == figure:
            bound = lim.show(float(getattr(limits, lim.threshold)))
            template = (QCoreApplication.translate("ChecksPanel", "{finding} above {limit}") if lim.above
                        else QCoreApplication.translate("ChecksPanel", "{finding} below {limit}"))
            parts.append(template.format(finding=finding_label(lim.finding), limit=bound))
    return " · ".join(parts)


def crossed_text(value: str, past: Any) -> str:
    """"146 — above 140 (too bright)"."""
    template = (QCoreApplication.translate("ChecksPanel", "{value} — above {limit} ({finding})") if past.above
                else QCoreApplication.translate("ChecksPanel", "{value} — below {limit} ({finding})"))
    return template.format(value=value, limit=past.limit, finding=finding_label(past.finding))


CROSSED_STYLE = "color: #b71c1c; font-weight: bold; background: #ffebee;"


def badges(findings: list[str] | None) -> str:
    if findings is None:
        return "…"
    return " · ".join(finding_label(code) for code in findings)


class LoudnessPlot(QWidget):
    """Loudness over the clip — momentary (0.4 s) in blue, short-term (3 s) in white — against the
    −23 LUFS target (green) and the −20 LUFS short-term limit (red)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("loudnessPlot")
        self.setMinimumHeight(70)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._momentary: list[tuple[float, float]] = []
        self._short_term: list[tuple[float, float]] = []

    def set_series(self, series: list[list[float | None]] | None) -> None:
        rows = series or []
        self._momentary = [(float(p[0]), float(p[1])) for p in rows if p[1] is not None]
        self._short_term = [(float(p[0]), float(p[2])) for p in rows if p[2] is not None]
        self.update()

    @property
    def points(self) -> list[tuple[float, float]]:
        return self._momentary

    def _y(self, lufs: float, rect: QRectF) -> float:
        share = (min(max(lufs, PLOT_FLOOR_LUFS), PLOT_CEILING_LUFS) - PLOT_FLOOR_LUFS) / (
            PLOT_CEILING_LUFS - PLOT_FLOOR_LUFS
        )
        return rect.bottom() - share * rect.height()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(self.rect()).adjusted(2, 2, -2, -2)
        painter.fillRect(rect, QColor("#1e1f24"))
        for level, colour in ((TARGET_LUFS, "#4caf50"), (SHORT_TERM_LIMIT_LUFS, "#ef5350")):
            y = self._y(level, rect)
            painter.setPen(QPen(QColor(colour), 1, Qt.PenStyle.DashLine))
            painter.drawLine(QPointF(rect.left(), y), QPointF(rect.right(), y))
        if len(self._momentary) < 2:
            painter.setPen(QColor("#9e9e9e"))
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, self.tr("no loudness measured"))
            return
        end = self._momentary[-1][0] or 1.0
        for points, colour in ((self._momentary, "#90caf9"), (self._short_term, "#ffffff")):
            path = QPainterPath()
            for i, (t, lufs) in enumerate(points):
                point = QPointF(rect.left() + t / end * rect.width(), self._y(lufs, rect))
                if i == 0:
                    path.moveTo(point)
                else:
                    path.lineTo(point)
            painter.setPen(QPen(QColor(colour), 1.5))
            painter.drawPath(path)


def _fmt(value: Any, unit: str = "", digits: int = 1) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return QCoreApplication.translate("ChecksPanel", "yes") if value else QCoreApplication.translate(
            "ChecksPanel", "no")
    if isinstance(value, float):
        return f"{value:.{digits}f}{unit}"
    return f"{value}{unit}"


class ChecksPanel(QWidget):
    FIGURES = (
        "duration_s", "size", "orientation", "fps", "loudness_lufs", "true_peak_dbtp", "max_short_term_lufs",
        "silence_share", "blur_score", "mean_luma", "black", "faces",
    )

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        top = QHBoxLayout()
        self.title = QLabel(self)
        self.title.setStyleSheet("font-weight: bold;")
        self.findings = QLabel(self)
        self.findings.setObjectName("findingsLabel")
        self.findings.setWordWrap(True)
        self.findings.setTextFormat(Qt.TextFormat.PlainText)
        top.addWidget(self.title)
        top.addWidget(self.findings, 1)
        layout.addLayout(top)
        body = QHBoxLayout()
        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(1)
        self.values: dict[str, QLabel] = {}
        self._captions: dict[str, QLabel] = {}
        for i, key in enumerate(self.FIGURES):
            caption, value = QLabel(self), QLabel(self)
            caption.setStyleSheet("color: #5f6368;")
            value.setTextFormat(Qt.TextFormat.PlainText)
            self._captions[key], self.values[key] = caption, value
            grid.addWidget(caption, i // 3, (i % 3) * 2)
            grid.addWidget(value, i // 3, (i % 3) * 2 + 1)
        body.addLayout(grid, 3)
        self.plot = LoudnessPlot(self)
        body.addWidget(self.plot, 2)
        layout.addLayout(body)
        self.retranslate()
        self.show_report(None)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Checks:"))
        captions = {
            "duration_s": self.tr("Duration"), "size": self.tr("Picture"), "orientation": self.tr("Orientation"),
            "fps": self.tr("Frame rate"), "loudness_lufs": self.tr("Loudness"), "true_peak_dbtp": self.tr("True peak"),
            "max_short_term_lufs": self.tr("Max short-term"), "silence_share": self.tr("Silence"),
            "blur_score": self.tr("Sharpness"), "mean_luma": self.tr("Brightness"), "black": self.tr("Black head/tail"),
            "faces": self.tr("Frames with a face"),
        }
        for key, text in captions.items():
            self._captions[key].setText(text)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _orientation(self, code: Any) -> str:
        words = {"landscape": self.tr("landscape"), "portrait": self.tr("portrait"), "square": self.tr("square")}
        return words.get(str(code), str(code)) if code else "—"

    def show_report(self, report: dict[str, Any] | None, same_clip: list[str] | None = None,
                    limits: Thresholds | None = None) -> None:
        limits = limits or Thresholds()
        for key, label in self.values.items():
            label.setToolTip(limits_text(limits, key))
            label.setStyleSheet("")
            label.setProperty("crossed", False)
        if report is None:
            self.findings.setText(self.tr("not checked yet"))
            for label in self.values.values():
                label.setText("—")
            self.plot.set_series(None)
            return
        codes = list(report.get("findings") or [])
        text = badges(codes) if codes else self.tr("nothing to report")
        if same_clip:
            text += "  " + self.tr("(same clip as {ids})").format(ids=", ".join(same_clip))
        if report.get("reason"):
            text += " — " + str(report["reason"])
        self.findings.setText(text)
        self.findings.setStyleSheet("color: #e65100;" if codes else "color: #1b7f3b;")
        r = report
        fps = _fmt(r.get("fps"), " fps", 2) + (" (" + self.tr("variable") + ")" if r.get("vfr") else "")
        values = {
            "duration_s": _fmt(r.get("duration_s"), " s"),
            "size": f"{r.get('width')}×{r.get('height')}" if r.get("width") else "—",
            "orientation": self._orientation(r.get("orientation")),
            "fps": fps,
            "loudness_lufs": _fmt(r.get("loudness_lufs"), " LUFS"),
            "true_peak_dbtp": _fmt(r.get("true_peak_dbtp"), " dBTP"),
            "max_short_term_lufs": _fmt(r.get("max_short_term_lufs"), " LUFS"),
            "silence_share": "—" if r.get("silence_share") is None else f"{100 * float(r['silence_share']):.0f} %",
            "blur_score": _fmt(r.get("blur_score"), "", 0),
            "mean_luma": _fmt(r.get("mean_luma"), "", 0),
            "black": f"{_fmt(r.get('black_head_s'), ' s', 2)} / {_fmt(r.get('black_tail_s'), ' s', 2)}",
            "faces": "—" if r.get("faces") is None else f"{r['faces']} / {r.get('face_samples', 0)}",
        }
        for key, value in values.items():
            past = crossed(r, limits, key)
            self.values[key].setText(crossed_text(value, past) if past else value)
            if past:
                self.values[key].setStyleSheet(CROSSED_STYLE)
                self.values[key].setProperty("crossed", True)
        self.plot.set_series(r.get("loudness_series"))
