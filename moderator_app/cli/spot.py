"""``spot export``, ``spot brand`` and ``check --preset``: the spot core from the command line.

Messages never carry names: ids, frame counts and rule names only. Qt (for drawing titles) is loaded
by ``spot export`` alone, when it renders.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

import av

from moderator_app.cli.cache import cache, data_dir
from moderator_app.cli.codes import EXIT_FAILS_PRESET, EXIT_OK
from moderator_app.cli.errors import Refused, UsageError, context
from moderator_app.cli.output import print_json, say
from moderator_app.config import default_moderator
from moderator_app.services.audit import record_event
from moderator_app.services.errors import BrandError, ClipTooShort, FfmpegError
from moderator_app.services.spots import SpotService, valid_spot_id
from moderator_app.spot import (
    ExportResult,
    Measurements,
    Preset,
    Report,
    export_spot,
    get_preset,
    measure_file,
    verdict,
)
from moderator_app.spot.brand import brand_to_dict, campaign_brand, import_brand

MEASURE_LINES: tuple[tuple[str, str], ...] = (
    ("container", "container"),
    ("video_codec", "video codec"),
    ("width", "width"),
    ("height", "height"),
    ("frame_rate", "frame rate"),
    ("frames", "frames"),
    ("pix_fmt", "pixel format"),
    ("audio_codec", "audio codec"),
    ("sample_rate", "sample rate"),
    ("channels", "channels"),
    ("audio_bits", "audio bits"),
    ("integrated_lufs", "integrated (LUFS)"),
    ("max_short_term_lufs", "max short-term (LUFS)"),
    ("true_peak_dbtp", "true peak (dBTP)"),
)

BROKEN_BRAND = "the campaign's brand file (fix it, or import another with 'spot brand FILE')"


def register(
    commands: argparse._SubParsersAction[argparse.ArgumentParser], json_flag: argparse.ArgumentParser
) -> None:
    spot = commands.add_parser("spot", help="build and export TV spots from approved clips")
    actions = spot.add_subparsers(dest="spot_command", required=True)
    p = actions.add_parser("export", parents=[json_flag], help="build a spot from the default template and export it")
    p.add_argument("--clips", required=True, metavar="ID,ID,ID", help="the submissions, in slot order")
    p.add_argument("--preset", required=True, metavar="NAME", help="tf1-pad, ftv-pad, web-mp4, social-9x16, ...")
    p.add_argument("--out", required=True, type=Path, metavar="FILE", help="the file to write")
    p.add_argument("--length", type=int, default=30, metavar="SECONDS", help="spot length (default 30)")
    p.add_argument("--id", default=None, help="spot id for the cue sheets (default: the output file's name)")
    p.add_argument("--draft", action="store_true", help="cheaper encoder settings, same format (quick checks)")
    p.set_defaults(run=spot_export)
    p = actions.add_parser("brand", parents=[json_flag],
                           help="the campaign's look on cards and titles (show, or import a brand file)")
    p.add_argument("file", nargs="?", type=Path, metavar="BRAND.json",
                   help="a brand file to check and make the campaign's (its logo beside it); omit to show")
    p.set_defaults(run=spot_brand)


def preset(name: str) -> Preset:
    try:
        return get_preset(name)
    except KeyError as exc:  # the message lists the known presets
        raise UsageError(exc.args[0]) from None


def check_preset(args: argparse.Namespace) -> int:
    """Measure any file and judge it against a preset (no frame-count rule: the length is the caller's)."""
    chosen = preset(args.preset)
    try:
        m = measure_file(args.file)
    except (av.error.FFmpegError, FfmpegError, IndexError) as exc:  # IndexError: no video stream
        raise Refused(f"{args.file.name} cannot be read as a video ({type(exc).__name__})") from exc
    report = verdict(m, chosen)
    if args.json:
        print_json({"measurements": m.to_dict(), "size": args.file.stat().st_size, **report.to_dict()})
    else:
        _show_report(m, report, args.file.stat().st_size)
    return EXIT_OK if report.passed else EXIT_FAILS_PRESET


def spot_brand(args: argparse.Namespace) -> int:
    """Show the brand in force, or check a brand file and make it the campaign's."""
    with context("brand file", BrandError):
        if args.file is None:
            brand = campaign_brand(data_dir(args))
        elif not args.file.is_file():
            raise FileNotFoundError(f"no such file: {args.file}")
        else:
            brand = import_brand(args.file, data_dir(args))
    shown = brand_to_dict(brand)
    if args.json:
        print_json(shown)
        return EXIT_OK
    for key, value in shown.items():
        say(f"{key:<18} {', '.join(value) if isinstance(value, list) else value}")
    return EXIT_OK


def spot_export(args: argparse.Namespace) -> int:
    chosen = preset(args.preset)
    if args.length <= 0:
        raise UsageError("--length must be a positive number of seconds")
    ids = [part.strip() for part in args.clips.split(",") if part.strip()]
    if not ids:
        raise UsageError("--clips needs at least one id")
    spot_id = args.id or args.out.stem
    try:
        valid_spot_id(spot_id)
    except ValueError:  # an output name that cannot name a spot: the cue sheets say "spot"
        spot_id = "spot"
    with context(BROKEN_BRAND, BrandError):  # no master in the wrong look
        brand = campaign_brand(data_dir(args))
    service = SpotService(cache(args), brand)
    with context(f"cannot reach {args.length} s", ClipTooShort):
        try:
            spot = service.build_spot(ids, args.length, spot_id)
        except ValueError as exc:  # a length no template can take
            raise UsageError(str(exc)) from exc
    from moderator_app.spot.qt_titles import QtTitleRenderer, ensure_gui_application

    ensure_gui_application()
    result = export_spot(spot, chosen, args.out.resolve(), title_renderer=QtTitleRenderer(), draft=args.draft)
    record_event(service.cache, "export_spot", spot.spot_id, default_moderator(), {
        "preset": chosen.name, "submissions": ids, "passed": result.report.passed, "draft": args.draft})
    service.record_export(spot, result.path, chosen.name)
    if args.json:
        print_json(_result_dict(result))
    else:
        say(f"wrote {result.path} ({spot.template.total_frames} frames)")
        _show_report(result.measurements, result.report, result.path.stat().st_size)
        say(f"report     {result.report_path}")
        say(f"cue sheets {result.cue_csv}, {result.cue_json}")
    return EXIT_OK if result.report.passed else EXIT_FAILS_PRESET


def _result_dict(result: ExportResult) -> dict[str, Any]:
    return {**result.to_dict(), "size": result.path.stat().st_size, "passed": result.report.passed}


def _show_report(m: Measurements, report: Report, size: int | None = None) -> None:
    data = m.to_dict()
    for key, label in MEASURE_LINES:
        say(f"{label:<24} {data.get(key)}")
    if size is not None:
        say(f"{'size (bytes)':<24} {size}")
    say(f"verdict for {report.preset}: {'PASS' if report.passed else 'FAIL'}")
    for rule in report.rules:
        say(f"  {'ok  ' if rule.passed else 'FAIL'} {rule.name:<32} expected {rule.expected:<14} "
            f"measured {rule.measured}")
