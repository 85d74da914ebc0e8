"""Reading ffmpeg's ebur128 meter (ITU-R BS.1770, EBU Tech 3341) from its log: one parser for every caller.

Clip checks (qc/sound.py) and the spot's loudness targets (spot/loudness.py) read the same text; each
decides what a missing or silent value means for it. Parsing text is the price of metering in the same
ffmpeg run that decodes or renders, instead of decoding a second time.

The filter prints a line every 100 ms (with ``framelog=info``)::

    [Parsed_ebur128_0 @ 0x…] t: 0.399977   TARGET:-23 LUFS    M: -18.1 S:-117.7     I: -18.1 LUFS …

then a summary (integrated loudness, loudness range, and the sample / true peaks when asked for).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

_NUMBER = r"-?(?:[\d.]+|inf|nan)"
_FRAME_LINE = re.compile(
    rf"\bt:\s*(?P<t>[-\d.]+)\s+TARGET:.*?\bM:\s*(?P<m>{_NUMBER})\s+S:\s*(?P<s>{_NUMBER})"
)
_SUMMARY_I = re.compile(rf"Integrated loudness:\s*\n\s*I:\s*(?P<v>{_NUMBER}) LUFS")
_SUMMARY_LRA = re.compile(rf"Loudness range:\s*\n\s*LRA:\s*(?P<v>{_NUMBER}) LU")
_SUMMARY_SPK = re.compile(rf"Sample peak:\s*\n\s*Peak:\s*(?P<v>{_NUMBER}) dBFS")
_SUMMARY_TPK = re.compile(rf"True peak:\s*\n\s*Peak:\s*(?P<v>{_NUMBER}) dBFS")


@dataclass(frozen=True, slots=True)
class Frame:
    """One 100 ms line; a window with no signal reads -120.7 or lower, or -inf."""

    t: float
    momentary_lufs: float
    short_term_lufs: float


@dataclass(frozen=True, slots=True)
class Ebur128Log:
    """The meter's figures: ``-inf`` where it printed ``-inf`` or ``nan``, None where it printed none."""

    frames: tuple[Frame, ...]
    integrated_lufs: float | None
    """ebur128 prints -70.0 when every block is under the absolute gate (nothing audible)."""
    loudness_range_lu: float | None
    sample_peak_dbfs: float | None
    """Only with ``peak=sample``."""
    true_peak_dbtp: float | None
    """Only with ``peak=true``."""

    @property
    def measured(self) -> bool:
        """False when the log holds no ebur128 output at all (no audio reached the meter)."""
        return bool(self.frames) or self.integrated_lufs is not None


def number(text: str) -> float:
    """ffmpeg's number as a float; anything not finite (``-inf``, ``nan``) is -inf: no signal."""
    value = float(text)
    return value if math.isfinite(value) else -math.inf


def _summary(pattern: re.Pattern[str], log: str) -> float | None:
    found = pattern.search(log)
    return number(found["v"]) if found else None


def parse(log: str) -> Ebur128Log:
    """The frame lines and summary of the one ebur128 meter in ``log`` (ffmpeg's stderr, -loglevel info)."""
    frames = tuple(
        Frame(float(m["t"]), number(m["m"]), number(m["s"])) for m in _FRAME_LINE.finditer(log)
    )
    return Ebur128Log(
        frames=frames,
        integrated_lufs=_summary(_SUMMARY_I, log),
        loudness_range_lu=_summary(_SUMMARY_LRA, log),
        sample_peak_dbfs=_summary(_SUMMARY_SPK, log),
        true_peak_dbtp=_summary(_SUMMARY_TPK, log),
    )
