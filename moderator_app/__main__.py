"""Entry point: a headless command (``moderator-app COMMAND``, see cli/) or the review window."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path

from moderator_app import __version__
from moderator_app.base.frozen import prepare

# Kept light on purpose: worker processes started with "spawn" import this module again, so the
# command names (cli/parser.py, the one list) are read only once a command line is being parsed.


def _is_command(argv: list[str]) -> bool:
    """A word where the window takes only options: a headless command (cli/ refuses an unknown one)."""
    rest = list(argv)
    while rest:
        head = rest.pop(0)
        if head == "--data-dir":
            if rest:
                rest.pop(0)
            continue
        if head.startswith("--data-dir="):
            continue
        return not head.startswith("-")
    return False


def gui_parser() -> argparse.ArgumentParser:
    from moderator_app.cli.parser import command_names

    p = argparse.ArgumentParser(
        prog="moderator-app",
        description="Review desk. Headless commands: " + ", ".join(command_names())
        + " (moderator-app COMMAND --help).",
    )
    p.add_argument("--data-dir", type=Path, default=None, help="cache folder (default: your private data folder)")
    p.add_argument("--inbox", type=Path, default=None, help="inbox folder to sync from (contract 1)")
    p.add_argument("--demo", action="store_true", help="generate a demo inbox and open it (separate cache)")
    p.add_argument("--moderator", default=None, help="your name on decisions (default: your login)")
    p.add_argument("--lang", choices=["fr", "en"], default=None, help="interface language (default: system)")
    p.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    return p


def run_gui(argv: list[str]) -> int:
    from moderator_app.config import default_data_dir, default_moderator, demo_data_dir

    args = gui_parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    # httpx logs every URL at INFO; signed clip URLs carry credentials in their query string
    logging.getLogger("httpx").setLevel(logging.WARNING)
    if sys.platform.startswith("linux") and not os.environ.get("QT_QPA_PLATFORM") and os.environ.get("DISPLAY"):
        os.environ["QT_QPA_PLATFORM"] = "xcb"  # VLC embeds into X11 windows; Wayland-native Qt cannot host it
    from PySide6.QtWidgets import QApplication

    from moderator_app import app as composition
    from moderator_app.ui.i18n import install_translators

    data_dir: Path = args.data_dir or (demo_data_dir() if args.demo else default_data_dir())
    inbox = args.inbox
    if args.demo and inbox is None:
        from moderator_app.db.connection import ensure_data_dir
        from moderator_app.demo.data import make_demo_inbox

        inbox = ensure_data_dir(data_dir) / "demo-inbox"
        make_demo_inbox(inbox)
    qt_app = QApplication([sys.argv[0]])
    qt_app.setApplicationName("moderator-app")
    qt_app.setOrganizationName("OnResteEnsemble")
    install_translators(qt_app, args.lang)
    ctx = composition.build(qt_app, data_dir, args.moderator or default_moderator(), inbox)
    ctx.window.show()
    code = qt_app.exec()
    composition.finish(ctx)  # queued decisions land before the process ends
    return code


def main(argv: list[str] | None = None) -> int:
    prepare()  # a bundle points python-vlc at its own libvlc before anything imports vlc (base/frozen.py)
    argv = sys.argv[1:] if argv is None else argv
    if _is_command(argv):
        from moderator_app import cli

        return cli.main(argv)
    return run_gui(argv)


if __name__ == "__main__":
    sys.exit(main())
