"""The drawtext fallback renderer draws names from the public literally (issue 15 item 7).

No OCR: with a monospace font every character takes the same advance, so the inked width of a line tells
how many characters ffmpeg drew. A name drawn literally has the width of as many ``x``; a name that
drawtext expanded (``%{pts}`` -> ``0.000000``) or unescaped (backslashes dropped) has another.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import numpy as np
import pytest
from numpy.typing import NDArray

from moderator_app.base.ffmpeg import run_ffmpeg
from moderator_app.spot.titles import DrawtextTitleRenderer, TextLine, TitleRequest, filter_value

MONO = "DejaVu Sans Mono"
MONO_FILE = Path("/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf")
SIZE = 40
WIDTH, HEIGHT = 1800, 80

# each name and what the old renderer (expansion=normal) drew instead: another number of characters
HOSTILE = {
    "%{pts}": "0.000000",
    "%{eif:1:d}": "1",
    "%{localtime}": "2026-12-03 08:04:30",
    "%{e:6*7}": "42.000000",
    r"C:\x \\ \n": "C:x \\ n",
    "\\%{pts}": "%{pts}",
    "\"Jo\" 'Bo' l'a": "\"Jo\" 'Bo' l'a!",  # quotes: nothing to expand, checked for their own width
    "a:b;c,d[e]f=g": "a:b;c,d[e]f=g!",
    "{braces} %% }{": "{braces} % }{",
}


def rgba(png: Path) -> NDArray[np.uint8]:
    raw = png.with_suffix(".rgba")
    run_ffmpeg(["-y", "-i", str(png), "-f", "rawvideo", "-pix_fmt", "rgba", str(raw)])
    data = np.frombuffer(raw.read_bytes(), np.uint8)
    return data.reshape(-1, WIDTH, 4)


def draw(tmp_path: Path, text: str, families: tuple[str, ...] = (MONO,),
         font_files: tuple[Path, ...] = ()) -> NDArray[np.uint8]:
    out = Path(tempfile.mkstemp(suffix=".png", dir=tmp_path)[1])
    request = TitleRequest("lower_third", (TextLine(text, SIZE, "#ffffff"),), WIDTH, HEIGHT, families,
                           font_files=font_files)
    DrawtextTitleRenderer()(request, out)
    return rgba(out)


def ink_width(image: NDArray[np.uint8]) -> int:
    columns = np.flatnonzero(image[..., 3].max(axis=0) > 0)
    assert columns.size, "nothing drawn"
    return int(columns[-1] - columns[0] + 1)


def advance(tmp_path: Path) -> float:
    return (ink_width(draw(tmp_path, "M" + "x" * 20 + "M")) - ink_width(draw(tmp_path, "MM"))) / 20


@pytest.mark.parametrize("name", list(HOSTILE))
def test_a_name_is_drawn_character_for_character(tmp_path: Path, name: str) -> None:
    literal = ink_width(draw(tmp_path, f"M{name}M"))
    same_length = ink_width(draw(tmp_path, f"M{'x' * len(name)}M"))
    expanded = ink_width(draw(tmp_path, f"M{HOSTILE[name]}M"))
    assert abs(literal - same_length) <= 1
    # the check can fail: what expansion or unescaping would draw is at least one character off
    assert abs(expanded - literal) >= advance(tmp_path) - 1


def test_expanded_text_is_not_what_is_drawn(tmp_path: Path) -> None:
    """Arabic with an emoji goes through the mixed-script font: the sequences stay as typed there too."""
    name = "فاطمة 🌸 %{pts} C:\\x"
    first, again = draw(tmp_path, name), draw(tmp_path, name)
    assert np.array_equal(first, again)
    assert not np.array_equal(first, draw(tmp_path, "فاطمة 🌸 0.000000 C:x"))
    assert not np.array_equal(first, draw(tmp_path, "فاطمة 🌸 %{pts} C:x"))


def test_font_paths_and_families_cannot_break_out_of_the_filter_graph(tmp_path: Path) -> None:
    """A campaign font in a folder named with quotes, colons, commas, brackets and backslashes is used as
    is, and a family name holding a whole drawtext option is only an unknown family, not an option."""
    folder = tmp_path / "camp'agne:1,[a];b\\c $(x) %{pts}"
    folder.mkdir()
    font = folder / "fo'nt:x,y.ttf"
    shutil.copy(MONO_FILE, font)
    reference = draw(tmp_path, "Ana 12", font_files=(MONO_FILE,))
    assert np.array_equal(draw(tmp_path, "Ana 12", families=("Sans",), font_files=(font,)), reference)
    assert not np.array_equal(draw(tmp_path, "Ana 12", families=("DejaVu Serif",)), reference)

    injected = f"{MONO}':textfile=/etc/hostname:fontcolor=red:x='"
    unknown = draw(tmp_path, "Ana 12", families=("No Such Family 12",))
    assert np.array_equal(draw(tmp_path, "Ana 12", families=(injected,)), unknown)
    assert np.array_equal(draw(tmp_path, "Ana 12", families=("DejaVu Serif-Bold:weight=200",)), unknown)


def test_a_temporary_folder_with_filter_syntax_in_its_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The text file lives in the temp folder; TMPDIR is the user's and may hold any character."""
    reference = draw(tmp_path, "Lucas")
    odd = tmp_path / "tmp 'x':y,z;[w]\\"
    odd.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(odd))
    assert np.array_equal(draw(tmp_path, "Lucas"), reference)


@pytest.mark.parametrize("text", ["a'b", "x:y", "p,q;r[s]t", "back\\slash", " lead", "trail ", "é'ü:"])
def test_filter_value_round_trips_through_ffmpeg(tmp_path: Path, text: str) -> None:
    """The escaping read back by ffmpeg itself: a color source named by an escaped value is found."""
    target = tmp_path / f"{text}.png"
    run_ffmpeg(["-y", "-f", "lavfi", "-i", "color=c=red:s=8x8", "-frames:v", "1",
                "-vf", "format=rgba,drawbox=c=blue:t=fill,scale=8:8", "-update", "1", str(target)])
    out = tmp_path / "copy.png"
    run_ffmpeg(["-y", "-f", "lavfi", "-i", f"movie={filter_value(str(target))}", "-frames:v", "1",
                "-update", "1", str(out)])
    assert out.stat().st_size > 0
