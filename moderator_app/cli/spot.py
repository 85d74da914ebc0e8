"""``moderator-app spot export``, ``spot brand`` and ``check --preset``: the spot core from the command line.

Kept apart from cli.py so the headless review commands do not import the spot core (and Qt, for titles).
Messages never carry names: ids, frame counts and rule names only.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

import av

from moderator_app.base.ffmpeg import FfmpegError
from moderator_app.config import default_data_dir
from moderator_app.db.cache import Cache
from moderator_app.db.decisions import UnknownSubmission
from moderator_app.services.spots import SpotService, valid_spot_id
from moderator_app.spot import (
    ClipNotAllowed,
    ClipTooShort,
    ExportResult,
    Measurements,
    Report,
    SpotError,
    TimelineError,
    export_spot,
    get_preset,
    measure_file,
    verdict,
)
from moderator_app.spot.brand import BrandError, brand_to_dict, campaign_brand, import_brand

# the same numbers as cli.py's EXIT_* (imported lazily there, so repeated here rather than imported back)
EXIT_OK = 0
EXIT_USAGE = 2
EXIT_REFUSED = 4
EXIT_NOT_FOUND = 5
EXIT_TOO_SHORT = 8
EXIT_FAILS_PRESET = 9

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


def _print_json(value: object) -> None:
    sys.stdout.write(json.dumps(value, ensure_ascii=False, indent=2) + "\n")


def _print_report(m: Measurements, report: Report, size: int | None = None) -> None:
    data = m.to_dict()
    for key, label in MEASURE_LINES:
        print(f"{label:<24} {data.get(key)}")
    if size is not None:
        print(f"{'size (bytes)':<24} {size}")
    print(f"verdict for {report.preset}: {'PASS' if report.passed else 'FAIL'}")
    for rule in report.rules:
        print(f"  {'ok  ' if rule.passed else 'FAIL'} {rule.name:<32} expected {rule.expected:<14} "
              f"measured {rule.measured}")


def check_preset(args: argparse.Namespace) -> int:
    """Measure any file and judge it against a preset (no frame-count rule: the length is the caller's)."""
    try:
        preset = get_preset(args.preset)
    except KeyError as exc:
        print(f"error: {exc.args[0]}", file=sys.stderr)
        return EXIT_USAGE
    try:
        m = measure_file(args.file)
    except (av.error.FFmpegError, FfmpegError, IndexError) as exc:  # IndexError: no video stream
        print(f"refused: {args.file.name} cannot be read as a video ({type(exc).__name__})", file=sys.stderr)
        return EXIT_REFUSED
    report = verdict(m, preset)
    if args.json:
        _print_json({"measurements": m.to_dict(), "size": args.file.stat().st_size, **report.to_dict()})
    else:
        _print_report(m, report, args.file.stat().st_size)
    return EXIT_OK if report.passed else EXIT_FAILS_PRESET


def _result_dict(result: ExportResult) -> dict[str, Any]:
    return {**result.to_dict(), "size": result.path.stat().st_size, "passed": result.report.passed}


def spot_brand(args: argparse.Namespace) -> int:
    """Show the brand in force, or check a brand file and make it the campaign's."""
    data_dir = args.data_dir or default_data_dir()
    try:
        if args.file is not None:
            if not args.file.is_file():
                print(f"not found: no such file: {args.file}", file=sys.stderr)
                return EXIT_NOT_FOUND
            brand = import_brand(args.file, data_dir)
        else:
            brand = campaign_brand(data_dir)
    except BrandError as exc:
        print(f"refused: brand file: {exc}", file=sys.stderr)
        return EXIT_REFUSED
    shown = brand_to_dict(brand)
    if args.json:
        _print_json(shown)
    else:
        for key, value in shown.items():
            print(f"{key:<18} {', '.join(value) if isinstance(value, list) else value}")
    return EXIT_OK


def spot_command(args: argparse.Namespace) -> int:
    """``moderator-app spot export|brand``."""
    if args.spot_command == "brand":
        return spot_brand(args)
    if args.spot_command == "export":
        return spot_export(args)
    return EXIT_USAGE


def spot_export(args: argparse.Namespace) -> int:
    try:
        preset = get_preset(args.preset)
    except KeyError as exc:
        print(f"error: {exc.args[0]}", file=sys.stderr)
        return EXIT_USAGE
    if args.length <= 0:
        print("error: --length must be a positive number of seconds", file=sys.stderr)
        return EXIT_USAGE
    ids = [part.strip() for part in args.clips.split(",") if part.strip()]
    if not ids:
        print("error: --clips needs at least one id", file=sys.stderr)
        return EXIT_USAGE
    spot_id = args.id or args.out.stem
    try:
        valid_spot_id(spot_id)
    except ValueError:
        spot_id = "spot"
    data_dir = args.data_dir or default_data_dir()
    try:
        brand = campaign_brand(data_dir)  # a broken brand file stops the export: no master in the wrong look
    except BrandError as exc:
        print(f"refused: the campaign's brand file: {exc} (fix it, or import another with 'spot brand FILE')",
              file=sys.stderr)
        return EXIT_REFUSED
    service = SpotService(Cache(data_dir), brand)
    try:
        spot = service.build_spot(ids, args.length, spot_id)
    except UnknownSubmission as exc:
        print(f"not found: no submission {exc.args[0]} with a clip in the cache", file=sys.stderr)
        return EXIT_NOT_FOUND
    except ClipNotAllowed as exc:
        print(f"refused: {exc}", file=sys.stderr)
        return EXIT_REFUSED
    except ClipTooShort as exc:
        print(f"cannot reach {args.length} s: {exc}", file=sys.stderr)
        return EXIT_TOO_SHORT
    except (TimelineError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    from moderator_app.spot.qt_titles import QtTitleRenderer, ensure_gui_application

    ensure_gui_application()
    try:
        result = export_spot(spot, preset, args.out.resolve(), title_renderer=QtTitleRenderer(), draft=args.draft)
    except SpotError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    if args.json:
        _print_json(_result_dict(result))
    else:
        print(f"wrote {result.path} ({spot.template.total_frames} frames)")
        _print_report(result.measurements, result.report, result.path.stat().st_size)
        print(f"report     {result.report_path}")
        print(f"cue sheets {result.cue_csv}, {result.cue_json}")
    return EXIT_OK if result.report.passed else EXIT_FAILS_PRESET
