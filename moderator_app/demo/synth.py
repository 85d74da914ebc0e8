"""Clips that look and sound like what phones and browsers send, made with the bundled ffmpeg.

The demo inbox (data.py), the tests and the benchmarks all need real clips of a chosen size, length,
rotation, container and sound; this module is the one recipe for them. It is small and quick on purpose:
the test suite makes many of them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from moderator_app.base.durable import commit_file, partial_path
from moderator_app.base.ffmpeg import run_ffmpeg

AudioKind = Literal["speech", "tone", "none"]

# Video sources that look clearly different from each other in a thumbnail grid.
_PATTERNS: tuple[str, ...] = (
    "testsrc2=s={w}x{h}:r={fps}",
    "mandelbrot=s={hw}x{hh}:r={fps},scale={w}:{h}",  # rendered at half size: the fractal is slow
    "gradients=s={w}x{h}:r={fps}:speed=0.03",
    "cellauto=s={w}x{h}:r={fps}:rule=110",
    "smptehdbars=s={w}x{h}:r={fps}",
    # big cells: full-resolution life is noise that costs megabytes
    (
        "life=s={qw}x{qh}:r={fps}:mold=10:ratio=0.3:death_color=#1b2a4a:life_color=#ffcc33,"
        "scale={w}:{h}:flags=neighbor"
    ),
    (  # moving colour boxes
        "color=c=#24305e:s={w}x{h}:r={fps}[bg];color=c=#f76c6c:s={bw}x{bh}:r={fps}[a];"
        "color=c=#a8d0e6:s={bw}x{bh}:r={fps}[b];"
        "[bg][a]overlay=x='(W-w)*(0.5+0.5*sin(1.7*t))':y='(H-h)*(0.5+0.5*cos(1.1*t))'[ab];"
        "[ab][b]overlay=x='(W-w)*(0.5+0.5*cos(1.3*t))':y='(H-h)*(0.5+0.5*sin(0.9*t))'"
    ),
    "sierpinski=s={w}x{h}:r={fps}",
    "zoneplate=s={w}x{h}:r={fps}:kt2=2:kx2=48:ky2=48",
    "colorspectrum=s={w}x{h}:r={fps}:type=all",
)

# A voice-like source: harmonics of a 120-220 Hz pitch that drifts and wobbles (vibrato), shaped into
# ~4 syllables a second with pauses between phrases, about -20 dBFS RMS. Phase is the integral of the
# frequency so the pitch glides instead of clicking.
_SPEECH = (
    "st(0,2*PI*165*t-(40/0.7)*cos(2*PI*0.7*t)-(4/5.5)*cos(2*PI*5.5*t));"
    "0.26*(sin(ld(0))+0.5*sin(2*ld(0))+0.3*sin(3*ld(0))+0.18*sin(4*ld(0))+0.1*sin(5*ld(0)))"
    "*pow(sin(PI*4*t),2)*gt(sin(2*PI*0.31*t+1),-0.45)"
)
_TONE = "0.14*sin(2*PI*440*t)"  # -20 dBFS RMS

_CONTAINER_CODECS: dict[str, tuple[str, list[str], list[str]]] = {
    # container -> (ffmpeg muxer, video codec args, audio codec args)
    "mp4": ("mp4", ["-c:v", "libx264", "-preset", "ultrafast"], ["-c:a", "aac", "-b:a", "96k"]),
    "mov": ("mov", ["-c:v", "libx264", "-preset", "ultrafast"], ["-c:a", "aac", "-b:a", "96k"]),
    "3gp": ("3gp", ["-c:v", "libx264", "-preset", "ultrafast"], ["-c:a", "aac", "-b:a", "64k"]),
    "webm": (
        "webm",
        [
            *("-c:v", "libvpx", "-deadline", "realtime", "-cpu-used", "8", "-b:v", "600k"),
            *("-lag-in-frames", "0", "-auto-alt-ref", "0"),  # as a browser's MediaRecorder does
        ],
        ["-c:a", "libopus", "-b:a", "64k"],
    ),
}


def _video_source(pattern: int, width: int, height: int, fps: int) -> str:
    template = _PATTERNS[pattern % len(_PATTERNS)]
    half = {"hw": max(2, width // 4 * 2), "hh": max(2, height // 4 * 2)}
    quarter = {"qw": max(2, width // 8 * 2), "qh": max(2, height // 8 * 2)}
    box = {"bw": max(2, width // 8 * 2), "bh": max(2, height // 6 * 2)}
    return template.format(w=width, h=height, fps=fps, **half, **quarter, **box)


def make_clip(
    path: Path,
    *,
    duration: float = 4.0,
    width: int = 640,
    height: int = 360,
    rotate: int = 0,
    dark: bool = False,
    audio: AudioKind = "speech",
    pattern: int = 0,
    fps: int = 25,
    container: str = "mp4",
) -> Path:
    """Write a clip the way a phone or browser would, atomically (a temp file renamed into place).

    ``rotate`` is clockwise degrees as phones tag it: the pixels stay landscape and the display matrix says
    how to turn them, so ``rotate=90`` on 640x360 displays as 360x640 portrait.
    """
    if container not in _CONTAINER_CODECS:
        raise ValueError(f"unsupported container {container!r}")
    if width % 2 or height % 2:
        raise ValueError("width and height must be even (4:2:0 video)")
    if rotate % 90:
        raise ValueError("rotate must be a multiple of 90")
    muxer, video_args, audio_args = _CONTAINER_CODECS[container]
    args: list[str] = ["-y"]
    if rotate % 360:
        # -display_rotation is counter-clockwise; keep the pixels as they are (no autorotate).
        args += ["-noautorotate", "-display_rotation", str(-(rotate % 360))]
    args += ["-f", "lavfi", "-i", _video_source(pattern, width, height, fps)]
    if audio != "none":
        expr = _SPEECH if audio == "speech" else _TONE
        args += ["-f", "lavfi", "-i", f"aevalsrc='{expr}':s=48000:c=mono"]
    if dark:
        # crush luma to ~12% and pull chroma towards grey: a clip shot in a dim room
        args += ["-vf", "lutyuv=y='16+(val-16)*0.12':u='128+(val-128)*0.3':v='128+(val-128)*0.3'"]
    args += ["-t", f"{duration:.3f}", "-map", "0:v"]
    args += [*video_args, "-pix_fmt", "yuv420p", "-g", str(fps)]
    if audio != "none":
        args += ["-map", "1:a", *audio_args, "-ar", "48000"]
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = partial_path(path)
    args += ["-f", muxer, str(partial)]
    try:
        run_ffmpeg(args, timeout=120)
        commit_file(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    return path
