"""The platform account: its URL (a setting, in the cache) and its token (a secret, in the system keyring).

The token never goes to a plain file or a log. When the machine has no usable keyring (a bare
Linux session without a Secret Service), the token is kept in memory for this session only and the
settings dialog says so; the CLI takes it from ``MODERATOR_TOKEN`` instead.
"""

from __future__ import annotations

import logging
import os

import httpx
import keyring
import keyring.backend
import keyring.errors
import sqlite_utils

from moderator_app.db import platform as pdb
from moderator_app.db.unit import transaction
from moderator_app.sources.platform.transport import base_url_problem

log = logging.getLogger(__name__)

KEYRING_SERVICE = "moderator-app/platform"
TOKEN_ENV = "MODERATOR_TOKEN"
URL_KEY = "platform_url"


def keyring_usable() -> bool:
    """False for the 'fail' and 'null' backends keyring picks when nothing real is available."""
    backend = keyring.get_keyring()
    name = f"{type(backend).__module__}.{type(backend).__name__}"
    if name.startswith(("keyring.backends.fail", "keyring.backends.null")):
        return False
    return bool(backend.priority > 0)  # type: ignore[operator]


class TokenStore:
    """Tokens per platform URL: the system keyring when there is one, else this session's memory."""

    def __init__(self) -> None:
        self._memory: dict[str, str] = {}

    @property
    def persistent(self) -> bool:
        return keyring_usable()

    def get(self, url: str) -> str | None:
        if url in self._memory:
            return self._memory[url]
        if not self.persistent:
            return None
        try:
            return keyring.get_password(KEYRING_SERVICE, url)
        except keyring.errors.KeyringError as exc:
            log.warning("the keyring could not be read (%s)", type(exc).__name__)
            return None

    def set(self, url: str, token: str) -> bool:
        """Store the token; returns False when it is kept for this session only."""
        if self.persistent:
            try:
                keyring.set_password(KEYRING_SERVICE, url, token)
            except keyring.errors.KeyringError as exc:
                log.warning("the keyring refused the token (%s); keeping it for this session", type(exc).__name__)
            else:
                self._memory.pop(url, None)
                return True
        self._memory[url] = token
        return False

    def delete(self, url: str) -> None:
        self._memory.pop(url, None)
        if self.persistent:
            try:
                keyring.delete_password(KEYRING_SERVICE, url)
            except keyring.errors.KeyringError:
                pass


def token_from_env() -> str | None:
    token = os.environ.get(TOKEN_ENV, "").strip()
    return token or None


def url_problem(url: str) -> str | None:
    """Why ``url`` cannot be the platform address (None when it can), fit to show the user.

    An address carrying credentials (``https://user:pw@host``), a query (``?token=...``) or a
    fragment is refused, not stripped: the secret belongs in the token field, which goes to the
    keyring; stored in the address it would sit in plain text in the cache and travel in logs,
    window titles and keyring entry names. The reason never repeats the address.
    """
    return base_url_problem(url)


def load_url(db: sqlite_utils.Database) -> str | None:
    """The stored address. One saved with credentials by an older version is cleared here (a
    warning without the address is logged): the user enters it again, token apart."""
    url = pdb.state_get(db, URL_KEY)
    if url and url_problem(url) is not None and _has_secret(url):
        log.warning("the stored platform address held credentials or a query; it was removed, enter it again")
        with transaction(db):
            pdb.state_set(db, URL_KEY, "")
        return None
    return url or None


def _has_secret(url: str) -> bool:
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, TypeError):
        return False
    return bool(parsed.userinfo or parsed.query or parsed.fragment or "#" in url)


def save_url(db: sqlite_utils.Database, url: str) -> None:
    """Store the platform address; ValueError (with the reason, never the address) when it holds a
    secret or is not a usable platform address."""
    problem = url_problem(url)
    if problem is not None:
        raise ValueError(problem)
    with transaction(db):
        pdb.state_set(db, URL_KEY, url.strip())
