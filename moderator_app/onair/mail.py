"""One notification as an e-mail: multipart/alternative (text, HTML) plus the ``.ics`` invitation.

The Message-ID is built from the notification's stable id (one per submission and slot), so a relay or a
mailbox that sees the same message twice can tell; the same id is the platform's idempotency key. The
subject arrives folded onto one line (message.py) and the addresses are checked here: nothing a stranger
typed can add a header. Names are in the bodies only.
"""

from __future__ import annotations

import datetime as dt
import email.policy
import email.utils
import hashlib
import re
from email.message import EmailMessage

from moderator_app.onair.message import Rendered

ID_DOMAIN = "moderator-app.invalid"
"""Message-ID domain when the sender address has none usable."""
ICS_NAME = "invitation.ics"
_ADDRESS = re.compile(r"[^\s@<>()\[\],;:\"\\]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?", re.ASCII)
_DOMAIN = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?", re.ASCII)


class BadAddress(ValueError):
    """An address that cannot go into a header (the text never repeats it)."""


def notification_id(submission_id: str, slot_id: str) -> str:
    """Stable per (submission, slot): 32 hex characters, the same on every run and every machine."""
    return hashlib.sha256(f"notification\x00{submission_id}\x00{slot_id}".encode()).hexdigest()[:32]


def checked_address(address: str | None, what: str = "recipient") -> str:
    """``address`` when it is one plain ``local@domain`` (ASCII, no display name); BadAddress otherwise."""
    text = (address or "").strip()
    if not _ADDRESS.fullmatch(text):
        raise BadAddress(f"the {what} has no usable e-mail address")
    return text


def message_id_header(notification: str, sender: str) -> str:
    domain = sender.rpartition("@")[2]
    return f"<{notification}@{domain if _DOMAIN.fullmatch(domain) else ID_DOMAIN}>"


def build_email(
    rendered: Rendered, ics: bytes, *, notification: str, sender: str, to: str, date: dt.datetime | None = None,
) -> EmailMessage:
    """The message as the relay receives it; BadAddress when ``sender`` or ``to`` is not a plain address."""
    from_addr = checked_address(sender, "sender")
    to_addr = checked_address(to)
    msg = EmailMessage(policy=email.policy.SMTP)
    msg["Subject"] = rendered.subject
    msg["From"] = from_addr
    msg["To"] = to_addr
    msg["Date"] = email.utils.format_datetime((date or dt.datetime.now(dt.UTC)).astimezone(dt.UTC))
    msg["Message-ID"] = message_id_header(notification, from_addr)
    msg["Auto-Submitted"] = "auto-generated"
    msg.set_content(rendered.text, subtype="plain", charset="utf-8")
    msg.add_alternative(rendered.html, subtype="html", charset="utf-8")
    msg.add_attachment(ics, maintype="text", subtype="calendar", filename=ICS_NAME, params={"method": "PUBLISH"})
    msg["Content-Language"] = rendered.language  # after set_content, which clears the Content-* headers
    return msg
