"""The headless platform commands: ``sync --server URL`` and ``push`` (wired into cli.py).

The token comes from ``MODERATOR_TOKEN`` only (never an argument: it would show in ``ps`` and in the
shell history). The exit code tells a script what to do next: 0 all done, 3 run again later
(offline, clips or decisions still to transfer), 7 a new token is needed.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from moderator_app import cli
from moderator_app.config import default_data_dir, default_moderator
from moderator_app.db.cache import Cache
from moderator_app.services.accounts import TOKEN_ENV, load_url, save_url, token_from_env
from moderator_app.sources.inbox.sync import SyncBusy
from moderator_app.sources.platform.client import PlatformClient
from moderator_app.sources.platform.pipeline import DEFAULT_AHEAD, PUSH_WORKERS, PlatformReport, PlatformSync


def _exit_code(report: PlatformReport) -> int:
    if report.auth_failed:
        return cli.EXIT_AUTH
    return cli.EXIT_PARTIAL if report.partial else cli.EXIT_OK


def _print(report: PlatformReport, as_json: bool) -> None:
    if as_json:
        sys.stdout.write(json.dumps({
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
        }, ensure_ascii=False, indent=2) + "\n")
        return
    for sid in report.added:
        print(f"added        {sid}")
    for source, reason in report.quarantined:
        print(f"quarantined  {source}: {reason}")
    for _sid, reason in report.lost:
        print(f"taken        {reason}")
    for c in report.conflicts:
        print(f"conflict     {c.submission_id}: ours {c.ours['decision']}, "
              f"{c.theirs.get('moderator', 'another moderator')} decided {c.theirs.get('decision', '?')}")
    for what, reason in report.retry:
        print(f"retry later  {what}: {reason}")
    if report.auth_failed:
        print(f"refused: the platform rejected the token; set a new one in {TOKEN_ENV}", file=sys.stderr)
    elif report.error:
        print(f"error: {report.error}", file=sys.stderr)
    print(report.summary())


def _run(args: argparse.Namespace, url: str | None, *, pull: bool) -> int:
    data_dir: Path = args.data_dir or default_data_dir()
    token = token_from_env()
    if token is None:
        print(f"error: set the platform token in the {TOKEN_ENV} environment variable", file=sys.stderr)
        return cli.EXIT_USAGE
    cache = Cache(data_dir)
    try:
        url = url or load_url(cache.db)
        if not url:
            print("error: no platform address: pass --server URL", file=sys.stderr)
            return cli.EXIT_USAGE
        try:
            client = PlatformClient(url, token, max_retries=max(0, args.retries), max_connections=PUSH_WORKERS)
        except ValueError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return cli.EXIT_USAGE
        with client:
            ahead = getattr(args, "ahead", None)
            sync = PlatformSync(cache, client, args.moderator or default_moderator(),
                                ahead=DEFAULT_AHEAD if ahead is None else ahead)
            try:
                report = sync.run(pull=pull)
            except SyncBusy as exc:
                print(f"busy: {exc}", file=sys.stderr)
                return cli.EXIT_BUSY
        if not report.auth_failed:
            save_url(cache.db, url)
        _print(report, getattr(args, "json", False))
        return _exit_code(report)
    finally:
        cache.close()


def sync_server(args: argparse.Namespace) -> int:
    """``sync --server URL``: push the outbox, then claim, download and verify clips ahead."""
    return _run(args, args.server, pull=True)


def push(args: argparse.Namespace) -> int:
    """``push``: send the decisions not yet acknowledged, nothing else."""
    return _run(args, args.server, pull=False)
