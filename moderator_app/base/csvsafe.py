"""CSV that spreadsheets open as text: every file the app writes for people to open goes through here.

Names come from the public. A spreadsheet runs a cell that starts with ``=``, ``+``, ``-``, ``@`` (or a
tab or carriage return) as a formula, DDE payloads included. Quoting alone is not enough: French
spreadsheets split on ``;``, and a user who imports with the wrong separator (or a tool that splits
quoted text) turns ``Jo;=1+1;x`` into three cells, the middle one a formula. So every cell is quoted, and a
formula start is neutralised (OWASP: a leading single quote) at the start of the cell *and* right after
any character a spreadsheet or a naive tool may split on, skipping the blanks and double quotes such a
split may leave in front of it.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence

FORMULA_START = "=+-@\t\r\uff1d\uff0b\uff0d\uff20"
"""ASCII formula starts and their full-width forms, which some spreadsheets also evaluate."""
LINE_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
"""Everything ``str.splitlines`` (and so a naive line split) breaks on."""
SEPARATORS = ",;\t|" + LINE_BREAKS
_FORMULA_AHEAD = f"(?=[\\s\"]*[{re.escape(FORMULA_START)}])"
_AFTER_SEPARATOR = re.compile(f"(?<=[{re.escape(SEPARATORS)}]){_FORMULA_AHEAD}")
_AT_START = re.compile(f"^{_FORMULA_AHEAD}")


def neutralise(cell: str) -> str:
    """The text with every place a spreadsheet could start a formula made plain text.

    A quote goes straight after the separator (not after the blanks that follow it), so a split on a
    blank that is itself a separator (a tab) or a formula start (a carriage return) stays safe too.
    """
    text = _AFTER_SEPARATOR.sub("'", cell)
    return _AT_START.sub("'", text)


def csv_text(header: Sequence[str], rows: Iterable[Sequence[object]], *, bom: bool = True) -> str:
    """RFC 4180 text (CRLF), every cell quoted, every text cell neutralised; a BOM so Excel reads UTF-8."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_ALL)
    writer.writerow([neutralise(h) for h in header])
    for row in rows:
        writer.writerow([neutralise(v) if isinstance(v, str) else ("" if v is None else v) for v in row])
    return ("\ufeff" if bom else "") + buffer.getvalue()
