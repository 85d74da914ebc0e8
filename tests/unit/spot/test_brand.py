"""The campaign's brand: neutral defaults from resources/, a checked brand file per campaign, and its use."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from pathlib import Path
from typing import Any

import av
import numpy as np
import pytest
from PySide6.QtGui import QColor, QGuiApplication, QImage

from moderator_app.spot.brand import (
    DEFAULT_BRAND,
    BrandError,
    campaign_brand,
    import_brand,
    load_brand,
    lower_third_text,
)
from moderator_app.spot.model import Spot, Template
from moderator_app.spot.presets import PRESETS
from moderator_app.spot.qt_titles import QtTitleRenderer
from moderator_app.spot.render import render_spot
from moderator_app.spot.titles import lower_third

from .conftest import spot_clip


def png(path: Path, colour: str, size: tuple[int, int] = (240, 120)) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    image = QImage(*size, QImage.Format.Format_ARGB32)
    image.fill(QColor(colour))
    assert image.save(str(path), "PNG")
    return path


def brand_file(folder: Path, data: dict[str, Any], name: str = "brand.json") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_the_neutral_defaults_come_from_resources() -> None:
    shipped = json.loads(
        (Path(__file__).parents[3] / "resources" / "brand" / "brand.json").read_text(encoding="utf-8")
    )
    assert DEFAULT_BRAND.lower_third == shipped["lower_third"]["fr"] == "Pour {recipient} — de {sender}"
    assert DEFAULT_BRAND.default_language == shipped["default_language"] == "fr"
    assert DEFAULT_BRAND.intro_hold.max_s == shipped["intro_hold"]["max_s"]
    assert DEFAULT_BRAND.card_background == shipped["card_background"] and DEFAULT_BRAND.logo is None
    assert lower_third_text(" Jeannine ", "Lucas") == "Pour Jeannine — de Lucas"


def test_names_are_text_in_the_wording_whatever_they_hold(tmp_path: Path) -> None:
    assert lower_third_text("{sender}", "Lé{a}") == "Pour {sender} — de Lé{a}"
    arabic = load_brand(brand_file(tmp_path, {"lower_third": "إلى {recipient} — من {sender}"}))
    assert lower_third_text("فاطمة", "يوسف", arabic) == "إلى فاطمة — من يوسف"


def test_one_wording_per_language_chosen_by_the_submissions_language(tmp_path: Path) -> None:
    wordings = {"fr": "Pour {recipient} — de {sender}", "ar": "إلى {recipient} — من {sender}",
                "en": "For {recipient} — from {sender}"}
    brand = load_brand(brand_file(tmp_path, {"lower_third": wordings, "default_language": "en"}))
    assert lower_third_text("فاطمة", "يوسف", brand, "ar-MA") == "إلى فاطمة — من يوسف"
    assert lower_third_text("Hélène", "Lucas", brand, "fr-FR") == "Pour Hélène — de Lucas"
    assert lower_third_text("Ana", "Rui", brand, "pt-PT") == "For Ana — from Rui", "no Portuguese: the default"
    assert lower_third_text("Ana", "Rui", brand, None) == "For Ana — from Rui"
    assert DEFAULT_BRAND.wording("ar") == wordings["ar"] and DEFAULT_BRAND.wording("de") == wordings["fr"]
    single = load_brand(brand_file(tmp_path, {"lower_third": "À {recipient}, de {sender}"}))
    assert single.wording("ar") == single.wording("fr") == "À {recipient}, de {sender}", "one string: every language"


def test_holds_and_cards_between_messages_are_the_brands(tmp_path: Path) -> None:
    brand = load_brand(brand_file(tmp_path, {"intro_hold": {"min_s": 1.5, "max_s": 4}, "between_hold": None}))
    assert (brand.intro_hold.min_s, brand.intro_hold.max_s, brand.between_hold) == (1.5, 4.0, None)
    assert brand.outro_hold == DEFAULT_BRAND.outro_hold


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        ({"colour": "#FFFFFF"}, "unknown setting 'colour'"),
        ({"accent": "red"}, "accent: expected a colour"),
        ({"card_background": "#1B2A4A80"}, "card_background: expected a colour written #RRGGBB"),
        ({"accent": "#FFF;drawtext=x"}, "accent: expected a colour"),
        ({"signature": "x" * 121}, "signature: longer than 120"),
        ({"hashtag": "#Ensemble\n"}, None),  # trailing whitespace is trimmed, not refused
        ({"intro_text": "Bonjour\x07"}, "intro_text: contains control characters"),
        ({"lower_third": "Pour {recipient} {town}"}, "lower_third: only {recipient} and {sender}"),
        ({"lower_third": "Pour {recipient} — de {sender:>10}"}, "lower_third: only"),
        ({"font_families": []}, "font_families: expected a list"),
        ({"font_families": "Noto Sans"}, "font_families: expected a list"),
        ({"logo": "../logo.png"}, "logo: expected the name of a PNG image file"),
        ({"logo": "sub/logo.png"}, "logo: expected the name of a PNG image file"),
        ({"logo": "..\\logo.png"}, "logo: expected the name of a PNG image file"),
        ({"logo": ".hidden.png"}, "logo: expected the name of a PNG image file"),
        ({"logo": "missing.png"}, "logo: missing.png cannot be read"),
        ({"logo": "fake.png"}, "logo: fake.png is not a PNG image file"),
        ({"signature": 12}, "signature: expected text"),
        ({"font_files": ["fake.png"]}, "font_files: fake.png is not a .ttf"),
        ({"font_files": ["fake.ttf"]}, "font_files: fake.ttf is not a font file"),
        ({"font_files": "Brand.ttf"}, "font_files: expected a list"),
        ({"font_files": ["../Brand.ttf"]}, "font_files: expected the name of a font file"),
        ({"lower_third": {"ar": "إلى {recipient}"}}, "lower_third: no wording for the default language 'fr'"),
        ({"lower_third": {"FR-fr": "Pour {recipient}"}}, "lower_third: expected a language code"),
        ({"lower_third": {"fr": "Pour {town}"}}, "lower_third: only {recipient} and {sender}"),
        ({"lower_third": []}, "lower_third: expected a wording or an object"),
        ({"default_language": "ar", "lower_third": {"fr": "Pour {recipient}"}}, "no wording for the default language 'ar'"),
        ({"default_language": "arabic"}, "default_language: expected a language code"),
        ({"intro_hold": {"min_s": 3, "max_s": 2}}, "intro_hold: expected 0.5 <= min_s <= max_s <= 20"),
        ({"outro_hold": {"min_s": 1, "max_s": 60}}, "outro_hold: expected 0.5 <= min_s <= max_s <= 20"),
        ({"outro_hold": {"min_s": "1", "max_s": 6}}, "outro_hold: min_s and max_s are numbers"),
        ({"between_hold": {"min_s": 1}}, "between_hold: expected"),
        ({"intro_hold": None}, "intro_hold: expected"),
    ],
)
def test_a_bad_brand_file_is_refused_with_the_setting_and_why(
    tmp_path: Path, data: dict[str, Any], reason: str | None
) -> None:
    (tmp_path / "fake.png").write_bytes(b"GIF89a not a png")
    (tmp_path / "fake.ttf").write_bytes(b"<html>not a font</html>")
    path = brand_file(tmp_path, data)
    if reason is None:
        assert load_brand(path).hashtag == "#Ensemble"
        return
    with pytest.raises(BrandError) as refused:
        load_brand(path)
    assert reason in str(refused.value)


@pytest.mark.parametrize(("content", "reason"), [(b"{", r"not valid JSON \(line 1"), (b"[1]", "one JSON object"),
                                                 (b"\xff\xfe{}", "not UTF-8")])
def test_a_brand_file_that_is_not_a_json_object_is_refused(tmp_path: Path, content: bytes, reason: str) -> None:
    (tmp_path / "brand.json").write_bytes(content)
    with pytest.raises(BrandError, match=reason):
        load_brand(tmp_path / "brand.json")


def test_import_copies_the_brand_into_the_campaign_and_keeps_the_old_one_on_refusal(
    qapp: QGuiApplication, tmp_path: Path
) -> None:
    data_dir = tmp_path / "data"
    assert campaign_brand(data_dir) == DEFAULT_BRAND  # no brand file: the neutral look
    client = tmp_path / "from-the-client"
    png(client / "Logo du client.png", "#FF0000")
    source = brand_file(client, {"card_background": "#004225", "logo": "Logo du client.png",
                                 "signature": "Merci à tous 💛"})
    brand = import_brand(source, data_dir)
    assert brand.card_background == "#004225" and brand.signature == "Merci à tous 💛"
    assert brand.logo is not None and brand.logo.parent == data_dir / "brand" and brand.logo.name.startswith("logo-")
    shutil.rmtree(client)  # the campaign keeps its look when the client's folder goes
    assert campaign_brand(data_dir) == brand and brand.logo.is_file()

    other = tmp_path / "second"
    png(other / "new.png", "#00FF00")
    second = import_brand(brand_file(other, {"logo": "new.png"}), data_dir)
    assert second.logo is not None and second.logo != brand.logo and not brand.logo.exists()
    assert second.card_background == DEFAULT_BRAND.card_background  # a new file replaces, it does not merge

    with pytest.raises(BrandError):
        import_brand(brand_file(other, {"accent": "green"}, "bad.json"), data_dir)
    assert campaign_brand(data_dir) == second


def test_a_broken_campaign_brand_is_reported_not_used(tmp_path: Path) -> None:
    (tmp_path / "brand").mkdir()
    (tmp_path / "brand" / "brand.json").write_text('{"accent": "#12"}', encoding="utf-8")
    with pytest.raises(BrandError, match="accent"):
        campaign_brand(tmp_path)


def test_the_campaign_brand_is_on_the_cards_and_in_the_titles(
    qapp: QGuiApplication, clip_dir: dict[str, Path], tmp_path: Path
) -> None:
    """Rendered for real: the intro card in the campaign's colour, its logo on the outro, its wording."""
    folder = tmp_path / "brand"
    png(folder / "logo.png", "#FF0000")
    brand = load_brand(brand_file(folder, {"card_background": "#004225", "logo": "logo.png",
                                           "lower_third": "إلى {recipient} — من {sender}"}))
    spot = Spot(Template.standard(10, brand=brand), "branded")
    spot.place(0, spot_clip(clip_dir["mono"], "sub-1", "Hélène", "Lucas"))
    spot.place(1, spot_clip(clip_dir["loud"], "sub-2", "فاطمة", "يوسف"))
    spot.place(2, spot_clip(clip_dir["quiet_441"], "sub-3", "Mamie 🌸", "Léa"))
    spot.fit()
    assert [p.title for p in spot.placements if p] == [
        "إلى Hélène — من Lucas", "إلى فاطمة — من يوسف", "إلى Mamie 🌸 — من Léa"
    ]
    out = tmp_path / "branded.mp4"
    render_spot(spot, PRESETS["preview"], out, title_renderer=QtTitleRenderer(), draft=True)
    with av.open(str(out)) as container:
        frames = [f.to_ndarray(format="rgb24") for f in container.decode(video=0)]
    assert len(frames) == 250
    corner = frames[5][:20, :20].reshape(-1, 3).mean(axis=0)
    assert np.abs(corner - (0x00, 0x42, 0x25)).max() < 8, corner  # the campaign's card colour
    outro = frames[-10]
    red = (outro[..., 0] > 180) & (outro[..., 1] < 70) & (outro[..., 2] < 70)
    assert red.sum() > 500  # the logo, drawn on the outro card
    assert not ((frames[5][..., 0] > 180) & (frames[5][..., 1] < 70)).any(), "no logo on the intro"


SERIF = Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf")


@pytest.mark.skipif(not SERIF.is_file(), reason="needs fonts-dejavu-core, which scripts/setup.sh installs")
def test_the_campaigns_own_font_file_draws_the_titles(qapp: QGuiApplication, tmp_path: Path) -> None:
    """A font shipped with the brand (here a copy of DejaVu Serif Bold under the client's name) is imported
    with the brand and its family draws the titles before the fallbacks."""
    client = tmp_path / "client"
    client.mkdir()
    shutil.copy(SERIF, client / "ClientSerif.ttf")
    brand = import_brand(brand_file(client, {"font_files": ["ClientSerif.ttf"]}), tmp_path / "data")
    assert len(brand.font_files) == 1 and brand.font_files[0].parent == tmp_path / "data" / "brand"
    assert brand.font_files[0].name.startswith("font-") and brand.font_files[0].suffix == ".ttf"
    shutil.rmtree(client)
    preset = PRESETS["web-mp4"]
    renderer = QtTitleRenderer()

    def drawn(with_brand: Any, name: str) -> Any:
        placed = lower_third(preset, with_brand, "Pour Hélène — de Lucas")
        renderer(placed.request, tmp_path / name)
        return QImage(str(tmp_path / name))

    own = drawn(brand, "own.png")
    serif = drawn(replace(DEFAULT_BRAND, font_families=("DejaVu Serif", *DEFAULT_BRAND.font_families)), "serif.png")
    neutral = drawn(DEFAULT_BRAND, "neutral.png")
    assert own == serif, "the file's family comes first"
    assert own != neutral
