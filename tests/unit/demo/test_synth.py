"""The clip synthesiser: clips that look and sound like phone clips, checked by independent readers (PyAV)."""

from __future__ import annotations

from pathlib import Path

import av
import numpy as np
import pytest

from moderator_app.demo.synth import make_clip
from moderator_app.sources.cliptest import verify_clip


def mean_luma(path: Path, at_s: float = 0.5) -> float:
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        for frame in container.decode(stream):
            if frame.time is not None and frame.time >= at_s:
                return float(frame.to_ndarray(format="gray").mean())
    raise AssertionError("no frame")


def first_frame(path: Path) -> np.ndarray:
    with av.open(str(path)) as container:
        frame = next(container.decode(container.streams.video[0]))
        return frame.to_ndarray(format="rgb24").astype(np.float32)


def audio_samples(path: Path) -> tuple[np.ndarray, int, str]:
    with av.open(str(path)) as container:
        stream = container.streams.audio[0]
        chunks = [frame.to_ndarray().astype(np.float64).mean(axis=0) for frame in container.decode(stream)]
        return np.concatenate(chunks), stream.rate, stream.codec_context.name


@pytest.fixture(scope="session")
def speech_clip(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_clip(tmp_path_factory.mktemp("clip") / "speech.mp4", duration=3.0, width=160, height=96)


def test_make_clip_defaults_are_a_playable_mp4(speech_clip: Path) -> None:
    probe = verify_clip(speech_clip)
    assert (probe.container, probe.video_codec, probe.audio_codec) == ("mp4", "h264", "aac")
    assert (probe.width, probe.height, probe.rotation) == (160, 96, 0)
    assert probe.duration_s == pytest.approx(3.0, abs=0.05)
    assert not list(speech_clip.parent.glob(".*.part"))  # written aside then renamed


def test_speech_audio_sounds_like_a_voice(speech_clip: Path) -> None:
    samples, rate, codec = audio_samples(speech_clip)
    assert (rate, codec) == (48000, "aac")
    rms_db = 20 * np.log10(np.sqrt(np.mean(samples**2)))
    assert -26 < rms_db < -14, rms_db  # a sensible level around -20 dBFS
    assert np.max(np.abs(samples)) < 0.9  # no clipping
    # syllables and pauses: the 50 ms envelope swings between near-silence and loud
    window = rate // 20
    envelope = np.sqrt(np.mean(samples[: len(samples) // window * window].reshape(-1, window) ** 2, axis=1))
    assert np.percentile(envelope, 10) < 0.1 * np.percentile(envelope, 90)
    # a voice-like pitch: the strongest component sits in the 100-250 Hz range, with harmonics above it
    spectrum = np.abs(np.fft.rfft(samples))
    freqs = np.fft.rfftfreq(len(samples), 1 / rate)
    assert 100 <= freqs[np.argmax(spectrum)] <= 250
    assert (
        spectrum[(freqs > 300) & (freqs < 1200)].sum() > 0.2 * spectrum[(freqs > 100) & (freqs < 250)].sum()
    )


def test_tone_and_silent_variants(tmp_path: Path) -> None:
    tone = make_clip(tmp_path / "tone.mp4", duration=1.0, width=64, height=64, audio="tone")
    samples, rate, _ = audio_samples(tone)
    freqs = np.fft.rfftfreq(len(samples), 1 / rate)
    assert freqs[np.argmax(np.abs(np.fft.rfft(samples)))] == pytest.approx(440, abs=5)
    silent = make_clip(tmp_path / "silent.mp4", duration=1.0, width=64, height=64, audio="none")
    assert verify_clip(silent).audio_codec is None


def test_rotated_clip_keeps_landscape_pixels_and_displays_portrait(tmp_path: Path) -> None:
    clip = make_clip(tmp_path / "portrait.mp4", duration=1.0, width=320, height=180, rotate=90, audio="none")
    with av.open(str(clip)) as container:
        frame = next(container.decode(container.streams.video[0]))
        assert (frame.width, frame.height) == (320, 180)
        assert frame.rotation == -90  # display matrix: 90 degrees clockwise, as phones write it
    probe = verify_clip(clip)
    assert (probe.width, probe.height, probe.rotation) == (180, 320, 90)


def test_dark_clip_is_very_dark(tmp_path: Path) -> None:
    normal = make_clip(tmp_path / "normal.mp4", duration=1.0, width=128, height=72, audio="none", pattern=0)
    dark = make_clip(
        tmp_path / "dark.mp4", duration=1.0, width=128, height=72, audio="none", pattern=0, dark=True
    )
    assert mean_luma(normal) > 60
    assert mean_luma(dark) < 30


def test_patterns_look_different(tmp_path: Path) -> None:
    frames = [
        first_frame(
            make_clip(tmp_path / f"p{n}.mp4", duration=0.2, width=96, height=64, audio="none", pattern=n)
        )
        for n in range(10)
    ]
    for i in range(len(frames)):
        for j in range(i + 1, len(frames)):
            assert np.abs(frames[i] - frames[j]).mean() > 8, (i, j)


@pytest.mark.parametrize(
    "container,codecs", [("webm", ("vp8", "opus")), ("mov", ("h264", "aac")), ("3gp", ("h264", "aac"))]
)
def test_other_containers(tmp_path: Path, container: str, codecs: tuple[str, str]) -> None:
    clip = make_clip(
        tmp_path / f"c.{container}", duration=1.0, width=96, height=64, container=container, fps=30
    )
    probe = verify_clip(clip)
    assert (probe.container, probe.video_codec, probe.audio_codec) == (container, *codecs)


@pytest.mark.parametrize("kwargs", [{"width": 101}, {"height": 99}, {"rotate": 45}, {"container": "avi"}])
def test_make_clip_refuses_impossible_requests(tmp_path: Path, kwargs: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        make_clip(tmp_path / "x.mp4", **kwargs)  # type: ignore[arg-type]
