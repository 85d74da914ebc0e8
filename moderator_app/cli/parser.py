"""The one argparse tree of the headless commands; each family module adds its own commands to it.

The tree is the one list of commands: the entry point and the window's ``--help`` read the names from
here, and the order below is the order ``--help`` shows them in.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import TypeAlias

from moderator_app.cli.audit import register as audit
from moderator_app.cli.checks import register as checks
from moderator_app.cli.notify import register as notify
from moderator_app.cli.platform import register as platform
from moderator_app.cli.privacy import register as privacy
from moderator_app.cli.report import register as report
from moderator_app.cli.review import register as review
from moderator_app.cli.schedule import register as schedule
from moderator_app.cli.spot import register as spot

Register: TypeAlias = "Callable[[argparse._SubParsersAction[argparse.ArgumentParser], argparse.ArgumentParser], None]"
"""A family module's ``register(commands, json_flag)``: adds its commands, ``--json`` from ``json_flag``."""

FAMILIES: tuple[Register, ...] = (review, platform, checks, spot, schedule, privacy, audit, report, notify)
"""sync, list, decide, flags; push; qc, check; spot; schedule; privacy; audit; report; notify."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="moderator-app", description="Headless moderation commands.")
    parser.add_argument("--data-dir", type=Path, default=None, help="cache folder (default: user data folder)")
    json_flag = argparse.ArgumentParser(add_help=False)
    json_flag.add_argument("--json", action="store_true", help="print the result as JSON instead of text")
    commands = parser.add_subparsers(dest="command", required=True)
    for register in FAMILIES:
        register(commands, json_flag)
    return parser


def command_names(parser: argparse.ArgumentParser | None = None) -> tuple[str, ...]:
    """The top-level commands, in the order ``--help`` lists them."""
    tree = parser or build_parser()
    for action in tree._actions:
        if isinstance(action, argparse._SubParsersAction):
            return tuple(action.choices)
    return ()
