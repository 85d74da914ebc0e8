"""The ffmpeg filter graph that draws the spot's picture: cards, clips fitted to the frame, titles, joins.

Every segment is made exactly its length in frames (trim, then clone the last frame if a source runs
short), so the joined timeline is exact whatever the sources' rates; the encoder is also told the frame
count. Clips whose shape differs from the frame (portrait phone clips in 16:9, landscape in 9:16) get an
"echo" fill: the clip fitted whole over a blurred copy of itself scaled to fill. The blur is computed at a
quarter of the size with a quarter of the sigma — the same look as sigma 22 at full size, 16x cheaper.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from moderator_app.base.media import ffmpeg_input, ffmpeg_local_input
from moderator_app.spot.model import Segment, Template
from moderator_app.spot.presets import Preset
from moderator_app.spot.probe import SourceInfo
from moderator_app.spot.timecode import FPS

ECHO_SIGMA = 22.0
"""Gaussian sigma of the echo fill at output size (broadcast practice: about 20-25)."""
TITLE_FADE_S = 0.24
_ASPECT_MATCH = 0.01


@dataclass(frozen=True, slots=True)
class Overlay:
    """A title PNG placed on one segment."""

    png: Path
    x: int
    y: int


@dataclass(frozen=True, slots=True)
class GraphPlan:
    inputs: list[str]
    """ffmpeg input arguments (several -i), in index order: every input with its demuxer named and the file
    protocol only (base/media.py), clips as their first bytes say, the app's own titles and sound as what
    it wrote."""
    filter_complex: str
    video_label: str
    audio_input: int
    """Index of the input holding the finished sound."""


def _to_bt709(pix: str) -> str:
    """RGB (PNGs, card colour) to YUV with BT.709 coefficients; swscale would use BT.601 otherwise."""
    return f"scale=out_color_matrix=bt709:out_range=tv,format={pix}"


def _is_sd(info: SourceInfo) -> bool:
    return min(info.display_width, info.display_height) < 720


def _scale(info: SourceInfo, size: str, pix: str, extra: str = "") -> str:
    """Scale a source; SD sources are also converted BT.601 -> BT.709 in the same pass. HD sources are taken
    as BT.709 (phones tag them so; untagged HD is 709 by convention) and not converted, so a source that is
    already the frame's size passes through without a swscale pass."""
    matrix = ":out_color_matrix=bt709:out_range=tv" if _is_sd(info) else ""
    return f"scale={size}{extra}{matrix},format={pix},setsar=1"


def _hd_convention(info: SourceInfo) -> str:
    """Tag an untagged HD source as what it is taken to be (BT.709, limited range), as a filter prefix.

    Without the tags, ffmpeg's format negotiation sees an "unspecified" picture meeting the BT.709 titles
    and encoder, and silently inserts a full-frame swscale (read as BT.601) before every overlay: a colour
    shift and ~5 ms of CPU per 1080p frame. Tagged sources (full range, BT.601 HD) keep their tags and are
    converted where needed, as they must be. SD sources are converted by ``_scale`` itself.
    """
    if _is_sd(info):
        return ""
    tags = ([] if info.colorspace_tagged else ["colorspace=bt709"]) + ([] if info.range_tagged else ["range=tv"])
    return f"setparams={':'.join(tags)}," if tags else ""


_ZSCALE_TRANSFER = {"hlg": "arib-std-b67", "pq": "smpte2084"}
HDR_NOMINAL_PEAK = 100
"""zscale's ``npl``: linear 1.0 is 100 cd/m², so HLG's reference white (75 % signal) lands on SDR white."""


def to_sdr(info: SourceInfo, pix: str) -> str:
    """Filters taking an HDR (HLG / PQ) or BT.2020 picture to BT.709 SDR, ending in ``pix``; "" if it is SDR.

    HDR: linearise (zscale, every input and output property named: phones and transcoders leave some
    untagged, and zscale refuses a conversion it cannot see the ends of), BT.2020 -> BT.709 primaries in
    linear light, ``tonemap=mobius`` (keeps the tones up to SDR white, rolls off only the highlights above
    it; ``desat=0``: no greying of bright colours), then BT.709's transfer and matrix, limited range.
    Measured on an SDR chart turned HLG and back: mid-grey 118 -> 116, red (192,48,32) -> (184,43,30);
    untouched, the same HLG frame shows grey 76 and red (107,49,28). A BT.2020 SDR clip only changes gamut.
    """
    if not info.needs_sdr:
        return ""
    primaries = "bt2020" if info.bt2020 else "bt709"
    source = f"pin={primaries}:min={info.matrix}:rin={'full' if info.full_range else 'limited'}"
    out = f"m=bt709:r=limited,format={pix}"
    if info.hdr is None:
        return f"zscale=tin=bt709:t=bt709:{source}:p=bt709:{out}"
    npl = HDR_NOMINAL_PEAK
    return (
        f"zscale=tin={_ZSCALE_TRANSFER[info.hdr]}:t=linear:npl={npl}:{source}:p={primaries}:m={info.matrix}:r=full,"
        f"format=gbrpf32le,zscale=tin=linear:t=linear:npl={npl}:pin={primaries}:p=bt709:min=gbr:m=gbr:rin=full:r=full,"
        f"tonemap=tonemap=mobius:desat=0,"
        f"zscale=tin=linear:t=bt709:npl={npl}:pin=bt709:p=bt709:min=gbr:rin=full:{out}"
    )


def _fit(info: SourceInfo, width: int, height: int, pix: str, n: int) -> str:
    """Filters fitting a clip into the frame (HDR tone-mapped first); echo fill when its shape differs."""
    same_shape = abs(info.display_width * height / (info.display_height * width) - 1) < _ASPECT_MATCH
    sdr = to_sdr(info, pix)
    tags = f"{sdr}," if sdr else _hd_convention(info)
    if same_shape:
        return tags + _scale(info, f"{width}:{height}", pix)
    qw, qh = max(2, width // 4 // 2 * 2), max(2, height // 4 // 2 * 2)
    # the fill is blurred anyway: the cheapest scalers are invisible there; it is cut from the fitted clip
    # (at most the frame's size), not from the source: the same picture once blurred, 2-3x fewer pixels read
    return (
        f"{tags}{_scale(info, f'{width}:{height}', pix, ':force_original_aspect_ratio=decrease:force_divisible_by=2')},"
        f"split=2[fgs{n}][bg{n}];"
        f"[bg{n}]scale={qw}:{qh}:force_original_aspect_ratio=increase:flags=fast_bilinear,crop={qw}:{qh},"
        f"gblur=sigma={ECHO_SIGMA / 4:.2f},scale={width}:{height}:flags=fast_bilinear,setsar=1[bgb{n}];"
        f"[bgb{n}][fgs{n}]overlay=(W-w)/2:(H-h)/2:format={_overlay_format(pix)}"
    )


def _overlay_format(pix: str) -> str:
    return "yuv422" if pix == "yuv422p" else "yuv420"


def _hold(frames: int) -> str:
    """Repeat a single prepared frame ``frames`` times: static pictures are composed and converted once."""
    # settb + setpts=N, not setpts=N/FPS/TB: setpts truncates its float result, so 29/25/(1/25) became 28
    return f"loop=loop={frames - 1}:size=1:start=0,settb=1/{FPS},setpts=N"


def build_graph(
    segments: list[Segment],
    template: Template,
    preset: Preset,
    sources: dict[Path, SourceInfo],
    overlays: list[Overlay],
    audio_path: Path,
) -> GraphPlan:
    """``overlays[n]`` is the title of ``segments[n]`` (card text or lower third)."""
    width, height = preset.width, preset.height
    pix = "yuv422p" if preset.pix_fmt == "yuv422p" else "yuv420p"
    alpha_pix = "yuva422p" if pix == "yuv422p" else "yuva420p"
    blend = _overlay_format(pix)
    inputs: list[str] = []
    chains: list[str] = []
    index = 0
    for n, (segment, overlay) in enumerate(zip(segments, overlays, strict=True)):
        seconds = segment.frames / FPS
        title = f"[{index + (0 if segment.placement is None else 1)}:v:0]format=rgba,{_to_bt709(alpha_pix)}"
        if segment.placement is None:  # a card: colour + text composed once, then held
            inputs += ffmpeg_local_input(overlay.png, "png_pipe")
            chains.append(
                f"color=c={template.brand.card_background}:s={width}x{height}:r={FPS},trim=end_frame=1,"
                f"format=rgb24,{_to_bt709(pix)},setsar=1[base{n}];{title}[title{n}];"
                f"[base{n}][title{n}]overlay=x={overlay.x}:y={overlay.y}:format={blend},"
                f"{_hold(segment.frames)}[seg{n}]"
            )
            index += 1
            continue
        placement = segment.placement
        inputs += [
            *("-ss", f"{placement.in_frame / FPS:.6f}", "-t", f"{seconds + 0.5:.6f}"),
            *ffmpeg_input(placement.clip.path, sources[placement.clip.path].container),
            *ffmpeg_local_input(overlay.png, "png_pipe"),
        ]
        fit = _fit(sources[placement.clip.path], width, height, pix, n)
        fade_out = max(TITLE_FADE_S, seconds - 2 * TITLE_FADE_S)
        chains.append(
            f"[{index}:v:0]setpts=PTS-STARTPTS,fps={FPS},trim=end_frame={segment.frames},"
            f"tpad=stop_mode=clone:stop={segment.frames},trim=end_frame={segment.frames},"
            f"setpts=PTS-STARTPTS,{fit}[base{n}];"
            f"{title},{_hold(segment.frames)},"
            f"fade=t=in:st={TITLE_FADE_S}:d={TITLE_FADE_S}:alpha=1,"
            f"fade=t=out:st={fade_out:.3f}:d={TITLE_FADE_S}:alpha=1[title{n}];"
            f"[base{n}][title{n}]overlay=x={overlay.x}:y={overlay.y}:eof_action=pass:format={blend},"
            f"trim=end_frame={segment.frames}[seg{n}]"
        )
        index += 2
    chains.append(_join(segments, template))
    tail = f",{preset.filter_tail}" if preset.filter_tail else ""
    chains.append(
        f"[joined]trim=end_frame={template.total_frames},setpts=PTS-STARTPTS{tail},format={preset.pix_fmt}[vout]"
    )
    inputs += sound_input(audio_path)
    return GraphPlan(inputs, ";".join(chains), "[vout]", index)


def sound_input(path: Path) -> list[str]:
    """The finished sound's input arguments (a WAV the renderer wrote), the last of the graph's inputs."""
    return ffmpeg_local_input(path, "wav")


def _join(segments: list[Segment], template: Template) -> str:
    labels = [f"[seg{n}]" for n in range(len(segments))]
    if template.transition != "dissolve":
        return f"{''.join(labels)}concat=n={len(labels)}:v=1:a=0[joined]"
    parts = []
    current = labels[0]
    duration = template.dissolve_frames / FPS
    for n, (segment, label) in enumerate(zip(segments[1:], labels[1:], strict=True), start=1):
        out = "[joined]" if n == len(labels) - 1 else f"[x{n}]"
        parts.append(
            f"{current}{label}xfade=transition=fade:duration={duration:.6f}:"
            f"offset={segment.start_frame / FPS:.6f}{out}"
        )
        current = out
    return ";".join(parts)
