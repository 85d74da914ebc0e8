"""Probing real files: rotation, VFR, HEVC, header-less WebM, 44.1 kHz mono, no audio."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from moderator_app.qc import check_file
from moderator_app.qc.probe import orientation_of, probe, timing

Media = Callable[[str], Path]


def test_clean_clip_figures(media: Media) -> None:
    report = check_file(media("clean.mp4"))
    assert report.readable, report.reason
    assert (report.width, report.height, report.rotation, report.orientation) == (320, 240, 0, "landscape")
    assert report.duration_s == pytest.approx(4.0, abs=0.05)
    assert report.fps == pytest.approx(25.0, abs=0.1)
    assert report.frames == 100
    assert report.vfr is False
    assert report.video_codec == "h264" and report.audio_codec == "aac"
    assert (report.has_audio, report.audio_channels, report.audio_sample_rate) == (True, 2, 48000)
    assert report.hdr is False


def test_rotation_matrix_gives_portrait_display_size(media: Media) -> None:
    report = check_file(media("rotated.mp4"))
    assert report.readable, report.reason
    assert abs(report.rotation) == 90
    assert (report.width, report.height) == (240, 320)
    assert report.orientation == "portrait"
    assert "portrait" in report.findings


def test_variable_frame_rate_is_detected(media: Media) -> None:
    report = check_file(media("vfr.mp4"))
    assert report.readable, report.reason
    assert report.vfr is True
    assert "vfr" in report.findings
    assert report.frames == 60 + 20
    assert report.duration_s == pytest.approx(4.0, abs=0.11)


def test_hevc_is_read(media: Media) -> None:
    report = check_file(media("hevc.mp4"))
    assert report.readable, report.reason
    assert report.video_codec == "hevc"
    assert report.frames == 100
    assert report.blur_score is not None and report.blur_score > 100


def test_webm_without_header_duration_is_timed_from_its_frames(media: Media) -> None:
    path = media("webm_no_duration.webm")
    assert probe(path).header_duration_s is None  # the case under test: nothing in the header
    report = check_file(path)
    assert report.readable, report.reason
    assert report.video_codec == "vp8" and report.audio_codec == "opus"
    assert report.duration_s == pytest.approx(4.0, abs=1 / 25 + 1e-6)
    assert report.loudness_lufs is not None


def test_mono_44k_audio(media: Media) -> None:
    report = check_file(media("mono44k.mp4"))
    assert report.readable, report.reason
    assert (report.audio_channels, report.audio_sample_rate) == (1, 44100)
    assert report.loudness_lufs is not None and -30 < report.loudness_lufs < -15
    assert "no_audio" not in report.findings and "silent" not in report.findings


def test_no_audio_track(media: Media) -> None:
    report = check_file(media("no_audio.mp4"))
    assert report.readable, report.reason
    assert report.has_audio is False and report.audio_codec is None
    assert report.loudness_lufs is None and report.loudness_series == []
    assert "no_audio" in report.findings
    assert report.frames == 100


def test_orientation_of() -> None:
    assert orientation_of(1920, 1080) == "landscape"
    assert orientation_of(1080, 1920) == "portrait"
    assert orientation_of(1080, 1080) == "square"


def test_timing_counts_the_last_frame_and_spots_irregular_intervals() -> None:
    cfr = timing(np.arange(100) / 25.0)
    assert cfr.duration_s == pytest.approx(4.0) and cfr.fps == pytest.approx(25.0) and not cfr.vfr
    one_drop = timing(np.delete(np.arange(100) / 25.0, 50))
    assert not one_drop.vfr  # a lone dropped frame is not a variable frame rate
    jitter = np.cumsum(np.tile([1 / 60, 1 / 40], 50))
    assert timing(jitter - jitter[0]).vfr
