"""Delivery presets as data: a broadcaster's next revision is an edit here, not a code change.

The PAD masters are MXF OP1a with XDCAM HD422-like video (MPEG-2 4:2:2 long-GOP, 50 Mbit/s CBR, coded
interlaced top field first as 1080i25 masters are) and 48 kHz 24-bit PCM stereo. Values marked
*unverified* in docs/broadcast.md (AS-10 profile, 8-channel layout) are not claimed: we write a stereo pair
only, and ffmpeg's generic OP1a muxer, not a certified AS-10 one.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

_XDCAM_HD422_VIDEO: tuple[str, ...] = (
    *("-c:v", "mpeg2video", "-pix_fmt", "yuv422p"),
    *("-b:v", "50M", "-minrate", "50M", "-maxrate", "50M", "-bufsize", "17825792"),
    *("-rc_init_occupancy", "17825792", "-g", "12", "-bf", "2"),
    *("-intra_vlc", "1", "-non_linear_quant", "1", "-dc", "10", "-qmin", "1", "-qmax", "12"),
    *("-flags", "+ildct+ilme"),
)
_BT709: tuple[str, ...] = ("-color_primaries", "bt709", "-color_trc", "bt709", "-colorspace", "bt709")


@dataclass(frozen=True, slots=True)
class Loudness:
    """Targets per ITU-R BS.1770 as measured by ffmpeg's ebur128 (peak=true)."""

    integrated_lufs: float = -23.0
    tolerance_lu: float = 0.5
    max_short_term_lufs: float | None = -20.0
    true_peak_dbtp: float = -3.0


@dataclass(frozen=True, slots=True)
class Preset:
    name: str
    label: str
    width: int
    height: int
    fps: int
    container: str
    """ffmpeg muxer name, also what PyAV reports as the format (first of its comma-separated names)."""
    extension: str
    video_codec: str
    pix_fmt: str
    video_args: tuple[str, ...]
    audio_codec: str
    audio_args: tuple[str, ...]
    sample_rate: int = 48000
    channels: int = 2
    audio_bits: int | None = None
    """Bit depth for PCM deliveries; None for compressed audio."""
    loudness: Loudness = field(default_factory=Loudness)
    safe_area: tuple[float, float] = (0.90, 0.90)
    """Graphics-safe share of width and height (EBU R95: 90%, so 1728x972 at (96, 54) in 1920x1080)."""
    filter_tail: str = ""
    """Video filters run last, before the encoder (field order flags for interlaced masters)."""
    draft_video_args: tuple[str, ...] | None = None
    """Cheaper encoder settings with the same format, for tests and previews; None if there is no cheaper."""
    lossy_audio: bool = False
    """Compressed audio can overshoot the true peak on decode, so the limiter keeps more headroom."""
    monitor_sound: bool = False
    """MP4 presets: a sound to judge by ear, not to deliver: each message levelled, joined, limited and encoded in
    one ffmpeg run (see audio.render_monitor_audio), without the delivery path's measure-and-correct passes."""
    filter_threads: int | None = None
    """``-filter_complex_threads`` for the picture; None leaves ffmpeg's default (one per core). Small
    frames gain from 1: the slice threads' hand-offs cost more than the filters themselves."""

    def safe_rect(self) -> tuple[int, int, int, int]:
        """Graphics-safe area (x, y, width, height) in pixels, even-aligned."""
        w = int(self.width * self.safe_area[0] + 1e-9) // 2 * 2  # round down: stay inside the limit
        h = int(self.height * self.safe_area[1] + 1e-9) // 2 * 2
        return ((self.width - w) // 2, (self.height - h) // 2, w, h)


_TF1_PAD = Preset(
    name="tf1-pad",
    label="TF1 Publicité PAD (MXF XDCAM HD422)",
    width=1920,
    height=1080,
    fps=25,
    container="mxf",
    extension="mxf",
    video_codec="mpeg2video",
    pix_fmt="yuv422p",
    video_args=(*_XDCAM_HD422_VIDEO, *_BT709),
    audio_codec="pcm_s24le",
    audio_args=("-c:a", "pcm_s24le"),
    audio_bits=24,
    filter_tail="setfield=tff",
)
# France TV Publicité asks text and logos inside 73% of the width and 85% of the height.
_FTV_PAD = replace(
    _TF1_PAD, name="ftv-pad", label="France TV Publicité PAD (MXF XDCAM HD422)", safe_area=(0.73, 0.85)
)

_X264_WEB: tuple[str, ...] = (
    *("-c:v", "libx264", "-preset", "veryfast", "-crf", "20", "-profile:v", "high", "-pix_fmt", "yuv420p"),
    *("-g", "50", *_BT709),
)
_X264_DRAFT: tuple[str, ...] = (
    *("-c:v", "libx264", "-preset", "ultrafast", "-crf", "23", "-pix_fmt", "yuv420p", "-g", "50", *_BT709),
)
_WEB_LOUDNESS = Loudness(
    integrated_lufs=-16.0, tolerance_lu=1.0, max_short_term_lufs=None, true_peak_dbtp=-1.0
)
_AAC: tuple[str, ...] = ("-c:a", "aac", "-b:a", "192k")


def _web(name: str, label: str, width: int, height: int) -> Preset:
    return Preset(
        name=name,
        label=label,
        width=width,
        height=height,
        fps=25,
        container="mp4",
        extension="mp4",
        video_codec="h264",
        pix_fmt="yuv420p",
        video_args=(*_X264_WEB, "-movflags", "+faststart"),
        audio_codec="aac",
        audio_args=_AAC,
        loudness=_WEB_LOUDNESS,
        draft_video_args=(*_X264_DRAFT, "-movflags", "+faststart"),
        lossy_audio=True,
    )


PRESETS: dict[str, Preset] = {
    "tf1-pad": _TF1_PAD,
    "ftv-pad": _FTV_PAD,
    "web-mp4": _web("web-mp4", "Web MP4 (H.264/AAC 1080p)", 1920, 1080),
    "social-9x16": _web("social-9x16", "Social vertical 9:16 (1080x1920)", 1080, 1920),
    "social-1x1": _web("social-1x1", "Social square 1:1 (1080x1080)", 1080, 1080),
    # Not a delivery: a quick 540p render for the in-app preview player (same timeline, titles and sound).
    "preview": replace(
        _web("preview", "Preview 960x540 (fast)", 960, 540),
        video_args=(*_X264_DRAFT, "-movflags", "+faststart"),
        # AAC's fast coder at 128k encodes 30 s in ~0.45 s instead of ~0.8 s: enough to judge a mix by ear
        audio_args=("-c:a", "aac", "-aac_coder", "fast", "-b:a", "128k"),
        loudness=Loudness(),
        monitor_sound=True,
        # a 30 s proxy at 640x360 on 2 cores: picture 3.0 s -> 1.65 s (filter threads default -> 1); a 1080p
        # export measured the same either way (x264 fills the cores), so deliveries keep the default
        filter_threads=1,
    ),
}


def get_preset(name: str) -> Preset:
    try:
        return PRESETS[name]
    except KeyError:
        raise KeyError(f"unknown preset {name!r}; known: {', '.join(PRESETS)}") from None
