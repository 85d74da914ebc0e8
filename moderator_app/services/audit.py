"""The audit log: who decided what and when (undo included), and what was erased, purged, exported, sent.

Other features log through :func:`record_event` (erasure, purge, spot and access exports, notifications).
The log outlives the people it is about: an erased submission's trace stays, so nothing personal may go
in. ``details`` is checked before it is written — ids, counts, codes, presets; a key that names personal
data (name, e-mail, phone, note, message, town …) or a value that looks like an e-mail address or a phone
number is refused with :class:`PersonalDataInAudit`, a programming error the tests catch.

The window and the ``audit`` command read :func:`audit_log`; CSV goes through base/csvsafe.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from typing import Any

from moderator_app.base.csvsafe import csv_text
from moderator_app.db import audit as db_audit
from moderator_app.db.audit import AuditRow
from moderator_app.db.cache import Cache

__all__ = [
    "CSV_COLUMNS", "KINDS", "AuditRow", "PersonalDataInAudit", "audit_csv", "audit_log", "details_text",
    "moderators", "parse_since", "record_event", "row_to_dict",
]

KINDS: tuple[str, ...] = (
    "decision", "undo", "erase", "purge", "export_spot", "export_access", "notify", "blocking_confirmed",
)  # fmt: skip
"""``decision`` and ``undo`` are read from the decisions; the others are events recorded here."""

_PERSONAL_KEYS = re.compile(
    r"name|mail|phone|note|message|town|address|relationship|recipient|sender|title|path|raw",
    re.IGNORECASE,
)
"""A details key containing one of these words could carry a person's data (``path``: an export folder the
user may have named after the person)."""
_EMAIL = re.compile(r"[^\s@]+@[^\s@]+\.[^\s@]+")
_PHONE = re.compile(r"\+?[\d .\-()]{8,}")
"""Phone-like text; only refused with a ``+`` or a space in it, so dates and numeric ids stay allowed."""

CSV_COLUMNS: tuple[str, ...] = ("at", "kind", "subject_id", "moderator", "details")


class PersonalDataInAudit(ValueError):
    """A caller tried to put something that may identify a person into the audit log."""


def _scalars(value: Any) -> Iterable[Any]:
    if isinstance(value, Mapping):
        for key, inner in value.items():
            yield key
            yield from _scalars(inner)
    elif isinstance(value, list | tuple):
        for inner in value:
            yield from _scalars(inner)
    else:
        yield value


def check_details(details: Mapping[str, Any]) -> None:
    """Refuse details that may carry personal data (see the module's docstring)."""
    for key in _keys(details):
        if _PERSONAL_KEYS.search(key):
            raise PersonalDataInAudit(f"audit details may not carry {key!r}")
    for value in _scalars(details):
        if not isinstance(value, str | int | float | bool | type(None)):
            raise PersonalDataInAudit(f"audit details hold plain values only, not {type(value).__name__}")
        if isinstance(value, str) and (_EMAIL.search(value) or _phone_like(value)):
            raise PersonalDataInAudit("audit details may not carry an e-mail address or a phone number")


def _phone_like(text: str) -> bool:
    return bool(_PHONE.fullmatch(text.strip())) and ("+" in text or " " in text.strip()) and (
        sum(c.isdigit() for c in text) >= 8
    )


def _keys(value: Any) -> Iterable[str]:
    if isinstance(value, Mapping):
        for key, inner in value.items():
            yield str(key)
            yield from _keys(inner)
    elif isinstance(value, list | tuple):
        for inner in value:
            yield from _keys(inner)


def record_event(
    cache: Cache, kind: str, subject_id: str, moderator: str, details: Mapping[str, Any] | None = None,
    *, at: str | None = None,
) -> int:
    """Append one event (``erase``, ``purge``, ``export_spot``, ``export_access``, ``notify`` …) in its own
    transaction; return its sequence number. ``details`` without personal data: it is checked.

    A caller already inside a unit of work (an erasure) uses ``db.audit.insert_event`` after
    :func:`check_details`, so the trace commits with the change it describes.
    """
    body = dict(details or {})
    check_details(body)
    return db_audit.record_event(cache.db, kind, subject_id, moderator, body, at)


def parse_since(text: str) -> str:
    """``2020-04-02`` (midnight UTC) or an ISO 8601 time with its offset, as a stored UTC timestamp.

    Stored times are ``YYYY-MM-DDTHH:MM:SS[.fff]Z``; comparing text against this form compares times.
    """
    value = text.strip()
    try:
        if len(value) == 10:
            moment = dt.datetime.combine(dt.date.fromisoformat(value), dt.time(), dt.UTC)
        else:
            moment = dt.datetime.fromisoformat(value)
            if moment.tzinfo is None:
                moment = moment.replace(tzinfo=dt.UTC)
    except ValueError as exc:
        raise ValueError(f"not a date: {text!r} (use YYYY-MM-DD or an ISO 8601 time)") from exc
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-4] + "Z"


def audit_log(cache: Cache, *, moderator: str | None = None, since: str | None = None,
              subject_id: str | None = None) -> list[AuditRow]:
    """Every entry, oldest first; ``since`` is a stored-form timestamp (see :func:`parse_since`)."""
    return db_audit.entries(cache.db, moderator=moderator, since=since, subject_id=subject_id)


def moderators(cache: Cache) -> list[str]:
    return db_audit.moderators(cache.db)


def details_text(details: Mapping[str, Any]) -> str:
    """``key=value`` pairs, lists joined by ``+``: one readable cell for the table and the CSV."""
    parts = []
    for key, value in sorted(details.items()):
        shown = "+".join(str(v) for v in value) if isinstance(value, list | tuple) else value
        parts.append(f"{key}={shown}")
    return " ".join(parts)


def row_to_dict(row: AuditRow) -> dict[str, Any]:
    return {"at": row.at, "kind": row.kind, "subject_id": row.subject_id, "moderator": row.moderator,
            "details": row.details}


def audit_csv(rows: Iterable[AuditRow]) -> str:
    """The log as CSV a spreadsheet opens as text (a moderator called ``=cmd`` stays a name)."""
    return csv_text(
        CSV_COLUMNS, ([r.at, r.kind, r.subject_id, r.moderator, details_text(r.details)] for r in rows)
    )
