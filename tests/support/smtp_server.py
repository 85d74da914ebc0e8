"""A real SMTP server on 127.0.0.1 (aiosmtpd) for the notification tests and the benchmark.

It records every message it accepted (raw bytes, envelope, Message-ID) and can be told to answer the next
messages with a 4xx or 5xx, to refuse a recipient, to hold each DATA for a while before answering (so a
test can kill the client while it waits), and to offer STARTTLS or speak TLS from the first byte.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import email
import email.policy
import socket
import ssl
import subprocess
import threading
from collections import deque
from dataclasses import dataclass
from email.message import EmailMessage
from pathlib import Path
from types import TracebackType
from typing import Any, Self

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


@dataclass(frozen=True)
class Received:
    sender: str
    recipients: tuple[str, ...]
    raw: bytes

    @property
    def message(self) -> EmailMessage:
        parsed = email.message_from_bytes(self.raw, policy=email.policy.default)
        assert isinstance(parsed, EmailMessage)
        return parsed

    @property
    def message_id(self) -> str:
        return str(self.message["Message-ID"])


class _Handler:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.arrived = threading.Condition(self.lock)
        self.received: list[Received] = []
        self.answers: deque[str] = deque()
        self.refuse: dict[str, str] = {}
        self.hold_s = 0.0
        self.data_commands = 0

    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str,
                          rcpt_options: list[str]) -> str:
        with self.lock:
            answer = self.refuse.get(address)
        if answer is not None:
            return answer
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        with self.lock:
            self.data_commands += 1
            answer = self.answers.popleft() if self.answers else None
            hold = self.hold_s
        if answer is not None:
            return answer
        raw = bytes(envelope.original_content or envelope.content)
        with self.arrived:
            self.received.append(Received(str(envelope.mail_from), tuple(envelope.rcpt_tos), raw))
            self.arrived.notify_all()
        if hold:
            await asyncio.sleep(hold)
        return "250 2.0.0 Ok: queued"


class _Authenticator:
    def __init__(self, user: str, password: str) -> None:
        self.user, self.password = user.encode(), password.encode()

    def __call__(self, server: Any, session: Any, envelope: Any, mechanism: str, auth_data: Any) -> AuthResult:
        ok = isinstance(auth_data, LoginPassword) and (auth_data.login, auth_data.password) == (self.user,
                                                                                                   self.password)
        return AuthResult(success=ok, handled=False)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class SmtpServer:
    """``with SmtpServer() as relay:`` then ``relay.port``, ``relay.received``; see the module docstring."""

    def __init__(self, *, starttls: ssl.SSLContext | None = None, tls: ssl.SSLContext | None = None,
                 login: tuple[str, str] | None = None) -> None:
        """``login``: (user, password) the relay requires (AUTH PLAIN/LOGIN, after STARTTLS or over TLS)."""
        self.handler = _Handler()
        self.port = free_port()
        kwargs: dict[str, Any] = {"hostname": "127.0.0.1", "port": self.port}
        if starttls is not None:
            kwargs.update(tls_context=starttls, require_starttls=True)
        if tls is not None:
            kwargs.update(ssl_context=tls)
        if login is not None:
            kwargs.update(authenticator=_Authenticator(*login), auth_required=True)
        self.controller = Controller(self.handler, **kwargs)

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.port}"

    def __enter__(self) -> Self:
        self.controller.start()
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.controller.stop()

    @property
    def received(self) -> list[Received]:
        with self.handler.lock:
            return list(self.handler.received)

    def answer_next(self, *answers: str) -> None:
        """The next DATA commands get these answers (``451 4.3.0 try later``, ``550 5.7.1 no``) instead of 250."""
        with self.handler.lock:
            self.handler.answers.extend(answers)

    def refuse_recipient(self, address: str, answer: str) -> None:
        with self.handler.lock:
            self.handler.refuse[address] = answer

    def hold_each(self, seconds: float) -> None:
        """Wait this long after taking each message before saying 250."""
        with self.handler.lock:
            self.handler.hold_s = seconds

    def wait_for(self, count: int, timeout: float = 30.0) -> bool:
        """Block until ``count`` messages were accepted (True) or ``timeout`` passed (False)."""
        with self.handler.arrived:
            return self.handler.arrived.wait_for(lambda: len(self.handler.received) >= count, timeout)


def self_signed(folder: Path, host: str = "127.0.0.1") -> tuple[Path, Path]:
    """A certificate for ``host`` and its key, PEM files in ``folder`` (the ``cryptography`` package, else
    the openssl command)."""
    cert, key = folder / "cert.pem", folder / "key.pem"
    try:
        _with_cryptography(cert, key, host)
    except ImportError:
        subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj",
                        f"/CN={host}", "-addext", f"subjectAltName=IP:{host}", "-keyout", str(key), "-out",
                        str(cert)], check=True, capture_output=True)
    return cert, key


def _with_cryptography(cert_path: Path, key_path: Path, host: str) -> None:
    import ipaddress

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, host)])
    now = dt.datetime.now(dt.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - dt.timedelta(minutes=5))
            .not_valid_after(now + dt.timedelta(days=2))
            .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address(host))]), False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), True)
            .sign(key, hashes.SHA256()))
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))


def server_context(cert: Path, key: Path) -> ssl.SSLContext:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(str(cert), str(key))
    return context

