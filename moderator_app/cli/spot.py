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
from moderator_app.cli.output import print_json, say, warn
from moderator_app.config import default_moderator
from moderator_app.services.assembly import AssemblyService
from moderator_app.services.audit import record_event
from moderator_app.services.batch import RENDER_WORKERS, render_all
from moderator_app.services.errors import BrandError, ClipNotAllowed, ClipTooShort, FfmpegError, TimelineError
from moderator_app.services.spots import SpotService, blocked, valid_spot_id
from moderator_app.spot import (
    ExportResult,
    Measurements,
    Preset,
    Report,
    Spot,
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
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("--clips", metavar="ID,ID,ID", help="the submissions, in slot order")
    which.add_argument("--spot", metavar="ID", help="a saved spot, exactly as the editor shows it")
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
    p = actions.add_parser("auto", parents=[json_flag],
                           help="plan saved spots from the approved messages on no spot yet")
    p.add_argument("--messages", type=int, default=3, metavar="N", help="messages per spot (default 3)")
    p.add_argument("--length", type=int, default=30, metavar="SECONDS", help="spot length (default 30)")
    p.add_argument("--include-flagged", action="store_true", help="also place messages decided with flags")
    p.set_defaults(run=spot_auto)
    p = actions.add_parser("list", parents=[json_flag], help="every saved spot with its clips, frames and state")
    p.set_defaults(run=spot_list)
    p = actions.add_parser("render-all", parents=[json_flag],
                           help="render every saved spot not yet rendered for a preset into one folder")
    p.add_argument("--preset", required=True, metavar="NAME", help="tf1-pad, ftv-pad, web-mp4, social-9x16, ...")
    p.add_argument("--out", required=True, type=Path, metavar="DIR", help="the folder to write into")
    p.add_argument("--workers", type=int, default=None, metavar="N", help="spots rendered at once (default 2)")
    p.add_argument("--draft", action="store_true", help="cheaper encoder settings, same format (quick checks)")
    p.set_defaults(run=spot_render_all)


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


def _spot_from_clips(args: argparse.Namespace, service: SpotService) -> Spot:
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
    with context(f"cannot reach {args.length} s", ClipTooShort):
        try:
            return service.build_spot(ids, args.length, spot_id)
        except ValueError as exc:  # a length no template can take
            raise UsageError(str(exc)) from exc


def saved_spot(service: SpotService, spot_id: str) -> Spot:
    """The saved spot as the editor shows it; refused (with the rule) when it cannot air as saved."""
    spot = AssemblyService(service).saved_spot(spot_id)
    for problem in service.attention(spot_id):
        raise ClipNotAllowed(problem.submission_id, f"{problem.reason} (slot {problem.slot + 1})")
    why = blocked(spot)
    if why is not None and why.kind == "not_exact":
        with context(f"saved spot {spot_id} is not exact", TimelineError):
            spot.validate()  # TimelineError: the editor's Fit to length makes it exact
    if why is not None:
        raise Refused(f"saved spot {spot_id}: {why.kind}" + ("" if why.slot is None else f" (slot {why.slot + 1})"))
    return spot


def spot_export(args: argparse.Namespace) -> int:
    chosen = preset(args.preset)
    with context(BROKEN_BRAND, BrandError):  # no master in the wrong look
        brand = campaign_brand(data_dir(args))
    service = SpotService(cache(args), brand)
    if args.spot is not None:
        spot = saved_spot(service, args.spot)
    else:
        spot = _spot_from_clips(args, service)
    from moderator_app.spot.qt_titles import QtTitleRenderer, ensure_gui_application

    ensure_gui_application()
    result = export_spot(spot, chosen, args.out.resolve(), title_renderer=QtTitleRenderer(), draft=args.draft)
    record_event(service.cache, "export_spot", spot.spot_id, default_moderator(), {
        "preset": chosen.name, "submissions": [p.clip.submission_id for p in spot.placements if p is not None],
        "passed": result.report.passed, "draft": args.draft})
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


def spot_auto(args: argparse.Namespace) -> int:
    """Plan and save spots; print the ones made now (``[]`` when there is nothing to do: exit 0)."""
    if args.messages < 1 or args.length <= 0:
        raise UsageError("--messages and --length must be positive")
    with context(BROKEN_BRAND, BrandError):
        brand = campaign_brand(data_dir(args))
    assembly = AssemblyService(SpotService(cache(args), brand))
    try:
        made = assembly.auto(args.messages, args.length, include_flagged=args.include_flagged)
    except ValueError as exc:  # a template that cannot hold that many messages in that length
        raise UsageError(str(exc)) from exc
    if args.json:
        print_json([m.to_dict() for m in made])
    else:
        for m in made:
            say(f"{m.spot_id}  {m.country}  {m.frames} frames  {', '.join(m.clips)}")
        say(f"{len(made)} spot(s) planned")
    for group in assembly.waiting:
        warn(f"waiting: {', '.join(group)} cannot fill {args.length} s together")
    return EXIT_OK


def spot_list(args: argparse.Namespace) -> int:
    assembly = AssemblyService(SpotService(cache(args)))
    summaries = assembly.summaries()
    if args.json:
        print_json([s.to_dict() for s in summaries])
        return EXIT_OK
    for s in summaries:
        clips = ", ".join(c or "-" for c in s.clips)
        say(f"{s.spot_id:<20} {s.state:<9} {s.country:<6} {s.frames:>5} frames  {clips}")
    return EXIT_OK


def spot_render_all(args: argparse.Namespace) -> int:
    """Render what is missing; exit 0 when every master rendered now passes its preset, 9 otherwise."""
    chosen = preset(args.preset)
    with context(BROKEN_BRAND, BrandError):
        brand = campaign_brand(data_dir(args))
    service = SpotService(cache(args), brand)
    from moderator_app.spot.qt_titles import QtTitleRenderer, ensure_gui_application

    ensure_gui_application()
    result = render_all(service, chosen, args.out.resolve(), title_renderer=QtTitleRenderer(),
                        workers=args.workers or RENDER_WORKERS, draft=args.draft)
    if args.json:
        print_json(result.to_dict())
    else:
        for r in result.rendered:
            say(f"{'PASS' if r['passed'] else 'FAIL'}  {r['spot_id']}  {r['file']}")
        for f in result.failed:
            say(f"failed  {f['spot_id']}: {f['reason']}")
        say(f"{len(result.rendered)} rendered, {len(result.failed)} failed, {len(result.skipped)} already rendered")
        if result.campaign_csv is not None:
            say(f"campaign cue sheets {result.campaign_csv}, {result.campaign_json}")
    return EXIT_OK if result.passed else EXIT_FAILS_PRESET
