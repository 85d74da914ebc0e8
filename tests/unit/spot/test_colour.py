"""An untagged HD clip keeps its colours in the spot (taken as BT.709, never re-converted per frame)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import av
import numpy as np
import pytest
from PySide6.QtGui import QGuiApplication

from moderator_app.base.ffmpeg import run_ffmpeg
from moderator_app.spot.model import Spot, Template
from moderator_app.spot.presets import PRESETS
from moderator_app.spot.probe import probe_source
from moderator_app.spot.qt_titles import QtTitleRenderer
from moderator_app.spot.render import render_spot

from .conftest import spot_clip

SMALL_WEB = replace(PRESETS["web-mp4"], name="small-web", width=640, height=360)


def _luma(path: Path, index: int) -> float:
    """Mean Y of the top-left eighth of frame ``index`` (clear of the lower third)."""
    with av.open(str(path)) as container:
        for n, frame in enumerate(container.decode(video=0)):
            if n == index:
                y = frame.to_ndarray(format="yuv420p")[: frame.height]
                return float(np.mean(y[: frame.height // 4, : frame.width // 4]))
    raise AssertionError(f"{path} has no frame {index}")


@pytest.fixture(scope="module")
def red_hd_clip(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("colour") / "red-hd.mp4"
    run_ffmpeg([
        "-y", "-f", "lavfi", "-i", "color=c=0xC02020:s=1280x720:r=25:d=7.5",
        "-f", "lavfi", "-i", "sine=f=300:sample_rate=48000:d=7.5",
        "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", str(path),
    ])  # fmt: skip
    return path


def test_untagged_hd_clip_keeps_its_luma(red_hd_clip: Path, qapp: QGuiApplication, tmp_path: Path) -> None:
    info = probe_source(red_hd_clip)
    assert not info.colorspace_tagged and not info.range_tagged  # what this test is about
    spot = Spot(Template.standard(10, slots=1), "colour")
    spot.place(0, spot_clip(red_hd_clip, "sub-red", duration=7.5))
    spot.fit()
    out = tmp_path / "spot.mp4"
    render_spot(spot, SMALL_WEB, out, title_renderer=QtTitleRenderer(), draft=True)
    message = spot.validate()[1]
    source_y = _luma(red_hd_clip, 40)
    spot_y = _luma(out, message.start_frame + 40)
    # reading the untagged source as BT.601 and writing BT.709 would darken this red by ~15 code values
    assert spot_y == pytest.approx(source_y, abs=2.5)
