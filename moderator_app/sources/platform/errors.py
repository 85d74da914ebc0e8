"""Exceptions raised by the platform client.

Each failure the sync has to treat differently gets its own type, so callers branch on the type and
never parse messages. Messages name the call (method + path, never the query string of a clip URL,
which may carry a signature) and never the token.
"""

from __future__ import annotations


class PlatformError(Exception):
    """Base of every error raised by the platform client."""


class AuthError(PlatformError):
    """The platform refused the token (401). Never retried: a new token is needed."""


class TlsError(PlatformError):
    """The server's certificate could not be verified. Never retried and never bypassed."""


class TransientError(PlatformError):
    """Network failure, timeout, 5xx or 429 that outlived the retries; trying later may work."""

    def __init__(self, message: str, *, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after
        """Seconds the server asked us to wait (429), when it said so."""


class ProtocolError(PlatformError):
    """The answer does not follow the contract (bad JSON, wrong shape, looping cursor)."""


class AnswerTooLarge(ProtocolError):
    """An answer went past its byte cap (an endless or oversized body); the rest was not read."""


class ListingStopped(ProtocolError):
    """The listing was cut short (a repeated cursor, too many pages); the pages before it stand."""


class RequestRejected(PlatformError):
    """A 4xx other than 401/409/429: the request itself is wrong (unknown id, bad parameter)."""

    def __init__(self, message: str, *, status: int, error: str | None) -> None:
        super().__init__(message)
        self.status = status
        self.error = error


class DownloadError(PlatformError):
    """A clip could not be downloaded for a reason retrying will not fix (404, 403 …)."""


class ChecksumError(DownloadError):
    """The downloaded bytes do not match the record's size or sha256; the partial file is gone."""


class DownloadCancelled(PlatformError):
    """The caller asked to stop; the ``.part`` file is kept so a later call resumes."""
