"""``sync --server URL`` and ``push``: the platform (HTTP contract) from the command line.

The token comes from ``MODERATOR_TOKEN`` only (never an argument: it would show in ``ps`` and in the
shell history). The exit code tells a script what to do next: 0 all done, 3 run again later
(offline, clips or decisions still to transfer), 7 a new token is needed.
"""

from __future__ import annotations

import argparse
from typing import Any

from moderator_app.cli.cache import cache
from moderator_app.cli.codes import EXIT_AUTH, EXIT_OK, EXIT_PARTIAL
from moderator_app.cli.errors import UsageError
from moderator_app.cli.output import print_json, rows, say, warn
from moderator_app.config import default_moderator
from moderator_app.services.platform import (
    DEFAULT_AHEAD,
    PUSH_WORKERS,
    TOKEN_ENV,
    PlatformClient,
    PlatformReport,
    PlatformSync,
    load_url,
    save_url,
    token_from_env,
)


def register(
    commands: argparse._SubParsersAction[argparse.ArgumentParser], json_flag: argparse.ArgumentParser
) -> None:
    p = commands.add_parser("push", parents=[json_flag],
                            help="send the decisions not yet on the platform (token from MODERATOR_TOKEN)")
    p.add_argument("--server", metavar="URL", default=None,
                   help="the platform (default: the one the last sync or the settings used)")
    add_transfer_options(p)
    p.set_defaults(run=push)


def add_transfer_options(p: argparse.ArgumentParser, when: str = "") -> None:
    """The options every platform pass takes (``push``, and ``sync`` with ``--server``)."""
    p.add_argument("--moderator", default=None, help=f"{when}the name claims and decisions carry")
    p.add_argument("--retries", type=int, default=5, metavar="N",
                   help=f"{when}attempts after a network failure before giving up for this run")


def sync_server(args: argparse.Namespace) -> int:
    """``sync --server URL``: push the outbox, then claim, download and verify clips ahead."""
    return _run(args, args.server, pull=True)


def push(args: argparse.Namespace) -> int:
    """``push``: send the decisions not yet acknowledged, nothing else."""
    return _run(args, args.server, pull=False)


def _run(args: argparse.Namespace, url: str | None, *, pull: bool) -> int:
    token = token_from_env()
    if token is None:
        raise UsageError(f"set the platform token in the {TOKEN_ENV} environment variable")
    opened = cache(args)
    try:
        url = url or load_url(opened.db)
        if not url:
            raise UsageError("no platform address: pass --server URL")
        try:
            client = PlatformClient(url, token, max_retries=max(0, args.retries), max_connections=PUSH_WORKERS)
        except ValueError as exc:  # a malformed or non-HTTPS address
            raise UsageError(str(exc)) from exc
        with client:
            ahead = getattr(args, "ahead", None)
            sync = PlatformSync(opened, client, args.moderator or default_moderator(),
                                ahead=DEFAULT_AHEAD if ahead is None else ahead)
            report = sync.run(pull=pull)
        if not report.auth_failed:
            save_url(opened.db, url)
        _show(report, args.json)
        return _exit_code(report)
    finally:
        opened.close()


def _exit_code(report: PlatformReport) -> int:
    if report.auth_failed:
        return EXIT_AUTH
    return EXIT_PARTIAL if report.partial else EXIT_OK


def _show(report: PlatformReport, as_json: bool) -> None:
    if as_json:
        print_json({
            "added": report.added,
            "quarantined": [{"source": s, "reason": r} for s, r in report.quarantined],
            "lost": [{"id": i, "reason": r} for i, r in report.lost],
            "retry": [{"what": w, "reason": r} for w, r in report.retry],
            "pushed": report.pushed,
            "push_pending": report.push_pending,
            "conflicts": [{"id": c.submission_id, "ours": c.ours, "theirs": c.theirs} for c in report.conflicts],
            "online": report.online,
            "auth_failed": report.auth_failed,
            "error": report.error,
        })
        return
    rows("added", report.added)
    rows("quarantined", report.quarantined)
    rows("taken", (reason for _sid, reason in report.lost))
    rows("conflict", ((c.submission_id, f"ours {c.ours['decision']}, {_theirs(c.theirs)}") for c in report.conflicts))
    rows("retry later", report.retry)
    if report.auth_failed:
        warn(f"refused: the platform rejected the token; set a new one in {TOKEN_ENV}")
    elif report.error:
        warn(f"error: {report.error}")
    say(report.summary())


def _theirs(theirs: dict[str, Any]) -> str:
    return f"{theirs.get('moderator', 'another moderator')} decided {theirs.get('decision', '?')}"
