"""``sync``, ``list``, ``decide`` and ``flags``: the review desk without the window.

``sync --server`` is the platform's (see platform.py); ``sync --inbox`` pulls from the inbox folder here.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from moderator_app.cli.cache import review_service
from moderator_app.cli.codes import EXIT_OK, EXIT_PARTIAL
from moderator_app.cli.output import print_json, rows, say
from moderator_app.cli.platform import add_transfer_options, sync_server
from moderator_app.models import STATUSES, DecisionValue
from moderator_app.services.errors import UnknownFlag
from moderator_app.services.review import QUARANTINED


def register(
    commands: argparse._SubParsersAction[argparse.ArgumentParser], json_flag: argparse.ArgumentParser
) -> None:
    p = commands.add_parser("sync", parents=[json_flag],
                            help="pull submissions from an inbox folder or the platform into the cache")
    where = p.add_mutually_exclusive_group(required=True)
    where.add_argument("--inbox", type=Path, help="the inbox folder (contract 1)")
    where.add_argument("--server", metavar="URL",
                       help="the platform (contract 2); the token is read from MODERATOR_TOKEN")
    p.add_argument("--ahead", type=int, default=None, metavar="N",
                   help="with --server: how many clips to claim and download ahead (default 10)")
    add_transfer_options(p, "with --server: ")
    p.add_argument("--retry-window", type=float, default=3600.0, metavar="SECONDS",
                   help="how long a record whose clip is still arriving is retried before quarantine")
    p.set_defaults(run=sync)

    p = commands.add_parser("list", parents=[json_flag], help="list submissions")
    p.add_argument("--status", choices=[*STATUSES, QUARANTINED])
    p.set_defaults(run=list_items)

    p = commands.add_parser("decide", help="approve or reject a submission")
    p.add_argument("id")
    p.add_argument("decision", choices=["approve", "reject"])
    p.add_argument("--flag", action="append", default=[], metavar="CODE", help="a flag code (repeatable)")
    p.add_argument("--note", default="")
    p.add_argument("--moderator", default=None)
    p.set_defaults(run=decide)

    p = commands.add_parser("flags", parents=[json_flag],
                            help="the campaign's flags; --blocking sets those that make an approval ask first")
    p.add_argument("--blocking", nargs="*", default=None, metavar="CODE", dest="codes",
                   help="the campaign's blocking flag codes (none given: nothing blocks)")
    p.set_defaults(run=flags)


def sync(args: argparse.Namespace) -> int:
    """``sync --inbox DIR`` (or ``--server URL``): exit 3 while some records wait for their clip."""
    if args.server is not None:
        return sync_server(args)
    report = review_service(args).sync_inbox(args.inbox, retry_window_s=args.retry_window)
    if args.json:
        print_json({
            "added": report.added,
            "retried": [{"source": s, "reason": r} for s, r in report.retried],
            "quarantined": [{"source": s, "reason": r} for s, r in report.quarantined],
            "unchanged": report.unchanged,
        })
    else:
        rows("added", report.added)
        rows("retry later", report.retried)
        rows("quarantined", report.quarantined)
        say(report.summary())
    return EXIT_PARTIAL if report.retried else EXIT_OK


def list_items(args: argparse.Namespace) -> int:
    items = review_service(args).list_items(args.status)
    if args.json:
        print_json(items)
        return EXIT_OK
    for item in items:
        if item["status"] == QUARANTINED:
            rows(QUARANTINED, [(item["source"], item["reason"])])
        else:
            r, s = item["recipient"], item["sender"]
            flags = ",".join(item["flags"])
            say(f"{item['status']:<12} {item['id']:<20} {r['first_name']} {r['last_name']} <- "
                f"{s['first_name']} {s['last_name']}  {flags}")
    return EXIT_OK


def decide(args: argparse.Namespace) -> int:
    svc = review_service(args, args.moderator)
    decision: DecisionValue = "approved" if args.decision == "approve" else "rejected"
    try:
        d = svc.decide(args.id, decision, args.flag, args.note)
    except UnknownFlag as exc:  # the user needs the campaign's codes to fix the command
        raise UnknownFlag(f"{exc}; the campaign's flags are: {', '.join(f.code for f in svc.flags())}") from exc
    say(f"{d.decision} {d.submission_id} (decision #{d.seq})")
    return EXIT_OK


def flags(args: argparse.Namespace) -> int:
    """``flags [--blocking CODE...]``: every flag with its labels, and whether approving with it asks first."""
    svc = review_service(args)
    if args.codes is not None:
        try:
            svc.set_blocking_flags(args.codes)
        except UnknownFlag as exc:
            raise UnknownFlag(f"{exc}; the campaign's flags are: {', '.join(f.code for f in svc.flags())}") from exc
    blocking = set(svc.blocking_flags())
    catalogue = [{"code": f.code, "label_en": f.label_en, "label_fr": f.label_fr, "blocking": f.code in blocking}
                 for f in svc.flags()]
    if args.json:
        print_json(catalogue)
    else:
        for f in catalogue:
            say(f"{f['code']:<22} {'blocking ' if f['blocking'] else '         '} {f['label_en']}")
    return EXIT_OK
