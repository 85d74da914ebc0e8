from __future__ import annotations

import json
from dataclasses import replace

from moderator_app.spot.measure import Measurements
from moderator_app.spot.presets import PRESETS, get_preset
from moderator_app.spot.verdict import verdict

GOOD_PAD = Measurements(
    path="/out/spot.mxf", container="mxf", video_codec="mpeg2video", width=1920, height=1080,
    frame_rate="25/1", frames=750, pix_fmt="yuv422p", audio_codec="pcm_s24le", sample_rate=48000,
    channels=2, audio_bits=24, integrated_lufs=-23.2, max_short_term_lufs=-21.0, true_peak_dbtp=-4.1,
)  # fmt: skip


def test_a_conforming_master_passes_every_rule() -> None:
    report = verdict(GOOD_PAD, PRESETS["tf1-pad"], expected_frames=750)
    assert report.passed, report.failures
    assert {r.name for r in report.rules} >= {"frames", "true peak (dBTP)", "max short-term loudness (LUFS)"}
    json.dumps(report.to_dict())


def test_each_broken_rule_is_named() -> None:
    bad = replace(GOOD_PAD, frames=751, integrated_lufs=-22.3, max_short_term_lufs=-19.5, true_peak_dbtp=-2.9)
    report = verdict(bad, PRESETS["ftv-pad"], expected_frames=750)
    assert not report.passed
    assert [r.name for r in report.failures] == [
        "frames", "integrated loudness (LUFS)", "max short-term loudness (LUFS)", "true peak (dBTP)",
    ]  # fmt: skip
    document = report.to_dict()
    assert document["passed"] is False and document["rules"][0]["name"] == "container"


def test_format_rules() -> None:
    web = replace(
        GOOD_PAD, container="mov", video_codec="h264", pix_fmt="yuv420p", audio_codec="aac", audio_bits=None
    )
    report = verdict(web, get_preset("web-mp4"))
    failed = {r.name for r in report.failures}
    assert "container" not in failed  # PyAV names mp4 files "mov,mp4,..."
    assert "integrated loudness (LUFS)" in failed  # web is mixed to -16 LUFS
    assert "frames" not in {r.name for r in report.rules}


def test_safe_areas() -> None:
    assert PRESETS["tf1-pad"].safe_rect() == (96, 54, 1728, 972)
    x, _y, w, h = PRESETS["ftv-pad"].safe_rect()
    assert w <= 0.73 * 1920 and h <= 0.85 * 1080 and x * 2 + w == 1920
    assert PRESETS["social-9x16"].safe_rect() == (54, 96, 972, 1728)
