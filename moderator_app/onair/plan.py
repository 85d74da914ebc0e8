"""The media plan: every row of the agency's file checked against on-air.md, all or nothing.

A plan is refused whole when any row is bad, and the refusal names EVERY bad row (its line as the
spreadsheet shows it, the header being line 1) with its reason: the agency fixes the file once, not once
per error. Cells are text to us, whatever they look like: ``=HYPERLINK(…)`` is a channel name that fails
no rule but is never evaluated. Control characters and bidirectional overrides are refused outright: a
channel name that reads backwards in the schedule view, or a line break in a programme that forges a
line in a notification, is not something an agency means to send.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from moderator_app.onair.planfile import MAX_ROWS, PlanFileError, RawRow, read_rows
from moderator_app.onair.zones import LocalTimeError, is_country, is_zone, iso_z, utc_instant

__all__ = [
    "COLUMNS", "LENGTHS", "BadRow", "PlanRefused", "PlanSlot", "parse_plan", "parse_rows",
]  # fmt: skip

COLUMNS = ("slot_id", "country", "channel", "programme", "air_date", "air_time", "timezone", "length_s")
REQUIRED = tuple(c for c in COLUMNS if c != "programme")
LENGTHS = (10, 15, 20, 30, 45)
"""Spot lengths a channel sells, in seconds (on-air.md)."""
MAX_CELL = {"slot_id": 64, "country": 2, "channel": 80, "programme": 120, "air_date": 10, "air_time": 8,
            "timezone": 64, "length_s": 3}
MAX_SHOWN_ROWS = 1000
"""Bad rows listed in one refusal; past this the refusal says how many more (a plan with a wrong column
fails every row: the first thousand say why as well as all of them would)."""

_SLOT_ID = re.compile(r"^[A-Za-z0-9_.-]{1,64}$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_TIME = re.compile(r"^(\d{2}):(\d{2})(?::(\d{2}))?$")
_FORBIDDEN = re.compile(r"[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029\ufeff]")


@dataclass(frozen=True, slots=True)
class PlanSlot:
    """One air slot as the cache stores it: the plan's local time kept, its UTC instant computed once."""

    slot_id: str
    country: str
    channel: str
    programme: str | None
    air_date: str
    air_time: str
    """``HH:MM:SS``, local at ``timezone``."""
    timezone: str
    air_at: str
    """UTC, ``YYYY-MM-DDTHH:MM:SSZ``."""
    length_s: int


class BadRow(NamedTuple):
    """A (line, reason) pair: unpacks as one, reads by name too."""

    line: int
    """As the spreadsheet numbers it: the header is line 1; 0 for the file as a whole."""
    reason: str


class PlanRefused(ValueError):
    """The plan is refused whole; ``rows`` names every bad row (line 0 when the file itself is the problem)."""

    def __init__(self, rows: list[BadRow], more: int = 0) -> None:
        self.rows = tuple(rows)
        self.more = more
        """Bad rows past :data:`MAX_SHOWN_ROWS`, counted but not listed."""
        count = len(rows) + more
        what = "" if rows and rows[0].line == 0 else f" ({count} bad row{'s' if count != 1 else ''})"
        lines = [f"line {r.line}: {r.reason}" if r.line else r.reason for r in rows]
        if more:
            lines.append(f"… and {more} more bad rows")
        super().__init__("\n".join([f"media plan refused, nothing imported{what}:", *lines]))

    def to_list(self) -> list[dict[str, object]]:
        return [{"line": r.line, "reason": r.reason} for r in self.rows]


def parse_plan(path: Path) -> list[PlanSlot]:
    """Every slot of the plan at ``path`` (CSV or ``.xlsx``), in file order.

    Raises PlanRefused (a bad file, or the list of every bad row) and OSError (missing, unreadable)."""
    try:
        header, rows = read_rows(path)
        return parse_rows(header, rows)
    except PlanFileError as exc:
        raise PlanRefused([BadRow(0, str(exc))]) from None


def parse_rows(header: list[str], rows: Iterable[RawRow]) -> list[PlanSlot]:
    """The slots of already-split rows (``planfile.read_rows``); raises PlanRefused or PlanFileError."""
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise PlanRefused([BadRow(1, f"missing column{'s' if len(missing) > 1 else ''}: {', '.join(missing)}"
                                     f" (the header must name {', '.join(REQUIRED)}; programme is optional)")])
    slots: list[PlanSlot] = []
    bad: list[BadRow] = []
    more = 0
    first_line: dict[str, int] = {}
    for count, (line, cells) in enumerate(rows, start=1):
        if count > MAX_ROWS:
            raise PlanRefused([BadRow(0, f"more than {MAX_ROWS:,} slots in one plan: split it")])
        try:
            slot = _slot(cells)
            if slot.slot_id in first_line:
                raise ValueError(f"slot_id {slot.slot_id} already on line {first_line[slot.slot_id]}")
            first_line[slot.slot_id] = line
            slots.append(slot)
        except ValueError as exc:
            if len(bad) < MAX_SHOWN_ROWS:
                bad.append(BadRow(line, str(exc)))
            else:
                more += 1
    if bad:
        raise PlanRefused(bad, more)
    if not slots:
        raise PlanRefused([BadRow(0, "the plan has a header but no slot")])
    return slots


def _slot(cells: dict[str, object]) -> PlanSlot:
    """One row's slot, or ValueError naming the first wrong cell (a row has one reason, the first)."""
    text = {name: _text(name, cells.get(name)) for name in COLUMNS}
    slot_id = text["slot_id"]
    if not _SLOT_ID.match(slot_id):
        raise ValueError("slot_id must be 1-64 letters, digits, '_', '-' or '.'"
                         if slot_id else "slot_id is empty")
    country = text["country"].upper()
    if not is_country(country):
        raise ValueError(f"country {_shown(country)} is not an ISO 3166-1 alpha-2 code (FR, MA, TN, LU …)"
                         if country else "country is empty")
    channel = _bounded("channel", text["channel"], required=True)
    programme = _bounded("programme", text["programme"], required=False) or None
    day = _date(cells.get("air_date"), text["air_date"])
    clock = _time(cells.get("air_time"), text["air_time"])
    zone = text["timezone"]
    if not is_zone(zone):
        raise ValueError(f"timezone {_shown(zone)} is not an IANA zone name (Europe/Paris, Africa/Casablanca …)"
                         if zone else "timezone is empty")
    length = _length(cells.get("length_s"), text["length_s"])
    try:
        instant = utc_instant(day, clock, zone)
    except LocalTimeError as exc:
        raise ValueError(str(exc)) from None
    return PlanSlot(slot_id, country, channel, programme, day.isoformat(), clock.strftime("%H:%M:%S"), zone,
                    iso_z(instant), length)


def _text(name: str, value: object) -> str:
    if type(value) is str:  # every CSV cell, most .xlsx ones: the checks below are for Excel's own types
        raw = value
    elif value is None:
        return ""
    elif isinstance(value, float) and value.is_integer():
        raw = str(int(value))
    elif isinstance(value, (dt.datetime, dt.date, dt.time)):
        return value.isoformat()
    else:
        raw = str(value)
    cap = MAX_CELL[name]
    if len(raw) > cap * 4 + 64:
        raise ValueError(f"{name} is too long ({len(raw)} characters, {cap} at most)")
    if _FORBIDDEN.search(raw):
        raise ValueError(f"{name} contains a control or text-direction character")
    return unicodedata.normalize("NFC", raw).strip()


def _bounded(name: str, value: str, *, required: bool) -> str:
    if required and not value:
        raise ValueError(f"{name} is empty")
    if len(value) > MAX_CELL[name]:
        raise ValueError(f"{name} is too long ({len(value)} characters, {MAX_CELL[name]} at most)")
    return value


def _date(cell: object, text: str) -> dt.date:
    if isinstance(cell, dt.datetime):
        if cell.time() != dt.time(0):
            raise ValueError("air_date holds a time of day too: give the date alone")
        return cell.date()
    if isinstance(cell, dt.date):
        return cell
    if not text:
        raise ValueError("air_date is empty")
    if not _DATE.match(text):
        raise ValueError(f"air_date {_shown(text)} is not YYYY-MM-DD")
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"air_date {text} is not a real date") from None


def _time(cell: object, text: str) -> dt.time:
    if isinstance(cell, dt.datetime):  # a time cell Excel stored with its 1899-12-30 epoch day
        cell = cell.time()
    if isinstance(cell, dt.timedelta) and dt.timedelta(0) <= cell < dt.timedelta(days=1):
        cell = (dt.datetime.min + cell).time()
    if isinstance(cell, dt.time):
        if cell.microsecond:
            cell = cell.replace(microsecond=0)
        return cell.replace(tzinfo=None)
    if not text:
        raise ValueError("air_time is empty")
    match = _TIME.match(text)
    if not match:
        raise ValueError(f"air_time {_shown(text)} is not HH:MM or HH:MM:SS")
    hours, minutes, seconds = int(match[1]), int(match[2]), int(match[3] or 0)
    if hours > 23 or minutes > 59 or seconds > 59:
        raise ValueError(f"air_time {text} is not a time of day (00:00 to 23:59:59)")
    return dt.time(hours, minutes, seconds)


def _length(cell: object, text: str) -> int:
    if isinstance(cell, bool):
        cell = None
    if isinstance(cell, float) and not cell.is_integer():
        raise ValueError(f"length_s {cell} is not a whole number of seconds")
    try:
        seconds = int(text)
    except ValueError:
        raise ValueError(f"length_s {_shown(text)} is not a number of seconds" if text else "length_s is empty") from None
    if seconds not in LENGTHS:
        raise ValueError(f"length_s {seconds} is not a length sold ({', '.join(map(str, LENGTHS))})")
    return seconds


def _shown(value: str) -> str:
    """A cell quoted in a reason, cut short: a refusal is read by people, and a cell can be anything."""
    return repr(value if len(value) <= 40 else value[:40] + "…")

