"""The commands are listed once, in one parser, and ``--json`` comes from one declaration."""

from __future__ import annotations

import re
import subprocess
import sys

from moderator_app.cli.parser import build_parser, command_names

COMMANDS = ("sync", "list", "decide", "flags", "push", "qc", "check", "spot", "schedule", "privacy", "audit",
            "report", "notify")


def test_help_lists_each_command_once() -> None:
    proc = subprocess.run([sys.executable, "-m", "moderator_app", "--help"],
                          check=True, capture_output=True, text=True, timeout=60)
    text = " ".join(proc.stdout.split())
    found = re.search(r"Headless commands: ([a-z, ]+) \(moderator-app COMMAND --help\)", text)
    assert found, proc.stdout
    assert tuple(found.group(1).split(", ")) == COMMANDS == command_names()


def test_json_is_offered_where_there_is_a_report_to_print() -> None:
    parser = build_parser()
    with_json = {
        " ".join(argv[:-1]) for argv in (
            ["sync", "--inbox", "x", "--json"], ["push", "--json"], ["list", "--json"], ["qc", "--json"],
            ["check", "f", "--json"], ["spot", "export", "--clips", "a", "--preset", "p", "--out", "o", "--json"],
            ["spot", "brand", "--json"], ["privacy", "export", "sub-1", "--out", "d", "--json"], ["audit", "--json"],
            ["schedule", "import", "p.csv", "--json"], ["schedule", "list", "--json"],
            ["schedule", "assign", "--auto", "--json"],
        ) if parser.parse_args(argv).json is True
    }
    assert len(with_json) == 12
    assert not hasattr(parser.parse_args(["decide", "sub-1", "approve"]), "json")


def test_a_word_the_window_does_not_take_goes_to_the_commands() -> None:
    proc = subprocess.run([sys.executable, "-m", "moderator_app", "--data-dir", "/nonexistent", "frobnicate"],
                          check=False, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2 and "invalid choice: 'frobnicate'" in proc.stderr
