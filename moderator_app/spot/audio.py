"""The spot's sound, mixed before the picture: level each message, then bring the whole to the target.

Audio is cheap (a 30 s stereo mix renders in well under a second), so it is rendered to a float WAV
first, measured with ebur128, corrected and measured again until it is on target; the picture's
encode then only muxes it. Every render is metered in the same ffmpeg run that writes it (the float WAV holds
exactly the metered samples), and a message's own loudness is remembered per clip and cut, so the
export after a preview does not analyse the clips again. Steps:

1. each message segment is measured as it will be cut (same in/out, 48 kHz stereo) and gained to the
   integrated target, so a quiet and a loud sender sound alike;
2. segments (cards are silent) are joined with ~10 ms fades at every cut (hard cuts between clips make
   inter-sample overs) or cross-faded under dissolves;
3. the mix gets one gain and a true-peak limiter (the limiter runs at 4x the rate, so it sees the
   inter-sample peaks a BS.1770 meter sees); measure, adjust the gain, repeat until within 0.2 LU;
4. if a short-term (3 s) window is still over the preset's limit (a shout in one message), the gain is
   ridden over 3 s windows (loudnorm's dynamic mode) and step 3 runs again on the result.
"""

from __future__ import annotations

import math
import threading
from collections import OrderedDict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from moderator_app.base.media import ffmpeg_input, ffmpeg_local_input
from moderator_app.spot.loudness import (
    SILENCE_LUFS,
    LoudnessMeasure,
    measure_loudness,
    parse_ebur128,
    parse_integrated,
    write_and_measure,
)
from moderator_app.spot.model import Segment, Template
from moderator_app.spot.presets import Loudness
from moderator_app.spot.probe import SourceInfo
from moderator_app.spot.timecode import FPS, SAMPLES_PER_FRAME

SAMPLE_RATE = 48000
CUT_FADE_S = 0.010
MAX_MESSAGE_GAIN_DB = 24.0
"""A near-silent clip is not boosted into hiss beyond this."""
PCM_HEADROOM_DB = 0.5
LOSSY_HEADROOM_DB = 1.5
"""AAC decoding overshoots peaks a little: limit further below the ceiling."""
_OVERSAMPLE = 4
_PASSES = 4
_TOLERANCE_LU = 0.2
SHORT_TERM_MARGIN_LU = 0.3


@dataclass(frozen=True, slots=True)
class AudioResult:
    path: Path
    measure: LoudnessMeasure
    message_gains_db: tuple[float | None, ...]
    """Per message slot: gain applied, or None for a clip without (audible) sound."""
    short_term_ridden: bool = False
    """True if a plain gain left a short-term window over the limit and the gain had to be ridden."""


def _segment_cut(segment: Segment) -> list[str]:
    placement = segment.placement
    assert placement is not None
    return ["-ss", f"{placement.in_frame / FPS:.6f}", "-t", f"{segment.frames / FPS + 0.2:.6f}"]


def _segment_input(segment: Segment, sources: dict[Path, SourceInfo]) -> list[str]:
    """The cut of a message's clip, opened as its first bytes said (demuxer named, file protocol only)."""
    placement = segment.placement
    assert placement is not None
    return [*_segment_cut(segment), *ffmpeg_input(placement.clip.path, sources[placement.clip.path].container)]


def _as_spot_audio(samples: int) -> str:
    """Any source audio -> 48 kHz float stereo of exactly ``samples`` samples (padded with silence)."""
    return (
        f"aresample={SAMPLE_RATE},aformat=sample_fmts=fltp:channel_layouts=stereo,"
        f"atrim=end_sample={samples},apad=whole_len={samples},asettb=1/{SAMPLE_RATE},asetpts=N"
    )


_CacheKey = tuple[int, int, int, int, int, int]
_CACHE_SIZE = 512
_cache: OrderedDict[_CacheKey, float] = OrderedDict()
_cache_lock = threading.Lock()


def _cache_key(segment: Segment) -> _CacheKey | None:
    """The clip's file identity (a replaced or re-encoded file gets a new one) and the cut; None if the
    file cannot be read (the measurement then fails with ffmpeg's own message)."""
    assert segment.placement is not None
    try:
        st = segment.placement.clip.path.stat()
    except OSError:
        return None
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, segment.placement.in_frame, segment.frames)


def clear_loudness_cache() -> None:
    """Forget every message measurement (benchmarks measure the cold case with it)."""
    with _cache_lock:
        _cache.clear()


def _message_loudness(segment: Segment, sources: dict[Path, SourceInfo]) -> float:
    """Integrated loudness of one message as the spot will hold it, measured once per clip and cut."""
    key = _cache_key(segment)
    with _cache_lock:
        if key is not None and key in _cache:
            _cache.move_to_end(key)
            return _cache[key]
    assert segment.placement is not None
    path = segment.placement.clip.path
    measured = measure_loudness(
        path,
        input_args=_segment_cut(segment),
        opened=ffmpeg_input(path, sources[path].container),
        pre_filter=_as_spot_audio(segment.frames * SAMPLES_PER_FRAME),
    ).integrated_lufs
    if key is not None:
        with _cache_lock:
            _cache[key] = measured
            while len(_cache) > _CACHE_SIZE:
                _cache.popitem(last=False)
    return measured


def message_gains(
    segments: list[Segment], sources: dict[Path, SourceInfo], target_lufs: float
) -> list[float | None]:
    """Per message, the gain to the target (None: no audible sound). The clips are measured two at a time:
    each measurement is one short single-threaded ffmpeg, so on two cores they finish together."""
    messages = [s for s in segments if s.kind == "message"]
    audible = [s for s in messages if s.placement is not None and sources[s.placement.clip.path].has_audio]
    with ThreadPoolExecutor(max_workers=2) as pool:
        levels = pool.map(lambda segment: _message_loudness(segment, sources), audible)
        loudness = dict(zip(map(id, audible), levels, strict=True))
    gains: list[float | None] = []
    for segment in messages:
        measured = loudness.get(id(segment))
        if measured is None or measured <= SILENCE_LUFS + 1:
            gains.append(None)
        else:
            gains.append(min(MAX_MESSAGE_GAIN_DB, target_lufs - measured))
    return gains


def _mix_graph(
    segments: list[Segment], template: Template, gains: list[float | None], sources: dict[Path, SourceInfo]
) -> tuple[list[str], str]:
    """ffmpeg inputs and the filter graph whose ``[mix]`` is the levelled, joined messages."""
    inputs: list[str] = []
    chains: list[str] = []
    labels: list[str] = []
    message = 0
    files = 0
    for n, segment in enumerate(segments):
        samples = segment.frames * SAMPLES_PER_FRAME
        label = f"a{n}"
        gain = gains[message] if segment.kind == "message" else None
        if segment.kind == "message":
            message += 1
        if gain is None:
            chains.append(
                f"anullsrc=r={SAMPLE_RATE}:cl=stereo,atrim=end_sample={samples},asettb=1/{SAMPLE_RATE},asetpts=N[{label}]"
            )
        else:
            index = files
            files += 1
            inputs += _segment_input(segment, sources)
            fade_out = samples / SAMPLE_RATE - CUT_FADE_S
            chains.append(
                f"[{index}:a:0]{_as_spot_audio(samples)},volume={gain:.3f}dB,"
                f"afade=t=in:d={CUT_FADE_S},afade=t=out:st={fade_out:.6f}:d={CUT_FADE_S}[{label}]"
            )
        labels.append(label)
    total = template.total_frames * SAMPLES_PER_FRAME
    if template.transition == "dissolve":
        current = labels[0]
        for n, label in enumerate(labels[1:], start=1):
            chains.append(
                f"[{current}][{label}]acrossfade=ns={template.dissolve_frames * SAMPLES_PER_FRAME}[x{n}]"
            )
            current = f"x{n}"
        chains.append(f"[{current}]atrim=end_sample={total},apad=whole_len={total}[mix]")
    else:
        joined = "".join(f"[{label}]" for label in labels)
        chains.append(
            f"{joined}concat=n={len(labels)}:v=0:a=1,atrim=end_sample={total},apad=whole_len={total}[mix]"
        )
    return inputs, ";".join(chains)


def _mix(
    segments: list[Segment],
    template: Template,
    gains: list[float | None],
    sources: dict[Path, SourceInfo],
    out: Path,
) -> float:
    """Write the levelled, joined messages to ``out``; returns its integrated loudness (same run)."""
    inputs, graph = _mix_graph(segments, template, gains, sources)
    log = write_and_measure(inputs, graph, "mix", out, ["-c:a", "pcm_f32le"], peak=False)
    return parse_integrated(log)


def _finish(mix: Path, out: Path, gain_db: float, ceiling_dbtp: float, total_samples: int) -> LoudnessMeasure:
    """Gain and true-peak limit ``mix`` into ``out``; returns the measurement of ``out`` (same run)."""
    limit = 10 ** (ceiling_dbtp / 20)
    chain = (
        f"[0:a:0]volume={gain_db:.3f}dB,aresample={SAMPLE_RATE * _OVERSAMPLE},"
        f"alimiter=limit={max(0.0625, limit):.5f}:level=0:attack=1:release=60:latency=1,"
        f"aresample={SAMPLE_RATE},atrim=end_sample={total_samples},apad=whole_len={total_samples}[fin]"
    )
    return parse_ebur128(write_and_measure(ffmpeg_local_input(mix, "wav"), chain, "fin", out, ["-c:a", "pcm_f32le"]))


def _settle(
    source: Path, out: Path, target: float, ceiling: float, total: int, source_lufs: float | None = None
) -> LoudnessMeasure:
    """Gain + true-peak limit ``source`` into ``out``; measure and adjust until within tolerance.

    ``source_lufs`` is the source's integrated loudness when already known (measured as it was written).
    """
    if source_lufs is None:
        source_lufs = measure_loudness(source, opened=ffmpeg_local_input(source, "wav")).integrated_lufs
    if source_lufs <= SILENCE_LUFS + 1:  # nothing audible: deliver clean silence
        return _finish(source, out, 0.0, ceiling, total)
    gain = target - source_lufs
    for _ in range(_PASSES):
        measured = _finish(source, out, gain, ceiling, total)
        error = target - measured.integrated_lufs
        if abs(error) <= _TOLERANCE_LU or not math.isfinite(error):
            break
        gain += error
    return measured


def _ride(mix: Path, out: Path, target: float, max_short_term: float, ceiling: float, total: int) -> float:
    """Ride the gain over 3 s windows (loudnorm's dynamic mode) so no short-term window exceeds the limit.

    Only used when a plain gain cannot keep a shout under the short-term limit: it narrows the loudness
    range to twice the room between target and limit, which is what the French rule asks of an ad.
    """
    lra = max(1.0, 2 * (max_short_term - target) - 1.0)
    chain = (
        f"[0:a:0]loudnorm=I={target}:LRA={lra:.1f}:TP={ceiling}:linear=false,aresample={SAMPLE_RATE},"
        f"atrim=end_sample={total},apad=whole_len={total}[rode]"
    )
    log = write_and_measure(ffmpeg_local_input(mix, "wav"), chain, "rode", out, ["-c:a", "pcm_f32le"], peak=False)
    return parse_integrated(log)


def render_audio(
    segments: list[Segment],
    template: Template,
    sources: dict[Path, SourceInfo],
    loudness: Loudness,
    workdir: Path,
    *,
    lossy: bool = False,
) -> AudioResult:
    """Write the spot's final sound to ``workdir/spot-audio.wav`` (48 kHz float stereo, exact length)."""
    target = loudness.integrated_lufs
    gains = message_gains(segments, sources, target)
    mix = workdir / "spot-mix.wav"
    mix_lufs = _mix(segments, template, gains, sources, mix)
    out = workdir / "spot-audio.wav"
    total = template.total_frames * SAMPLES_PER_FRAME
    ceiling = loudness.true_peak_dbtp - (LOSSY_HEADROOM_DB if lossy else PCM_HEADROOM_DB)
    measured = _settle(mix, out, target, ceiling, total, mix_lufs)
    limit = loudness.max_short_term_lufs
    ridden = False
    if limit is not None and measured.max_short_term_lufs > limit - SHORT_TERM_MARGIN_LU:
        rode = workdir / "spot-ridden.wav"
        rode_lufs = _ride(mix, rode, target, limit, ceiling, total)
        measured = _settle(rode, out, target, ceiling, total, rode_lufs)
        ridden = True
    return AudioResult(out, measured, tuple(gains), ridden)


def render_monitor_audio(
    segments: list[Segment],
    template: Template,
    sources: dict[Path, SourceInfo],
    loudness: Loudness,
    out: Path,
    out_args: list[str],
) -> AudioResult:
    """The preview's sound, in one ffmpeg run straight to ``out`` encoded with ``out_args``.

    Each message is levelled to the target as for a delivery (same remembered measurements), so the
    balance between senders is what the export will have; the messages already sit at the target, so the
    join (silent cards are gated out of the integrated measure) is within a few tenths of it and gets no
    second gain. A limiter at the base rate, not oversampled, keeps the peaks down. It is metered in the
    same run, before the encoder: the proxy is listened to, not checked. Measured on 2 cores, 30 s with the
    clips' loudness known (3 runs): 0.97-1.16 s alone, half of it AAC; the delivery path (mix,
    limit passes, a separate AAC encode and meter) took 3.0-3.3 s beside the proxy's picture.
    """
    gains = message_gains(segments, sources, loudness.integrated_lufs)
    inputs, graph = _mix_graph(segments, template, gains, sources)
    limit = 10 ** ((loudness.true_peak_dbtp - LOSSY_HEADROOM_DB) / 20)
    total = template.total_frames * SAMPLES_PER_FRAME
    graph += (
        f";[mix]alimiter=limit={max(0.0625, limit):.5f}:level=0:attack=1:release=60:latency=1,"
        f"atrim=end_sample={total},apad=whole_len={total}[monitor]"
    )
    measured = parse_ebur128(write_and_measure(inputs, graph, "monitor", out, out_args))
    return AudioResult(out, measured, tuple(gains))
