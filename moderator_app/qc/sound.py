"""Sound figures read from ffmpeg's own meters (ebur128 meets EBU Tech 3341; astats counts peaks).

ffmpeg prints them on stderr during the decode pass; base/ebur128.py reads the loudness meter, this module
turns it into what a clip check needs (silence share, the series for the graph) and reads astats.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from pathlib import Path

from moderator_app.base import ebur128
from moderator_app.base.ffmpeg import FfmpegError, run_ffmpeg
from moderator_app.base.media import NotAClip, demuxer_of, ffmpeg_local_input

_ASTATS = re.compile(r"\[Parsed_astats_\d+ @ [^\]]*\] (?P<k>Flat factor|Peak count): (?P<v>-?(?:[\d.]+|inf|nan))")

NO_SIGNAL_LUFS = -120.0
"""ebur128 prints -120.7 (or far lower) for a window with no signal yet: treat as absent."""

GATED_OUT_LUFS = -70.0
"""ebur128's integrated value when every block is under the absolute gate: nothing audible."""


@dataclass(frozen=True, slots=True)
class SoundStats:
    integrated_lufs: float | None
    loudness_range_lu: float | None
    true_peak_dbtp: float | None
    sample_peak_dbfs: float | None
    max_short_term_lufs: float | None
    """None when the clip is shorter than the 3 s short-term window."""
    max_momentary_lufs: float | None
    silence_share: float
    flat_factor: float
    peak_count: int
    series: tuple[tuple[float, float | None, float | None], ...]
    """(time s, momentary LUFS, short-term LUFS) every 0.1 s; None where the window holds no signal yet."""


def _loud(value: float) -> float | None:
    return None if value <= NO_SIGNAL_LUFS or not math.isfinite(value) else value


def _finite_or_none(value: float | None) -> float | None:
    return value if value is not None and math.isfinite(value) else None


def parse_sound(log: str, silence_lufs: float) -> SoundStats | None:
    """None when the log holds no ebur128 output at all (no audio was measured)."""
    meter = ebur128.parse(log)
    if not meter.measured:
        return None
    series = tuple(
        (round(f.t, 2), _round(_loud(f.momentary_lufs)), _round(_loud(f.short_term_lufs)))
        for f in meter.frames
    )
    astats = {m["k"]: ebur128.number(m["v"]) for m in _ASTATS.finditer(log)}
    shorts = [s for _, _, s in series if s is not None]
    moments = [m for _, m, _ in series if m is not None]
    raw_m = [f.momentary_lufs for f in meter.frames]
    # The first 0.3 s have no full 400 ms block yet: they say nothing about silence.
    measured = raw_m[3:] if len(raw_m) > 3 else raw_m
    silent = sum(1 for m in measured if m < silence_lufs)
    return SoundStats(
        integrated_lufs=_finite_or_none(meter.integrated_lufs),
        loudness_range_lu=_finite_or_none(meter.loudness_range_lu),
        true_peak_dbtp=_finite_or_none(meter.true_peak_dbtp),
        sample_peak_dbfs=_finite_or_none(meter.sample_peak_dbfs),
        max_short_term_lufs=max(shorts) if shorts else None,
        max_momentary_lufs=max(moments) if moments else None,
        silence_share=silent / len(measured) if measured else 1.0,
        flat_factor=max(0.0, astats.get("Flat factor", 0.0)),
        peak_count=int(max(0.0, astats.get("Peak count", 0.0))),
        series=series,
    )


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


EBUR128_FILTER = "ebur128=peak=true+sample:dualmono=true:framelog=info,astats=measure_perchannel=none"
"""The sound meters of the decode pass (scan.py uses the same chain). dualmono: a mono phone recording is
played on both channels of the spot, so it is measured as it will sound there (+3 LU over one channel)."""


def measure_file(path: Path, silence_lufs: float = -60.0, timeout_s: float = 300.0) -> SoundStats | None:
    """Measure the first audio stream of any file on its own (a WAV, or a spot being exported).

    None when the file has no audio stream. Raises FfmpegError when ffmpeg cannot read it, or when its first
    bytes name no container the app knows (its demuxer is named from them, the file protocol only).
    """
    try:
        opened = ffmpeg_local_input(path, demuxer_of(path))
    except NotAClip as exc:
        raise FfmpegError(exc.reason) from None
    proc = run_ffmpeg(
        ["-loglevel", "info", "-nostats", *opened, "-map", "0:a:0?", "-vn", "-sn", "-dn",
         "-af", EBUR128_FILTER, "-f", "null", "-"],
        timeout=timeout_s,
    )
    return parse_sound(proc.stderr, silence_lufs)
