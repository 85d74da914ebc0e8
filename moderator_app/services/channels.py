"""The two ways a notification leaves the desk: the agency's SMTP relay, or the platform's notification call.

Both answer one :class:`Delivery` per message (sent, deferred, failed with a reason), so the journal in
services/notify.py treats them alike. What differs: the relay needs the address and the rendered message
(read at send time, never stored); the platform needs neither (it renders and holds the contact), and its
idempotency key makes a re-send after a crash harmless, so rows left in doubt are re-sent on that path only.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import keyring
import keyring.errors

from moderator_app.db.notifications import Pair
from moderator_app.onair.compose import Composed, compose
from moderator_app.onair.mail import BadAddress, checked_address
from moderator_app.onair.message import Notice, Templates, language_of
from moderator_app.onair.smtp import Delivery, RelaySettings, Security, SmtpRelay, parse_host_port
from moderator_app.services.accounts import keyring_usable
from moderator_app.sources.platform.client import PlatformClient
from moderator_app.sources.platform.errors import ProtocolError, RequestRejected, TransientError

SMTP_KEYRING_SERVICE = "moderator-app/smtp"
SMTP_PASSWORD_ENV = "MODERATOR_SMTP_PASSWORD"


class Channel(Protocol):
    path: str
    """Stored in the journal: ``smtp`` or ``platform``."""
    resends_in_doubt: bool
    """Whether a row left ``sending`` by a crash may be sent again without asking (idempotent path)."""

    def open(self) -> None:
        """Connect (and log in) before the first row is journaled: refused settings stop the run clean."""

    def unreachable(self, pair: Pair) -> str | None:
        """Why this path cannot reach the pair's sender at all (no address for e-mail), else None. Such a pair
        is not journaled, so another path (the platform) can still tell them later."""

    def deliver(self, pair: Pair, notification: str) -> Delivery: ...

    def close(self) -> None: ...


def notice_of(pair: Pair) -> Notice:
    return Notice(language_of(pair.language), pair.first_name, pair.channel, pair.programme,
                  air_instant(pair.air_at), pair.timezone, pair.length_s)


def air_instant(text: str) -> dt.datetime:
    moment = dt.datetime.fromisoformat(text)
    return (moment if moment.tzinfo is not None else moment.replace(tzinfo=dt.UTC)).astimezone(dt.UTC)


def compose_pair(templates: Templates, pair: Pair, notification: str, sender: str) -> Composed:
    return compose(templates, notice_of(pair), notification, sender=sender, to=pair.email or "")


@dataclass(slots=True)
class SmtpChannel:
    relay: SmtpRelay
    sender: str
    templates: Templates
    path: str = "smtp"
    resends_in_doubt: bool = False

    def open(self) -> None:
        self.relay.connect()

    def unreachable(self, pair: Pair) -> str | None:
        try:
            checked_address(pair.email)
        except BadAddress:
            return "no usable e-mail address for this submission"
        return None

    def deliver(self, pair: Pair, notification: str) -> Delivery:
        try:
            composed = compose_pair(self.templates, pair, notification, self.sender)
        except BadAddress:
            return Delivery("failed", 0, "no usable e-mail address for this submission")
        return self.relay.send(composed.email, self.sender, pair.email or "")

    def close(self) -> None:
        self.relay.close()


@dataclass(slots=True)
class PlatformChannel:
    client: PlatformClient
    path: str = "platform"
    resends_in_doubt: bool = True

    def open(self) -> None:
        """Nothing to open: the client connects on its first call."""

    def unreachable(self, pair: Pair) -> str | None:
        return None  # the platform holds the consented contact

    def deliver(self, pair: Pair, notification: str) -> Delivery:
        payload = {
            "slot_id": pair.slot_id, "channel": pair.channel, "programme": pair.programme,
            "air_at": air_instant(pair.air_at).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "language": language_of(pair.language), "idempotency_key": notification,
        }
        try:
            self.client.notify(pair.submission_id, payload)
        except RequestRejected as exc:
            if exc.status == 404:
                return Delivery("failed", 404, "unknown submission")
            return Delivery("failed", exc.status, f"HTTP {exc.status} ({exc.error or 'no error code'})")
        except (TransientError, ProtocolError) as exc:  # no clear answer: try again (the key makes it safe)
            return Delivery("deferred", 0, str(exc)[:200])
        return Delivery("sent", 200, "")

    def close(self) -> None:
        self.client.close()


def _account(host: str, user: str) -> str:
    return f"{user}@{host}"


def smtp_password(host: str, user: str) -> str | None:
    """``MODERATOR_SMTP_PASSWORD`` when set, else the keyring's entry for (host, user); never logged."""
    from_env = os.environ.get(SMTP_PASSWORD_ENV)
    if from_env:
        return from_env
    if not keyring_usable():
        return None
    try:
        return keyring.get_password(SMTP_KEYRING_SERVICE, _account(host, user))
    except keyring.errors.KeyringError:
        return None


def save_smtp_password(host: str, user: str, password: str) -> bool:
    """Keep the relay password in the keyring; False when there is no usable keyring (not stored)."""
    if not keyring_usable():
        return False
    try:
        keyring.set_password(SMTP_KEYRING_SERVICE, _account(host, user), password)
    except keyring.errors.KeyringError:
        return False
    return True


def smtp_channel(templates: Templates, address: str, security: Security, sender: str, *,
                 user: str | None = None, password: str | None = None, cafile: Path | None = None) -> SmtpChannel:
    """A relay channel from the window's form; ValueError (readable) for a bad HOST:PORT, RelayRefused for
    plain SMTP off loopback or a user without a password, BadAddress for the sender."""
    host, port = parse_host_port(address)
    chosen = password or (smtp_password(host, user) if user else None)
    relay = SmtpRelay(RelaySettings(host, port, security, user or None, chosen, cafile))
    return SmtpChannel(relay, checked_address(sender, "sender"), templates)


def platform_channel(url: str, token: str) -> PlatformChannel:
    """ValueError (readable, without the address) for an unusable platform address."""
    return PlatformChannel(PlatformClient(url, token))
