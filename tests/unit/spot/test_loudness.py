"""Our reading of ffmpeg's ebur128 against EBU Tech 3341 cases (stereo 1 kHz sine)."""

from __future__ import annotations

from pathlib import Path

import pytest

from moderator_app.base.ffmpeg import run_ffmpeg
from moderator_app.spot.loudness import measure_loudness


def _sine(path: Path, parts: list[tuple[float, float]]) -> Path:
    """Concatenated 1 kHz stereo sine parts of (dBFS peak per channel, seconds), 48 kHz float."""
    expr = "+".join(
        f"between(t,{sum(d for _, d in parts[:i])},{sum(d for _, d in parts[: i + 1])})*{10 ** (db / 20):.8f}"
        for i, (db, _) in enumerate(parts)
    )
    total = sum(d for _, d in parts)
    run_ffmpeg(
        [
            "-y",
            *(
                "-f",
                "lavfi",
                "-i",
                f"aevalsrc='({expr})*sin(2*PI*1000*t)|({expr})*sin(2*PI*1000*t)':s=48000:d={total}",
            ),
            *("-c:a", "pcm_f32le", str(path)),
        ]
    )
    return path


@pytest.mark.parametrize(
    ("case", "parts"),
    [
        ("3341-1", [(-23.0, 20.0)]),
        ("3341-2", [(-33.0, 20.0)]),
        ("3341-3", [(-36.0, 10.0), (-23.0, 60.0), (-36.0, 10.0)]),
    ],
)
def test_integrated_loudness_meets_tech_3341(
    tmp_path: Path, case: str, parts: list[tuple[float, float]]
) -> None:
    expected = -33.0 if case == "3341-2" else -23.0
    measured = measure_loudness(_sine(tmp_path / f"{case}.wav", parts))
    assert measured.integrated_lufs == pytest.approx(expected, abs=0.1)


def test_short_term_maximum_and_true_peak(tmp_path: Path) -> None:
    measured = measure_loudness(_sine(tmp_path / "steps.wav", [(-30.0, 4.0), (-18.0, 4.0), (-30.0, 4.0)]))
    assert measured.max_short_term_lufs == pytest.approx(-18.0, abs=0.2)
    assert measured.true_peak_dbtp == pytest.approx(-18.0, abs=0.3)
