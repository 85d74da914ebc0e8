"""``audit``: who decided what and when (undo included), and what was erased, purged, exported or sent.

Rows carry ids, kinds, moderators and codes only (services/audit.py refuses personal data); ``--csv``
writes a file spreadsheets open as text.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from moderator_app.base.durable import write_atomic
from moderator_app.cli.cache import cache
from moderator_app.cli.codes import EXIT_OK
from moderator_app.cli.errors import UsageError
from moderator_app.cli.output import print_json, say
from moderator_app.services.audit import audit_csv, audit_log, details_text, parse_since, row_to_dict


def register(
    commands: argparse._SubParsersAction[argparse.ArgumentParser], json_flag: argparse.ArgumentParser
) -> None:
    p = commands.add_parser("audit", parents=[json_flag],
                            help="the audit log: decisions and undos, erasures, purges, exports")
    p.add_argument("--moderator", default=None, metavar="NAME", help="only this moderator's entries")
    p.add_argument("--since", default=None, metavar="DATE", help="from this date (YYYY-MM-DD, UTC) or ISO time")
    p.add_argument("--csv", type=Path, default=None, metavar="FILE", help="also write the entries as CSV")
    p.set_defaults(run=audit)


def audit(args: argparse.Namespace) -> int:
    try:
        since = parse_since(args.since) if args.since is not None else None
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    entries = audit_log(cache(args), moderator=args.moderator, since=since)
    if args.csv is not None:
        write_atomic(args.csv, audit_csv(entries).encode("utf-8"))
    if args.json:
        print_json([row_to_dict(e) for e in entries])
    else:
        for e in entries:
            say(f"{e.at:<24} {e.kind:<14} {e.subject_id:<20} {e.moderator:<16} {details_text(e.details)}")
        if args.csv is not None:
            say(f"wrote {len(entries)} entries to {args.csv}")
    return EXIT_OK
