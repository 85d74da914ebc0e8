"""Countries, time zones and the UTC instant a plan's local time names.

A media agency writes the local wall-clock time the channel announces; the notification, the ``.ics`` and
"aired" need one instant. The zone database (zoneinfo, the IANA tz data) turns one into the other, and it
is the only place the offset comes from: Casablanca's Ramadan suspensions of summer time, or a country
that dropped DST, are right as soon as the tz data is.

Two local times have no single instant:

* a time in the spring-forward gap (Paris, 29 March 2020, 02:00–02:59) never happens on that day's clocks:
  it is refused, since guessing one side would tell every sender the wrong hour;
* a time in the autumn overlap (Paris, 25 October 2020, 02:00–02:59) happens twice: it takes the FIRST
  occurrence (still summer time, ``fold=0``), the one a channel's schedule, printed in advance, means when
  it says "02:30" — and the one the slot reaches first, so no sender is told too late.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import zoneinfo

from babel import Locale

__all__ = ["COUNTRIES", "LocalTimeError", "is_country", "is_zone", "utc_instant"]

_NOT_ISO_3166_1 = frozenset({
    "AC", "CP", "CQ", "DG", "EA", "EU", "EZ", "IC", "TA", "UN",  # exceptionally reserved (CLDR lists them)
    "QO", "XA", "XB", "XK", "ZZ",  # user-assigned codes CLDR uses for its own regions and pseudo-locales
})


def _countries() -> frozenset[str]:
    """ISO 3166-1 alpha-2, from CLDR (Babel's territory names, which follow the ISO list release by
    release), without the codes CLDR adds that ISO 3166-1 does not assign: 249 codes."""
    codes = (str(code) for code in Locale("en").territories)
    codes = (code for code in codes if len(code) == 2 and code.isalpha())
    return frozenset(code for code in codes if code not in _NOT_ISO_3166_1)


COUNTRIES: frozenset[str] = _countries()

_ZONE_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_+-]{0,30}(?:/[A-Za-z0-9][A-Za-z0-9_+-]{0,30}){0,2}$")
_NOT_A_PLACE = frozenset({"localtime", "local", "posixrules", "factory"})


class LocalTimeError(ValueError):
    """The local time names no instant in its zone (the spring-forward gap)."""


def is_country(code: str) -> bool:
    return code in COUNTRIES


@functools.cache
def _zones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


@functools.lru_cache(maxsize=512)
def is_zone(name: str) -> bool:
    """A real IANA zone name (``Europe/Paris``, ``UTC``): never a path, ``localtime`` or the machine's own
    zone, which would make the same plan mean other instants on another computer."""
    if not _ZONE_NAME.match(name) or name.lower() in _NOT_A_PLACE or name.startswith(("posix/", "right/")):
        return False
    return name in _zones()


def utc_instant(day: dt.date, time: dt.time, zone: str) -> dt.datetime:
    """The aware UTC instant of ``day`` ``time`` on the clocks of ``zone`` (a name ``is_zone`` accepted).

    Raises LocalTimeError for a time the clocks skip; an ambiguous time takes its first occurrence."""
    tz = zoneinfo.ZoneInfo(name_checked(zone))
    wall = dt.datetime.combine(day, time)
    first = wall.replace(tzinfo=tz, fold=0)
    instant = first.astimezone(dt.UTC)
    if instant.astimezone(tz).replace(tzinfo=None) != wall:
        before = wall.replace(tzinfo=tz, fold=0).utcoffset()
        after = wall.replace(tzinfo=tz, fold=1).utcoffset()
        jump = abs((after or dt.timedelta()) - (before or dt.timedelta()))
        raise LocalTimeError(
            f"{wall:%Y-%m-%d %H:%M} does not exist in {zone}: the clocks skip {_minutes(jump)} that night "
            "(ask the channel for the time as announced)"
        )
    return instant


def name_checked(zone: str) -> str:
    if not is_zone(zone):
        raise ValueError(f"not an IANA time zone name: {zone[:40]!r}")
    return zone


def _minutes(delta: dt.timedelta) -> str:
    total = int(delta.total_seconds() // 60)
    return f"{total // 60} h" if total % 60 == 0 else f"{total} min"


def iso_z(instant: dt.datetime) -> str:
    """The cache's UTC form: ``YYYY-MM-DDTHH:MM:SSZ``."""
    return instant.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def local_iso(air_at: str, zone: str) -> str:
    """``air_at`` (the cache's UTC form) on the clocks of ``zone``, ISO 8601 with its offset, e.g.
    ``2020-04-10T12:55:00+02:00``: the wall time a viewer reads, and unambiguous on the autumn night."""
    instant = dt.datetime.strptime(air_at, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=dt.UTC)
    return instant.astimezone(zoneinfo.ZoneInfo(name_checked(zone))).isoformat()
