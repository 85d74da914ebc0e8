"""What the headless commands write: JSON for scripts, text lines for a terminal.

Text carries values that come from outside (record file names, names, reasons quoting a record), so
every text line is made safe for a terminal here, in one place: escape sequences (colours, cursor
moves, window titles, hyperlinks) and control characters are removed, and a line break inside a value
becomes a space (an indented continuation on stderr), so a crafted file name can neither repaint the
screen nor forge a line of the report.
JSON is left as ``json.dumps`` writes it: a reader parses it, and the parser sees the escaped text.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterable

_ESCAPE_SEQUENCE = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]"  # CSI: colours, cursor moves, erase line/screen
    r"|(?:\x1b\]|\x9d)[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"  # OSC: window title, hyperlinks, clipboard
    r"|(?:\x1b[PX^_]|[\x90\x98\x9e\x9f])[^\x1b\x9c]*(?:\x1b\\|\x9c)?"  # DCS, SOS, PM, APC strings
    r"|\x1b[ -/]*[0-~]?"  # any other escape (charset switch, reset, keypad mode) or a lone ESC
)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
"""C0 but tab and newline, DEL, C1 (NEL and the 8-bit CSI among them), and the bidi embeddings, overrides
and isolates, which make a terminal show a file name reversed (RIGHT-TO-LEFT OVERRIDE turns ``NOSJ.exe`` around)."""
_LINE_BREAK = re.compile(r"[\n\u2028\u2029]")


def clean(text: str) -> str:
    """``text`` without escape sequences or control characters; tabs and newlines are kept."""
    return _CONTROL.sub("", _ESCAPE_SEQUENCE.sub("", text))


def one_line(text: str) -> str:
    """``text`` cleaned, with any line break or tab inside a value turned into a space (a tab from a file
    name would shift the columns of a report that scripts cut on blanks)."""
    return _LINE_BREAK.sub(" ", clean(text)).replace("\t", " ")


def say(line: str) -> None:
    """One line of a command's report on stdout."""
    sys.stdout.write(one_line(line) + "\n")


def rows(label: str, items: Iterable[str | tuple[str, str]]) -> None:
    """One ``label  id`` or ``label  what: why`` line per item, the labels padded so the items line up."""
    for item in items:
        say(f"{label:<12} {item if isinstance(item, str) else ': '.join(item)}")


def warn(message: str) -> None:
    """A message on stderr (errors, refusals, what to do next); its own further lines are indented.

    Some messages carry several lines on purpose (the tail of ffmpeg's log); indenting them keeps every
    line after the first visibly part of the message, whatever a value inside it contained.
    """
    sys.stderr.write("\n  ".join(_LINE_BREAK.split(clean(message))) + "\n")


def print_json(value: object) -> None:
    """``value`` as indented JSON on stdout; non-ASCII text (Arabic names) stays readable."""
    sys.stdout.write(json.dumps(value, ensure_ascii=False, indent=2) + "\n")
