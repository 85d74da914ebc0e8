"""The edge of the headless commands: parse, run one handler, turn what it raised into an exit code.

This is the only place that catches a handler's exceptions; the table in errors.py says which code and
which words each one gets. Exit codes: codes.py (and README.md, "Headless commands").
"""

from __future__ import annotations

import argparse
import logging
import os
from collections.abc import Callable

from moderator_app.cli.codes import EXIT_USAGE
from moderator_app.cli.errors import describe
from moderator_app.cli.output import warn
from moderator_app.cli.parser import build_parser
from moderator_app.config import LOG_FILE_ENV

Handler = Callable[[argparse.Namespace], int]

log = logging.getLogger("moderator_app")


def log_to_file(path: str | None) -> None:
    """Everything at DEBUG also into ``path`` (support and the privacy test read it); stderr keeps WARNING."""
    if not path:
        return
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setLevel(logging.DEBUG)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    for existing in root.handlers:
        existing.setLevel(max(existing.level, logging.WARNING))
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    for chatty in ("httpx", "httpcore"):  # signed clip URLs carry credentials in their query string
        logging.getLogger(chatty).setLevel(logging.WARNING)


def main(argv: list[str]) -> int:
    """Run one headless command; the exit code for the shell."""
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as exc:  # argparse has printed the usage (or the help: code 0)
        return int(exc.code or 0) and EXIT_USAGE
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    log_to_file(os.environ.get(LOG_FILE_ENV))
    handler: Handler = args.run
    try:
        return handler(args)
    except Exception as exc:  # the edge: a clear message and an exit code, never a traceback dump
        log.debug("command failed", exc_info=True)
        code, message = describe(exc)
        warn(message)
        return code
