"""The Qt title renderer draws Arabic joined and right-to-left and emoji in colour, inside its canvas."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from numpy.typing import NDArray
from PySide6.QtGui import QColor, QGuiApplication, QImage

from moderator_app.spot.brand import DEFAULT_BRAND
from moderator_app.spot.presets import PRESETS
from moderator_app.spot.qt_titles import QtTitleRenderer
from moderator_app.spot.titles import card, lower_third

ZWNJ = "\u200c"


def rgba(path: Path) -> NDArray[np.uint8]:
    image = QImage(str(path)).convertToFormat(QImage.Format.Format_RGBA8888)
    array = np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), image.bytesPerLine() // 4, 4)
    return array[:, : image.width()].copy()


def render(tmp_path: Path, title: str, name: str, preset: str = "web-mp4") -> tuple[NDArray[np.uint8], Path]:
    placed = lower_third(PRESETS[preset], DEFAULT_BRAND, title)
    out = tmp_path / f"{name}.png"
    QtTitleRenderer()(placed.request, out)
    return rgba(out), out


def text_pixels(image: NDArray[np.uint8]) -> NDArray[np.bool_]:
    """Near-white opaque pixels: the glyphs (the plate is dark)."""
    mask: NDArray[np.bool_] = (image[..., 3] > 200) & (image[..., :3].min(axis=2) > 200)
    return mask


def saturated(image: NDArray[np.uint8]) -> NDArray[np.bool_]:
    """Opaque pixels with colour (white text and the dark plate have none)."""
    rgb = image[..., :3].astype(int)
    mask: NDArray[np.bool_] = (image[..., 3] > 200) & (rgb.max(axis=2) - rgb.min(axis=2) > 50)
    return mask


@pytest.fixture
def gui(qapp: QGuiApplication) -> QGuiApplication:
    return qapp


def test_canvas_is_the_requested_size_and_transparent_around_the_plate(
    gui: QGuiApplication, tmp_path: Path
) -> None:
    image, _ = render(tmp_path, "Pour Hélène — de Lucas", "latin")
    assert image.shape[:2] == (162, 1728)
    assert image[0, -1, 3] == 0 and image[-1, -1, 3] == 0  # right end: no plate behind a short name
    assert text_pixels(image).sum() > 2000


def test_arabic_is_shaped_joined_and_drawn(gui: QGuiApplication, tmp_path: Path) -> None:
    joined, _ = render(tmp_path, "Pour فاطمة — de Lucas", "arabic")
    apart, _ = render(tmp_path, "Pour " + ZWNJ.join("فاطمة") + " — de Lucas", "arabic-apart")
    assert text_pixels(joined).sum() > 2000
    # the same letters in their joined forms draw differently (and narrower) than in isolated forms
    assert not np.array_equal(joined, apart)
    assert (
        np.nonzero(text_pixels(joined).any(axis=0))[0].max()
        < np.nonzero(text_pixels(apart).any(axis=0))[0].max()
    )


def test_arabic_only_title_sits_on_the_right(gui: QGuiApplication, tmp_path: Path) -> None:
    image, _ = render(tmp_path, "إلى فاطمة — من يوسف", "rtl")
    columns = np.nonzero(image[..., 3].max(axis=0) > 0)[0]
    assert columns.max() == image.shape[1] - 1 and columns.min() > image.shape[1] // 3


def test_emoji_is_drawn_in_colour(gui: QGuiApplication, tmp_path: Path) -> None:
    with_emoji, _ = render(tmp_path, "Pour Mamie 🌸 — de Léa", "emoji")
    without, _ = render(tmp_path, "Pour Mamie — de Léa", "plain")
    assert saturated(with_emoji).sum() > 1000  # a pink blossom, not a white outline or a tofu box
    assert saturated(without).sum() == 0


def test_a_long_name_shrinks_to_stay_inside(gui: QGuiApplication, tmp_path: Path) -> None:
    image, _ = render(tmp_path, "Pour " + "Marie-Bernadette " * 8 + "— de Lucas", "long")
    assert text_pixels(image).sum() > 1000
    columns = np.nonzero(text_pixels(image).any(axis=0))[0]
    assert columns.max() < image.shape[1] - 20  # the plate's padding stays on the right of the text
    assert image.shape[1] - 200 < columns.max()  # shrunk to fit, not to nothing


def test_cards_centre_their_lines_in_the_safe_area(gui: QGuiApplication, tmp_path: Path) -> None:
    placed = card(PRESETS["tf1-pad"], DEFAULT_BRAND, ("Restons proches", "#OnResteEnsemble"), with_logo=False)
    assert (placed.x, placed.y, placed.request.width, placed.request.height) == (96, 54, 1728, 972)
    out = tmp_path / "card.png"
    QtTitleRenderer()(placed.request, out)
    image = rgba(out)
    rows = np.nonzero(image[..., 3].max(axis=1) > 0)[0]
    middle = (rows.min() + rows.max()) / 2
    assert abs(middle - 972 / 2) < 972 * 0.05
    assert saturated(image).sum() > 500  # the hashtag in the accent colour


def test_outro_card_draws_the_optional_logo(gui: QGuiApplication, tmp_path: Path) -> None:
    logo = QImage(300, 120, QImage.Format.Format_ARGB32)
    logo.fill(QColor("#00A000"))
    logo_path = tmp_path / "logo.png"
    assert logo.save(str(logo_path))
    brand = replace(DEFAULT_BRAND, logo=logo_path)
    placed = card(PRESETS["web-mp4"], brand, (brand.signature, brand.hashtag), with_logo=True)
    out = tmp_path / "outro.png"
    QtTitleRenderer()(placed.request, out)
    image = rgba(out).astype(int)
    green = (image[..., 1] > 140) & (image[..., 0] < 40) & (image[..., 2] < 40) & (image[..., 3] == 255)
    assert green.sum() > 0.8 * 300 * 120
    assert text_pixels(rgba(out)).sum() > 2000  # the signature is still there, under the logo
