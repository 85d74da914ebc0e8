"""The pieces of the platform client that touch httpx directly: TLS, URLs, the token.

Kept apart from the call logic so the rules that protect the token live in one place:
the token only travels over verified TLS (or to this machine's loopback, for tests and local
proxies), only to the platform's own origin, and it never appears in a repr, a log or an error.
"""

from __future__ import annotations

import ipaddress
import json
import ssl
from pathlib import Path
from typing import Any

import httpx

from moderator_app.sources.platform.deadline import DeadlineTransport, time_left
from moderator_app.sources.platform.errors import AnswerTooLarge, ProtocolError

LOOPBACK_NAMES = frozenset({"localhost"})


class Secret:
    """A string that refuses to show itself in reprs, logs and tracebacks."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        if not value or any(ch in value for ch in "\r\n"):
            raise ValueError("the platform token must be a non-empty single line")
        self._value = value

    def reveal(self) -> str:
        return self._value

    def __repr__(self) -> str:
        return "Secret('***')"

    __str__ = __repr__


def is_loopback(host: str) -> bool:
    if host.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_url(url: str | httpx.URL) -> httpx.URL:
    """Accept https:// anywhere and http:// only on loopback, where there is no network to spy on."""
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, TypeError) as exc:
        raise ValueError(f"not a usable URL ({type(exc).__name__})") from None
    if parsed.scheme == "https" and parsed.host:
        return parsed
    if parsed.scheme == "http" and parsed.host and is_loopback(parsed.host):
        return parsed
    raise ValueError(f"refusing {safe_url_text(parsed)}: the platform is only reached over https")


def check_base_url(url: str) -> httpx.URL:
    """The platform's own address: ``check_url``, and no credentials, query or fragment in it.

    Refused rather than stripped: a user who pasted ``https://user:pw@host/?token=...`` meant the
    secret to be used, and silently dropping it would only turn into a puzzling 401 later. The
    reason says where the secret goes instead (the token field, kept in the system keyring). The
    message never repeats the address's secret parts.
    """
    problem = base_url_problem(url)
    if problem is not None:
        raise ValueError(problem)
    return check_url(url)


def base_url_problem(url: str) -> str | None:
    """Why ``url`` may not be stored as the platform address (None when it may); never echoes it."""
    try:
        parsed = httpx.URL(url.strip())
    except (httpx.InvalidURL, TypeError) as exc:
        return f"not a usable URL ({type(exc).__name__})"
    where = "the platform address"
    if parsed.userinfo:
        return (f"{where} contains a user name or password; enter the address without it and put the "
                "token in the token field (it is kept in the system keyring)")
    if parsed.query:
        return (f"{where} contains a query string (?...), which may hold a token; enter the address "
                "without it and put the token in the token field (it is kept in the system keyring)")
    if parsed.fragment or "#" in url:
        return f"{where} contains a fragment (#...); enter the address without it"
    try:
        check_url(parsed)
    except ValueError as exc:
        return str(exc)
    return None


def same_origin(a: httpx.URL, b: httpx.URL) -> bool:
    return (a.scheme, a.host, a.port) == (b.scheme, b.host, b.port)


def safe_url_text(url: httpx.URL) -> str:
    """scheme://host[:port]/path: what logs and errors may show (a query may hold a signature)."""
    port = f":{url.port}" if url.port is not None else ""
    return f"{url.scheme}://{url.host}{port}{url.path}"


def tls_context(ca_bundle: Path | None) -> ssl.SSLContext:
    """Always verifying; a custom bundle replaces the default roots (a campaign's private CA)."""
    if ca_bundle is None:
        context = ssl.create_default_context()
        # httpx's own default is certifi; fall back to it when the system store is empty.
        if not context.get_ca_certs():
            import certifi

            context.load_verify_locations(cafile=certifi.where())
        return context
    if not ca_bundle.is_file():
        raise ValueError(f"CA bundle not found: {ca_bundle}")
    return ssl.create_default_context(cafile=str(ca_bundle))


def build_client(
    verify: ssl.SSLContext, timeout: httpx.Timeout, max_connections: int, proxy: str | None = None
) -> httpx.Client:
    """trust_env is off: a stray ``.netrc`` or ``SSL_CERT_FILE`` must not change who we trust or what
    credentials we send; an agency proxy is passed explicitly instead."""
    limits = httpx.Limits(max_connections=max_connections, max_keepalive_connections=max_connections)
    transport = DeadlineTransport(verify, limits) if proxy is None else None
    return httpx.Client(
        verify=verify,
        timeout=timeout,
        limits=limits,
        proxy=proxy,
        transport=transport,
        follow_redirects=False,
        trust_env=False,
        headers={"User-Agent": "moderator-app", "Accept": "application/json"},
    )


def is_tls_failure(exc: BaseException) -> bool:
    """True when a connect error comes from certificate verification (retrying would not help)."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, ssl.SSLCertVerificationError):
            return True
        if "CERTIFICATE_VERIFY_FAILED" in str(current):
            return True
        current = current.__cause__ or current.__context__
    return False


MAX_ERROR_BYTES = 64 * 1024
"""An error answer is read this far at most: its ``error`` code is all we use of it."""


def read_capped(response: httpx.Response, cap: int, what: str) -> bytes:
    """The body of a streamed ``response``, refusing it once it passes ``cap`` bytes.

    Never more than ``cap`` plus one network read is held, whatever the server declares or sends
    (chunked for ever, a lying Content-Length). Compressed answers are refused: we ask for
    ``identity``, and a decompressor is where a small answer becomes gigabytes. Each chunk also
    checks the call's overall deadline (deadline.py), for connections the deadline transport does
    not carry (through a proxy).
    """
    encoding = response.headers.get("content-encoding", "identity").strip().lower()
    if encoding not in ("", "identity"):
        raise ProtocolError(f"{what}: the answer is compressed ({encoding[:20]}), which was not asked for")
    declared = response.headers.get("content-length")
    if declared is not None and declared.strip().isdigit() and int(declared) > cap:
        raise AnswerTooLarge(f"{what}: answer too large ({int(declared)} bytes declared, the limit is {cap})")
    body = bytearray()
    for chunk in response.iter_raw():
        body += chunk
        if len(body) > cap:
            raise AnswerTooLarge(f"{what}: answer too large (more than {cap} bytes); the rest was not read")
        left = time_left()
        if left is not None and left <= 0:
            raise httpx.ReadTimeout("the call's overall deadline passed")
    return bytes(body)


def error_code(response: httpx.Response) -> str | None:
    """The ``error`` field of a JSON error body, if any, read from its first MAX_ERROR_BYTES only."""
    try:
        body = json.loads(read_capped(response, MAX_ERROR_BYTES, "error answer"))
    except (ValueError, RecursionError, ProtocolError, httpx.HTTPError):
        return None
    if isinstance(body, dict):
        value = body.get("error")
        if isinstance(value, str):
            return value[:100]
    return None


def json_object(response: httpx.Response, what: str, cap: int) -> dict[str, Any]:
    """The answer's JSON object, read as a stream of at most ``cap`` bytes."""
    raw = read_capped(response, cap, what)
    try:
        body = json.loads(raw)
    except (ValueError, RecursionError):
        raise ProtocolError(f"{what}: answer is not JSON") from None
    if not isinstance(body, dict):
        raise ProtocolError(f"{what}: answer is not a JSON object")
    return body
