"""Checking a platform address and token before they are saved: what is wrong with an address (as a kind
the window words in the user's language), and one real call to the platform within a deadline.

The rule for addresses is the client's own (``sources.platform.transport``): https anywhere, http only on
this computer (loopback), no user name, password, query or fragment in it. ``check_connection`` lists one
queued record with no retries, so a wrong address or token is told in seconds, not after a sync's retries.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Literal

import httpx

from moderator_app.sources.platform.client import PlatformClient
from moderator_app.sources.platform.errors import (
    AuthError,
    PlatformError,
    ProtocolError,
    RequestRejected,
    TlsError,
)
from moderator_app.sources.platform.transport import base_url_problem, is_loopback

AddressIssue = Literal["not_url", "not_https", "credentials", "query", "fragment", "refused"]
CheckKind = Literal["ok", "bad_address", "auth", "tls", "unreachable", "protocol", "refused"]

TEST_DEADLINE_S = 8.0
"""A connection test answers within this many seconds, whatever the network does."""

__all__ = ["TEST_DEADLINE_S", "AddressIssue", "CheckKind", "ConnectionCheck", "address_issue", "check_connection"]


def address_issue(url: str) -> AddressIssue | None:
    """Why ``url`` cannot be the platform address, as a kind (None when it can)."""
    text = url.strip()
    try:
        parsed = httpx.URL(text)
    except (httpx.InvalidURL, TypeError):
        return "not_url"
    if parsed.scheme not in ("http", "https") or not parsed.host or " " in text:
        return "not_url"
    if parsed.userinfo:
        return "credentials"
    if parsed.query:
        return "query"
    if parsed.fragment or "#" in text:
        return "fragment"
    if parsed.scheme == "http" and not is_loopback(parsed.host):
        return "not_https"
    return None if base_url_problem(text) is None else "refused"


@dataclass(frozen=True, slots=True)
class ConnectionCheck:
    """What one call to the platform said: ``kind`` "ok" or why not, how long it took, the queue seen."""

    kind: CheckKind
    seconds: float
    queued_on_first_page: int = 0

    @property
    def ok(self) -> bool:
        return self.kind == "ok"


def check_connection(url: str, token: str, *, deadline_s: float = TEST_DEADLINE_S) -> ConnectionCheck:
    """List one queued record with ``token`` and say how that went, within ``deadline_s``; never raises for
    what the network or the server does (the token never appears in the answer)."""
    started = time.monotonic()
    if address_issue(url) is not None:
        return ConnectionCheck("bad_address", 0.0)
    kind: CheckKind = "ok"
    items = 0
    try:
        with PlatformClient(url, token, max_retries=0, timeout=deadline_s, connect_timeout=min(3.0, deadline_s),
                            call_deadline_s=deadline_s) as client:
            items = len(next(iter(client.iter_queued(limit=1)), []))
    except AuthError:
        kind = "auth"
    except TlsError:
        kind = "tls"
    except ProtocolError:
        kind = "protocol"
    except RequestRejected:
        kind = "refused"
    except ValueError:
        kind = "bad_address"
    except (PlatformError, httpx.HTTPError, OSError):
        kind = "unreachable"
    return ConnectionCheck(kind, time.monotonic() - started, items)
