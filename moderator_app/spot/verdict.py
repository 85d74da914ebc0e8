"""Pass/fail of a measured file against its delivery preset, rule by rule, as a JSON-able report."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from fractions import Fraction
from typing import Any

from moderator_app.spot.measure import Measurements
from moderator_app.spot.presets import Preset

_MP4_NAMES = {"mov", "mp4"}


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    expected: str
    measured: str
    passed: bool


@dataclass(frozen=True, slots=True)
class Report:
    preset: str
    path: str
    rules: tuple[Rule, ...]

    @property
    def passed(self) -> bool:
        return all(rule.passed for rule in self.rules)

    @property
    def failures(self) -> tuple[Rule, ...]:
        return tuple(rule for rule in self.rules if not rule.passed)

    def to_dict(self) -> dict[str, Any]:
        return {
            "preset": self.preset,
            "path": self.path,
            "passed": self.passed,
            "rules": [asdict(r) for r in self.rules],
        }


def _same_container(measured: str, expected: str) -> bool:
    return measured == expected or (measured in _MP4_NAMES and expected in _MP4_NAMES)


def _num(value: float | None) -> str:
    return "none" if value is None else f"{value:.1f}"


def verdict(m: Measurements, preset: Preset, expected_frames: int | None = None) -> Report:
    """Every rule of ``preset`` checked against ``m``; ``expected_frames`` adds the exact-duration rule."""
    loud = preset.loudness
    rules = [
        Rule("container", preset.container, m.container, _same_container(m.container, preset.container)),
        Rule("video codec", preset.video_codec, m.video_codec, m.video_codec == preset.video_codec),
        Rule("frame size", f"{preset.width}x{preset.height}", f"{m.width}x{m.height}",
             (m.width, m.height) == (preset.width, preset.height)),
        Rule("frame rate", f"{preset.fps}/1", m.frame_rate, m.fps == Fraction(preset.fps)),
        Rule("pixel format", preset.pix_fmt, m.pix_fmt, m.pix_fmt == preset.pix_fmt),
        Rule("audio codec", preset.audio_codec, str(m.audio_codec), m.audio_codec == preset.audio_codec),
        Rule("sample rate", str(preset.sample_rate), str(m.sample_rate), m.sample_rate == preset.sample_rate),
        Rule("channels", str(preset.channels), str(m.channels), m.channels == preset.channels),
    ]  # fmt: skip
    if expected_frames is not None:
        rules.append(Rule("frames", str(expected_frames), str(m.frames), m.frames == expected_frames))
    if preset.audio_bits is not None:
        rules.append(
            Rule("audio bits", str(preset.audio_bits), str(m.audio_bits), m.audio_bits == preset.audio_bits)
        )
    integrated_ok = (
        m.integrated_lufs is not None and abs(m.integrated_lufs - loud.integrated_lufs) <= loud.tolerance_lu
    )
    rules.append(
        Rule(
            "integrated loudness (LUFS)",
            f"{loud.integrated_lufs:.1f} ±{loud.tolerance_lu:.1f}",
            _num(m.integrated_lufs),
            integrated_ok,
        )
    )
    if loud.max_short_term_lufs is not None:
        st = m.max_short_term_lufs
        rules.append(
            Rule(
                "max short-term loudness (LUFS)",
                f"≤ {loud.max_short_term_lufs:.1f}",
                _num(st),
                st is not None and st <= loud.max_short_term_lufs,
            )
        )
    tp = m.true_peak_dbtp
    rules.append(
        Rule(
            "true peak (dBTP)",
            f"≤ {loud.true_peak_dbtp:.1f}",
            _num(tp),
            tp is not None and tp <= loud.true_peak_dbtp,
        )
    )
    return Report(preset.name, m.path, tuple(rules))
