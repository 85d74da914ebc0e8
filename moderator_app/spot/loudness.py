"""Loudness per ITU-R BS.1770 through ffmpeg's ebur128 filter (peak=true), the meter broadcasters' QC uses."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from moderator_app.base import ebur128
from moderator_app.base.ffmpeg import FfmpegError, run_ffmpeg
from moderator_app.base.media import NotAClip, demuxer_of, ffmpeg_local_input

SILENCE_LUFS = -70.0
"""ebur128's absolute gate: what it reports for silence."""


@dataclass(frozen=True, slots=True)
class LoudnessMeasure:
    integrated_lufs: float
    max_short_term_lufs: float
    true_peak_dbtp: float


def _or_silence(value: float) -> float:
    return value if math.isfinite(value) else SILENCE_LUFS


def parse_ebur128(log: str) -> LoudnessMeasure:
    """Integrated and true peak from the summary, max short-term from the per-frame lines (every 100 ms)."""
    meter = ebur128.parse(log)
    if meter.integrated_lufs is None or meter.true_peak_dbtp is None:
        raise FfmpegError("ebur128 printed no summary (no audio stream?)")
    short_max = max((f.short_term_lufs for f in meter.frames), default=SILENCE_LUFS)
    tp = meter.true_peak_dbtp
    return LoudnessMeasure(
        _or_silence(meter.integrated_lufs), max(short_max, SILENCE_LUFS), tp if math.isfinite(tp) else -120.0
    )


def parse_integrated(log: str) -> float:
    """Integrated loudness alone, from a meter run without true peak (``peak=none``)."""
    integrated = ebur128.parse(log).integrated_lufs
    if integrated is None:
        raise FfmpegError("ebur128 printed no summary (no audio stream?)")
    return _or_silence(integrated)


def _meter(peak: bool) -> str:
    return f"ebur128=peak={'true' if peak else 'none'}:framelog=info"


def _run_logged(args: Sequence[str], timeout: float) -> str:
    """ffmpeg's log at info level: the meter prints there."""
    return run_ffmpeg(["-nostats", "-loglevel", "info", *args], timeout=timeout).stderr


def measure_loudness(
    path: Path,
    *,
    input_args: Sequence[str] = (),
    pre_filter: str = "",
    timeout: float = 300,
    opened: Sequence[str] | None = None,
) -> LoudnessMeasure:
    """Measure the first audio stream of ``path`` (``input_args`` before -i, e.g. -ss/-t; ``pre_filter``
    is applied before the meter, e.g. to measure a segment as the spot will hold it).

    ``opened``: the arguments that open ``path`` (base.media.ffmpeg_input for a clip, ffmpeg_local_input for
    the app's own files); by default its demuxer is named from its first bytes (a clip container, WAV or
    MXF), and FfmpegError says so when they name none."""
    chain = f"{pre_filter}," if pre_filter else ""
    if opened is None:
        opened = input_of(path)
    args = [*input_args, *opened, "-map", "0:a:0", "-filter:a", f"{chain}{_meter(True)}", "-f", "null", "-"]
    return parse_ebur128(_run_logged(args, timeout))


def input_of(path: Path) -> list[str]:
    """ffmpeg input arguments for a file known by its first bytes, the file protocol only; FfmpegError
    (what every caller already handles for an unreadable file) when they name nothing the app knows."""
    try:
        return ffmpeg_local_input(path, demuxer_of(path))
    except NotAClip as exc:
        raise FfmpegError(f"cannot measure this file: {exc.reason}") from None


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
