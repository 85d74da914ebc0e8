"""A notification put together: the words (message.py), the invitation (ics.py) and the e-mail (mail.py).

The preview in the window, the dry run and the SMTP send all call :func:`compose`, so what the moderator
reads before sending is byte for byte what the relay gets (the Date header and DTSTAMP aside).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from email.message import EmailMessage

from moderator_app.onair.ics import invitation, summary
from moderator_app.onair.mail import build_email
from moderator_app.onair.message import Notice, Rendered, Templates


@dataclass(frozen=True, slots=True)
class Composed:
    rendered: Rendered
    ics: bytes
    ics_summary: str
    email: EmailMessage


def compose(templates: Templates, notice: Notice, notification: str, *, sender: str, to: str,
            now: dt.datetime | None = None) -> Composed:
    """The whole message for one (submission, slot); ``notification`` is its stable id. BadAddress when
    ``sender`` or ``to`` is not a plain address; TemplateProblem when a template breaks."""
    rendered = templates.render(notice)
    ics = invitation(notification, notice.air_at, notice.length_s, rendered.language, notice.channel,
                     notice.programme, stamp=now)
    email = build_email(rendered, ics, notification=notification, sender=sender, to=to, date=now)
    return Composed(rendered, ics, summary(rendered.language, notice.channel), email)
