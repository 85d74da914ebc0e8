"""The one ebur128 reader against real ffmpeg output: known tones, silence, no audio, and both callers."""

from __future__ import annotations

import math

import pytest

from moderator_app.base import ebur128
from moderator_app.base.ffmpeg import run_ffmpeg
from moderator_app.qc.sound import parse_sound
from moderator_app.spot.loudness import parse_ebur128, parse_integrated


def meter_log(source: str, meter: str = "ebur128=peak=true+sample:framelog=info") -> str:
    """ffmpeg's stderr for a lavfi audio ``source`` run through ``meter``, as the app runs it."""
    return run_ffmpeg(
        ["-loglevel", "info", "-nostats", "-f", "lavfi", "-i", source, "-af", meter, "-f", "null", "-"]
    ).stderr


def stereo_sine(dbfs: float, seconds: float) -> str:
    """1 kHz stereo sine at ``dbfs`` peak per channel: EBU Tech 3341 case 1 reads -23 LUFS at -23 dBFS."""
    amplitude = 10 ** (dbfs / 20)
    wave = f"{amplitude:.8f}*sin(2*PI*1000*t)"
    return f"aevalsrc='{wave}|{wave}':s=48000:d={seconds}"


@pytest.fixture(scope="module")
def tone_log() -> str:
    return meter_log(stereo_sine(-23.0, 4.0))


def test_summary_of_a_known_tone(tone_log: str) -> None:
    meter = ebur128.parse(tone_log)
    assert meter.measured
    assert meter.integrated_lufs == pytest.approx(-23.0, abs=0.1)
    assert meter.loudness_range_lu == pytest.approx(0.0, abs=0.1)
    assert meter.sample_peak_dbfs == pytest.approx(-23.0, abs=0.1)
    assert meter.true_peak_dbtp == pytest.approx(-23.0, abs=0.3)


def test_frame_lines_every_100_ms(tone_log: str) -> None:
    frames = ebur128.parse(tone_log).frames
    assert len(frames) == 40
    assert [round(f.t, 1) for f in frames] == [round(0.1 * n, 1) for n in range(1, 41)]
    # before a full 400 ms (momentary) or 3 s (short-term) window, the meter prints a no-signal value
    assert frames[0].momentary_lufs < -100 and frames[0].short_term_lufs < -100
    assert frames[10].momentary_lufs == pytest.approx(-23.0, abs=0.2)
    assert frames[-1].short_term_lufs == pytest.approx(-23.0, abs=0.2)


def test_silence_reads_as_gated_out_and_minus_infinity() -> None:
    meter = ebur128.parse(meter_log("anullsrc=r=48000:cl=stereo:d=1", "ebur128=peak=true:framelog=info"))
    assert meter.integrated_lufs == -70.0  # every block under the absolute gate
    assert meter.true_peak_dbtp == -math.inf  # printed as "-inf"
    assert meter.sample_peak_dbfs is None  # not asked for
    assert all(f.momentary_lufs <= -120 for f in meter.frames)


def test_a_log_without_the_meter_holds_nothing() -> None:
    log = run_ffmpeg(["-loglevel", "info", "-f", "lavfi", "-i", "sine=d=0.5", "-f", "null", "-"]).stderr
    meter = ebur128.parse(log)
    assert not meter.measured
    assert (meter.frames, meter.integrated_lufs, meter.true_peak_dbtp) == ((), None, None)


def test_without_peaks_only_the_loudness_is_there() -> None:
    meter = ebur128.parse(meter_log(stereo_sine(-33.0, 1.0), "ebur128=peak=none:framelog=info"))
    assert meter.integrated_lufs == pytest.approx(-33.0, abs=0.1)
    assert (meter.sample_peak_dbfs, meter.true_peak_dbtp) == (None, None)


def test_number_treats_anything_not_finite_as_no_signal() -> None:
    assert ebur128.number("-18.1") == -18.1
    assert ebur128.number("-inf") == ebur128.number("nan") == ebur128.number("inf") == -math.inf


def test_clip_checks_and_spot_loudness_read_the_same_figures(tone_log: str) -> None:
    """Both callers go through the one parser, so they cannot disagree about the same log."""
    sound = parse_sound(tone_log, silence_lufs=-60.0)
    spot = parse_ebur128(tone_log)
    assert sound is not None
    assert sound.integrated_lufs == spot.integrated_lufs == parse_integrated(tone_log)
    assert sound.true_peak_dbtp == spot.true_peak_dbtp
    assert sound.max_short_term_lufs == pytest.approx(spot.max_short_term_lufs, abs=0.05)  # qc rounds to 0.1
    assert sound.silence_share == 0.0


def test_each_caller_keeps_its_own_meaning_of_silence() -> None:
    log = meter_log("anullsrc=r=48000:cl=stereo:d=1", "ebur128=peak=true:framelog=info")
    sound = parse_sound(log, silence_lufs=-60.0)
    assert sound is not None
    assert (sound.integrated_lufs, sound.true_peak_dbtp, sound.max_short_term_lufs) == (-70.0, None, None)
    assert sound.silence_share == 1.0
    spot = parse_ebur128(log)
    assert (spot.integrated_lufs, spot.max_short_term_lufs, spot.true_peak_dbtp) == (-70.0, -70.0, -120.0)
