"""HDR clips (HLG / PQ, BT.2020) are tone-mapped to BT.709 SDR in the spot and in the preview proxy.

The clip is an SDR chart (mid-grey and a red patch) turned into HLG BT.2020 the way a grading tool would
(zscale, 10-bit, tagged arib-std-b67 / bt2020): a correct tone-map brings the patches back near their SDR
values; shown untouched, the same frame is washed out (grey 76 instead of 118, the red greyed).
"""

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

GREY = (118, 118, 118)
RED = (192, 48, 32)
CHART = "color=c=0x767676:s=640x720:r=25:d=6[g];color=c=0xC03020:s=640x720:r=25:d=6[r];[g][r]hstack"


def _hdr_clip(folder: Path, transfer: str) -> Path:
    """The chart as an HDR phone clip would carry it: 10-bit BT.2020 with ``transfer``, tagged, with sound."""
    path = folder / f"{transfer}.mp4"
    run_ffmpeg([
        "-y", "-f", "lavfi", "-i", CHART, "-f", "lavfi", "-i", "sine=f=300:sample_rate=48000:d=6",
        "-vf", (f"format=gbrpf32le,zscale=tin=bt709:t={transfer}:pin=bt709:p=bt2020:npl=100,"
                "zscale=m=bt2020nc:r=tv,format=yuv420p10le"),
        "-c:v", "libx264", "-preset", "ultrafast", "-color_trc", transfer, "-color_primaries", "bt2020",
        "-colorspace", "bt2020nc", "-color_range", "tv", "-c:a", "aac", "-t", "6", str(path),
    ])  # fmt: skip
    return path


@pytest.fixture(scope="module")
def hlg_clip(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _hdr_clip(tmp_path_factory.mktemp("hdr"), "arib-std-b67")


def _patches(path: Path, index: int) -> tuple[np.ndarray, np.ndarray]:
    """Mean RGB (BT.709 read) of the grey (left) and red (right) patches of frame ``index``, above the title."""
    with av.open(str(path)) as container:
        for n, frame in enumerate(container.decode(video=0)):
            if n == index:
                rgb = frame.to_ndarray(format="rgb24")
                h, w = rgb.shape[:2]
                band = rgb[h // 8 : h // 2]
                return band[:, w // 8 : 3 * w // 8].mean(axis=(0, 1)), band[:, 5 * w // 8 : 7 * w // 8].mean(axis=(0, 1))
    raise AssertionError(f"{path} has no frame {index}")


def test_probe_tells_hlg_and_pq_from_their_transfer(hlg_clip: Path, tmp_path: Path) -> None:
    hlg = probe_source(hlg_clip)
    assert (hlg.hdr, hlg.bt2020, hlg.matrix, hlg.needs_sdr) == ("hlg", True, "bt2020nc", True)
    pq = probe_source(_hdr_clip(tmp_path, "smpte2084"))
    assert (pq.hdr, pq.bt2020) == ("pq", True)


def test_untouched_hlg_frame_is_washed_out(hlg_clip: Path) -> None:
    """What the tone-map fixes (and why the test below can fail): the HLG frame read as BT.709."""
    grey, red = _patches(hlg_clip, 10)
    assert abs(grey[0] - GREY[0]) > 30 and abs(red[0] - RED[0]) > 60


@pytest.mark.parametrize("preset", ["small-web", "preview"])
def test_hlg_clip_lands_near_its_sdr_values_in_the_spot(
    hlg_clip: Path, preset: str, qapp: QGuiApplication, tmp_path: Path
) -> None:
    target = replace(PRESETS["web-mp4"], name="small-web", width=640, height=360) if preset == "small-web" \
        else PRESETS["preview"]
    spot = Spot(Template.standard(10, slots=1), "hdr")
    spot.place(0, spot_clip(hlg_clip, "sub-hlg", duration=6.0))
    spot.fit()
    out = tmp_path / "spot.mp4"
    render_spot(spot, target, out, title_renderer=QtTitleRenderer(), draft=True)
    message = spot.validate()[1]
    grey, red = _patches(out, message.start_frame + 40)
    assert grey == pytest.approx(GREY, abs=8)
    assert red == pytest.approx(RED, abs=14)
