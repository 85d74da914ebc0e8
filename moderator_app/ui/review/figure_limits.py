"""Which check figure crossed which threshold, in words: "146 — above 140 (too bright)".

The limits are the campaign's Thresholds (qc/thresholds.py, set with ``qc --set``): this table only says
which figure a threshold applies to and in which direction, never a number of its own.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from moderator_app.services.checks import Thresholds


@dataclass(frozen=True, slots=True)
class Limit:
    figure: str
    """The report key the panel shows (ChecksPanel.FIGURES)."""
    threshold: str
    """The Thresholds field holding the limit."""
    above: bool
    """True: a value above the limit crosses it; False: below."""
    finding: str
    show: Callable[[float], str]
    """How the limit reads, in the figure's unit."""


def _num(digits: int, unit: str = "") -> Callable[[float], str]:
    return lambda v: f"{v:.{digits}f}{unit}"


LIMITS: tuple[Limit, ...] = (
    Limit("duration_s", "min_duration_s", False, "too_short", _num(1, " s")),
    Limit("duration_s", "max_duration_s", True, "too_long", _num(1, " s")),
    Limit("mean_luma", "dark_mean_luma", False, "too_dark", _num(0)),
    Limit("mean_luma", "bright_mean_luma", True, "too_bright", _num(0)),
    Limit("blur_score", "blur_laplacian_var", False, "blurry", _num(0)),
    Limit("loudness_lufs", "max_integrated_lufs", True, "too_loud", _num(1, " LUFS")),
    Limit("max_short_term_lufs", "max_short_term_lufs", True, "too_loud", _num(1, " LUFS")),
    Limit("true_peak_dbtp", "max_true_peak_dbtp", True, "too_loud", _num(1, " dBTP")),
    Limit("silence_share", "silent_share", True, "silent", lambda v: f"{100 * v:.0f} %"),
)


@dataclass(frozen=True, slots=True)
class Crossed:
    limit: str
    above: bool
    finding: str


def crossed(report: dict[str, Any], limits: Thresholds, figure: str) -> Crossed | None:
    """The limit ``figure`` is past, if any (silence counts from its threshold on: ``>=``, as the check)."""
    if figure == "faces":
        return _faces(report, limits)
    if figure == "black":
        return _black(report, limits)
    value = report.get(figure)
    if not isinstance(value, int | float) or isinstance(value, bool):
        return None
    for lim in LIMITS:
        if lim.figure != figure:
            continue
        bound = float(getattr(limits, lim.threshold))
        past = value >= bound if lim.finding == "silent" else (value > bound if lim.above else value < bound)
        if past:
            return Crossed(lim.show(bound), lim.above, lim.finding)
    return None


def _faces(report: dict[str, Any], limits: Thresholds) -> Crossed | None:
    """Frames with a face: fewer than the share the campaign asks for (at least one) is "no face", as in qc."""
    faces, samples = report.get("faces"), report.get("face_samples") or 0
    if not limits.face_required or not isinstance(faces, int) or not samples:
        return None
    needed = max(1.0, limits.face_min_frame_share * samples)
    return Crossed(f"{needed:g}", False, "no_face") if faces < needed else None


def _black(report: dict[str, Any], limits: Thresholds) -> Crossed | None:
    """Black at the head or the tail for at least ``black_min_s`` (black inside the clip has no figure here)."""
    ends = [v for v in (report.get("black_head_s"), report.get("black_tail_s")) if isinstance(v, int | float)]
    if any(v >= limits.black_min_s for v in ends):
        return Crossed(f"{limits.black_min_s:.2f} s", True, "black_frames")
    return None
