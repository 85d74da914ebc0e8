"""Direction of names in Latin and Arabic script (Unicode bidi rule P2)."""

from __future__ import annotations

import pytest

from moderator_app.base.text import is_rtl


@pytest.mark.parametrize(
    ("text", "rtl"),
    [
        ("Hélène", False),
        ("فاطمة", True),
        ("فاطمة Dubois", True),  # the first strong character decides
        ("Pour فاطمة", False),
        ("🌸 12 يوسف", True),  # emoji and digits are neutral or weak
        ("", False),
        ("123", False),
    ],
)
def test_is_rtl(text: str, rtl: bool) -> None:
    assert is_rtl(text) is rtl
