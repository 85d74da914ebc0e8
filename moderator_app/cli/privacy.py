"""``privacy …``: answering a person's requests about their data (GDPR) from the command line.

``privacy export ID --out DIR`` writes everything held about one submission (access, art. 15);
``privacy erase ID…`` / ``privacy erase --email ADDRESS`` erase one person everywhere (services/privacy.py
says what goes and what stays). Output names ids, counts and file paths, never the person: the terminal's
scrollback and a script's log must not keep what was just erased. An id the cache never had (or an
address no submission was sent from) is refused with exit 5 before anything changes.

``privacy purge`` applies the retention now (the window does it at start-up), ``privacy retention`` shows or
changes how long clips are kept, ``privacy terms`` shows or changes the consent terms versions the campaign
accepts.
"""

from __future__ import annotations

import argparse
import contextlib
from collections.abc import Iterator
from pathlib import Path

from moderator_app.cli.cache import cache
from moderator_app.cli.codes import EXIT_OK
from moderator_app.cli.errors import Refused, UsageError
from moderator_app.cli.output import print_json, rows, say, warn
from moderator_app.config import default_moderator
from moderator_app.services.access import export_person
from moderator_app.services.platform import PlatformClient, load_url, token_from_env
from moderator_app.services.privacy import REASONS, EraseOutcome, PrivacyService
from moderator_app.services.store import Cache

ERASE_PUSH_TIMEOUT_S = 10.0
"""How long the push of the person's unsent decisions may wait for the platform before they are dropped."""


def register(
    commands: argparse._SubParsersAction[argparse.ArgumentParser], json_flag: argparse.ArgumentParser
) -> None:
    privacy = commands.add_parser("privacy", help="answer a person's requests (access export, erase) and keep the retention and consent terms")
    actions = privacy.add_subparsers(dest="privacy_command", required=True)
    add_export(actions, json_flag)
    register_erase(actions, json_flag)
    register_retention(actions, json_flag)


def add_export(
    actions: argparse._SubParsersAction[argparse.ArgumentParser], json_flag: argparse.ArgumentParser
) -> None:
    p = actions.add_parser("export", parents=[json_flag],
                           help="write everything held about one submission into a new folder (access request)")
    p.add_argument("id", help="the submission id")
    p.add_argument("--out", required=True, type=Path, metavar="DIR", help="a new or empty folder")
    p.add_argument("--moderator", default=None, help="who answers the request (default: your login)")
    p.set_defaults(run=privacy_export)


def privacy_export(args: argparse.Namespace) -> int:
    """Exit 5 for an unknown id (nothing written), 4 when DIR already holds files."""
    done = export_person(cache(args), args.id, args.out, args.moderator or default_moderator())
    if args.json:
        print_json({"submission_id": done.submission_id, "folder": str(done.folder), "files": list(done.files),
                    "clip_copied": done.clip_copied})
    else:
        say(f"wrote {len(done.files)} files for {done.submission_id} to {done.folder}")
        if not done.clip_copied:
            say("the clip is not in the cache: none copied")
    return EXIT_OK


def register_erase(
    actions: argparse._SubParsersAction[argparse.ArgumentParser], json_flag: argparse.ArgumentParser
) -> None:
    p = actions.add_parser(
        "erase", parents=[json_flag],
        help="erase submissions everywhere in the cache (record, clip, checks, notes); keep a tombstone")
    p.add_argument("ids", nargs="*", metavar="ID", help="the submissions to erase")
    p.add_argument("--email", metavar="ADDRESS", default=None, help="erase every submission sent from ADDRESS")
    p.add_argument("--reason", choices=REASONS, default="request", help="why (kept in the tombstone; default request)")
    p.add_argument("--server", metavar="URL", default=None,
                   help="the platform to push unsent decisions to first (default: the last one synced; "
                        "token from MODERATOR_TOKEN); without one they are dropped")
    p.add_argument("--moderator", default=None, help="who runs the erase (kept in the tombstone)")
    p.set_defaults(run=erase)


@contextlib.contextmanager
def _platform(opened: Cache, server: str | None) -> Iterator[PlatformClient | None]:
    token = token_from_env()
    url = server or load_url(opened.db)
    if not token or not url:
        yield None
        return
    try:
        client = PlatformClient(url, token, max_retries=1, timeout=ERASE_PUSH_TIMEOUT_S,
                                connect_timeout=min(5.0, ERASE_PUSH_TIMEOUT_S))
    except ValueError as exc:  # a malformed or non-HTTPS address
        raise UsageError(str(exc)) from exc
    with client:
        yield client


def erase(args: argparse.Namespace) -> int:
    if not args.ids and args.email is None:
        raise UsageError("name the submissions to erase (ID …) or --email ADDRESS")
    opened = cache(args)
    service = PrivacyService(opened, args.moderator or default_moderator())
    service.resolve(args.ids, args.email)  # refuse an unknown id before reaching the platform
    with _platform(opened, args.server) as client:
        outcome = service.erase(args.ids, args.email, reason=args.reason, client=client)
    if args.json:
        print_json(outcome.to_dict())
    else:
        show(outcome)
    return EXIT_OK


def show(o: EraseOutcome) -> None:
    rows("erased", o.erased)
    rows("already", [(sid, "erased before") for sid in o.already_erased])
    if not o.erased:
        return
    say(f"clips removed      {len(o.clips_removed)}")
    say(f"check reports      {o.check_reports}")
    say(f"notes redacted     {o.notes_redacted} (history kept: {o.decisions_kept} decision(s), who/when/what)")
    for sid, fate in o.outbox.items():
        say(f"outbox {sid}: " + ("pushed to the platform first" if fate == "pushed" else
                                 f"dropped, not sent ({o.outbox_reason})" if fate == "dropped" else "nothing unsent"))
    for spot, slot in o.spots_marked:
        say(f"spot {spot}: slot {slot + 1} emptied; the spot cannot be exported until it is refilled")
    rows("deleted", o.masters_deleted)
    if o.masters_by_hand:
        warn("these masters outside the data folder carry an erased message; delete them by hand:")
        rows("by hand", o.masters_by_hand)
    say(f"cache scrubbed in {o.scrub_seconds:.2f} s (search index rebuilt, file vacuumed, "
        f"{'WAL emptied' if o.wal_truncated else 'WAL in use by another reader: emptied at its next checkpoint'})")


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
