"""Telling each sender when their message airs, exactly once (docs on-air.md, "The notification").

For every due (submission, slot) pair the journal row is written ``sending`` and committed, then the relay
or the platform is called, then the row is marked ``sent`` (or deferred, failed). A rerun skips what is
sent; a row found ``sending`` was interrupted between the call and the mark ("in doubt"): on the platform
path it is sent again (the idempotency key makes that harmless), on SMTP it is reported and left alone
unless ``resend_in_doubt`` (a relay cannot say whether it took it). A slot that moved after its message
went out leaves the row ``outdated`` (or ``sent`` with another instant): re-sent only with
``resend_outdated``. 4xx answers are retried a few times with backoff within the run, then left
``deferred`` for the next one; 5xx are ``failed`` with the server's reason.

A dry run writes one ``.eml`` per message into a folder (named from ids only) and records nothing. Each run
leaves one audit event with counts only.
"""

from __future__ import annotations

import dataclasses
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from moderator_app.base.durable import write_atomic
from moderator_app.db import notifications as ndb
from moderator_app.db.cache import Cache
from moderator_app.db.notifications import Pair
from moderator_app.onair.compose import Composed
from moderator_app.onair.mail import BadAddress, notification_id
from moderator_app.onair.message import Templates, campaign_templates
from moderator_app.onair.rate import TokenBucket
from moderator_app.onair.smtp import Delivery, RelayUnavailable
from moderator_app.services.audit import record_event
from moderator_app.services.channels import Channel, compose_pair
from moderator_app.services.consent import accepted_terms, terms_accepted
from moderator_app.sources.lock import exclusive

DEFAULT_RATE = 5.0
"""Messages a second when the campaign sets nothing (a relay's usual courtesy limit)."""
RETRIES = 3
BACKOFF_S = 0.5
DRY_RUN_SENDER = "notifications@moderator-app.invalid"
_SAFE = re.compile(r"[^A-Za-z0-9_.-]")

Progress = Callable[[int, int], None]
"""``(done, total)`` after each message."""


class NotifyBusy(RuntimeError):
    """Another notify run (window or command) is sending for this cache."""


NOTIFY_LOCK = "notify.lock"


@dataclass(frozen=True, slots=True)
class NotifyOptions:
    rate: float = DEFAULT_RATE
    resend_outdated: bool = False
    resend_in_doubt: bool = False
    retries: int = RETRIES
    backoff_s: float = BACKOFF_S


@dataclass(slots=True)
class NotifyReport:
    sent: int = 0
    failed: int = 0
    skipped: int = 0
    in_doubt: int = 0
    deferred: int = 0
    outdated: int = 0
    """Rows whose slot moved after their message went out, not re-sent (counted in ``skipped`` too)."""
    written: int = 0
    """Dry run: ``.eml`` files written."""
    unreachable: int = 0
    """Pairs this path cannot reach (no e-mail address), not recorded (counted in ``skipped`` too)."""
    in_doubt_pairs: list[tuple[str, str]] = field(default_factory=list)
    failures: list[tuple[str, str, str]] = field(default_factory=list)
    """(submission id, slot id, reason): no address, no name."""
    stopped: str | None = None
    """Why the run ended before the last message (relay unreachable, cancelled)."""

    @property
    def partial(self) -> bool:
        return bool(self.deferred or self.in_doubt or self.stopped)

    def to_dict(self) -> dict[str, Any]:
        return {
            "sent": self.sent, "failed": self.failed, "skipped": self.skipped, "in_doubt": self.in_doubt,
            "deferred": self.deferred, "outdated": self.outdated, "written": self.written,
            "unreachable": self.unreachable,
            "in_doubt_pairs": [{"submission_id": s, "slot_id": t} for s, t in self.in_doubt_pairs],
            "failures": [{"submission_id": s, "slot_id": t, "reason": r} for s, t, r in self.failures],
            "stopped": self.stopped,
        }


@dataclass(frozen=True, slots=True)
class Due:
    """A pair with what this run will do with it: ``send``, ``skip``, ``in_doubt`` or ``outdated``."""

    pair: Pair
    action: str
    notification: str


def plan(cache: Cache, *, resends_in_doubt: bool, options: NotifyOptions) -> list[Due]:
    """Every pair a slot notifies, with this run's action for it (consent re-checked against the terms)."""
    accepted = accepted_terms(cache)
    out: list[Due] = []
    for pair in ndb.due_pairs(cache.db):
        if not terms_accepted(accepted, pair.consent_terms):
            continue
        out.append(Due(pair, _action(pair, resends_in_doubt, options),
                       notification_id(pair.submission_id, pair.slot_id)))
    return out


def _action(pair: Pair, resends_in_doubt: bool, options: NotifyOptions) -> str:
    moved = pair.state in ("sent", "outdated") and (pair.state == "outdated" or pair.sent_air_at != pair.air_at)
    if pair.state is None or pair.state == "deferred":
        return "send"
    if moved:
        return "send" if options.resend_outdated else "outdated"
    if pair.state == "sending":
        return "send" if resends_in_doubt or options.resend_in_doubt else "in_doubt"
    return "skip"  # sent (same instant) or failed (a 5xx is final)


class NotifyService:
    def __init__(self, cache: Cache, moderator: str) -> None:
        self.cache = cache
        self.moderator = moderator

    def templates(self, chosen: Path | None = None) -> Templates:
        """The campaign's templates, checked: TemplateProblem before anything is sent."""
        return campaign_templates(self.cache.data_dir, chosen)

    def plan(self, options: NotifyOptions | None = None, *, resends_in_doubt: bool = False) -> list[Due]:
        return plan(self.cache, resends_in_doubt=resends_in_doubt, options=options or NotifyOptions())

    def preview(self, templates: Templates, submission_id: str, slot_id: str, sender: str) -> Composed:
        """The exact message one pair would get (LookupError when the slot does not notify that submission)."""
        pairs = ndb.due_pairs(self.cache.db, submission_id=submission_id, slot_id=slot_id)
        if not pairs:
            raise LookupError("this slot does not notify this submission (not placed, no consent, or erased)")
        pair = pairs[0]
        return compose_pair(templates, pair, notification_id(pair.submission_id, pair.slot_id), sender)

    def run(self, channel: Channel, options: NotifyOptions, *, cancel: threading.Event | None = None,
            progress: Progress | None = None) -> NotifyReport:
        """Send every due notification through ``channel``; the counts (AuthError from the platform is raised
        after the current row is left ``deferred``)."""
        try:
            with exclusive(self.cache.data_dir / NOTIFY_LOCK,
                           lambda: NotifyBusy("another notify run is sending for this campaign")):
                return self._run(channel, options, cancel, progress)
        finally:
            channel.close()

    def _run(self, channel: Channel, options: NotifyOptions, cancel: threading.Event | None,
             progress: Progress | None) -> NotifyReport:
        report = NotifyReport()
        items = self.plan(options, resends_in_doubt=channel.resends_in_doubt)
        bucket = TokenBucket(options.rate)
        todo = [d for d in items if d.action == "send"]
        _count_unsent(report, items)
        try:
            if todo:
                channel.open()
            for done, due in enumerate(todo):
                if (cancel is not None and cancel.is_set()) or not bucket.acquire(cancel):
                    report.stopped = "cancelled"
                    break
                if not self._one(channel, due, options, report, cancel):
                    break
                if progress is not None:
                    progress(done + 1, len(todo))
        finally:
            self._audit(channel.path, report, dry_run=False)
        return report

    def _one(self, channel: Channel, due: Due, options: NotifyOptions, report: NotifyReport,
             cancel: threading.Event | None) -> bool:
        """Journal, send, mark one pair; False when the run must stop (relay unreachable)."""
        db, pair = self.cache.db, due.pair
        why_not = channel.unreachable(pair)
        if why_not is not None:
            report.skipped += 1
            report.unreachable += 1
            report.failures.append((pair.submission_id, pair.slot_id, why_not))
            return True
        ndb.begin(db, pair, channel.path, due.notification)
        # the platform client already retried within its call deadline: a deferral there waits for the next run
        tries = options if channel.path == "smtp" else dataclasses.replace(options, retries=0)
        try:
            delivery = _with_retries(lambda: channel.deliver(pair, due.notification), tries, cancel)
        except RelayUnavailable as exc:
            ndb.finish(db, pair.submission_id, pair.slot_id, "deferred", str(exc))
            report.deferred += 1
            report.stopped = str(exc)
            return False
        except Exception:
            ndb.finish(db, pair.submission_id, pair.slot_id, "deferred", "interrupted by an error")
            raise
        ndb.finish(db, pair.submission_id, pair.slot_id, delivery.outcome, delivery.reason or None)
        if delivery.outcome == "sent":
            report.sent += 1
        elif delivery.outcome == "deferred":
            report.deferred += 1
        else:
            report.failed += 1
            report.failures.append((pair.submission_id, pair.slot_id, delivery.reason))
        return True

    def dry_run(self, folder: Path, templates: Templates, sender: str | None,
                options: NotifyOptions | None = None) -> NotifyReport:
        """One ``.eml`` per message this run would send, into ``folder``; nothing sent, nothing recorded."""
        report = NotifyReport()
        items = self.plan(options, resends_in_doubt=False)
        _count_unsent(report, items)
        folder.mkdir(parents=True, exist_ok=True)
        for due in (d for d in items if d.action == "send"):
            try:
                composed = compose_pair(templates, due.pair, due.notification, sender or DRY_RUN_SENDER)
            except BadAddress:
                report.skipped += 1
                report.unreachable += 1
                report.failures.append((due.pair.submission_id, due.pair.slot_id, "no usable e-mail address"))
                continue
            write_atomic(folder / eml_name(due.pair.submission_id, due.pair.slot_id, due.notification),
                         composed.email.as_bytes())
            report.written += 1
        self._audit("dry_run", report, dry_run=True)
        return report

    def _audit(self, via: str, report: NotifyReport, *, dry_run: bool) -> None:
        record_event(self.cache, "notify", "", self.moderator, {
            "via": via, "dry_run": dry_run, "sent": report.sent, "failed": report.failed,
            "skipped": report.skipped, "in_doubt": report.in_doubt, "deferred": report.deferred,
            "written": report.written,
        })


def _count_unsent(report: NotifyReport, items: list[Due]) -> None:
    for due in items:
        if due.action == "in_doubt":
            report.in_doubt += 1
            report.in_doubt_pairs.append((due.pair.submission_id, due.pair.slot_id))
        elif due.action in ("skip", "outdated"):
            report.skipped += 1
            report.outdated += due.action == "outdated"


def _with_retries(send: Callable[[], Delivery], options: NotifyOptions,
                  cancel: threading.Event | None) -> Delivery:
    """4xx (deferred) answers tried again ``options.retries`` times, waiting 1, 2, 4 … × ``backoff_s``."""
    delivery = send()
    for attempt in range(max(0, options.retries)):
        if delivery.outcome != "deferred":
            break
        wait = options.backoff_s * (2 ** attempt)
        if (cancel.wait(wait) if cancel is not None else threading.Event().wait(wait)):
            break
        delivery = send()
    return delivery


def eml_name(submission_id: str, slot_id: str, notification: str) -> str:
    """``<submission>--<slot>.eml`` from the ids (characters outside ``A-Z a-z 0-9 _ . -`` replaced);
    the stable id instead when that would be empty or too long. Never built from a name."""
    name = f"{_SAFE.sub('_', submission_id)}--{_SAFE.sub('_', slot_id)}".strip(".")
    return f"{name}.eml" if 0 < len(name) <= 140 else f"{notification}.eml"
