"""Titles and cards as transparent PNGs from a pluggable renderer, laid out inside the graphics-safe area.

Text is drawn outside ffmpeg because drawtext has no per-glyph font fallback and draws colour emoji
unreliably; the app passes the Qt renderer (qt_titles.py), which shapes Arabic and draws colour emoji.
``DrawtextTitleRenderer`` is the Qt-free fallback for headless use: HarfBuzz-shaped, one regular-weight font per line.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, Protocol

from moderator_app.base.ffmpeg import run_ffmpeg
from moderator_app.spot.brand import Brand
from moderator_app.spot.presets import Preset

TitleKind = Literal["lower_third", "card"]


@dataclass(frozen=True, slots=True)
class TextLine:
    text: str
    size_px: int
    color: str
    """``#RRGGBB`` or ``#RRGGBBAA``."""
    bold: bool = False


@dataclass(frozen=True, slots=True)
class TitleRequest:
    """What to draw on a ``width`` x ``height`` transparent canvas, which the caller places in the safe area."""

    kind: TitleKind
    lines: tuple[TextLine, ...]
    width: int
    height: int
    families: tuple[str, ...]
    plate: str | None = None
    """Colour of a rounded plate behind the text (lower thirds), sized to the text."""
    logo: Path | None = None
    """A PNG drawn above the text (outro card), scaled to fit."""
    font_files: tuple[Path, ...] = ()
    """Font files whose families come before ``families`` (the campaign's own, maybe not installed)."""


class TitleRenderer(Protocol):
    """Writes an RGBA PNG of exactly ``request.width`` x ``request.height`` pixels to ``out``."""

    def __call__(self, request: TitleRequest, out: Path) -> None: ...


@dataclass(frozen=True, slots=True)
class PlacedTitle:
    """A title request and where its canvas goes in the frame (top-left corner)."""

    request: TitleRequest
    x: int
    y: int


def _unit(preset: Preset) -> int:
    """Type scale follows the short side so 9:16 and 1:1 cuts get the same text size as 16:9."""
    return min(preset.width, preset.height)


def lower_third(preset: Preset, brand: Brand, title: str) -> PlacedTitle:
    """A band at the bottom of the graphics-safe area, as wide as it."""
    sx, sy, sw, sh = preset.safe_rect()
    unit = _unit(preset)
    height = round(unit * 0.15) // 2 * 2
    line = TextLine(title, round(unit * 0.05), brand.lower_third_text, bold=True)
    request = TitleRequest(
        "lower_third", (line,), sw, height, brand.font_families, plate=brand.lower_third_plate,
        font_files=brand.font_files,
    )
    return PlacedTitle(request, sx, sy + sh - height)


def card(preset: Preset, brand: Brand, lines: tuple[str, ...], *, with_logo: bool) -> PlacedTitle:
    """Card text centred in the whole graphics-safe area; the first line is the headline."""
    sx, sy, sw, sh = preset.safe_rect()
    unit = _unit(preset)
    text_lines = tuple(
        TextLine(
            text,
            round(unit * (0.075 if i == 0 else 0.055)),
            brand.card_text if i == 0 else brand.accent,
            i == 0,
        )
        for i, text in enumerate(lines)
    )
    logo = brand.logo if with_logo else None
    request = TitleRequest("card", text_lines, sw, sh, brand.font_families, logo=logo, font_files=brand.font_files)
    return PlacedTitle(request, sx, sy)


def _ffmpeg_colour(colour: str) -> str:
    """``#RRGGBBAA`` -> ``0xRRGGBB@0.xx`` as drawtext and color sources want it."""
    hex_part = colour.lstrip("#")
    if len(hex_part) == 8:
        return f"0x{hex_part[:6]}@{int(hex_part[6:], 16) / 255:.3f}"
    return f"0x{hex_part}"


MIXED_SCRIPT_FAMILY = "DejaVu Sans"
"""Fontconfig family with both Latin and Arabic glyphs, for the drawtext fallback."""


def _has_arabic(text: str) -> bool:
    return any(
        "\u0600" <= c <= "\u06ff" or "\u0750" <= c <= "\u077f" or "\ufb50" <= c <= "\ufefc" for c in text
    )


_FONTCONFIG_SPECIAL = "\\-:,"
"""Characters a fontconfig pattern reads as syntax: escape, size, property and family-list separators."""


def _graph_escape(text: str) -> str:
    """One level of ffmpeg's filter-graph escaping: every ASCII character that is not a letter or digit
    gets a backslash, which ``av_get_token`` turns back into the character itself, whatever it is."""
    return "".join(f"\\{c}" if c.isascii() and not c.isalnum() else c for c in text)


def filter_value(text: str) -> str:
    """``text`` as one option value inside a filter graph given to ``-vf``, read back exactly.

    ffmpeg unescapes twice: once splitting the graph into filters (``,;[]``, quotes) and once splitting
    the filter's options (``:``, quotes). A path or family name with a quote, colon or comma (a campaign
    folder, a temp dir) would otherwise end the value and start another option.
    """
    return _graph_escape(_graph_escape(text))


def fontconfig_family(family: str) -> str:
    """A family name as a fontconfig pattern that names only that family (``-`` is a size, ``:`` a property)."""
    return "".join(f"\\{c}" if c in _FONTCONFIG_SPECIAL else c for c in family)


class DrawtextTitleRenderer:
    """Qt-free renderer through ffmpeg drawtext (HarfBuzz shaping): no colour emoji, no per-glyph fallback.

    Each line uses the first family, or a family covering Latin and Arabic together if the line holds
    Arabic letters (drawtext cannot switch fonts mid-line, and "Pour فاطمة" mixes both); the plate is drawn
    as drawtext's box. Good enough for a headless export of Latin and Arabic titles; the app uses Qt.
    """

    def __call__(self, request: TitleRequest, out: Path) -> None:
        with tempfile.TemporaryDirectory(prefix="titles-") as tmp:
            filters = ["format=rgba"]
            total = sum(int(line.size_px * 1.3) for line in request.lines)
            y = (request.height - total) // 2
            for n, line in enumerate(request.lines):
                text_file = Path(tmp) / f"line{n}.txt"
                text_file.write_text(line.text, encoding="utf-8")
                family = (request.families or ("Sans",))[0]
                if _has_arabic(line.text):
                    family = MIXED_SCRIPT_FAMILY
                font = f"font={filter_value(fontconfig_family(family))}"
                if request.font_files and not _has_arabic(line.text):
                    font = f"fontfile={filter_value(str(request.font_files[0]))}"
                x = "(w-text_w)/2" if request.kind == "card" else str(int(line.size_px * 0.5))
                box = ""
                if request.plate:
                    pad = int(line.size_px * 0.4)
                    box = f":box=1:boxcolor={_ffmpeg_colour(request.plate)}:boxborderw={pad}"
                filters.append(
                    f"drawtext=textfile={filter_value(str(text_file))}:{font}:fontsize={line.size_px}"
                    f":fontcolor={_ffmpeg_colour(line.color)}:x={x}:y={y}:text_shaping=1:expansion=none{box}"
                )
                y += int(line.size_px * 1.3)
            run_ffmpeg(
                [
                    "-y",
                    *(
                        "-f",
                        "lavfi",
                        "-i",
                        f"color=c=black@0.0:s={request.width}x{request.height},format=rgba",
                    ),
                    *("-vf", ",".join(filters), "-frames:v", "1", "-update", "1", str(out)),
                ],
                timeout=60,
            )
