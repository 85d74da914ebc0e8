"""The result of checking one clip, as the database, the CLI and the window see it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from moderator_app.models import ClipProbe
from moderator_app.qc.fingerprint import Fingerprint, from_hex, to_hex

Segment = tuple[float, float]
LoudnessPoint = tuple[float, float | None, float | None]


@dataclass(slots=True)
class QcReport:
    path: str
    findings: list[str] = field(default_factory=list)
    reason: str | None = None
    """Why the clip is unreadable, in words a moderator understands (None when readable)."""
    container: str | None = None
    video_codec: str | None = None
    audio_codec: str | None = None
    duration_s: float | None = None
    width: int | None = None
    height: int | None = None
    rotation: int = 0
    orientation: str | None = None
    fps: float | None = None
    nominal_fps: float | None = None
    vfr: bool = False
    hdr: bool = False
    color_transfer: str | None = None
    pixel_format: str | None = None
    frames: int = 0
    """Frames in the clip (every video packet)."""
    frames_analysed: int = 0
    """Frames decoded and measured: non-reference frames are skipped, except around black edges."""
    has_audio: bool = False
    audio_channels: int = 0
    audio_sample_rate: int = 0
    loudness_lufs: float | None = None
    loudness_range_lu: float | None = None
    true_peak_dbtp: float | None = None
    sample_peak_dbfs: float | None = None
    max_short_term_lufs: float | None = None
    silence_share: float | None = None
    black_head_s: float | None = None
    black_tail_s: float | None = None
    black_segments: list[Segment] = field(default_factory=list)
    frozen_segments: list[Segment] = field(default_factory=list)
    blur_score: float | None = None
    mean_luma: float | None = None
    luma_std: float | None = None
    clipped_share: float | None = None
    faces: int | None = None
    """Sampled frames (one a second, at most 20) on which a face was found."""
    face_samples: int = 0
    largest_face: float | None = None
    """Height of the largest face as a share of the frame height."""
    fingerprint: Fingerprint | None = None
    duplicate_of: str | None = None
    """Filled by grouping (fingerprint.duplicate_of), never by check_file."""
    loudness_series: list[LoudnessPoint] = field(default_factory=list)
    """(time s, momentary LUFS, short-term LUFS) every 0.1 s, for the small plot in the window."""
    low_contrast: bool = False
    """Luma spread under Thresholds.low_contrast_std: a flat, washed-out picture (a figure, not a finding)."""
    notes: list[str] = field(default_factory=list)
    """Plain-language remarks for the moderator that are not findings (e.g. a sound track that cannot be read)."""
    elapsed_s: float = 0.0

    @property
    def readable(self) -> bool:
        return "unreadable" not in self.findings

    @classmethod
    def unreadable(cls, path: str, reason: str, elapsed_s: float = 0.0) -> QcReport:
        return cls(path=path, findings=["unreadable"], reason=reason, elapsed_s=elapsed_s)

    def to_clip_probe(self) -> ClipProbe | None:
        """The shared models.ClipProbe view (None for an unreadable clip)."""
        if not self.readable or self.container is None or self.video_codec is None:
            return None
        return ClipProbe(
            container=self.container,
            duration_s=self.duration_s or 0.0,
            width=self.width or 0,
            height=self.height or 0,
            rotation=self.rotation,
            video_codec=self.video_codec,
            audio_codec=self.audio_codec,
            frames_decoded=self.frames,
        )

    def mark_duplicate(self, original: str) -> None:
        self.duplicate_of = original
        if "duplicate" not in self.findings:
            self.findings.append("duplicate")

    def to_json(self) -> dict[str, Any]:
        """Plain JSON types only (lists, not tuples; hashes as hex strings, which JSON numbers cannot hold)."""
        data: dict[str, Any] = {name: getattr(self, name) for name in self.__slots__}  # type: ignore[attr-defined]
        data["findings"] = list(self.findings)
        data["notes"] = list(self.notes)
        data["black_segments"] = [list(s) for s in self.black_segments]
        data["frozen_segments"] = [list(s) for s in self.frozen_segments]
        data["loudness_series"] = [list(p) for p in self.loudness_series]
        data["fingerprint"] = to_hex(self.fingerprint) if self.fingerprint is not None else None
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> QcReport:
        known = set(cls.__slots__)  # type: ignore[attr-defined]
        values = {k: v for k, v in data.items() if k in known}
        values["black_segments"] = [(float(a), float(b)) for a, b in data.get("black_segments", [])]
        values["frozen_segments"] = [(float(a), float(b)) for a, b in data.get("frozen_segments", [])]
        values["loudness_series"] = [(p[0], p[1], p[2]) for p in data.get("loudness_series", [])]
        fp = data.get("fingerprint")
        values["fingerprint"] = from_hex(fp) if fp else None
        return cls(**values)
