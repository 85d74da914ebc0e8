"""The calendar invitation attached to a notification (RFC 5545, one VEVENT, METHOD:PUBLISH).

DTSTART is the slot's UTC instant (``...Z``), so every calendar shows it at the right local time wherever
the relative lives; the UID is stable per (submission, slot), so a re-sent invitation updates the event
instead of adding a second one. Only the channel and the programme go in: no name.
"""

from __future__ import annotations

import datetime as dt

import icalendar

PRODID = "-//moderator-app//notifications//EN"
UID_DOMAIN = "moderator-app.invalid"

SUMMARY: dict[str, str] = {
    "fr": "Votre message passe sur {channel}",
    "en": "Your message airs on {channel}",
    "ar": "رسالتك على {channel}",
}


def summary(language: str, channel: str) -> str:
    return SUMMARY.get(language, SUMMARY["fr"]).format(channel=channel)


def invitation(
    uid: str, air_at: dt.datetime, length_s: int, language: str, channel: str, programme: str,
    *, stamp: dt.datetime | None = None,
) -> bytes:
    """The ``.ics`` bytes for one air slot; ``uid`` is the notification's stable id."""
    start = air_at.astimezone(dt.UTC)
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    event = icalendar.Event()
    event.add("uid", f"{uid}@{UID_DOMAIN}")
    event.add("dtstamp", (stamp or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).replace(microsecond=0))
    event.add("dtstart", start)
    event.add("dtend", start + dt.timedelta(seconds=max(int(length_s), 1)))
    event.add("summary", summary(language, channel))
    event.add("location", channel)
    if programme:
        event.add("description", programme)
    calendar.add_component(event)
    return bytes(calendar.to_ical())
