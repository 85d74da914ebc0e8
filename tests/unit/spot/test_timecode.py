from __future__ import annotations

import pytest

from moderator_app.spot.timecode import FPS, SAMPLES_PER_FRAME, parse_timecode, seconds_to_frames, timecode


def test_thirty_seconds_is_750_frames_ending_at_29_24() -> None:
    assert seconds_to_frames(30) == 750
    assert timecode(750 - 1) == "00:00:29:24"
    assert timecode(0) == "00:00:00:00"


@pytest.mark.parametrize("seconds", [10, 15, 20, 30, 45])
def test_round_trip(seconds: int) -> None:
    frames = seconds * FPS
    assert parse_timecode(timecode(frames)) == frames


def test_hours_and_minutes() -> None:
    assert timecode(3600 * FPS + 61 * FPS + 3) == "01:01:01:03"


@pytest.mark.parametrize("bad", ["00:00:00:25", "00:60:00:00", "1:00:00:00", "00:00:00"])
def test_parse_rejects_invalid(bad: str) -> None:
    with pytest.raises(ValueError):
        parse_timecode(bad)


def test_audio_frame_is_whole_samples() -> None:
    assert SAMPLES_PER_FRAME * FPS == 48000


def test_seconds_to_frames_ignores_float_noise() -> None:
    assert seconds_to_frames(8.36) == 209
    assert seconds_to_frames(0.1 * 3) == 7
