"""The pieces of the platform client that touch httpx directly: TLS, URLs, the token.

Kept apart from the call logic so the rules that protect the token live in one place:
the token only travels over verified TLS (or to this machine's loopback, for tests and local
proxies), only to the platform's own origin, and it never appears in a repr, a log or an error.
"""

from __future__ import annotations

import ipaddress
import ssl
from pathlib import Path
from typing import Any

import httpx

from moderator_app.sources.platform.errors import ProtocolError

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
    return httpx.Client(
        verify=verify,
        timeout=timeout,
        limits=limits,
        proxy=proxy,
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


def error_code(response: httpx.Response) -> str | None:
    """The ``error`` field of a JSON error body, if any; bodies are small so reading is cheap."""
    try:
        body = response.json()
    except ValueError:
        return None
    if isinstance(body, dict):
        value = body.get("error")
        if isinstance(value, str):
            return value[:100]
    return None


def json_object(response: httpx.Response, what: str) -> dict[str, Any]:
    try:
        body = response.json()
    except ValueError:
        raise ProtocolError(f"{what}: answer is not JSON") from None
    if not isinstance(body, dict):
        raise ProtocolError(f"{what}: answer is not a JSON object")
    return body
