"""Small clips with known defects, made once per session with the bundled ffmpeg (real encoders)."""

from __future__ import annotations

import struct
import subprocess
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pytest

from moderator_app.base.ffmpeg import ffmpeg_exe, run_ffmpeg

SIZE = "320x240"
FPS = 25
X264 = ["-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p"]
TONE = "sine=f=440:sample_rate=48000"
"""ffmpeg's sine is 1/8 full scale: about -21 LUFS, a normal speaking level."""


def ffmpeg(*args: str) -> None:
    run_ffmpeg(["-y", *args])


def write_float_wav(path: Path, samples: npt.NDArray[np.float64], rate: int = 48000) -> None:
    """WAV with 32-bit float samples (format 3), shape (n, channels): exact levels, no dither."""
    data = np.ascontiguousarray(samples, dtype="<f4")
    channels = data.shape[1]
    payload = data.tobytes()
    header = b"RIFF" + struct.pack("<I", 36 + len(payload)) + b"WAVE"
    fmt = struct.pack("<HHIIHH", 3, channels, rate, rate * channels * 4, channels * 4, 32)
    path.write_bytes(header + b"fmt " + struct.pack("<I", 16) + fmt + b"data" + struct.pack("<I", len(payload))
                     + payload)


def sine_sections(sections: Sequence[tuple[float, float]], rate: int = 48000) -> npt.NDArray[np.float64]:
    """Stereo 1 kHz sine made of (level dBFS, seconds) sections, phase-continuous (EBU Tech 3341 signals)."""
    levels = np.concatenate([np.full(round(sec * rate), 10 ** (db / 20)) for db, sec in sections])
    t = np.arange(levels.size) / rate
    mono = levels * np.sin(2 * np.pi * 1000 * t)
    return np.column_stack([mono, mono])


@pytest.fixture(scope="session")
def media(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Path]:
    """media(name) -> path of a generated clip; each clip is made on first use and kept for the session."""
    folder = tmp_path_factory.mktemp("qc-media")
    made: dict[str, Path] = {}

    def make(name: str) -> Path:
        if name in made:
            return made[name]
        path = folder / name
        recipe = RECIPES[name]
        recipe(path, make)
        made[name] = path
        return path

    return make


Recipe = Callable[[Path, Callable[[str], Path]], None]


def _clean(path: Path, _: Callable[[str], Path]) -> None:
    ffmpeg("-f", "lavfi", "-i", f"testsrc2=s={SIZE}:r={FPS}:d=4", "-f", "lavfi", "-i", f"{TONE}:d=4",
           *X264, "-c:a", "aac", "-ac", "2", "-shortest", str(path))


def _rotated(path: Path, make: Callable[[str], Path]) -> None:
    ffmpeg("-display_rotation", "90", "-i", str(make("clean.mp4")), "-c", "copy", str(path))


def _vfr(path: Path, _: Callable[[str], Path]) -> None:
    # 30 fps for 2 s, then every third frame: a phone's frame rate dropping in low light.
    ffmpeg("-f", "lavfi", "-i", f"testsrc2=s={SIZE}:r=30:d=4", "-f", "lavfi", "-i", f"{TONE}:d=4",
           "-vf", r"select='lt(t\,2)+not(mod(n\,3))'", "-fps_mode", "vfr", *X264, "-c:a", "aac", str(path))


def _hevc(path: Path, _: Callable[[str], Path]) -> None:
    ffmpeg("-f", "lavfi", "-i", f"testsrc2=s={SIZE}:r={FPS}:d=4", "-f", "lavfi", "-i", f"{TONE}:d=4",
           "-c:v", "libx265", "-preset", "ultrafast", "-x265-params", "log-level=error", "-tag:v", "hvc1",
           "-c:a", "aac", str(path))


def _webm_no_duration(path: Path, _: Callable[[str], Path]) -> None:
    # Written through a pipe, as a browser's MediaRecorder streams it: the muxer cannot seek back to store
    # a duration.
    with path.open("wb") as out:
        subprocess.run(
            [ffmpeg_exe(), "-hide_banner", "-loglevel", "error", "-nostdin",
             "-f", "lavfi", "-i", f"testsrc2=s={SIZE}:r={FPS}:d=4", "-f", "lavfi", "-i", f"{TONE}:d=4",
             "-c:v", "libvpx", "-deadline", "realtime", "-cpu-used", "8", "-c:a", "libopus", "-f", "webm", "pipe:1"],
            stdout=out, check=True,
        )


def _mono_44k(path: Path, _: Callable[[str], Path]) -> None:
    ffmpeg("-f", "lavfi", "-i", f"testsrc2=s={SIZE}:r={FPS}:d=4", "-f", "lavfi", "-i", "sine=f=440:sample_rate=44100:d=4",
           *X264, "-c:a", "aac", "-ac", "1", "-ar", "44100", str(path))


def _no_audio(path: Path, _: Callable[[str], Path]) -> None:
    ffmpeg("-f", "lavfi", "-i", f"testsrc2=s={SIZE}:r={FPS}:d=4", *X264, str(path))


def _black_head(path: Path, _: Callable[[str], Path]) -> None:
    ffmpeg("-f", "lavfi", "-i", f"color=black:s={SIZE}:r={FPS}:d=2", "-f", "lavfi", "-i", f"testsrc2=s={SIZE}:r={FPS}:d=3",
           "-f", "lavfi", "-i", f"{TONE}:d=5", "-filter_complex", "[0:v][1:v]concat=n=2:v=1:a=0[v]",
           "-map", "[v]", "-map", "2:a", *X264, "-c:a", "aac", str(path))


def _black_edges_bframes(path: Path, _: Callable[[str], Path]) -> None:
    # 2 s black, 2 s picture, 1 s black, encoded with non-reference B-frames: the main pass skips those, so
    # the black edges must be settled by the precise passes.
    ffmpeg("-f", "lavfi", "-i", f"color=black:s={SIZE}:r={FPS}:d=2", "-f", "lavfi",
           "-i", f"testsrc2=s={SIZE}:r={FPS}:d=2", "-f", "lavfi", "-i", f"color=black:s={SIZE}:r={FPS}:d=1",
           "-f", "lavfi", "-i", f"{TONE}:d=5",
           "-filter_complex", "[0:v][1:v][2:v]concat=n=3:v=1:a=0[v]", "-map", "[v]", "-map", "3:a",
           "-c:v", "libx264", "-preset", "veryfast", "-bf", "3", "-x264-params", "b-pyramid=none",
           "-pix_fmt", "yuv420p", "-c:a", "aac", str(path))


def _frozen(path: Path, _: Callable[[str], Path]) -> None:
    # 1.5 s moving, the last image held for 2 s, then 1.5 s moving again.
    ffmpeg("-f", "lavfi", "-i", f"testsrc2=s={SIZE}:r={FPS}:d=1.5", "-f", "lavfi", "-i", f"testsrc2=s={SIZE}:r={FPS}:d=1.5",
           "-f", "lavfi", "-i", f"{TONE}:d=5", "-filter_complex",
           "[0:v]tpad=stop_mode=clone:stop_duration=2[a];[1:v]setpts=PTS-STARTPTS[b];[a][b]concat=n=2:v=1:a=0[v]",
           "-map", "[v]", "-map", "2:a", *X264, "-c:a", "aac", str(path))


def _dark(path: Path, _: Callable[[str], Path]) -> None:
    ffmpeg("-f", "lavfi", "-i", f"testsrc2=s={SIZE}:r={FPS}:d=4", "-f", "lavfi", "-i", f"{TONE}:d=4",
           "-vf", "lutyuv=y=16+(val-16)*0.15", *X264, "-c:a", "aac", str(path))


def _blurry(path: Path, _: Callable[[str], Path]) -> None:
    ffmpeg("-f", "lavfi", "-i", f"testsrc2=s={SIZE}:r={FPS}:d=4", "-f", "lavfi", "-i", f"{TONE}:d=4",
           "-vf", "gblur=sigma=6", *X264, "-c:a", "aac", str(path))


def _copy_resized(path: Path, make: Callable[[str], Path]) -> None:
    # The same clip re-sent: smaller, re-encoded at a much lower quality, as a messaging app does.
    ffmpeg("-i", str(make("clean.mp4")), "-vf", "scale=176:132", "-c:v", "libx264", "-preset", "ultrafast",
           "-crf", "35", "-c:a", "aac", "-b:a", "48k", str(path))


def _other(path: Path, _: Callable[[str], Path]) -> None:
    ffmpeg("-f", "lavfi", "-i", f"mandelbrot=s={SIZE}:r={FPS}", "-f", "lavfi", "-i", f"{TONE}:d=4", "-t", "4",
           *X264, "-c:a", "aac", str(path))


def _loud_clipped(path: Path, _: Callable[[str], Path]) -> None:
    # A square wave at full scale stored as 16-bit PCM: flat runs at the rails, far too loud.
    ffmpeg("-f", "lavfi", "-i", f"testsrc2=s={SIZE}:r={FPS}:d=4", "-f", "lavfi",
           "-i", "aevalsrc='clip(3*sin(2*PI*440*t)\\,-1\\,1)':s=48000:d=4:c=stereo",
           *X264, "-c:a", "pcm_s16le", str(path))


def _silent(path: Path, _: Callable[[str], Path]) -> None:
    ffmpeg("-f", "lavfi", "-i", f"testsrc2=s={SIZE}:r={FPS}:d=4", "-f", "lavfi", "-i", "anullsrc=r=48000:cl=stereo",
           "-t", "4", *X264, "-c:a", "aac", str(path))


def _short(path: Path, _: Callable[[str], Path]) -> None:
    ffmpeg("-f", "lavfi", "-i", f"testsrc2=s={SIZE}:r={FPS}:d=1.2", "-f", "lavfi", "-i", f"{TONE}:d=1.2",
           *X264, "-c:a", "aac", str(path))


def _faststart_truncated(path: Path, make: Callable[[str], Path]) -> None:
    full = path.with_name("faststart_full.mp4")
    ffmpeg("-i", str(make("clean.mp4")), "-c", "copy", "-movflags", "+faststart", str(full))
    data = full.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _tail_truncated(path: Path, make: Callable[[str], Path]) -> None:
    data = make("clean.mp4").read_bytes()  # moov at the end: the first half has no index at all
    path.write_bytes(data[: len(data) // 2])


def _garbage(path: Path, _: Callable[[str], Path]) -> None:
    path.write_bytes(np.random.default_rng(7).integers(0, 256, 64 * 1024, dtype=np.uint8).tobytes())


def _empty(path: Path, _: Callable[[str], Path]) -> None:
    path.write_bytes(b"")


def _face(path: Path, _: Callable[[str], Path]) -> None:
    """A drawn frontal face (oval, brows, eyes, nose, mouth) that OpenCV's Haar cascade recognises."""
    import cv2

    img = np.full((240, 320), 90, np.uint8)
    cx, cy = 160, 120
    cv2.ellipse(img, (cx, cy), (60, 80), 0, 0, 360, 200, -1)
    for dx in (-25, 25):
        cv2.ellipse(img, (cx + dx, cy - 20), (14, 7), 0, 0, 360, 40, -1)
        cv2.ellipse(img, (cx + dx, cy - 35), (16, 4), 0, 0, 360, 60, -1)
    cv2.ellipse(img, (cx, cy + 8), (6, 14), 0, 0, 360, 150, -1)
    cv2.ellipse(img, (cx, cy + 40), (22, 6), 0, 0, 360, 70, -1)
    still = path.with_suffix(".png")
    cv2.imwrite(str(still), cv2.GaussianBlur(img, (5, 5), 0))
    ffmpeg("-loop", "1", "-i", str(still), "-t", "4", "-r", str(FPS), *X264, "-pix_fmt", "yuv420p", str(path))


RECIPES: dict[str, Recipe] = {
    "clean.mp4": _clean,
    "rotated.mp4": _rotated,
    "vfr.mp4": _vfr,
    "hevc.mp4": _hevc,
    "webm_no_duration.webm": _webm_no_duration,
    "mono44k.mp4": _mono_44k,
    "no_audio.mp4": _no_audio,
    "black_head.mp4": _black_head,
    "frozen.mp4": _frozen,
    "black_edges_bframes.mp4": _black_edges_bframes,
    "dark.mp4": _dark,
    "blurry.mp4": _blurry,
    "copy_resized.mp4": _copy_resized,
    "other.mp4": _other,
    "loud_clipped.mov": _loud_clipped,
    "silent.mp4": _silent,
    "short.mp4": _short,
    "truncated_faststart.mp4": _faststart_truncated,
    "truncated.mp4": _tail_truncated,
    "garbage.mp4": _garbage,
    "empty.mp4": _empty,
    "face.mp4": _face,
}
