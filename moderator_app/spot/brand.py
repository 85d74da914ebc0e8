"""The look of a spot as data: a campaign changes colours, signature or logo without touching code."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Brand:
    """Neutral defaults; colours are ``#RRGGBB`` (``#RRGGBBAA`` where a transparency makes sense)."""

    signature: str = "Restons proches, même à distance."
    hashtag: str = "#OnResteEnsemble"
    intro_text: str = "Ils ont un message pour vous"
    card_background: str = "#1B2A4A"
    card_text: str = "#FFFFFF"
    accent: str = "#F2B134"
    lower_third_plate: str = "#101820CC"
    lower_third_text: str = "#FFFFFF"
    font_families: tuple[str, ...] = ("Noto Sans", "Noto Sans Arabic", "Noto Color Emoji")
    """Tried in order per glyph by renderers that support fallback (the Qt one does)."""
    logo: Path | None = None
    """Optional PNG (with alpha), drawn on the outro card inside the graphics-safe area."""


DEFAULT_BRAND = Brand()


def lower_third_text(recipient_first_name: str, sender_first_name: str) -> str:
    """The prefilled title of a message; producers may edit it per slot."""
    return f"Pour {recipient_first_name.strip()} — de {sender_first_name.strip()}"
