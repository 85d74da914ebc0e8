"""Turning figures into findings: each threshold crossed becomes a stable code the UI and database key on."""

from __future__ import annotations

from typing import Final

from moderator_app.qc.picture import PictureStats
from moderator_app.qc.probe import Timing
from moderator_app.qc.sound import GATED_OUT_LUFS, SoundStats
from moderator_app.qc.thresholds import Thresholds

FINDING_CODES: Final[tuple[str, ...]] = (
    "too_short", "too_long", "portrait", "too_dark", "too_bright", "blurry", "black_frames", "frozen",
    "no_face", "no_audio", "silent", "too_loud", "clipping", "vfr", "duplicate", "unreadable",
)
"""Stable codes, in the order they are reported. Never rename one: decisions and flags refer to them."""


def clip_findings(
    has_audio: bool,
    orientation: str,
    timing: Timing,
    picture: PictureStats,
    sound: SoundStats | None,
    t: Thresholds,
) -> list[str]:
    found: set[str] = set()
    if timing.duration_s < t.min_duration_s:
        found.add("too_short")
    if timing.duration_s > t.max_duration_s:
        found.add("too_long")
    if t.portrait_is_finding and orientation == "portrait":
        found.add("portrait")
    if t.vfr_is_finding and timing.vfr:
        found.add("vfr")
    has_picture = picture.mean_luma > 0 or picture.luma_std > 0
    if has_picture and picture.mean_luma < t.dark_mean_luma:
        found.add("too_dark")
    if picture.mean_luma > t.bright_mean_luma or picture.clipped_share > t.clipped_pixel_share:
        found.add("too_bright")
    if has_picture and picture.blur_score < t.blur_laplacian_var:
        found.add("blurry")
    if any(end - start >= t.black_min_s for start, end in picture.black_segments):
        found.add("black_frames")
    if picture.frozen_segments:
        found.add("frozen")
    faces, samples = picture.face_frames, picture.face_samples
    if t.face_required and faces is not None and samples and faces < max(1.0, t.face_min_frame_share * samples):
        found.add("no_face")
    if not has_audio or sound is None:
        found.add("no_audio")
    else:
        found.update(sound_findings(sound, t))
    return [code for code in FINDING_CODES if code in found]


def sound_findings(sound: SoundStats, t: Thresholds) -> set[str]:
    found: set[str] = set()
    integrated = sound.integrated_lufs
    if sound.silence_share >= t.silent_share or integrated is None or integrated <= GATED_OUT_LUFS:
        found.add("silent")
        return found
    short_term = sound.max_short_term_lufs
    if (
        integrated > t.max_integrated_lufs
        or (short_term is not None and short_term > t.max_short_term_lufs)
        or (sound.true_peak_dbtp is not None and sound.true_peak_dbtp > t.max_true_peak_dbtp)
    ):
        found.add("too_loud")
    peak = sound.sample_peak_dbfs
    if peak is not None and peak >= t.clip_sample_peak_dbfs and (
        sound.flat_factor > 0 or sound.peak_count >= t.clip_min_peak_count
    ):
        found.add("clipping")
    return found
