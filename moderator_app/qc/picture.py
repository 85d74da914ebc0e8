"""Picture figures from the grey analysis frames, computed while they stream out of the decoder.

Cheap measures (mean, black, frame difference) run on every delivered frame; costly ones (blur, faces,
hashes) on frames sampled by count. The main pass skips non-reference frames, so black and frozen
boundaries are within a frame or two; check.py settles black head and tail to the exact frame.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import cv2
import numpy as np
import numpy.typing as npt

from moderator_app.qc.fingerprint import FINGERPRINT_FRAMES, HASH_SIZE, phash
from moderator_app.qc.thresholds import Thresholds

GreyFrame = npt.NDArray[np.uint8]
Segment = tuple[float, float]

BLUR_SAMPLES_PER_S = 5.0
FACE_SAMPLES_PER_S = 1.0
THUMBS_PER_S = 10.0
"""Fingerprint frames are picked from thumbnails kept this often: 0.1 s is close enough to line up copies."""
MAX_FACE_SAMPLES = 20
"""Face detection is the costliest measure (~10 ms a frame): 20 samples bound it on long clips."""


@cache
def face_detector() -> Any | None:
    """OpenCV's bundled frontal-face Haar cascade, or None where this OpenCV has none.

    OpenCV 5 moved the Haar cascades out of the main package (cv2.data holds no XML any more), so the face
    check reports itself unavailable instead of failing every clip.
    """
    classifier = getattr(cv2, "CascadeClassifier", None)
    folder = getattr(getattr(cv2, "data", None), "haarcascades", None)
    if classifier is None or folder is None:
        return None
    path = Path(str(folder)) / "haarcascade_frontalface_default.xml"
    if not path.is_file():
        return None
    detector = classifier(str(path))
    return None if detector.empty() else detector


@dataclass(frozen=True, slots=True)
class PictureStats:
    mean_luma: float
    luma_std: float
    clipped_share: float
    blur_score: float
    black_segments: tuple[Segment, ...]
    black_head_s: float
    black_tail_s: float
    frozen_segments: tuple[Segment, ...]
    face_frames: int | None
    """None when this OpenCV ships no face detector."""
    face_samples: int
    largest_face: float
    """Height of the largest detected face as a share of the frame height (0 when none)."""
    fingerprint: tuple[int, ...]


def _runs(flags: npt.NDArray[np.bool_]) -> list[tuple[int, int]]:
    """[start, end) index ranges where flags is true."""
    padded = np.concatenate(([False], flags, [False])).astype(np.int8)
    edges = np.flatnonzero(np.diff(padded))
    return [(int(a), int(b)) for a, b in zip(edges[::2], edges[1::2], strict=True)]


class PictureAnalyzer:
    """Feed frames in display order with add(); call result() once the decode pass is over."""

    def __init__(self, nominal_fps: float | None, duration_hint_s: float | None, thresholds: Thresholds) -> None:
        """The frame rate and duration from the header only space the samples; exact frame times are given to
        result(), once the decode pass has delivered every frame."""
        self._t = thresholds
        fps = nominal_fps if nominal_fps and 1.0 <= nominal_fps <= 300.0 else 30.0
        self._blur_every = max(1, round(fps / BLUR_SAMPLES_PER_S))
        face_every = fps / FACE_SAMPLES_PER_S
        if duration_hint_s:
            face_every = max(face_every, duration_hint_s * fps / MAX_FACE_SAMPLES)
        self._face_every = max(1, round(face_every))
        self._thumb_every = max(1, round(fps / THUMBS_PER_S))
        self._thumbs: list[GreyFrame] = []
        self._thumb_index: list[int] = []
        self._means: list[float] = []
        self._stds: list[float] = []
        self._black: list[bool] = []
        self._still: list[bool] = []
        self._blur: list[float] = []
        self._clipped: list[float] = []
        self._faces = 0
        self._face_samples = 0
        self._largest_face = 0.0
        self._prev: GreyFrame | None = None
        self._detector = face_detector()
        self._black_limit = 1.0 - thresholds.black_picture_share
        self._still_limit = thresholds.freeze_noise * 255.0

    def add(self, index: int, frame: GreyFrame) -> None:
        mean, std = cv2.meanStdDev(frame)
        m = float(mean[0, 0])
        is_black = False
        # A black picture needs 98% of pixels under ~38, so its mean cannot exceed this bound: skip counting.
        if m <= self._t.black_pixel_luma + 255.0 * self._black_limit:
            lit = np.count_nonzero(frame >= self._t.black_pixel_luma)
            is_black = bool(lit <= self._black_limit * frame.size)
        self._black.append(is_black)
        if not is_black:
            # Black is its own finding: leaving it out keeps a clean clip with a black head from looking dark.
            self._means.append(m)
            self._stds.append(float(std[0, 0]))
        if self._prev is None:
            self._still.append(False)
            self._prev = frame.copy()
        else:
            mafd = cv2.norm(frame, self._prev, cv2.NORM_L1) / frame.size
            self._still.append(mafd <= self._still_limit)
            np.copyto(self._prev, frame)
        if index % self._blur_every == 0 and not is_black:
            lap = cv2.Laplacian(frame, cv2.CV_16S, ksize=1)
            self._blur.append(float(cv2.meanStdDev(lap)[1][0, 0]) ** 2)
            self._clipped.append(np.count_nonzero(frame >= 250) / frame.size)
        if index % self._face_every == 0 and self._detector is not None and self._face_samples < MAX_FACE_SAMPLES:
            self._detect_faces(frame)
        # Hash slots sit at shares of the duration, known only at the end: keep 32x32 thumbnails meanwhile.
        if index % self._thumb_every == 0:
            thumb = np.asarray(cv2.resize(frame, (HASH_SIZE, HASH_SIZE), interpolation=cv2.INTER_AREA), np.uint8)
            self._thumbs.append(thumb)
            self._thumb_index.append(index)

    def _detect_faces(self, frame: GreyFrame) -> None:
        self._face_samples += 1
        assert self._detector is not None
        faces = self._detector.detectMultiScale(
            cv2.equalizeHist(frame), scaleFactor=1.1, minNeighbors=5, minSize=(24, 24)
        )
        if len(faces):
            self._faces += 1
            self._largest_face = max(self._largest_face, float(max(f[3] for f in faces)) / frame.shape[0])

    def result(self, frame_times: npt.NDArray[np.float64], duration: float) -> PictureStats:
        """frame_times: presentation time of each frame given to add(), from the first one."""
        n = len(self._black)
        times = frame_times[:n]

        def end_of(index: int) -> float:
            return float(times[index]) if index < len(times) else duration

        targets = (np.arange(FINGERPRINT_FRAMES) + 0.5) * (duration / FINGERPRINT_FRAMES)
        thumb_times = times[np.asarray(self._thumb_index, dtype=np.int64)] if self._thumbs else times[:0]
        slots = np.clip(np.searchsorted(thumb_times, targets, side="right") - 1, 0, max(0, len(self._thumbs) - 1))
        fingerprint = (
            tuple(phash(self._thumbs[int(i)]) for i in slots) if self._thumbs else (0,) * FINGERPRINT_FRAMES
        )
        black = np.asarray(self._black, dtype=np.bool_)
        segments = [(end_of(a), end_of(b)) for a, b in _runs(black)]
        head = segments[0][1] if segments and black[0] else 0.0
        tail = end_of(n) - segments[-1][0] if segments and black[-1] else 0.0
        # A still run starts on the frame before the first unchanged one; black stills are black, not frozen.
        still = np.asarray(self._still, dtype=np.bool_) & ~black
        frozen = []
        for a, b in _runs(still):
            start, end = end_of(max(0, a - 1)), end_of(b)
            if end - start >= self._t.frozen_min_s:
                frozen.append((start, end))
        return PictureStats(
            mean_luma=float(np.mean(self._means)) if self._means else 0.0,
            luma_std=float(np.mean(self._stds)) if self._stds else 0.0,
            clipped_share=float(np.median(self._clipped)) if self._clipped else 0.0,
            blur_score=float(np.median(self._blur)) if self._blur else 0.0,
            black_segments=tuple((round(a, 3), round(b, 3)) for a, b in segments),
            black_head_s=round(head, 3),
            black_tail_s=round(tail, 3),
            frozen_segments=tuple((round(a, 3), round(b, 3)) for a, b in frozen),
            face_frames=self._faces if self._detector is not None else None,
            face_samples=self._face_samples,
            largest_face=round(self._largest_face, 3),
            fingerprint=fingerprint,
        )
