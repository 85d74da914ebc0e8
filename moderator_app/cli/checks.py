"""``qc`` (check every cached clip) and ``check FILE`` (check any file without caching it).

The QC core (OpenCV, process pools) is imported inside the handlers, so the other commands do not pay
for loading it.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from moderator_app.cli.cache import cache
from moderator_app.cli.codes import EXIT_OK
from moderator_app.cli.errors import Refused
from moderator_app.cli.output import print_json, say
from moderator_app.cli.spot import check_preset

CHECK_LINES = (
    "duration_s", "width", "height", "orientation", "fps", "vfr", "has_audio", "loudness_lufs", "true_peak_dbtp",
    "max_short_term_lufs", "black_head_s", "black_tail_s", "blur_score", "mean_luma", "faces",
)
"""The measurements ``check FILE`` prints as text, in this order (``--json`` prints them all)."""


def register(
    commands: argparse._SubParsersAction[argparse.ArgumentParser], json_flag: argparse.ArgumentParser
) -> None:
    p = commands.add_parser("qc", parents=[json_flag],
                            help="run the automatic checks on every cached clip not yet checked")
    p.add_argument("--recheck", action="store_true", help="check every cached clip again")
    p.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                   help="change a campaign threshold first (e.g. --set min_duration_s=4)")
    p.set_defaults(run=qc)

    p = commands.add_parser("check", parents=[json_flag],
                            help="check any file (a clip or an exported spot) without caching it")
    p.add_argument("file", type=Path)
    p.add_argument("--preset", default=None, metavar="NAME",
                   help="measure the file as a delivery and judge it against this spot preset")
    p.set_defaults(run=check)


def parse_settings(pairs: list[str]) -> dict[str, object]:
    """``NAME=VALUE`` pairs; a value is JSON when it parses (``4``, ``true``), else the text itself."""
    values: dict[str, object] = {}
    for pair in pairs:
        name, sep, raw = pair.partition("=")
        if not sep:
            raise ValueError(f"expected NAME=VALUE, got {pair!r}")
        try:
            values[name.strip()] = json.loads(raw)
        except json.JSONDecodeError:
            values[name.strip()] = raw
    return values


def qc(args: argparse.Namespace) -> int:
    from moderator_app.services import checks

    opened = cache(args)
    if args.set:
        try:
            checks.set_thresholds(opened, parse_settings(args.set))
        except (ValueError, TypeError) as exc:  # the service's refusal of a name or a value
            raise Refused(f"bad threshold: {exc}") from exc
    summary = checks.check_cached(opened, recheck=args.recheck)
    if args.json:
        print_json(summary.reports)
        return EXIT_OK
    for sid, rep in summary.reports.items():
        findings = ", ".join(rep.get("findings") or []) or "no findings"
        say(f"{sid:<20} {findings}" + (f" — {rep['reason']}" if rep.get("reason") else ""))
    say(f"{len(summary.checked)} checked, {len(summary.unreadable)} unreadable, "
        f"{summary.duplicates} duplicate marks changed")
    return EXIT_OK


def check(args: argparse.Namespace) -> int:
    if not args.file.is_file():
        raise FileNotFoundError(f"no such file: {args.file}")
    if args.preset is not None:
        return check_preset(args)
    from moderator_app.qc import check_file

    report = check_file(args.file).to_json()
    if args.json:
        print_json(report)
        return EXIT_OK
    for key in CHECK_LINES:
        say(f"{key:<20} {report.get(key)}")
    say(f"{'findings':<20} {', '.join(report['findings']) or '-'}")
    if report.get("reason"):
        say(f"{'reason':<20} {report['reason']}")
    return EXIT_OK
