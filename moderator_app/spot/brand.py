"""The look of a spot as data: a campaign changes colours, signature, logo or title wording without code.

The neutral defaults are ``resources/brand/brand.json``. A campaign's own brand lives in its data folder
(``<data dir>/brand/brand.json`` and its logo beside it), put there by ``import_brand``, which checks
every value first: a brand file is typed by hand or sent by a client, and its texts reach the screen, its
colours ffmpeg's filter graph and its logo the title renderer. Missing keys keep the defaults.
"""

from __future__ import annotations

import hashlib
import importlib.resources
import json
import re
import unicodedata
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path
from typing import Any

from moderator_app.base.durable import write_atomic

BRAND_FOLDER = "brand"
"""In the campaign's data folder."""
BRAND_FILE = "brand.json"
LOGO_PREFIX = "logo-"
"""An imported logo is stored as ``logo-<first 12 hex of its sha256>.png`` (fonts as ``font-…``)."""
RECIPIENT = "{recipient}"
SENDER = "{sender}"
FONT_PREFIX = "font-"
MAX_LOGO_BYTES = 8 * 1024 * 1024
MAX_FONT_BYTES = 32 * 1024 * 1024
_FONT_MAGIC = (b"\x00\x01\x00\x00", b"OTTO", b"true", b"ttcf")
_FONT_SUFFIXES = (".ttf", ".otf", ".ttc")
_PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
_COLOUR = re.compile(r"#[0-9A-Fa-f]{6}(?:[0-9A-Fa-f]{2})?")
_OPAQUE = re.compile(r"#[0-9A-Fa-f]{6}")
_PLACEHOLDER = re.compile(r"\{recipient\}|\{sender\}")
_LANGUAGE = re.compile(r"[a-z]{2,3}")
MAX_HOLD_S = 20.0
"""No card is held longer than this, whatever a brand file says (a spot of cards is not a spot)."""


@dataclass(frozen=True, slots=True)
class Hold:
    """How long a card may stay on screen, in seconds: a spot whose messages are shorter than their share
    holds its cards longer (never slows or loops a message), within these bounds."""

    min_s: float
    max_s: float


@dataclass(frozen=True, slots=True)
class Brand:
    """Colours are ``#RRGGBB`` (``#RRGGBBAA`` where a transparency makes sense)."""

    signature: str
    hashtag: str
    intro_text: str
    lower_third: str
    """The prefilled lower third in the default language, with ``{recipient}`` and ``{sender}`` for the
    first names; a campaign in another language words it its own way ("إلى {recipient} — من {sender}")."""
    card_background: str
    card_text: str
    accent: str
    lower_third_plate: str
    lower_third_text: str
    font_families: tuple[str, ...]
    """Tried in order per glyph by renderers that support fallback (the Qt one does)."""
    logo: Path | None = None
    """Optional PNG (with alpha), drawn on the outro card inside the graphics-safe area."""
    font_files: tuple[Path, ...] = ()
    """The campaign's own fonts (TrueType / OpenType files beside the brand file, often not installed on
    the producer's machine); their families are tried before ``font_families``."""
    lower_third_by_language: tuple[tuple[str, str], ...] = ()
    """(primary language subtag, wording) pairs: a Moroccan message in Arabic gets the Arabic wording. A
    brand file writes ``lower_third`` as ``{"fr": "...", "ar": "..."}``; a single string is one wording
    for every language."""
    default_language: str = "fr"
    """The campaign's language: its wording is used for messages in a language the brand has no wording for."""
    intro_hold: Hold = Hold(1.0, 8.0)
    outro_hold: Hold = Hold(2.0, 10.0)
    between_hold: Hold | None = Hold(1.0, 5.0)
    """A short brand card between two messages, only when intro and outro held to their longest cannot
    fill the spot; None: this brand never puts a card between messages."""
    min_message_s: float = 3.0
    """The shortest a message may be cut to by a fit: below it a message is hard to follow, so the editor
    warns (and proposes a longer spot or one message fewer) instead of calling the fit a success."""

    def wording(self, language: str | None) -> str:
        """The lower-third wording for a submission's language (BCP 47: ``fr-MA`` -> ``fr``), else the
        default language's."""
        primary = (language or "").strip().split("-")[0].split("_")[0].lower()
        return dict(self.lower_third_by_language).get(primary, self.lower_third)


class BrandError(ValueError):
    """A brand file that cannot be used; the message says which setting and why (no personal data)."""


_TEXT_LIMITS = {"signature": 120, "hashtag": 60, "intro_text": 120, "lower_third": 120}
_COLOURS = {
    "card_background": _OPAQUE,  # a card is a solid picture: no transparency to give it
    "card_text": _COLOUR,
    "accent": _COLOUR,
    "lower_third_plate": _COLOUR,
    "lower_third_text": _COLOUR,
}
_KEYS = frozenset(f.name for f in fields(Brand)) - {"lower_third_by_language"}


def _text(key: str, value: Any, limit: int) -> str:
    if not isinstance(value, str):
        raise BrandError(f"{key}: expected text")
    text = value.strip()
    if len(text) > limit:
        raise BrandError(f"{key}: longer than {limit} characters")
    if any(unicodedata.category(c) == "Cc" for c in text):
        raise BrandError(f"{key}: contains control characters")
    return text


def _lower_third(value: Any) -> str:
    text = _text("lower_third", value, _TEXT_LIMITS["lower_third"])
    rest = _PLACEHOLDER.sub("", text)
    if "{" in rest or "}" in rest:
        raise BrandError(f"lower_third: only {RECIPIENT} and {SENDER} may stand in braces")
    return text


def _language(key: str, value: Any) -> str:
    if not isinstance(value, str) or not _LANGUAGE.fullmatch(value):
        raise BrandError(f"{key}: expected a language code such as fr, ar or en")
    return value


def _lower_thirds(value: Any, default_language: str) -> dict[str, Any]:
    """``lower_third`` as one string (every language) or one wording per language (``{"fr": ..., "ar": ...}``)."""
    if isinstance(value, str):
        return {"lower_third": _lower_third(value), "lower_third_by_language": ()}
    if not isinstance(value, dict) or not value:
        raise BrandError("lower_third: expected a wording or an object of wordings by language")
    wordings = tuple((_language("lower_third", lang), _lower_third(text)) for lang, text in value.items())
    chosen = dict(wordings)
    if default_language not in chosen:
        raise BrandError(f"lower_third: no wording for the default language {default_language!r}")
    return {"lower_third": chosen[default_language], "lower_third_by_language": wordings}


def _hold(key: str, value: Any) -> Hold | None:
    """``{"min_s": 1, "max_s": 6}``; ``between_hold`` may be null (no card between messages)."""
    if value is None and key == "between_hold":
        return None
    if not isinstance(value, dict) or set(value) != {"min_s", "max_s"}:
        raise BrandError(f"{key}: expected {{\"min_s\": seconds, \"max_s\": seconds}}")
    low, high = value["min_s"], value["max_s"]
    if not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in (low, high)):
        raise BrandError(f"{key}: min_s and max_s are numbers of seconds")
    if not 0.5 <= low <= high <= MAX_HOLD_S:
        raise BrandError(f"{key}: expected 0.5 <= min_s <= max_s <= {MAX_HOLD_S:g} seconds")
    return Hold(float(low), float(high))


_HOLDS = ("intro_hold", "outro_hold", "between_hold")
MIN_MESSAGE_RANGE_S = (0.5, 10.0)


def _min_message(value: Any) -> float:
    """``min_message_s``: seconds, within ``MIN_MESSAGE_RANGE_S``."""
    low, high = MIN_MESSAGE_RANGE_S
    if not isinstance(value, (int, float)) or isinstance(value, bool) or not low <= value <= high:
        raise BrandError(f"min_message_s: expected a number of seconds from {low:g} to {high:g}")
    return float(value)


def _families(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not 1 <= len(value) <= 8:
        raise BrandError("font_families: expected a list of 1 to 8 family names")
    names = tuple(_text("font_families", name, 64) for name in value)
    if not all(names):
        raise BrandError("font_families: a family name is empty")
    return names


def _is_plain_file_name(name: str) -> bool:
    """One file in the brand file's own folder ("Logo du client.png" is fine); nothing that climbs out of
    it, names another folder or hides (``..``, separators, a leading dot, control characters)."""
    return (
        0 < len(name) <= 128
        and not name.startswith(".")
        and "/" not in name
        and "\\" not in name
        and not any(unicodedata.category(c) == "Cc" for c in name)
    )


def _asset(key: str, value: Any, folder: Path, kind: str, magic: tuple[bytes, ...], limit: int) -> Path:
    """A file the brand file names in its own folder, checked to be what it claims and not too large."""
    if not isinstance(value, str) or not _is_plain_file_name(value):
        raise BrandError(f"{key}: expected the name of a {kind} file in the brand file's folder")
    path = folder / value
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(max(len(m) for m in magic))
    except OSError:
        raise BrandError(f"{key}: {value} cannot be read") from None
    if not path.is_file() or not head.startswith(magic):
        raise BrandError(f"{key}: {value} is not a {kind} file")
    if size > limit:
        raise BrandError(f"{key}: {value} is larger than {limit >> 20} MB")
    return path


def _logo(value: Any, folder: Path) -> Path | None:
    if value is None:
        return None
    return _asset("logo", value, folder, "PNG image", (_PNG_MAGIC,), MAX_LOGO_BYTES)


def _font_files(value: Any, folder: Path) -> tuple[Path, ...]:
    if not isinstance(value, list) or len(value) > 8:
        raise BrandError("font_files: expected a list of at most 8 font file names")
    for name in value:
        if isinstance(name, str) and not name.lower().endswith(_FONT_SUFFIXES):
            raise BrandError(f"font_files: {name} is not a .ttf, .otf or .ttc file")
    return tuple(_asset("font_files", name, folder, "font", _FONT_MAGIC, MAX_FONT_BYTES) for name in value)


def parse_brand(data: Any, folder: Path, base: Brand) -> Brand:
    """``base`` with the settings of ``data`` (a brand file's JSON); the logo is looked up in ``folder``."""
    if not isinstance(data, dict):
        raise BrandError("a brand file holds one JSON object")
    unknown = sorted(set(data) - _KEYS)
    if unknown:
        raise BrandError(f"unknown setting {unknown[0]!r} (known: {', '.join(sorted(_KEYS))})")
    changes: dict[str, Any] = {}
    default_language = base.default_language
    if "default_language" in data:
        default_language = changes["default_language"] = _language("default_language", data["default_language"])
    if "lower_third" not in data and "default_language" in data and base.lower_third_by_language:
        changes.update(_lower_thirds(dict(base.lower_third_by_language), default_language))
    for key, value in data.items():
        if key == "default_language":
            continue
        if key == "lower_third":
            changes.update(_lower_thirds(value, default_language))
        elif key in _HOLDS:
            changes[key] = _hold(key, value)
        elif key == "min_message_s":
            changes[key] = _min_message(value)
        elif key in _TEXT_LIMITS:
            changes[key] = _text(key, value, _TEXT_LIMITS[key])
        elif key in _COLOURS:
            if not isinstance(value, str) or not _COLOURS[key].fullmatch(value):
                shape = "#RRGGBB" if _COLOURS[key] is _OPAQUE else "#RRGGBB or #RRGGBBAA"
                raise BrandError(f"{key}: expected a colour written {shape}")
            changes[key] = value.upper()
        elif key == "font_families":
            changes[key] = _families(value)
        elif key == "font_files":
            changes[key] = _font_files(value, folder)
        else:
            changes[key] = _logo(value, folder)
    return replace(base, **changes)


def _read_json(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise BrandError(f"{path.name} is not UTF-8 text") from None
    except OSError:
        raise BrandError(f"{path.name} cannot be read") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise BrandError(f"{path.name} is not valid JSON (line {exc.lineno}, column {exc.colno})") from None


def _defaults() -> Brand:
    resource = importlib.resources.files("moderator_app.resources") / BRAND_FOLDER / BRAND_FILE
    data = json.loads(resource.read_text(encoding="utf-8"))
    data["font_families"] = tuple(data["font_families"])
    data["font_files"] = tuple(data["font_files"])  # empty: the neutral look uses installed families
    holds = {key: data.pop(key) for key in _HOLDS if key in data}
    if isinstance(data["lower_third"], dict):
        data.update(_lower_thirds(data["lower_third"], data.get("default_language", "fr")))
    # the shipped holds are checked like a campaign's: a bad edit to the defaults fails at import
    parsed: dict[str, Any] = {key: _hold(key, value) for key, value in holds.items()}
    if "min_message_s" in data:
        data["min_message_s"] = _min_message(data["min_message_s"])
    return replace(Brand(**data), **parsed)


DEFAULT_BRAND = _defaults()


def load_brand(path: Path, base: Brand = DEFAULT_BRAND) -> Brand:
    return parse_brand(_read_json(path), path.parent, base)


def campaign_brand(data_dir: Path) -> Brand:
    """The campaign's brand, or the neutral defaults when it has none. Raises BrandError if its file is
    broken (an export must not quietly go out in the wrong colours)."""
    path = data_dir / BRAND_FOLDER / BRAND_FILE
    if not path.exists():
        return DEFAULT_BRAND
    return load_brand(path)


def import_brand(source: Path, data_dir: Path) -> Brand:
    """Check ``source`` (a brand JSON, its logo beside it) and make it the campaign's brand.

    The file and logo are copied, not referred to: the campaign keeps its look when the original folder is
    moved or emptied. The old brand stays in place until the new one is whole on disk.
    """
    data = _read_json(source)
    brand = parse_brand(data, source.parent, DEFAULT_BRAND)  # every value checked before anything is written
    folder = data_dir / BRAND_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    stored = dict(data)
    if brand.logo is not None:
        stored["logo"] = _store(brand.logo, folder, LOGO_PREFIX, ".png")
    if brand.font_files:
        stored["font_files"] = [_store(font, folder, FONT_PREFIX, font.suffix.lower()) for font in brand.font_files]
    write_atomic(folder / BRAND_FILE, (json.dumps(stored, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
    keep = {stored.get("logo"), *stored.get("font_files", ())}
    for old in [*folder.glob(f"{LOGO_PREFIX}*"), *folder.glob(f"{FONT_PREFIX}*")]:
        if old.name not in keep:
            old.unlink(missing_ok=True)
    return campaign_brand(data_dir)


def _store(asset: Path, folder: Path, prefix: str, suffix: str) -> str:
    """Copy a checked asset into the campaign's brand folder under a name made from its content, so a new
    file never overwrites the one the brand file in force points to; returns that name."""
    data = asset.read_bytes()  # size checked when the brand file was read
    name = f"{prefix}{hashlib.sha256(data).hexdigest()[:12]}{suffix}"
    write_atomic(folder / name, data)
    return name


def brand_to_dict(brand: Brand) -> dict[str, Any]:
    """For ``brand show --json``: the values in force (the logo as its file name only)."""
    return {
        **{f.name: getattr(brand, f.name) for f in fields(Brand)
           if f.name not in ("font_families", "logo", "font_files", "lower_third_by_language", *_HOLDS)},
        "lower_third": dict(brand.lower_third_by_language) if brand.lower_third_by_language else brand.lower_third,
        **{key: None if getattr(brand, key) is None else asdict(getattr(brand, key)) for key in _HOLDS},
        "font_families": list(brand.font_families),
        "font_files": [font.name for font in brand.font_files],
        "logo": None if brand.logo is None else brand.logo.name,
    }


def lower_third_text(
    recipient_first_name: str, sender_first_name: str, brand: Brand = DEFAULT_BRAND, language: str | None = None
) -> str:
    """The prefilled title of a message in the campaign's wording for the submission's ``language`` (the
    default language's when the brand has none for it); producers may edit it per slot.

    One pass over the wording, not ``str.format`` nor two replaces: a name holding braces stays text."""
    names = {RECIPIENT: recipient_first_name.strip(), SENDER: sender_first_name.strip()}
    return _PLACEHOLDER.sub(lambda m: names[m.group(0)], brand.wording(language))
