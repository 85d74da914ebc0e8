"""``privacy …``: the campaign's obligations to the people in the clips.

``privacy purge`` applies the retention now (the window does it at start-up), ``privacy retention`` shows or
changes how long clips are kept, ``privacy terms`` shows or changes the consent terms versions the campaign
accepts. Text output carries ids and counts only, never a name.
"""

from __future__ import annotations

import argparse

from moderator_app.cli.cache import cache
from moderator_app.cli.codes import EXIT_OK
from moderator_app.cli.errors import Refused
from moderator_app.cli.output import print_json, rows, say


def register(
    commands: argparse._SubParsersAction[argparse.ArgumentParser], json_flag: argparse.ArgumentParser
) -> None:
    p = commands.add_parser("privacy", help="retention, consent terms and other privacy duties")
    sub = p.add_subparsers(dest="privacy_command", required=True)
    register_retention(sub, json_flag)


def register_retention(
    sub: argparse._SubParsersAction[argparse.ArgumentParser], json_flag: argparse.ArgumentParser) -> None:
    """``purge``, ``retention`` and ``terms`` (kept apart so other privacy commands sit beside them)."""
    p = sub.add_parser("purge", parents=[json_flag],
                       help="purge what the retention says is due: rejected clips past their days, everything "
                            "once the campaign's retention after its end has passed")
    p.add_argument("--rejected-older-than", type=int, default=None, metavar="DAYS",
                   help="purge rejections older than DAYS this time (default: the campaign's setting, 30)")
    p.set_defaults(run=purge)

    p = sub.add_parser("retention", parents=[json_flag], help="show or change how long clips are kept")
    p.add_argument("--rejected-days", type=int, default=None, metavar="DAYS",
                   help="days a rejected clip is kept after its rejection")
    p.add_argument("--campaign-end", default=None, metavar="YYYY-MM-DD",
                   help="the campaign's last day ('none' to clear it)")
    p.add_argument("--after-end-days", type=int, default=None, metavar="DAYS",
                   help="days everything is kept after the campaign's end")
    p.set_defaults(run=retention)

    p = sub.add_parser("terms", parents=[json_flag],
                       help="show or change the consent terms versions the campaign accepts")
    p.add_argument("--accept", action="append", default=[], metavar="VERSION", help="accept a version (repeatable)")
    p.add_argument("--withdraw", action="append", default=[], metavar="VERSION",
                   help="stop accepting a version (repeatable)")
    p.set_defaults(run=terms)


def purge(args: argparse.Namespace) -> int:
    from moderator_app.services import retention as service

    try:
        report = service.purge(cache(args), rejected_older_than=args.rejected_older_than)
    except service.InvalidRetention as exc:
        raise Refused(str(exc)) from exc
    if args.json:
        print_json(report.to_json())
        return EXIT_OK
    rows("purged", [(sid, "rejected") for sid in report.rejected])
    rows("purged", [(sid, "campaign ended") for sid in report.campaign_ended])
    say(f"{report.count} purged ({len(report.rejected)} rejected more than {report.rejected_days} days ago, "
        f"{len(report.campaign_ended)} after the campaign's end), {report.files_deleted} files deleted")
    return EXIT_OK


def retention(args: argparse.Namespace) -> int:
    from dataclasses import asdict

    from moderator_app.services import retention as service

    opened = cache(args)
    end = args.campaign_end
    try:
        if args.rejected_days is not None or end is not None or args.after_end_days is not None:
            current = service.set_settings(
                opened, rejected_days=args.rejected_days, after_end_days=args.after_end_days,
                campaign_end=None if end in (None, "none") else end, clear_end=end == "none")
        else:
            current = service.settings(opened)
    except service.InvalidRetention as exc:
        raise Refused(str(exc)) from exc
    if args.json:
        print_json(asdict(current))
        return EXIT_OK
    say(f"{'rejected':<12} kept {current.rejected_days} days after the rejection")
    if current.campaign_end is None:
        say(f"{'campaign':<12} no end date set: nothing is purged for the campaign's end")
    else:
        say(f"{'campaign':<12} ends {current.campaign_end}; everything is purged {current.after_end_days} days later")
    return EXIT_OK


def terms(args: argparse.Namespace) -> int:
    from moderator_app.services import consent

    opened = cache(args)
    try:
        accepted = (consent.change_terms(opened, accept=args.accept, withdraw=args.withdraw)
                    if args.accept or args.withdraw else consent.accepted_terms(opened))
    except consent.InvalidTermsVersion as exc:
        raise Refused(str(exc)) from exc
    if args.json:
        print_json({"accepted": accepted, "every_version_accepted": not accepted})
        return EXIT_OK
    if not accepted:
        say("no terms versions listed: every version is accepted until the campaign lists some")
    rows("accepted", accepted)
    return EXIT_OK
