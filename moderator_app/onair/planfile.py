"""Reading a media plan file a stranger sent into rows of cells, CSV or ``.xlsx``, within fixed bounds.

The media agency's file is hostile input like any other: it may be huge, not a spreadsheet at all, a zip
bomb named ``.xlsx``, or a sheet that declares a million columns. Every bound is checked before the work
it protects (the size before reading, the archive's declared sizes before unzipping, the header's width
before reading rows), so a bad file is refused with a reason and nothing hangs. Cells keep their types
here (an ``.xlsx`` date stays a date); ``plan.py`` validates and normalises them.
"""

from __future__ import annotations

import csv
import io
import os
import zipfile
from collections.abc import Iterator
from pathlib import Path

from moderator_app.base.plainfile import NotPlain, open_plain

__all__ = ["MAX_BYTES", "MAX_COLUMNS", "MAX_ROWS", "PlanFileError", "RawRow", "read_rows"]

MAX_BYTES = 32 << 20
"""32 MB: a 100,000-slot plan in CSV is about 10 MB, in ``.xlsx`` less."""
MAX_ROWS = 100_000
"""Slots in one plan: a national campaign buys hundreds; a year of every channel of a country, thousands."""
MAX_COLUMNS = 64
"""Columns read from the header; further ones are ignored like any unknown column."""
MAX_UNZIPPED = 256 << 20
"""What an ``.xlsx`` may declare once unzipped, all parts together (a 100,000-row sheet is ~25 MB)."""
MAX_RATIO = 200
"""Compression ratio a part may declare: XML compresses ~10-20x; a zip bomb, thousands of times."""
MAX_PARTS = 2_000

RawRow = tuple[int, dict[str, object]]
"""(line number as the spreadsheet shows it, header name -> cell)."""


class PlanFileError(ValueError):
    """The file cannot be read as a media plan at all (before any row is looked at)."""


def read_rows(path: Path) -> tuple[list[str], Iterator[RawRow]]:
    """The header (names lower-cased and trimmed) and the data rows, fully empty rows left out.

    Raises PlanFileError (too large, not CSV or ``.xlsx``, a suspicious archive, no header) and OSError
    (missing file, no permission)."""
    data = _read_bounded(path)
    if data.startswith(b"PK\x03\x04"):
        return _xlsx_rows(data)
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise PlanFileError("an old Excel .xls workbook: save it as .xlsx or CSV (UTF-8)")
    return _csv_rows(data)


def _read_bounded(path: Path) -> bytes:
    try:
        fd, info = open_plain(path)
    except NotPlain as exc:
        raise PlanFileError(f"{path.name} is {exc}: give the plan file itself") from None
    with os.fdopen(fd, "rb") as f:
        if info.st_size > MAX_BYTES:
            raise PlanFileError(f"the file is {info.st_size >> 20} MB; a media plan is at most {MAX_BYTES >> 20} MB")
        data = f.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise PlanFileError(f"the file is larger than {MAX_BYTES >> 20} MB")
    if not data.strip():
        raise PlanFileError("the file is empty")
    return data


# CSV ------------------------------------------------------------------------------------------------------


def _csv_rows(data: bytes) -> tuple[list[str], Iterator[RawRow]]:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise PlanFileError("UTF-16 text (Excel's \"Unicode text\"): export the plan as CSV UTF-8")
    if b"\x00" in data:
        raise PlanFileError("not a CSV or .xlsx file (binary content)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise PlanFileError(f"not UTF-8 text (byte {exc.start + 1}): export the plan as CSV UTF-8") from None
    first = text.split("\n", 1)[0]
    delimiter = max(";,\t", key=first.count)  # French spreadsheets write ';', others ',', "Text (Tab delimited)" tabs
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        header_cells = next(reader)
    except (StopIteration, csv.Error) as exc:
        raise PlanFileError(f"no header row ({exc or 'empty'})") from None
    header = _header(header_cells)

    def rows() -> Iterator[RawRow]:
        line = 1
        while True:
            try:
                cells = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                raise PlanFileError(f"line {line + 1}: not readable as CSV ({exc})") from None
            line += 1
            if any(cell.strip() for cell in cells):
                yield line, _by_name(header, cells)

    return header, rows()


# xlsx -----------------------------------------------------------------------------------------------------


def _check_archive(data: bytes) -> None:
    """Refuse before unzipping anything: too many parts, too large or too compressed, or XML that
    declares a DTD (entity expansion: the XML parser bounds it, but a plan never needs one)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError):
        raise PlanFileError("a damaged zip or .xlsx file") from None
    with archive:
        parts = archive.infolist()
        if len(parts) > MAX_PARTS:
            raise PlanFileError(f"an archive of {len(parts)} parts: not a media plan workbook")
        if "xl/workbook.xml" not in archive.namelist():
            raise PlanFileError("a zip archive that is not an .xlsx workbook")
        total = sum(p.file_size for p in parts)
        if total > MAX_UNZIPPED:
            raise PlanFileError(f"the workbook unzips to {total >> 20} MB (at most {MAX_UNZIPPED >> 20} MB)")
        for part in parts:
            if part.file_size > 1 << 20 and part.file_size > MAX_RATIO * max(part.compress_size, 1):
                raise PlanFileError(f"{part.filename[:60]} is compressed {part.file_size // max(part.compress_size, 1)}"
                                    " times: refused as a zip bomb")
            if part.filename.endswith((".xml", ".rels")):
                with archive.open(part) as f:
                    head = f.read(4096)
                if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
                    raise PlanFileError(f"{part.filename[:60]} declares a DTD: refused")


def _xlsx_rows(data: bytes) -> tuple[list[str], Iterator[RawRow]]:
    _check_archive(data)
    from openpyxl import load_workbook  # only when a workbook comes: the CSV path does not pay for it

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as exc:  # noqa: BLE001  # openpyxl raises whatever its parsers raise on a broken part
        raise PlanFileError(f"not a readable .xlsx workbook ({type(exc).__name__})") from None
    sheet = book.worksheets[0] if book.worksheets else None
    if sheet is None:
        book.close()
        raise PlanFileError("the workbook has no sheet")
    sheet.reset_dimensions()  # type: ignore[union-attr]  # a declared A1:XFD1048576 must not pad every row
    rows = enumerate(sheet.iter_rows(min_row=1, max_col=MAX_COLUMNS, max_row=MAX_ROWS + 2, values_only=True),
                     start=1)
    _, first = next(((n, r) for n, r in rows if any(_filled(c) for c in r)), (0, None))
    if first is None:
        book.close()
        raise PlanFileError("the first sheet is empty")
    names = ["" if c is None else str(c) for c in first]
    while names and not names[-1].strip():
        names.pop()
    header = _header(names)
    width = len(names)

    def data_rows() -> Iterator[RawRow]:
        try:
            for line, values in rows:  # numbered as the sheet numbers them, empty rows above the header too
                cells = list(values[:width])
                if any(_filled(c) for c in cells):
                    yield line, _by_name(header, cells)
        finally:
            book.close()

    return header, data_rows()


# shared ---------------------------------------------------------------------------------------------------


def _filled(cell: object) -> bool:
    return cell is not None and str(cell).strip() != ""


def _header(cells: list[str]) -> list[str]:
    names = [cell.strip().lstrip("\ufeff").strip().lower() for cell in cells[:MAX_COLUMNS]]
    seen: set[str] = set()
    for name in names:
        if name and name in seen:
            raise PlanFileError(f"the column {name[:40]!r} appears twice in the header")
        seen.add(name)
    return names


def _by_name(header: list[str], cells: list[object] | list[str]) -> dict[str, object]:
    """Named cells; a cell beyond the header is ignored, a missing one is None."""
    return {name: (cells[i] if i < len(cells) else None) for i, name in enumerate(header) if name}
