"""check_file: probe, one decode pass, findings. A bad file is a finding, never an exception."""

from __future__ import annotations

import logging
import time
from dataclasses import replace
from pathlib import Path

from moderator_app.base.media import Container
from moderator_app.qc.findings import clip_findings
from moderator_app.qc.picture import PictureAnalyzer, PictureStats
from moderator_app.qc.probe import (
    UnreadableError,
    orientation_of,
    probe,
    rotation_from_log,
    sniff_clip,
    timing,
)
from moderator_app.qc.report import QcReport
from moderator_app.qc.scan import PRECISE, Scan, ScanError, ScanPlan
from moderator_app.qc.sound import parse_sound
from moderator_app.qc.thresholds import ANALYSIS_SHORT_SIDE, DEFAULT_THRESHOLDS, Thresholds

log = logging.getLogger(__name__)

TRUNCATED_SHARE = 0.9
"""A clip whose decodable picture is shorter than this share of its header's duration is broken (a partial
upload or copy), not just a short clip."""

DEFAULT_TIMEOUT_S = 120.0
"""Per clip. Decoding runs many times faster than real time, so only a stuck decoder gets near it."""


def check_file(path: Path, thresholds: Thresholds = DEFAULT_THRESHOLDS, timeout_s: float | None = None) -> QcReport:
    """Check one clip. Never raises for a bad file: it comes back with the finding ``unreadable`` and a reason."""
    started = time.monotonic()
    name = str(path)
    try:
        if not path.is_file() and not path.is_symlink():
            return QcReport.unreadable(name, "file not found")
        # Named from the first bytes (no link followed, no blocking): a playlist posing as a clip is refused
        # here, and every decoder below is told this demuxer, so none can follow a file to another one.
        container = sniff_clip(path)
        # The decode pass starts first (it needs nothing from the probe) so the probe costs no wall time.
        # It always measures the sound: the probe is not back yet to say whether there is any. Its decoder
        # refuses a picture over the size limit by itself; the probe says why from the header.
        timeout = timeout_s or DEFAULT_TIMEOUT_S
        plan = ScanPlan()
        scan = Scan(path, ANALYSIS_SHORT_SIDE, plan, timeout, container)
        try:
            p = probe(path, container)
        except BaseException:
            scan.cancel()
            raise
        if not p.has_audio:  # rare: restarting costs one ffmpeg start, about 20 ms
            scan.cancel()
            scan = Scan(path, ANALYSIS_SHORT_SIDE, replace(plan, with_audio=False), timeout, container)
        analyzer = PictureAnalyzer(p.nominal_fps, p.header_duration_s, thresholds)
        notes: list[str] = []
        sound_ok = p.has_audio
        try:
            result = scan.run(analyzer.add)
        except ScanError as exc:
            if not p.has_audio or exc.timed_out:
                raise
            # A broken sound track stops ffmpeg as surely as a broken picture: try the picture alone.
            analyzer = PictureAnalyzer(p.nominal_fps, p.header_duration_s, thresholds)
            result = Scan(path, ANALYSIS_SHORT_SIDE, replace(plan, with_audio=False), timeout, container).run(
                analyzer.add
            )
            sound_ok = False
            notes.append("the sound track cannot be decoded")
        packets = result.packet_times
        if packets is not None and packets.size >= result.frames:
            t = timing(packets, result.last_packet_duration_s)
            frame_count = int(packets.size)
        else:
            t = timing(result.frame_times)
            frame_count = result.frames
        header = p.header_duration_s
        if header and t.duration_s < TRUNCATED_SHARE * header - 0.5:
            return QcReport.unreadable(
                name,
                f"truncated or corrupt: only {t.duration_s:.1f} s of {header:.1f} s could be decoded",
                time.monotonic() - started,
            )
        rotation = rotation_from_log(result.log)
        width, height = p.display_size(rotation)
        orientation = orientation_of(width, height)
        picture = analyzer.result(result.frame_times, t.duration_s)
        if frame_count > result.frames:  # frames were skipped: settle black edges to the frame
            picture = _settle_black_edges(path, picture, t.duration_s, thresholds, timeout, container)
        sound = parse_sound(result.log, thresholds.silence_lufs) if sound_ok else None
        if p.hdr:
            notes.append(f"HDR ({p.color_transfer}): figures are measured on the HDR signal without tone mapping")
        report = QcReport(
            path=name,
            notes=notes,
            findings=clip_findings(sound_ok, orientation, t, picture, sound, thresholds),
            container=p.container,
            video_codec=p.video_codec,
            audio_codec=p.audio_codec,
            duration_s=round(t.duration_s, 3),
            width=width,
            height=height,
            rotation=rotation,
            orientation=orientation,
            fps=round(t.fps, 3),
            nominal_fps=round(p.nominal_fps, 3) if p.nominal_fps else None,
            vfr=t.vfr,
            hdr=p.hdr,
            color_transfer=p.color_transfer,
            pixel_format=p.pixel_format,
            frames=frame_count,
            frames_analysed=result.frames,
            has_audio=p.has_audio,
            audio_channels=p.audio_channels,
            audio_sample_rate=p.audio_sample_rate,
            black_head_s=picture.black_head_s,
            black_tail_s=picture.black_tail_s,
            black_segments=list(picture.black_segments),
            frozen_segments=list(picture.frozen_segments),
            blur_score=round(picture.blur_score, 1),
            mean_luma=round(picture.mean_luma, 1),
            luma_std=round(picture.luma_std, 1),
            low_contrast=0 < picture.luma_std < thresholds.low_contrast_std,
            clipped_share=round(picture.clipped_share, 4),
            faces=picture.face_frames,
            face_samples=picture.face_samples,
            largest_face=picture.largest_face if picture.face_frames is not None else None,
            fingerprint=picture.fingerprint,
        )
        if sound is not None:
            report.loudness_lufs = sound.integrated_lufs
            report.loudness_range_lu = sound.loudness_range_lu
            report.true_peak_dbtp = sound.true_peak_dbtp
            report.sample_peak_dbfs = sound.sample_peak_dbfs
            report.max_short_term_lufs = sound.max_short_term_lufs
            report.silence_share = round(sound.silence_share, 3)
            report.loudness_series = list(sound.series)
        report.elapsed_s = round(time.monotonic() - started, 3)
        return report
    except (UnreadableError, ScanError) as exc:
        return QcReport.unreadable(name, str(exc), time.monotonic() - started)
    except Exception as exc:  # a moderator's batch must survive any odd file
        log.exception("unexpected failure checking a clip")
        return QcReport.unreadable(name, f"check failed: {exc.__class__.__name__}: {exc}", time.monotonic() - started)


EDGE_MARGIN_S = 0.25
"""How far around a black edge found on the sampled frames the precise pass looks: more than the longest run
of skipped non-reference frames (3 B-frames at 24 fps is 0.125 s)."""


def _precise_pass(
    path: Path, plan: ScanPlan, thresholds: Thresholds, timeout: float, container: Container
) -> tuple[PictureStats, float]:
    analyzer = PictureAnalyzer(None, plan.until_s, replace(thresholds, face_required=False))
    result = Scan(path, ANALYSIS_SHORT_SIDE, plan, timeout, container).run(analyzer.add)
    duration = timing(result.frame_times).duration_s
    return analyzer.result(result.frame_times, duration), duration


def _settle_black_edges(
    path: Path, picture: PictureStats, duration: float, thresholds: Thresholds, timeout: float, container: Container
) -> PictureStats:
    """Decode just the frames around a black head or tail without skipping any, so a leading black of 2.0 s
    reads 2.0 s and not the time of the next decoded reference frame."""
    head, tail = picture.black_head_s, picture.black_tail_s
    if head > 0:
        stats, span = _precise_pass(path, replace(PRECISE, until_s=head + EDGE_MARGIN_S), thresholds, timeout,
                                      container)
        if stats.black_head_s < span:  # the pass reached picture: its boundary is exact
            head = stats.black_head_s
    if tail > 0 and duration - tail > EDGE_MARGIN_S:
        start = duration - tail - EDGE_MARGIN_S
        stats, span = _precise_pass(path, replace(PRECISE, start_s=start), thresholds, timeout, container)
        if 0 < stats.black_tail_s < span:
            tail = stats.black_tail_s
    segments = list(picture.black_segments)
    if segments and picture.black_head_s > 0:
        segments[0] = (0.0, round(head, 3))
    if segments and picture.black_tail_s > 0:
        segments[-1] = (round(duration - tail, 3), segments[-1][1])
    return replace(picture, black_head_s=round(head, 3), black_tail_s=round(tail, 3), black_segments=tuple(segments))
