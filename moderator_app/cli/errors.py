"""The one table from exception to exit code and message, applied once at the edge (``run.main``).

Handlers raise; they never print an error or pick an exit code themselves. Where a handler knows
context the exception lacks (which length could not be reached, which brand file was refused), it adds
it with :func:`context`, which Python keeps as an exception note and :func:`describe` puts before the
exception's own text.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import NamedTuple

from moderator_app.cli.codes import (
    EXIT_AUTH,
    EXIT_BUSY,
    EXIT_ERROR,
    EXIT_NOT_FOUND,
    EXIT_PARTIAL,
    EXIT_REFUSED,
    EXIT_TOO_SHORT,
    EXIT_USAGE,
)
from moderator_app.services.errors import (
    AssignmentRefused,
    AuthError,
    BadAddress,
    BatchBusy,
    BrandError,
    ClipAlreadyPlaced,
    ClipNotAllowed,
    ClipTooShort,
    ExportFolderNotEmpty,
    NoSpace,
    NotifyBusy,
    PlanRefused,
    RelayRefused,
    RelayUnavailable,
    SpotError,
    SyncBusy,
    TemplateProblem,
    TimelineError,
    UnknownFlag,
    UnknownSlot,
    UnknownSpot,
    UnknownSubmission,
)


class UsageError(Exception):
    """The command line asks for something that cannot be done as asked (argparse could not tell)."""


class Refused(Exception):
    """The input was read and is invalid (a bad threshold, an unreadable file)."""


class Outcome(NamedTuple):
    """What the user is told: ``label: context…: text`` on stderr, and the exit code."""

    code: int
    label: str
    """``error``, ``refused``, ``busy``…; empty when the context says it all (``cannot reach 30 s``)."""
    text: str
    """Formatted with ``exc`` (the exception) and ``name`` (its type's name)."""


EXIT_CODES: dict[type[Exception], Outcome] = {
    UsageError: Outcome(EXIT_USAGE, "error", "{exc}"),
    Refused: Outcome(EXIT_REFUSED, "refused", "{exc}"),
    FileNotFoundError: Outcome(EXIT_NOT_FOUND, "error", "{exc}"),
    UnknownSubmission: Outcome(EXIT_NOT_FOUND, "not found", "no submission {exc} in the cache"),
    UnknownFlag: Outcome(EXIT_REFUSED, "error", "unknown flag {exc}"),
    SyncBusy: Outcome(EXIT_BUSY, "busy", "{exc}"),
    BatchBusy: Outcome(EXIT_BUSY, "busy", "{exc}"),
    UnknownSpot: Outcome(EXIT_NOT_FOUND, "not found", "no saved spot {exc}"),
    NoSpace: Outcome(EXIT_PARTIAL, "stopped", "{exc}"),
    BrandError: Outcome(EXIT_REFUSED, "refused", "{exc}"),
    ClipNotAllowed: Outcome(EXIT_REFUSED, "refused", "{exc}"),
    ClipAlreadyPlaced: Outcome(EXIT_REFUSED, "refused", "{exc}"),
    ClipTooShort: Outcome(EXIT_TOO_SHORT, "", "{exc}"),
    TimelineError: Outcome(EXIT_USAGE, "error", "{exc}"),
    SpotError: Outcome(EXIT_ERROR, "error", "{exc}"),
    ExportFolderNotEmpty: Outcome(EXIT_REFUSED, "refused", "{exc}"),
    PlanRefused: Outcome(EXIT_REFUSED, "", "{exc}"),
    UnknownSlot: Outcome(EXIT_NOT_FOUND, "not found", "no air slot {exc}"),
    AssignmentRefused: Outcome(EXIT_REFUSED, "refused", "{exc}"),
    TemplateProblem: Outcome(EXIT_REFUSED, "refused", "notification template {exc}"),
    RelayRefused: Outcome(EXIT_REFUSED, "refused", "{exc}"),
    BadAddress: Outcome(EXIT_REFUSED, "refused", "{exc}"),
    RelayUnavailable: Outcome(EXIT_PARTIAL, "stopped", "{exc}; nothing was sent, run again later"),
    AuthError: Outcome(EXIT_AUTH, "refused", "{exc}"),
    NotifyBusy: Outcome(EXIT_BUSY, "busy", "{exc}"),
}
"""Exception class -> outcome; the most specific class in an exception's MRO wins."""

UNEXPECTED = Outcome(EXIT_ERROR, "error", "{name}: {exc}")
"""Anything not in the table is a bug: exit 1, and the message names the exception's type."""


def outcome(exc: Exception) -> Outcome:
    """The table's row for ``exc`` (its own class or the nearest base class listed), else :data:`UNEXPECTED`."""
    return next((EXIT_CODES[cls] for cls in type(exc).__mro__ if cls in EXIT_CODES), UNEXPECTED)


def describe(exc: Exception) -> tuple[int, str]:
    """The exit code and the message for an exception a handler raised, with the context handlers added."""
    row = outcome(exc)
    notes: list[str] = getattr(exc, "__notes__", [])
    text = row.text.format(exc=exc, name=type(exc).__name__)
    return row.code, ": ".join(part for part in (row.label, *notes, text) if part)


@contextmanager
def context(what: str, *kinds: type[Exception]) -> Iterator[None]:
    """Say what was being done when an exception of ``kinds`` goes through, e.g. ``cannot reach 30 s``."""
    try:
        yield
    except kinds as exc:
        exc.add_note(what)
        raise
