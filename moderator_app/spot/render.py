"""Render a fitted spot to a file with one preset: titles, then sound, then picture (the long part).

Meant to run in a worker thread: it reports progress as a fraction and stops (killing ffmpeg) when the
cancel event is set. It writes exactly ``output``; choosing a temporary name is the exporter's job.

For MP4 deliveries (web cuts, the preview proxy) the sound is made and encoded while the picture encodes:
the picture goes to a video-only file, the sound to an M4A, and a last stream-copy pass (no re-encode)
puts both together. The sound's several short single-threaded ffmpeg runs and the AAC encoder then use
the core the picture encoder leaves idle instead of delaying its start. MXF masters keep the single pass
(their muxer wants the timecode and the PCM at once).
"""

from __future__ import annotations

import tempfile
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import av

from moderator_app.base.ffmpeg import FfmpegError, run_ffmpeg
from moderator_app.base.media import NotAClip, ffmpeg_local_input
from moderator_app.spot.audio import AudioResult, render_audio, render_monitor_audio
from moderator_app.spot.errors import ExportCancelled, RenderError
from moderator_app.spot.graph import GraphPlan, Overlay, build_graph, sound_input
from moderator_app.spot.loudness import LoudnessMeasure, measure_loudness
from moderator_app.spot.measure import MeteredSound, sound_fingerprint
from moderator_app.spot.model import Segment, Spot
from moderator_app.spot.presets import Preset
from moderator_app.spot.probe import SourceInfo, probe_source
from moderator_app.spot.process import ProgressCallback, run_with_progress
from moderator_app.spot.timecode import FPS
from moderator_app.spot.titles import DrawtextTitleRenderer, TitleRenderer, card, lower_third

# Share of the progress bar per stage (the picture encode dominates).
_TITLES_DONE = 0.03
_AUDIO_DONE = 0.10
_VIDEO_SHARE = 0.90 - _AUDIO_DONE


@dataclass(frozen=True, slots=True)
class RenderResult:
    path: Path
    mix_loudness: LoudnessMeasure
    """The sound as measured before encoding (the exporter measures the file again)."""
    message_gains_db: tuple[float | None, ...]
    short_term_ridden: bool
    metered_sound: MeteredSound | None = None
    """The delivered audio bitstream's fingerprint and loudness, when it was encoded and metered apart."""


def _check(cancel: threading.Event | None) -> None:
    if cancel is not None and cancel.is_set():
        raise ExportCancelled("export cancelled")


def _titles(
    spot: Spot, segments: list[Segment], preset: Preset, renderer: TitleRenderer, workdir: Path
) -> list[Overlay]:
    brand = spot.template.brand
    overlays = []
    for n, segment in enumerate(segments):
        if segment.kind == "intro":
            placed = card(preset, brand, (brand.intro_text,), with_logo=False)
        elif segment.kind == "between":  # a short brand card holding the time a message could not fill
            placed = card(preset, brand, (brand.hashtag,), with_logo=brand.logo is not None)
        elif segment.kind == "outro":
            placed = card(
                preset, brand, (brand.signature, brand.hashtag), with_logo=brand.logo is not None
            )
        else:
            assert segment.placement is not None
            placed = lower_third(preset, brand, segment.placement.title)
        png = workdir / f"title-{n}.png"
        renderer(placed.request, png)
        overlays.append(Overlay(png, placed.x, placed.y))
    return overlays


def render_spot(
    spot: Spot,
    preset: Preset,
    output: Path,
    *,
    title_renderer: TitleRenderer | None = None,
    progress: ProgressCallback | None = None,
    cancel: threading.Event | None = None,
    draft: bool = False,
) -> RenderResult:
    """Render ``spot`` (already fitted: exact length) to ``output`` in ``preset``'s format.

    ``draft`` swaps in the preset's cheaper encoder settings (same format) for tests and previews.
    Raises TimelineError, RenderError or ExportCancelled; ``output`` may be left partial on error.
    """
    segments = spot.validate()
    report = progress or (lambda _fraction: None)
    renderer = title_renderer or DrawtextTitleRenderer()
    sources = _probe_all(segments)
    try:
        return _render(spot, segments, sources, preset, output, renderer, report, cancel, draft)
    except FfmpegError as error:  # the short ffmpeg steps (titles, sound) report through run_ffmpeg
        raise RenderError(str(error)) from error


def _probe_all(segments: list[Segment]) -> dict[Path, SourceInfo]:
    sources: dict[Path, SourceInfo] = {}
    for segment in segments:
        placement = segment.placement
        if placement is not None and placement.clip.path not in sources:
            try:
                sources[placement.clip.path] = probe_source(placement.clip.path)
            except NotAClip as error:  # a playlist posing as a clip, a picture over the size limit
                raise RenderError(f"clip {placement.clip.submission_id} cannot be read: {error.reason}") from None
            except (OSError, av.error.FFmpegError, IndexError) as error:
                raise RenderError(f"clip {placement.clip.submission_id} cannot be read: {error}") from error
    return sources


def _render(
    spot: Spot,
    segments: list[Segment],
    sources: dict[Path, SourceInfo],
    preset: Preset,
    output: Path,
    renderer: TitleRenderer,
    report: ProgressCallback,
    cancel: threading.Event | None,
    draft: bool,
) -> RenderResult:
    with tempfile.TemporaryDirectory(prefix="spot-render-", dir=output.parent) as tmp:
        workdir = Path(tmp)
        _check(cancel)
        overlays = _titles(spot, segments, preset, renderer, workdir)
        report(_TITLES_DONE)
        _check(cancel)
        metered: MeteredSound | None = None
        if preset.container == "mp4":
            audio, metered = _picture_beside_sound(spot, segments, sources, preset, output, overlays, workdir,
                                                   report, cancel, draft)  # fmt: skip
        else:
            audio = _make_sound(spot, segments, sources, preset, workdir)
            report(_AUDIO_DONE)
            _check(cancel)
            plan = build_graph(segments, spot.template, preset, sources, overlays, audio.path)
            args = [
                "-y",
                *_thread_args(preset),
                *plan.inputs,
                *("-filter_complex", plan.filter_complex),
                *_picture_args(spot, plan, preset, draft),
                *("-map", f"{plan.audio_input}:a:0"),
                *_sound_args(preset),
                *(["-timecode", "00:00:00:00"] if preset.container == "mxf" else []),
                *("-f", preset.container, str(output)),
            ]
            run_with_progress(
                args,
                total_frames=spot.template.total_frames,
                progress=lambda f: report(_AUDIO_DONE + _VIDEO_SHARE * f),
                cancel=cancel,
            )
    return RenderResult(output, audio.measure, audio.message_gains_db, audio.short_term_ridden, metered)


def _make_sound(
    spot: Spot, segments: list[Segment], sources: dict[Path, SourceInfo], preset: Preset, workdir: Path
) -> AudioResult:
    return render_audio(segments, spot.template, sources, preset.loudness, workdir, lossy=preset.lossy_audio)


def _picture_args(spot: Spot, plan: GraphPlan, preset: Preset, draft: bool) -> list[str]:
    video_args = preset.draft_video_args if draft and preset.draft_video_args else preset.video_args
    return [
        *("-map", plan.video_label),
        *("-r", str(FPS), "-frames:v", str(spot.template.total_frames)),
        *video_args,
    ]


def _thread_args(preset: Preset) -> list[str]:
    return [] if preset.filter_threads is None else ["-filter_complex_threads", str(preset.filter_threads)]


def _sound_args(preset: Preset) -> list[str]:
    return [*preset.audio_args, *("-ar", str(preset.sample_rate), "-ac", str(preset.channels))]


def _picture_beside_sound(
    spot: Spot,
    segments: list[Segment],
    sources: dict[Path, SourceInfo],
    preset: Preset,
    output: Path,
    overlays: list[Overlay],
    workdir: Path,
    report: ProgressCallback,
    cancel: threading.Event | None,
    draft: bool,
) -> tuple[AudioResult, MeteredSound | None]:
    """Encode the picture while the sound is made, encoded and metered in a second thread; then mux both
    into ``output`` by stream copy (so the metered bitstream is the delivered one). A monitor sound
    (the preview's) is not a delivery: no bitstream fingerprint, None."""
    sound_path = workdir / "spot-audio.wav"  # render_audio's output name; only muxed once it exists
    plan = build_graph(segments, spot.template, preset, sources, overlays, sound_path)
    picture = workdir / "picture.mp4"
    sound_in = sound_input(sound_path)
    picture_inputs = plan.inputs[: -len(sound_in)]  # the last input is the sound, not needed for the picture
    assert plan.inputs[-len(sound_in):] == sound_in
    encoded = workdir / "spot-audio.m4a"

    def make_and_encode_sound() -> tuple[AudioResult, MeteredSound | None]:
        if preset.monitor_sound:
            out_args = [*_sound_args(preset), "-f", "mp4"]
            return render_monitor_audio(segments, spot.template, sources, preset.loudness, encoded, out_args), None
        audio = _make_sound(spot, segments, sources, preset, workdir)
        run_ffmpeg(["-y", *ffmpeg_local_input(audio.path, "wav"), *_sound_args(preset), "-f", "mp4", str(encoded)],
                   timeout=300)
        return audio, MeteredSound(
            sound_fingerprint(encoded), measure_loudness(encoded, opened=ffmpeg_local_input(encoded, "mov"))
        )

    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="spot-sound") as pool:
        sound: Future[tuple[AudioResult, MeteredSound | None]] = pool.submit(make_and_encode_sound)
        try:
            run_with_progress(
                [
                    "-y",
                    *_thread_args(preset),
                    *picture_inputs,
                    *("-filter_complex", plan.filter_complex),
                    *_picture_args(spot, plan, preset, draft),
                    *("-movflags", "-faststart"),  # the mux below writes the delivered layout
                    *("-f", "mp4", str(picture)),
                ],
                total_frames=spot.template.total_frames,
                progress=lambda f: report(_TITLES_DONE + (_VIDEO_SHARE + _AUDIO_DONE - _TITLES_DONE) * f),
                cancel=cancel,
            )
        except BaseException:
            sound.exception()  # wait: the sound must not go on writing into a folder about to be removed
            raise
        audio, metered = sound.result()
    _check(cancel)
    faststart = ["-movflags", "+faststart"] if "+faststart" in preset.video_args else []
    run_with_progress(
        [
            "-y",
            *ffmpeg_local_input(picture, "mov"),
            *ffmpeg_local_input(encoded, "mov"),
            *("-map", "0:v:0", "-map", "1:a:0", "-c", "copy"),
            *faststart,
            *("-f", preset.container, str(output)),
        ],
        total_frames=spot.template.total_frames,
        cancel=cancel,
    )
    return audio, metered
