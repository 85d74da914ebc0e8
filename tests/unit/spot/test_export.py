"""Real exports of a 30 s spot, checked by independent readers: PyAV for the format, ebur128 for loudness."""

from __future__ import annotations

import itertools
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import av
import numpy as np
import pytest
from numpy.typing import NDArray
from PySide6.QtGui import QGuiApplication, QImage

from moderator_app.spot.brand import DEFAULT_BRAND
from moderator_app.spot.errors import ExportCancelled, RenderError
from moderator_app.spot.export import ExportResult, export_spot
from moderator_app.spot.loudness import LoudnessMeasure, measure_loudness
from moderator_app.spot.measure import MeteredSound, measure_file, sound_fingerprint
from moderator_app.spot.model import Segment, Spot, Template
from moderator_app.spot.presets import PRESETS
from moderator_app.spot.qt_titles import QtTitleRenderer
from moderator_app.spot.render import render_spot
from moderator_app.spot.timecode import FPS
from moderator_app.spot.titles import DrawtextTitleRenderer, lower_third

from .conftest import spot_clip

pytestmark = pytest.mark.slow


@dataclass
class Decoded:
    frames: int
    width: int
    height: int
    rate: float
    codec: str
    pix_fmt: str
    sample_rate: int
    channels: int
    audio_codec: str
    pictures: dict[int, NDArray[np.uint8]]


def decode(path: Path, keep: set[int]) -> Decoded:
    """Decode every video frame (the count is the real one, not a header's claim), keeping a few as RGB."""
    pictures: dict[int, NDArray[np.uint8]] = {}
    with av.open(str(path)) as container:
        video, audio = container.streams.video[0], container.streams.audio[0]
        count = 0
        times: list[float] = []
        for frame in container.decode(video):
            times.append(float(frame.time or 0.0))
            if count in keep:
                pictures[count] = np.asarray(frame.to_ndarray(format="rgb24"), dtype=np.uint8)
            count += 1
        steps = {round(later - earlier, 4) for earlier, later in itertools.pairwise(times)}
        assert steps == {1 / FPS}, steps  # constant 25 fps: no duplicated or dropped frame anywhere
        return Decoded(
            count, video.codec_context.width, video.codec_context.height, float(video.average_rate or 0),
            video.codec_context.name, video.codec_context.pix_fmt or "", audio.codec_context.sample_rate,
            audio.codec_context.channels, audio.codec_context.name, pictures,
        )  # fmt: skip


def middle(segment: Segment) -> int:
    return segment.start_frame + segment.frames // 2


@pytest.fixture(scope="session")
def web_spot(clip_dir: dict[str, Path]) -> Spot:
    spot = Spot(Template.standard(30), "spot-web")
    spot.place(0, spot_clip(clip_dir["loud"], "sub-loud", "Hélène", "Lucas"))
    spot.place(1, spot_clip(clip_dir["quiet_441"], "sub-quiet", "فاطمة", "يوسف"))
    spot.place(2, spot_clip(clip_dir["portrait"], "sub-portrait", "Mamie 🌸", "=Léa"))
    spot.fit()
    return spot


@pytest.fixture(scope="session")
def web_export(
    web_spot: Spot, qapp: QGuiApplication, tmp_path_factory: pytest.TempPathFactory
) -> tuple[ExportResult, Decoded]:
    target = tmp_path_factory.mktemp("web") / "spot-web.mp4"
    fractions: list[float] = []
    result = export_spot(
        web_spot,
        PRESETS["web-mp4"],
        target,
        title_renderer=QtTitleRenderer(),
        progress=fractions.append,
        draft=True,
    )
    assert fractions == sorted(fractions) and fractions[-1] == 1.0 and len(fractions) > 5
    segments = web_spot.validate()
    return result, decode(target, {middle(s) for s in segments})


@pytest.fixture(scope="session")
def pad_export(
    clip_dir: dict[str, Path], tmp_path_factory: pytest.TempPathFactory
) -> tuple[ExportResult, Decoded]:
    spot = Spot(Template.standard(30, transition="dissolve"), "spot-pad")
    spot.place(0, spot_clip(clip_dir["mono"], "sub-mono", "Jérôme", "Zoé"))
    spot.place(1, spot_clip(clip_dir["silent"], "sub-silent", "محمد", "ليلى"))
    spot.place(2, spot_clip(clip_dir["portrait"], "sub-portrait", "Aïcha", "Mehdi"))
    spot.fit()
    target = tmp_path_factory.mktemp("pad") / "spot-pad.mxf"
    result = export_spot(spot, PRESETS["tf1-pad"], target, title_renderer=DrawtextTitleRenderer(), draft=True)
    return result, decode(target, set())


def test_web_mp4_has_exact_frames_size_rate_and_audio(web_export: tuple[ExportResult, Decoded]) -> None:
    result, decoded = web_export
    assert decoded.frames == 750
    assert (decoded.width, decoded.height, decoded.rate) == (1920, 1080, 25.0)
    assert (decoded.codec, decoded.pix_fmt, decoded.audio_codec) == ("h264", "yuv420p", "aac")
    assert (decoded.sample_rate, decoded.channels) == (48000, 2)
    assert result.report.passed, result.report.failures
    assert sorted(p.name for p in result.path.parent.iterdir()) == [
        "spot-web.cues.csv", "spot-web.cues.json", "spot-web.mp4", "spot-web.report.json",
    ]  # fmt: skip


def test_web_loudness_on_target_and_each_message_levelled(
    web_export: tuple[ExportResult, Decoded], web_spot: Spot
) -> None:
    result, _ = web_export
    loud = PRESETS["web-mp4"].loudness
    whole = measure_loudness(result.path)
    assert whole.integrated_lufs == pytest.approx(loud.integrated_lufs, abs=loud.tolerance_lu)
    assert whole.true_peak_dbtp <= loud.true_peak_dbtp
    gains = result.message_gains_db
    assert gains[0] is not None and gains[0] < -5  # the loud sender turned down
    assert gains[1] is not None and gains[1] > 10  # the quiet one (44.1 kHz) turned up
    levels = []
    for segment in web_spot.validate()[1:3]:
        window = ["-ss", f"{segment.start_frame / FPS}", "-t", f"{segment.frames / FPS}"]
        levels.append(measure_loudness(result.path, input_args=window).integrated_lufs)
    assert abs(levels[0] - levels[1]) < 1.5, levels  # loud and quiet messages now sound alike


def test_the_report_states_the_delivered_files_own_loudness(web_export: tuple[ExportResult, Decoded]) -> None:
    """The sound was metered before the mux: the report still equals a meter run on the finished file, and
    a metering that is not of this file's exact bitstream is never taken."""
    result, _ = web_export
    whole = measure_loudness(result.path)
    reported = result.measurements
    assert (reported.integrated_lufs, reported.max_short_term_lufs, reported.true_peak_dbtp) == (
        whole.integrated_lufs, whole.max_short_term_lufs, whole.true_peak_dbtp,
    )  # fmt: skip
    fingerprint = sound_fingerprint(result.path)
    trusted = measure_file(result.path, metered=MeteredSound(fingerprint, LoudnessMeasure(-1.0, -2.0, -3.0)))
    assert trusted.integrated_lufs == -1.0  # same bitstream: the caller's metering is used
    other = MeteredSound(fingerprint[::-1], LoudnessMeasure(-1.0, -2.0, -3.0))
    assert measure_file(result.path, metered=other).integrated_lufs == whole.integrated_lufs


def rgba_png(path: Path) -> NDArray[np.uint8]:
    image = QImage(str(path)).convertToFormat(QImage.Format.Format_RGBA8888)
    array = np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), image.bytesPerLine() // 4, 4)
    return array[:, : image.width()].copy()


@pytest.mark.parametrize(("slot", "has_emoji"), [(1, False), (2, True)])
def test_lower_third_in_the_video_matches_the_rendered_title(
    web_export: tuple[ExportResult, Decoded], web_spot: Spot, tmp_path: Path, slot: int, has_emoji: bool
) -> None:
    """Arabic (slot 2) and emoji (slot 3) names burnt in as drawn, inside the graphics-safe area."""
    _, decoded = web_export
    segment = web_spot.validate()[slot + 1]
    assert segment.placement is not None
    placed = lower_third(PRESETS["web-mp4"], DEFAULT_BRAND, segment.placement.title)
    x, y, w, h = placed.x, placed.y, placed.request.width, placed.request.height
    sx, sy, sw, sh = PRESETS["web-mp4"].safe_rect()
    assert sx <= x and sy <= y and x + w <= sx + sw and y + h <= sy + sh
    png = tmp_path / "title.png"
    QtTitleRenderer()(placed.request, png)
    title = rgba_png(png)
    frame = decoded.pictures[middle(segment)][y : y + h, x : x + w].astype(int)
    solid = title[..., 3] == 255
    assert solid.sum() > 2000
    difference = np.abs(frame[solid] - title[..., :3][solid].astype(int)).mean()
    assert difference < 14, difference
    if has_emoji:
        colourful = (frame.max(axis=2) - frame.min(axis=2) > 50) & solid
        assert colourful.sum() > 500


def test_portrait_clip_gets_an_echo_fill(web_export: tuple[ExportResult, Decoded], web_spot: Spot) -> None:
    _, decoded = web_export
    picture = decoded.pictures[middle(web_spot.validate()[3])].astype(float)
    side = picture[100:800, :500]
    centre_width = 1080 * 9 / 16
    centre = picture[100:800, int(960 - centre_width / 2 + 20) : int(960 + centre_width / 2 - 20)]
    assert side.mean() > 30  # not black bars
    # the blurred fill is smooth, the sharp clip in the middle is not
    assert np.abs(np.diff(side, axis=1)).mean() * 4 < np.abs(np.diff(centre, axis=1)).mean()


def test_pad_master_is_mxf_xdcam_with_24_bit_pcm(pad_export: tuple[ExportResult, Decoded]) -> None:
    result, decoded = pad_export
    assert decoded.frames == 750
    assert (decoded.width, decoded.height, decoded.rate) == (1920, 1080, 25.0)
    assert (decoded.codec, decoded.pix_fmt) == ("mpeg2video", "yuv422p")
    assert (decoded.audio_codec, decoded.sample_rate, decoded.channels) == ("pcm_s24le", 48000, 2)
    with av.open(str(result.path)) as container:
        assert container.format.name == "mxf"


def test_pad_master_meets_french_loudness_rules(pad_export: tuple[ExportResult, Decoded]) -> None:
    result, _ = pad_export
    measured = measure_loudness(result.path)
    assert measured.integrated_lufs == pytest.approx(-23.0, abs=0.5)
    assert measured.max_short_term_lufs <= -20.0
    assert measured.true_peak_dbtp <= -3.0
    assert result.report.passed, result.report.failures
    assert result.message_gains_db[1] is None  # the clip without sound stays silent


def test_cancel_mid_export_leaves_no_file(web_spot: Spot, tmp_path: Path) -> None:
    target = tmp_path / "out" / "spot.mp4"
    cancel = threading.Event()
    cancelled_at: list[float] = []

    def on_progress(fraction: float) -> None:
        if fraction > 0.12 and not cancel.is_set():  # into the picture encode
            cancelled_at.append(time.monotonic())
            cancel.set()

    with pytest.raises(ExportCancelled):
        export_spot(
            web_spot, PRESETS["web-mp4"], target, title_renderer=DrawtextTitleRenderer(),
            progress=on_progress, cancel=cancel, draft=True,
        )  # fmt: skip
    assert time.monotonic() - cancelled_at[0] < 3
    assert list(target.parent.iterdir()) == []


@pytest.mark.parametrize(("name", "band"), [("social-9x16", slice(150, 500)), ("social-1x1", slice(10, 120))])
def test_social_cuts_of_the_same_spot(
    clip_dir: dict[str, Path], tmp_path: Path, name: str, band: slice
) -> None:
    """A 10 s spot (250 frames) in the vertical and square cuts; a 4:3 clip gets the echo fill above it."""
    spot = Spot(Template.standard(10), "spot-social")
    spot.place(0, spot_clip(clip_dir["mono"], "sub-mono"))
    spot.place(1, spot_clip(clip_dir["portrait"], "sub-portrait"))
    spot.place(2, spot_clip(clip_dir["loud"], "sub-loud"))
    spot.fit()
    preset = PRESETS[name]
    result = export_spot(spot, preset, tmp_path / f"spot.{preset.extension}", draft=True)
    first_message = spot.validate()[1]
    decoded = decode(result.path, {middle(first_message)})
    assert decoded.frames == 250
    assert (decoded.width, decoded.height) == (preset.width, preset.height)
    assert result.report.passed, result.report.failures
    above = decoded.pictures[middle(first_message)][band, 100:-100].astype(float)
    assert above.mean() > 30  # the blurred echo, not black
    assert np.abs(np.diff(above, axis=1)).mean() < 3


def test_an_unreadable_clip_fails_with_its_id_and_leaves_nothing(
    clip_dir: dict[str, Path], tmp_path: Path
) -> None:
    broken = tmp_path / "broken.mp4"
    broken.write_bytes(b"\x00\x00\x00\x18ftypmp42" + bytes(4000))
    spot = Spot(Template.standard(30), "spot-broken")
    spot.place(0, spot_clip(clip_dir["mono"], "sub-ok"))
    spot.place(1, spot_clip(broken, "sub-broken"))
    spot.place(2, spot_clip(clip_dir["loud"], "sub-ok2"))
    spot.fit()
    out = tmp_path / "out"
    with pytest.raises(RenderError, match="sub-broken"):
        export_spot(spot, PRESETS["web-mp4"], out / "spot.mp4", title_renderer=DrawtextTitleRenderer())
    assert list(out.iterdir()) == []


def test_the_preview_proxy_is_one_quick_mp4_with_the_spots_sound(web_spot: Spot, tmp_path: Path) -> None:
    """The preview preset: the same 750 frames and titles at 960x540, a monitor sound (no delivery
    fingerprint), the picture's filters on one thread; nothing but the proxy is left in its folder."""
    preset = PRESETS["preview"]
    assert preset.monitor_sound and preset.filter_threads == 1
    out = tmp_path / "proxy.mp4"
    result = render_spot(web_spot, preset, out, draft=True)
    assert result.metered_sound is None
    assert result.mix_loudness.integrated_lufs == pytest.approx(preset.loudness.integrated_lufs, abs=1.0)
    decoded = decode(out, {middle(web_spot.validate()[1])})
    assert decoded.frames == 750 and (decoded.width, decoded.height, decoded.rate) == (960, 540, 25.0)
    assert (decoded.audio_codec, decoded.sample_rate, decoded.channels) == ("aac", 48000, 2)
    assert [p.name for p in tmp_path.iterdir()] == ["proxy.mp4"]
