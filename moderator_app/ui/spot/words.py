"""Figures as a person reads them in the editor: seconds with the UI language's decimal mark ("4.0 s",
"4,0 s"), never raw frame counts, and the checks' findings as words, not codes."""

from __future__ import annotations

from PySide6.QtCore import QLocale

from moderator_app.models import Flag
from moderator_app.spot.timecode import FPS
from moderator_app.ui.review.checks_panel import finding_label


def seconds(frames: int, decimals: int = 1) -> str:
    """``frames`` at the broadcast rate as seconds in the current locale: "4.0 s" / "4,0 s"."""
    return f"{QLocale().toString(frames / FPS, 'f', decimals)}\u00a0s"


def seconds_value(value: float, decimals: int = 1) -> str:
    return f"{QLocale().toString(float(value), 'f', decimals)}\u00a0s"


def findings_words(codes: tuple[str, ...] | list[str]) -> str:
    """The findings a clip's checks left, as the UI language's words ("No face detected" is not ``no_face``)."""
    return ", ".join(finding_label(code) for code in codes)


def flag_words(flags: tuple[Flag, ...], blocking: tuple[str, ...] = ()) -> str:
    """The moderator's flags in the UI language; a flag the campaign marks as blocking gets a ⚠ before it."""
    french = QLocale().language() == QLocale.Language.French
    return ", ".join(("⚠ " if f.code in blocking else "") + (f.label_fr if french else f.label_en) for f in flags)


def isolated(text: str) -> str:
    """``text`` as a unit in a line of other text: an Arabic name beside a figure keeps its place (Unicode
    first-strong isolate), instead of pulling the figure and the separators into its right-to-left run."""
    return f"\u2068{text}\u2069"
