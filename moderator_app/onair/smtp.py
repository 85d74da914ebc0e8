"""The agency's SMTP relay: one connection for a whole run, STARTTLS or TLS, and the answer classes.

Plain SMTP (no TLS) is allowed only to this machine (a host that resolves to loopback addresses only): the
password and every address would otherwise cross the network in clear. The password is handed in by the
caller (keyring or ``MODERATOR_SMTP_PASSWORD``) and never logged; neither is any address. The relay's answer
decides the notification's state: 2xx accepted, 4xx deferred (try again later), 5xx failed with the
server's words, addresses scrubbed out of them (the reason is stored).
"""

from __future__ import annotations

import ipaddress
import re
import smtplib
import socket
import ssl
from dataclasses import dataclass, field
from email.message import EmailMessage
from pathlib import Path
from types import TracebackType
from typing import Literal, Self

from moderator_app.onair.message import one_line

Security = Literal["starttls", "tls", "plain"]
Outcome = Literal["sent", "deferred", "failed"]
MAX_REASON = 200
_EMAILISH = re.compile(r"<?[^\s<>@]+@[^\s<>]+>?")


class RelayRefused(ValueError):
    """The relay settings cannot be used (plain SMTP off loopback, no STARTTLS, login refused)."""


class RelayUnavailable(OSError):
    """The relay cannot be reached or keeps dropping the connection: stop the run, try again later."""


@dataclass(frozen=True, slots=True)
class RelaySettings:
    host: str
    port: int
    security: Security
    user: str | None = None
    password: str | None = field(default=None, repr=False)
    cafile: Path | None = None
    """A CA bundle to trust besides the system's (a relay with an in-house certificate; the tests)."""
    timeout_s: float = 30.0


@dataclass(frozen=True, slots=True)
class Delivery:
    outcome: Outcome
    code: int
    reason: str
    """The server's words, without any address; empty when accepted."""


def parse_host_port(text: str) -> tuple[str, int]:
    """``HOST:PORT`` (``[v6]:PORT`` too); ValueError saying what is wrong."""
    host, sep, port = text.strip().rpartition(":")
    host = host.strip("[]")
    if not sep or not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise ValueError("the SMTP relay is HOST:PORT (for example smtp.agency.example:587)")
    return host, int(port)


def is_loopback(host: str, port: int) -> bool:
    """True when every address ``host`` resolves to is a loopback address (127.0.0.0/8, ::1)."""
    try:
        infos = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
    except (OSError, UnicodeError):
        return False
    addresses = {info[4][0] for info in infos}
    return bool(addresses) and all(ipaddress.ip_address(str(a).split("%")[0]).is_loopback for a in addresses)


def scrub(text: str) -> str:
    """The server's reason fit to store and show: one line, addresses replaced, bounded."""
    return one_line(_EMAILISH.sub("<address>", text), MAX_REASON)


def classify(code: int, message: bytes | str) -> Delivery:
    """2xx sent, 4xx deferred, anything else failed; the reason is ``<code> <the server's words>``, scrubbed."""
    if 200 <= code < 300:
        return Delivery("sent", code, "")
    words = message.decode("utf-8", "replace") if isinstance(message, bytes) else str(message)
    return Delivery("deferred" if 400 <= code < 500 else "failed", code, scrub(f"{code} {words}"))


class SmtpRelay:
    """One relay connection, opened on the first send and kept for the batch; reopened once when dropped."""

    def __init__(self, settings: RelaySettings) -> None:
        self.settings = settings
        self._smtp: smtplib.SMTP | None = None
        if settings.security == "plain" and not is_loopback(settings.host, settings.port):
            raise RelayRefused("plain SMTP is only allowed to this machine (a loopback address); use --starttls "
                               "(port 587) or --tls (port 465)")
        if settings.user and not settings.password:
            raise RelayRefused("a relay user is set but no password: store it in the keyring or set "
                               "MODERATOR_SMTP_PASSWORD")

    def _context(self) -> ssl.SSLContext:
        cafile = self.settings.cafile
        return ssl.create_default_context(cafile=str(cafile) if cafile is not None else None)

    def connect(self) -> None:
        """Open, secure and log in; RelayUnavailable when unreachable, RelayRefused when refused."""
        s = self.settings
        try:
            if s.security == "tls":
                smtp: smtplib.SMTP = smtplib.SMTP_SSL(s.host, s.port, timeout=s.timeout_s, context=self._context())
            else:
                smtp = smtplib.SMTP(s.host, s.port, timeout=s.timeout_s)
            smtp.ehlo()
            if s.security == "starttls":
                if not smtp.has_extn("starttls"):
                    smtp.close()
                    raise RelayRefused("the relay does not offer STARTTLS")
                smtp.starttls(context=self._context())
                smtp.ehlo()
            if s.user:
                smtp.login(s.user, s.password or "")
        except smtplib.SMTPAuthenticationError as exc:
            raise RelayRefused(f"the relay refused the login ({exc.smtp_code})") from None
        except ssl.SSLError as exc:
            raise RelayRefused(f"TLS with the relay failed ({type(exc).__name__}: {exc.reason or 'handshake'})") \
                from None
        except smtplib.SMTPNotSupportedError:
            raise RelayRefused("the relay does not support what was asked (login or STARTTLS)") from None
        except (OSError, smtplib.SMTPException) as exc:
            raise RelayUnavailable(f"cannot reach the SMTP relay ({type(exc).__name__})") from None
        self._smtp = smtp

    def send(self, msg: EmailMessage, sender: str, to: str) -> Delivery:
        """Hand one message to the relay; its answer as a Delivery. RelayUnavailable when the connection
        cannot be (re)made."""
        for attempt in (1, 2):
            if self._smtp is None:
                self.connect()
            assert self._smtp is not None
            try:
                refused = self._smtp.send_message(msg, from_addr=sender, to_addrs=[to])
            except smtplib.SMTPServerDisconnected:
                self._drop()
                if attempt == 2:
                    raise RelayUnavailable("the SMTP relay closed the connection twice") from None
                continue
            except smtplib.SMTPRecipientsRefused as exc:
                code, words = next(iter(exc.recipients.values()), (550, b"recipient refused"))
                self._reset()
                return classify(int(code), words)
            except smtplib.SMTPResponseException as exc:  # sender refused, data refused, 4xx/5xx to a command
                self._reset()
                return classify(int(exc.smtp_code), exc.smtp_error)
            except OSError as exc:
                self._drop()
                if attempt == 2:
                    raise RelayUnavailable(f"the SMTP relay connection failed ({type(exc).__name__})") from None
                continue
            if refused:
                code, words = next(iter(refused.values()))
                return classify(int(code), words)
            return Delivery("sent", 250, "")
        raise RelayUnavailable("the SMTP relay could not be used")  # pragma: no cover - the loop returns

    def _reset(self) -> None:
        """After a refused transaction, RSET so the next message starts clean (drop if that fails too)."""
        if self._smtp is None:
            return
        try:
            self._smtp.rset()
        except (OSError, smtplib.SMTPException):
            self._drop()

    def _drop(self) -> None:
        smtp, self._smtp = self._smtp, None
        if smtp is not None:
            try:
                smtp.close()
            except OSError:
                pass

    def close(self) -> None:
        smtp, self._smtp = self._smtp, None
        if smtp is None:
            return
        try:
            smtp.quit()
        except (OSError, smtplib.SMTPException):
            smtp.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()
