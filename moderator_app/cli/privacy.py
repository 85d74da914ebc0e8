"""``privacy``: answer a person's requests — ``privacy export ID --out DIR`` (access, GDPR art. 15).

Messages name ids and folders only: what the export holds is the person's, not the terminal's.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from moderator_app.cli.cache import cache
from moderator_app.cli.codes import EXIT_OK
from moderator_app.cli.output import print_json, say
from moderator_app.config import default_moderator
from moderator_app.services.access import export_person


def register(
    commands: argparse._SubParsersAction[argparse.ArgumentParser], json_flag: argparse.ArgumentParser
) -> None:
    privacy = commands.add_parser("privacy", help="answer a person's requests: access export")
    actions = privacy.add_subparsers(dest="privacy_command", required=True)
    add_export(actions, json_flag)


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
