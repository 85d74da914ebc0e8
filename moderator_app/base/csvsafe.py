"""CSV that spreadsheets open as text: every file the app writes for people to open goes through here.

Names come from the public. A spreadsheet runs a cell that starts with ``=``, ``+``, ``-``, ``@`` (or a
tab or carriage return) as a formula, DDE payloads included. Quoting alone is not enough: French
spreadsheets split on ``;``, and a user who imports with the wrong separator (or a tool that splits
quoted text) turns ``Jo;=1+1;x`` into three cells, the middle one a formula. So every cell is quoted, and a
formula start is neutralised (OWASP: a leading single quote) at the start of the cell *and* after any
character a spreadsheet may split on.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence

FORMULA_START = "=+-@\t\r\uff1d\uff0b\uff0d\uff20"
"""ASCII formula starts and their full-width forms, which some spreadsheets also evaluate."""
SEPARATORS = ",;\t|\n"
_AFTER_SEPARATOR = re.compile(f"([{re.escape(SEPARATORS)}])(\\s*)([{re.escape(FORMULA_START)}])")


def neutralise(cell: str) -> str:
    """The text with every place a spreadsheet could start a formula made plain text."""
    text = _AFTER_SEPARATOR.sub(lambda m: f"{m.group(1)}{m.group(2)}'{m.group(3)}", cell)
    stripped = text.lstrip(" ")
    if stripped.startswith(tuple(FORMULA_START)):
        return "'" + text
    return text


def csv_text(header: Sequence[str], rows: Iterable[Sequence[object]], *, bom: bool = True) -> str:
    """RFC 4180 text (CRLF), every cell quoted, every text cell neutralised; a BOM so Excel reads UTF-8."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_ALL)
    writer.writerow([neutralise(h) for h in header])
    for row in rows:
        writer.writerow([neutralise(v) if isinstance(v, str) else ("" if v is None else v) for v in row])
    return ("\ufeff" if bom else "") + buffer.getvalue()
