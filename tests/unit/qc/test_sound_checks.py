"""Loudness against EBU Tech 3341 (signals generated here), and sound findings on real clips."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from moderator_app.qc import check_file
from moderator_app.qc.sound import measure_file

from .conftest import sine_sections, write_float_wav

Media = Callable[[str], Path]

EBU_3341 = {
    "3341-1": [(-23.0, 20.0)],
    "3341-2": [(-33.0, 20.0)],
    "3341-3": [(-36.0, 10.0), (-23.0, 60.0), (-36.0, 10.0)],
    "3341-4": [(-72.0, 10.0), (-36.0, 10.0), (-23.0, 60.0), (-36.0, 10.0), (-72.0, 10.0)],
    "3341-5": [(-26.0, 20.0), (-20.0, 20.1), (-26.0, 20.0)],
}
EXPECTED_I = {"3341-1": -23.0, "3341-2": -33.0, "3341-3": -23.0, "3341-4": -23.0, "3341-5": -23.0}


@pytest.mark.parametrize("case", sorted(EBU_3341))
def test_ebu_3341_integrated_loudness(case: str, tmp_path: Path) -> None:
    wav = tmp_path / f"{case}.wav"
    write_float_wav(wav, sine_sections(EBU_3341[case]))
    stats = measure_file(wav)
    assert stats is not None and stats.integrated_lufs is not None
    assert stats.integrated_lufs == pytest.approx(EXPECTED_I[case], abs=0.1)


@pytest.mark.parametrize(("case", "amplitude", "phase_deg", "expected"), [
    ("3341-15", 0.5, 0.0, -6.0),
    ("3341-19", 1.41, 45.0, 3.0),
])
def test_ebu_3341_true_peak(case: str, amplitude: float, phase_deg: float, expected: float, tmp_path: Path) -> None:
    rate = 48000
    n = np.arange(2 * rate)
    mono = amplitude * np.sin(2 * np.pi * (rate / 4) * n / rate + np.radians(phase_deg))
    # 10 ms raised-cosine fades: a sine switched on abruptly is a broadband click whose interpolated peak
    # really is higher (+0.4 dB here); the case is about the steady tone.
    fade = 480
    ramp = 0.5 - 0.5 * np.cos(np.pi * np.arange(fade) / fade)
    mono[:fade] *= ramp
    mono[-fade:] *= ramp[::-1]
    wav = tmp_path / f"{case}.wav"
    write_float_wav(wav, np.column_stack([mono, mono]), rate)
    stats = measure_file(wav)
    assert stats is not None and stats.true_peak_dbtp is not None
    assert expected - 0.4 <= stats.true_peak_dbtp <= expected + 0.2
    if case == "3341-19":  # the whole point: the samples never exceed full scale, the true peak does
        assert stats.sample_peak_dbfs is not None and stats.sample_peak_dbfs <= 0.0


def test_short_term_series_and_maximum(tmp_path: Path) -> None:
    wav = tmp_path / "steps.wav"
    write_float_wav(wav, sine_sections([(-30.0, 4.0), (-15.0, 4.0)]))
    stats = measure_file(wav)
    assert stats is not None and stats.max_short_term_lufs is not None
    assert stats.max_short_term_lufs == pytest.approx(-15.0, abs=0.3)
    times = [t for t, _, _ in stats.series]
    assert len(times) == pytest.approx(80, abs=2)
    assert np.allclose(np.diff(times), 0.1, atol=0.011)


def test_clean_clip_sound_figures(media: Media) -> None:
    report = check_file(media("clean.mp4"))
    assert report.loudness_lufs is not None and -26.0 < report.loudness_lufs < -17.0
    assert report.true_peak_dbtp is not None and report.true_peak_dbtp < -10.0
    assert report.max_short_term_lufs is not None
    assert report.silence_share == 0.0
    assert len(report.loudness_series) == pytest.approx(40, abs=2)
    assert not {"silent", "too_loud", "clipping", "no_audio"} & set(report.findings)


def test_clipped_loud_clip(media: Media) -> None:
    report = check_file(media("loud_clipped.mov"))
    assert report.readable, report.reason
    assert {"too_loud", "clipping"} <= set(report.findings)
    assert report.sample_peak_dbfs is not None and report.sample_peak_dbfs > -0.1


def test_silent_clip(media: Media) -> None:
    report = check_file(media("silent.mp4"))
    assert report.readable, report.reason
    assert report.has_audio is True
    assert "silent" in report.findings and "no_audio" not in report.findings
    assert report.silence_share == 1.0
