"""Loudness per ITU-R BS.1770 through ffmpeg's ebur128 filter (peak=true), the meter broadcasters' QC uses."""

from __future__ import annotations

import math
import re
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from moderator_app.base.ffmpeg import FfmpegError, ffmpeg_exe

SILENCE_LUFS = -70.0
"""ebur128's absolute gate: what it reports for silence."""

_FRAME = re.compile(r"\bS:\s*(-?[\d.]+|-inf|nan)")
_INTEGRATED = re.compile(r"Integrated loudness:\s*I:\s*(-?[\d.]+|-inf|nan)\s*LUFS", re.DOTALL)
_TRUE_PEAK = re.compile(r"True peak:\s*Peak:\s*(-?[\d.]+|-inf|nan)\s*dBFS", re.DOTALL)


@dataclass(frozen=True, slots=True)
class LoudnessMeasure:
    integrated_lufs: float
    max_short_term_lufs: float
    true_peak_dbtp: float


def _number(text: str) -> float:
    value = float(text)
    return SILENCE_LUFS if math.isnan(value) or math.isinf(value) else value


def parse_ebur128(log: str) -> LoudnessMeasure:
    """Integrated and true peak from the summary, max short-term from the per-frame lines (every 100 ms)."""
    integrated = _INTEGRATED.search(log)
    peak = _TRUE_PEAK.search(log)
    if not integrated or not peak:
        raise FfmpegError("ebur128 printed no summary (no audio stream?)")
    shorts = [_number(m.group(1)) for m in _FRAME.finditer(log)]
    short_max = max(shorts, default=SILENCE_LUFS)
    tp = float(peak.group(1))
    return LoudnessMeasure(
        _number(integrated.group(1)), max(short_max, SILENCE_LUFS), tp if math.isfinite(tp) else -120.0
    )


def parse_integrated(log: str) -> float:
    """Integrated loudness alone, from a meter run without true peak (``peak=none``)."""
    integrated = _INTEGRATED.search(log)
    if not integrated:
        raise FfmpegError("ebur128 printed no summary (no audio stream?)")
    return _number(integrated.group(1))


def _meter(peak: bool) -> str:
    return f"ebur128=peak={'true' if peak else 'none'}:framelog=info"


def _run_logged(args: Sequence[str], timeout: float) -> str:
    cmd = [ffmpeg_exe(), "-hide_banner", "-nostdin", "-nostats", "-loglevel", "info", *args]
    proc = subprocess.run(cmd, check=False, capture_output=True, text=True, timeout=timeout, errors="replace")
    if proc.returncode != 0:
        tail = "\n".join(proc.stderr.strip().splitlines()[-5:])
        raise FfmpegError(f"loudness measurement failed ({proc.returncode}): {tail}")
    return proc.stderr


def measure_loudness(
    path: Path, *, input_args: Sequence[str] = (), pre_filter: str = "", timeout: float = 300
) -> LoudnessMeasure:
    """Measure the first audio stream of ``path`` (``input_args`` before -i, e.g. -ss/-t; ``pre_filter``
    is applied before the meter, e.g. to measure a segment as the spot will hold it)."""
    chain = f"{pre_filter}," if pre_filter else ""
    args = [*input_args, "-i", str(path), "-map", "0:a:0", "-filter:a", f"{chain}{_meter(True)}", "-f", "null", "-"]
    return parse_ebur128(_run_logged(args, timeout))


def write_and_measure(
    inputs: Sequence[str],
    filter_complex: str,
    label: str,
    out: Path,
    out_args: Sequence[str],
    *,
    peak: bool = True,
    timeout: float = 300,
) -> str:
    """Render ``filter_complex``'s ``[label]`` to ``out`` and meter the very same samples in the same run.

    Saves a process and a second read of the file per measurement. Only meant for lossless outputs (the
    meter sees the samples before the encoder). Returns ffmpeg's log: ``parse_ebur128`` (``peak``) or
    ``parse_integrated`` reads it.
    """
    graph = f"{filter_complex};[{label}]asplit=2[keep][meter];[meter]{_meter(peak)}[metered]"
    args = [
        "-y", *inputs, "-filter_complex", graph,
        "-map", "[keep]", *out_args, str(out), "-map", "[metered]", "-f", "null", "-",
    ]  # fmt: skip
    return _run_logged(args, timeout)
