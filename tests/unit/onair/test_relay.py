"""The relay's pieces that need no server: answer classes, reasons without addresses, loopback, the rate."""

from __future__ import annotations

import threading

import pytest

from moderator_app.onair.rate import TokenBucket
from moderator_app.onair.smtp import (
    RelayRefused,
    RelaySettings,
    SmtpRelay,
    classify,
    is_loopback,
    parse_host_port,
)


def test_answer_classes() -> None:
    assert classify(250, b"ok").outcome == "sent"
    assert classify(451, b"4.3.0 later").outcome == "deferred"
    failed = classify(550, b"5.1.1 <jeannine.martin@example.org>: unknown\r\nuser bob@example.org")
    assert failed.outcome == "failed" and "@" not in failed.reason and "\n" not in failed.reason
    assert failed.reason.startswith("550 5.1.1 <address>")
    assert len(classify(554, b"x" * 5000).reason) <= 200


def test_loopback_only_for_plain() -> None:
    assert is_loopback("127.0.0.1", 25) and is_loopback("::1", 25) and is_loopback("localhost", 25)
    assert not is_loopback("192.0.2.10", 25) and not is_loopback("no-such-host.invalid", 25)
    with pytest.raises(RelayRefused, match="plain SMTP is only allowed"):
        SmtpRelay(RelaySettings("192.0.2.10", 25, "plain"))
    with pytest.raises(RelayRefused, match="no password"):
        SmtpRelay(RelaySettings("127.0.0.1", 25, "plain", user="agency"))
    SmtpRelay(RelaySettings("192.0.2.10", 587, "starttls"))  # not connected yet: refused only when plain


def test_password_is_not_in_the_settings_repr() -> None:
    assert "s3cret" not in repr(RelaySettings("h", 587, "starttls", "u", "s3cret"))


@pytest.mark.parametrize("text", ["smtp.example", "smtp.example:", ":25", "h:0", "h:70000", "h:2a"])
def test_bad_host_port(text: str) -> None:
    with pytest.raises(ValueError):
        parse_host_port(text)


def test_host_port() -> None:
    assert parse_host_port("smtp.agency.example:587") == ("smtp.agency.example", 587)
    assert parse_host_port("[::1]:2525") == ("::1", 2525)


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


def test_token_bucket_spaces_messages() -> None:
    clock = FakeClock()
    bucket = TokenBucket(5, clock=clock, sleep=clock.sleep)
    for _ in range(11):
        assert bucket.acquire()
    assert clock.now == pytest.approx(2.0)  # the first at once, then one every 0.2 s


def test_token_bucket_off_and_cancelled() -> None:
    off = TokenBucket(0)
    assert not off.enabled and all(off.acquire() for _ in range(1000))
    slow = TokenBucket(0.001)
    assert slow.acquire()
    cancel = threading.Event()
    cancel.set()
    assert slow.acquire(cancel) is False
