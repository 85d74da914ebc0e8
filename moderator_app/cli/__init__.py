"""Headless commands over the same service the window uses.

Exit codes (documented in README.md):
  0  done
  1  unexpected error (a bug: the message says what happened)
  2  usage error (bad arguments)
  3  partly done: some records are still arriving; run again later
  4  refused: the input is invalid (unknown flag, bad decision)
  5  not found: no such submission, or no such inbox folder
  6  busy: another sync holds this cache; run again later
  7  refused by the platform: the token (MODERATOR_TOKEN) is wrong or expired; set a new one
  8  spot export: the chosen clips are too short to fill the spot's exact length (choose longer clips)
  9  spot export / check --preset: the file was written or read but fails a rule of the preset (see the report)

``spot export`` answers 4 when a clip is not approved or has no broadcast consent, and 5 for an unknown id.

``sync --server`` and ``push`` answer 3 when the platform could not be reached or some clips or
decisions are still to transfer (run again later), and 0 only when everything went through.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

from moderator_app.config import default_data_dir, default_moderator
from moderator_app.db.cache import Cache
from moderator_app.db.decisions import UnknownFlag, UnknownSubmission
from moderator_app.db.queue import QUARANTINED
from moderator_app.models import DecisionValue
from moderator_app.services.review import ReviewService
from moderator_app.sources.inbox.sync import SyncBusy

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2
EXIT_PARTIAL = 3
EXIT_REFUSED = 4
EXIT_NOT_FOUND = 5
EXIT_BUSY = 6
EXIT_AUTH = 7
EXIT_TOO_SHORT = 8
EXIT_FAILS_PRESET = 9

COMMANDS = ("sync", "list", "decide", "push", "qc", "check", "spot")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="moderator-app", description="Headless moderation commands.")
    parser.add_argument("--data-dir", type=Path, default=None, help="cache folder (default: user data folder)")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("sync", help="pull submissions from an inbox folder or the platform into the cache")
    where = p.add_mutually_exclusive_group(required=True)
    where.add_argument("--inbox", type=Path, help="the inbox folder (contract 1)")
    where.add_argument("--server", metavar="URL",
                       help="the platform (contract 2); the token is read from MODERATOR_TOKEN")
    p.add_argument("--ahead", type=int, default=None, metavar="N",
                   help="with --server: how many clips to claim and download ahead (default 10)")
    p.add_argument("--moderator", default=None, help="with --server: the name claims and decisions carry")
    p.add_argument("--retries", type=int, default=5, metavar="N",
                   help="with --server: attempts after a network failure before giving up for this run")
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.add_argument("--retry-window", type=float, default=3600.0, metavar="SECONDS",
                   help="how long a record whose clip is still arriving is retried before quarantine")

    p = sub.add_parser("push", help="send the decisions not yet on the platform (token from MODERATOR_TOKEN)")
    p.add_argument("--server", metavar="URL", default=None,
                   help="the platform (default: the one the last sync or the settings used)")
    p.add_argument("--moderator", default=None)
    p.add_argument("--retries", type=int, default=5, metavar="N",
                   help="attempts after a network failure before giving up for this run")
    p.add_argument("--json", action="store_true", help="print the report as JSON")

    p = sub.add_parser("list", help="list submissions")
    p.add_argument("--status", choices=["queued", "approved", "rejected", QUARANTINED])
    p.add_argument("--json", action="store_true", help="print a JSON array")

    p = sub.add_parser("decide", help="approve or reject a submission")
    p.add_argument("id")
    p.add_argument("decision", choices=["approve", "reject"])
    p.add_argument("--flag", action="append", default=[], metavar="CODE", help="a flag code (repeatable)")
    p.add_argument("--note", default="")
    p.add_argument("--moderator", default=None)

    p = sub.add_parser("qc", help="run the automatic checks on every cached clip not yet checked")
    p.add_argument("--json", action="store_true", help="print the reports as a JSON object keyed by id")
    p.add_argument("--recheck", action="store_true", help="check every cached clip again")
    p.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                   help="change a campaign threshold first (e.g. --set min_duration_s=4)")

    p = sub.add_parser("check", help="check any file (a clip or an exported spot) without caching it")
    p.add_argument("file", type=Path)
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.add_argument("--preset", default=None, metavar="NAME",
                   help="measure the file as a delivery and judge it against this spot preset")

    p = sub.add_parser("spot", help="build and export TV spots from approved clips")
    spot_sub = p.add_subparsers(dest="spot_command", required=True)
    p = spot_sub.add_parser("export", help="build a spot from the default template and export it")
    p.add_argument("--clips", required=True, metavar="ID,ID,ID", help="the submissions, in slot order")
    p.add_argument("--preset", required=True, metavar="NAME", help="tf1-pad, ftv-pad, web-mp4, social-9x16, ...")
    p.add_argument("--out", required=True, type=Path, metavar="FILE", help="the file to write")
    p.add_argument("--length", type=int, default=30, metavar="SECONDS", help="spot length (default 30)")
    p.add_argument("--id", default=None, help="spot id for the cue sheets (default: the output file's name)")
    p.add_argument("--draft", action="store_true", help="cheaper encoder settings, same format (quick checks)")
    p.add_argument("--json", action="store_true", help="print the export result as JSON")
    p = spot_sub.add_parser("brand", help="the campaign's look on cards and titles (show, or import a brand file)")
    p.add_argument("file", nargs="?", type=Path, metavar="BRAND.json",
                   help="a brand file to check and make the campaign's (its logo beside it); omit to show")
    p.add_argument("--json", action="store_true", help="print the brand in force as JSON")
    return parser


def _service(args: argparse.Namespace, moderator: str | None = None) -> ReviewService:
    data_dir: Path = args.data_dir or default_data_dir()
    return ReviewService(Cache(data_dir), moderator or default_moderator())


def _print_json(value: object) -> None:
    sys.stdout.write(json.dumps(value, ensure_ascii=False, indent=2) + "\n")


def cmd_sync(args: argparse.Namespace) -> int:
    if args.server is not None:
        from moderator_app.cli.platform import sync_server

        return sync_server(args)
    svc = _service(args)
    try:
        report = svc.sync_inbox(args.inbox, retry_window_s=args.retry_window)
    except FileNotFoundError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_NOT_FOUND
    except SyncBusy as exc:
        print(f"busy: {exc}", file=sys.stderr)
        return EXIT_BUSY
    if args.json:
        _print_json({
            "added": report.added,
            "retried": [{"source": s, "reason": r} for s, r in report.retried],
            "quarantined": [{"source": s, "reason": r} for s, r in report.quarantined],
            "unchanged": report.unchanged,
        })
    else:
        for sid in report.added:
            print(f"added        {sid}")
        for source, reason in report.retried:
            print(f"retry later  {source}: {reason}")
        for source, reason in report.quarantined:
            print(f"quarantined  {source}: {reason}")
        print(report.summary())
    return EXIT_PARTIAL if report.retried else EXIT_OK


def cmd_list(args: argparse.Namespace) -> int:
    items = _service(args).list_items(args.status)
    if args.json:
        _print_json(items)
        return EXIT_OK
    for item in items:
        if item["status"] == QUARANTINED:
            print(f"{'quarantined':<12} {item['source']}: {item['reason']}")
        else:
            r, s = item["recipient"], item["sender"]
            flags = ",".join(item["flags"])
            print(f"{item['status']:<12} {item['id']:<20} {r['first_name']} {r['last_name']} <- "
                  f"{s['first_name']} {s['last_name']}  {flags}")
    return EXIT_OK


def cmd_decide(args: argparse.Namespace) -> int:
    svc = _service(args, args.moderator)
    decision: DecisionValue = "approved" if args.decision == "approve" else "rejected"
    try:
        d = svc.decide(args.id, decision, args.flag, args.note)
    except UnknownSubmission:
        print("error: no submission with that id in the cache", file=sys.stderr)
        return EXIT_NOT_FOUND
    except UnknownFlag as exc:
        codes = ", ".join(f.code for f in svc.flags())
        print(f"error: unknown flag {exc}; the campaign's flags are: {codes}", file=sys.stderr)
        return EXIT_REFUSED
    print(f"{d.decision} {d.submission_id} (decision #{d.seq})")
    return EXIT_OK


def _parse_settings(pairs: list[str]) -> dict[str, object]:
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


def cmd_qc(args: argparse.Namespace) -> int:
    from moderator_app.services import checks as checking

    svc = _service(args)
    if args.set:
        try:
            checking.set_thresholds(svc.cache, _parse_settings(args.set))
        except (ValueError, TypeError) as exc:
            print(f"error: bad threshold: {exc}", file=sys.stderr)
            return EXIT_REFUSED
    summary = checking.check_cached(svc.cache, recheck=args.recheck)
    if args.json:
        _print_json(summary.reports)
        return EXIT_OK
    for sid, rep in summary.reports.items():
        findings = ", ".join(rep.get("findings") or []) or "no findings"
        print(f"{sid:<20} {findings}" + (f" — {rep['reason']}" if rep.get("reason") else ""))
    print(f"{len(summary.checked)} checked, {len(summary.unreadable)} unreadable, "
          f"{summary.duplicates} duplicate marks changed")
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    from moderator_app.qc import check_file

    if not args.file.is_file():
        print(f"error: no such file: {args.file}", file=sys.stderr)
        return EXIT_NOT_FOUND
    if args.preset is not None:
        from moderator_app.cli.spot import check_preset

        return check_preset(args)
    report = check_file(args.file).to_json()
    if args.json:
        _print_json(report)
    else:
        for key in ("duration_s", "width", "height", "orientation", "fps", "vfr", "has_audio", "loudness_lufs",
                    "true_peak_dbtp", "max_short_term_lufs", "black_head_s", "black_tail_s", "blur_score",
                    "mean_luma", "faces"):
            print(f"{key:<20} {report.get(key)}")
        print(f"{'findings':<20} {', '.join(report['findings']) or '-'}")
        if report.get("reason"):
            print(f"{'reason':<20} {report['reason']}")
    return EXIT_OK


def _spot(args: argparse.Namespace) -> int:
    from moderator_app.cli.spot import spot_command

    return spot_command(args)


def main(argv: list[str]) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0) and EXIT_USAGE
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    from moderator_app.cli.platform import push

    handlers = {"sync": cmd_sync, "list": cmd_list, "decide": cmd_decide, "push": push, "qc": cmd_qc, "check": cmd_check,
                "spot": _spot}
    handler = handlers[args.command]
    try:
        return handler(args)
    except Exception as exc:  # the edge: a clear message and an exit code, never a traceback dump
        logging.getLogger("moderator_app").debug("command failed", exc_info=True)
        print(f"error: {type(exc).__name__}: {exc}", file=sys.stderr)
        return EXIT_ERROR
