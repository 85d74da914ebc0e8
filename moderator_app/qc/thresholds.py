"""The limits a clip is held to; every one is a setting so a campaign can change it without code.

Defaults come from docs/broadcast.md (EBU R128, ffmpeg blackdetect/freezedetect/silencedetect,
the usual OpenCV blur and exposure rules) and from what a 30-second spot can use.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from typing import Any


@dataclass(frozen=True, slots=True)
class Thresholds:
    # --- length and shape
    min_duration_s: float = 3.0
    """Shorter than this cannot carry a message in a 30 s spot (usual spot cut is 3-10 s per clip)."""
    max_duration_s: float = 30.0
    """Longer than the spot itself: the moderator would have to cut it down."""
    portrait_is_finding: bool = True
    """A 9:16 clip in a 16:9 spot needs the pillarbox treatment; flag it so the editor knows."""

    # --- picture (measured on grey frames whose short side is ANALYSIS_SHORT_SIDE pixels)
    dark_mean_luma: float = 40.0
    """Mean luma (0-255) below this is too dark (broadcast.md: exposure < 40)."""
    bright_mean_luma: float = 215.0
    """Mean luma above this is too bright / washed out (broadcast.md: exposure > 215)."""
    clipped_pixel_share: float = 0.25
    """Share of pixels at >= 250 above which the picture is burnt out, whatever its mean."""
    low_contrast_std: float = 12.0
    """Luma standard deviation below this is a flat, low-contrast picture (reported, no finding code)."""
    blur_laplacian_var: float = 60.0
    """Median variance of the Laplacian below this is blurry. Resolution dependent: only valid at the fixed
    analysis scale (240 px short side), where sharp phone footage scores in the hundreds."""
    black_pixel_luma: float = 26.0
    """A pixel darker than this is black: blackdetect's pix_th 0.10 of full scale. Analysis frames are full
    range (0-255; ffmpeg expands the 16-235 video range), so 0.10 * 255 = 25.5."""
    black_picture_share: float = 0.98
    """A frame with at least this share of black pixels is black (blackdetect's pic_th)."""
    black_min_s: float = 0.5
    """Black at head, tail or inside at least this long is a finding (a clip must start on a useful image)."""
    freeze_noise: float = 0.001
    """Mean absolute frame difference (as a share of full scale) under which two frames are identical:
    freezedetect's default noise (-60 dB)."""
    frozen_min_s: float = 1.0
    """A still picture lasting at least this long is a frozen segment (broadcast.md: 0.5-1 s windows)."""
    face_required: bool = True
    """Campaigns are messages from people: a clip with no face on any sampled frame is flagged."""
    face_min_frame_share: float = 0.1
    """At least this share of the sampled frames must show a face, else no_face."""

    # --- sound (ITU-R BS.1770 via ffmpeg ebur128)
    silence_lufs: float = -60.0
    """Momentary loudness under this is silence (silencedetect's -60 dB)."""
    silent_share: float = 0.9
    """At least this share of silence, or integrated loudness gated out entirely, is a silent clip."""
    max_integrated_lufs: float = -14.0
    """User clips are normalised to -23 LUFS when a spot is made, so a clip is only too loud far above any
    platform target (-14 LUFS is the loudest common streaming target)."""
    max_short_term_lufs: float = -10.0
    """A 3 s stretch this loud is shouting or distortion that normalisation will not fix. (The CSA limit of
    -20 LUFS short-term applies to the finished spot, after normalisation: spot/ checks it.)"""
    max_true_peak_dbtp: float = 0.0
    """Over 0 dBTP the clip will distort once converted: too loud."""
    clip_sample_peak_dbfs: float = -0.1
    """Clipping needs the sample peak at full scale ..."""
    clip_min_peak_count: int = 8
    """... and reaching it on at least this many occasions (astats peak count), or runs of flat samples."""

    # --- frame rate
    vfr_is_finding: bool = True
    """Variable frame rate clips are converted to constant 25 fps for the spot; flag so nobody is surprised."""

    # --- duplicates
    duplicate_max_bits: float = 10.0
    """Mean Hamming distance (of 64 bits) between time-aligned frame hashes at or under which two clips are
    the same clip re-encoded or resized (different clips sit around 32)."""

    # --- ingest (what a sync accepts into the cache; set like the others with ``qc --set``)
    max_clip_mb: int = 1024
    """A clip file larger than this many megabytes is quarantined unread: a 30 s phone clip is under 100 MB,
    and a link to /dev/zero or an endless upload must not fill the disk."""
    min_free_mb: int = 1024
    """A sync copies a clip only while at least this many megabytes stay free on the cache's disk after it;
    below that it stops, saying so, with nothing half-written."""

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Thresholds:
        """Unknown keys are ignored so older campaign settings keep loading."""
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in known})


DEFAULT_THRESHOLDS = Thresholds()
"""The defaults, shared (Thresholds is frozen) so signatures need not build one per call."""

ANALYSIS_SHORT_SIDE = 240
"""Frames are analysed scaled so their short side is this many pixels: blur scores are comparable between
clips of any resolution, and a 1080p frame is 20x cheaper to analyse."""
