"""The spot's sound on its own (no picture encode): levelling, true peak, and the short-term rule."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import av
import pytest

from moderator_app.spot import audio
from moderator_app.spot.audio import clear_loudness_cache, message_gains, render_audio, render_monitor_audio
from moderator_app.spot.loudness import LoudnessMeasure, measure_loudness
from moderator_app.spot.model import Segment, Spot, Template
from moderator_app.spot.presets import PRESETS
from moderator_app.spot.probe import SourceInfo, probe_source
from moderator_app.spot.timecode import SAMPLES_PER_FRAME

from .conftest import spot_clip

PAD = PRESETS["tf1-pad"].loudness


def _fitted(clips: list[Path]) -> tuple[Spot, list[Segment], dict[Path, SourceInfo]]:
    spot = Spot(Template.standard(30), "audio")
    for slot, path in enumerate(clips):
        spot.place(slot, spot_clip(path, f"sub-{slot}"))
    spot.fit()
    return spot, spot.validate(), {path: probe_source(path) for path in clips}


def _sound(clips: list[Path], workdir: Path) -> tuple[Spot, Path, bool]:
    spot, segments, sources = _fitted(clips)
    result = render_audio(segments, spot.template, sources, PAD, workdir)
    return spot, result.path, result.short_term_ridden


def _samples(path: Path) -> int:
    with av.open(str(path)) as container:
        stream = container.streams.audio[0]
        assert stream.codec_context.sample_rate == 48000 and stream.codec_context.channels == 2
        return sum(frame.samples for frame in container.decode(stream))


def test_a_shout_is_ridden_under_the_short_term_limit(clip_dir: dict[str, Path], tmp_path: Path) -> None:
    spot, sound, ridden = _sound([clip_dir["mono"], clip_dir["shout"], clip_dir["quiet_441"]], tmp_path)
    measured = measure_loudness(sound)
    assert ridden
    assert measured.integrated_lufs == pytest.approx(PAD.integrated_lufs, abs=PAD.tolerance_lu)
    assert measured.max_short_term_lufs <= PAD.max_short_term_lufs  # type: ignore[operator]
    assert measured.true_peak_dbtp <= PAD.true_peak_dbtp
    assert _samples(sound) == spot.template.total_frames * SAMPLES_PER_FRAME


def test_even_speech_only_gets_gain_and_limiting(clip_dir: dict[str, Path], tmp_path: Path) -> None:
    _, sound, ridden = _sound([clip_dir["loud"], clip_dir["silent"], clip_dir["quiet_441"]], tmp_path)
    measured = measure_loudness(sound)
    assert not ridden
    assert measured.integrated_lufs == pytest.approx(PAD.integrated_lufs, abs=PAD.tolerance_lu)
    assert measured.true_peak_dbtp <= PAD.true_peak_dbtp


def test_message_loudness_is_measured_once_per_clip_and_cut(
    clip_dir: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The export after a preview reuses the clips' measurements; a replaced file or a new cut is measured."""
    clips = [tmp_path / "a.mp4", clip_dir["quiet_441"], clip_dir["mono"]]
    shutil.copy(clip_dir["loud"], clips[0])
    spot = Spot(Template.standard(30), "cache")
    for slot, path in enumerate(clips):
        spot.place(slot, spot_clip(path, f"sub-{slot}"))
    spot.fit()
    sources = {path: probe_source(path) for path in clips}
    runs: list[Path] = []

    def counted(path: Path, **kwargs: Any) -> LoudnessMeasure:  # the real meter, counted
        runs.append(path)
        return measure_loudness(path, **kwargs)

    monkeypatch.setattr(audio, "measure_loudness", counted)
    clear_loudness_cache()
    try:
        first = message_gains(spot.validate(), sources, -23.0)
        again = message_gains(spot.validate(), sources, -23.0)
        assert (len(runs), again) == (3, first)
        shutil.copy(clip_dir["quiet_441"], clips[0])  # same name, other sound: measured again
        replaced = message_gains(spot.validate(), sources, -23.0)
        assert len(runs) == 4 and replaced[0] == pytest.approx(first[1], abs=0.2)
        assert replaced[0] is not None and first[0] is not None and replaced[0] > first[0] + 10
        moved = spot.placements[1]
        assert moved is not None
        spot.place(1, moved.clip, in_frame=moved.in_frame + 5, out_frame=moved.out_frame + 5)
        message_gains(spot.validate(), sources, -23.0)
        assert runs[4:] == [clips[1]]
    finally:
        clear_loudness_cache()


def test_the_preview_sound_keeps_the_balance_in_one_encoded_run(clip_dir: dict[str, Path], tmp_path: Path) -> None:
    """The proxy's monitor sound: every sender levelled as the export will be, encoded straight to AAC, the
    whole close to the target without the delivery path's passes, no clipping."""
    preview = PRESETS["preview"]
    spot, segments, sources = _fitted([clip_dir["loud"], clip_dir["quiet_441"], clip_dir["mono"]])
    out = tmp_path / "monitor.m4a"
    result = render_monitor_audio(
        segments, spot.template, sources, preview.loudness, out, [*preview.audio_args, "-f", "mp4"]
    )
    assert result.path == out
    delivery_gains = message_gains(segments, sources, preview.loudness.integrated_lufs)
    assert result.message_gains_db == tuple(delivery_gains)
    gains = [g for g in delivery_gains if g is not None]
    assert len(gains) == 3 and max(gains) - min(gains) > 15  # a loud and a quiet sender were brought together
    with av.open(str(out)) as container:
        stream = container.streams.audio[0]
        assert stream.codec_context.name == "aac" and stream.codec_context.sample_rate == 48000
        assert stream.codec_context.channels == 2
        samples = sum(frame.samples for frame in container.decode(stream))
    assert abs(samples - spot.template.total_frames * SAMPLES_PER_FRAME) <= 2048  # AAC priming and padding
    heard = measure_loudness(out)
    assert heard.integrated_lufs == pytest.approx(preview.loudness.integrated_lufs, abs=1.0)
    assert heard.integrated_lufs == pytest.approx(result.measure.integrated_lufs, abs=0.5)
    assert heard.true_peak_dbtp <= preview.loudness.true_peak_dbtp
