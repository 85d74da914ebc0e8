"""Text facts every layer needs about names that come in Latin and Arabic script."""

from __future__ import annotations

import unicodedata


def is_rtl(text: str) -> bool:
    """True if the first strongly directional character is right-to-left (Unicode bidi rule P2)."""
    for char in text:
        direction = unicodedata.bidirectional(char)
        if direction in ("R", "AL"):
            return True
        if direction == "L":
            return False
    return False
