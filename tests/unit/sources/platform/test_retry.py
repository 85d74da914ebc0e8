"""Backoff, Retry-After parsing and the one retry loop (Retrier) behind every platform call."""

from __future__ import annotations

import email.utils
import random
import threading
import time

import pytest

from moderator_app.sources.platform.errors import DownloadCancelled, TransientError
from moderator_app.sources.platform.retry import Retrier, Retry, RetryPolicy, parse_retry_after

QUICK = RetryPolicy(max_retries=3, base_s=0.001, cap_s=0.002)


def test_retry_after_seconds_and_http_date() -> None:
    now = 1_700_000_000.0
    assert parse_retry_after("3") == 3.0
    assert parse_retry_after(" 0.5 ") == 0.5
    assert parse_retry_after("-4") == 0.0
    assert parse_retry_after(email.utils.formatdate(now + 10, usegmt=True), now=now) == 10.0
    assert parse_retry_after(email.utils.formatdate(now - 10, usegmt=True), now=now) == 0.0
    for unusable in (None, "", "soon", "nan", "inf"):
        assert parse_retry_after(unusable) is None


def test_backoff_is_full_jitter_under_a_growing_capped_ceiling() -> None:
    policy = RetryPolicy(base_s=0.1, cap_s=2.0, rng=random.Random(1))
    for retry in range(12):
        ceiling = min(2.0, 0.1 * 2**retry)
        samples = [policy.backoff_s(retry) for _ in range(200)]
        assert all(0.0 <= s <= ceiling for s in samples)
        assert max(samples) > 0.8 * ceiling  # spread over the whole range, not a fixed delay
        assert min(samples) < 0.2 * ceiling


class Flaky:
    """Fails ``failures`` times with Retry, then answers; counts its calls."""

    def __init__(self, failures: int, *, retry_after: float | None = None) -> None:
        self.failures = failures
        self.retry_after = retry_after
        self.calls = 0

    def __call__(self) -> str:
        self.calls += 1
        if self.calls <= self.failures:
            raise Retry("HTTP 503", self.retry_after)
        return "answer"


def test_retrier_tries_again_until_an_attempt_succeeds() -> None:
    attempt = Flaky(3)
    assert Retrier(QUICK, "GET /x").run(attempt) == "answer"
    assert attempt.calls == 4


def test_retrier_gives_up_after_max_retries_with_a_transient_error() -> None:
    attempt = Flaky(100)
    with pytest.raises(TransientError, match="gave up after 4 failed attempts"):
        Retrier(QUICK, "GET /x").run(attempt)
    assert attempt.calls == 4  # the first attempt and max_retries=3 retries


def test_retrier_does_not_wait_out_a_retry_after_longer_than_the_policy_allows() -> None:
    attempt = Flaky(1, retry_after=600.0)
    with pytest.raises(TransientError, match="asked to wait 600 s") as caught:
        Retrier(QUICK, "GET /x").run(attempt)
    assert caught.value.retry_after == 600.0 and attempt.calls == 1


def test_progress_resets_the_failure_count() -> None:
    attempt = Flaky(10)
    assert Retrier(QUICK, "GET /clip").run(attempt, progressed=lambda: True) == "answer"
    assert attempt.calls == 11  # ten failures, never more than max_retries in a row without progress


def test_retrier_never_waits_past_its_deadline() -> None:
    slow = RetryPolicy(max_retries=50, base_s=0.2, cap_s=0.2, rng=random.Random(3))
    retrier = Retrier(slow, "POST /release", deadline=time.monotonic() + 0.5)
    with pytest.raises(TransientError, match="no time left"):
        retrier.run(Flaky(1000))
    remaining = retrier.remaining()
    assert remaining is not None and remaining <= 0.2  # it stopped when the next wait would not fit
    assert Retrier(slow, "x").remaining() is None


def test_a_cancel_ends_the_wait_and_the_loop() -> None:
    cancel = threading.Event()
    long_waits = RetryPolicy(max_retries=5, base_s=60.0, cap_s=60.0, rng=random.Random(0))
    retrier = Retrier(long_waits, "GET /clip", cancel=cancel)

    def attempt() -> str:
        cancel.set()  # the user stops the sync while this attempt fails
        raise Retry("ReadTimeout", retry_after=30.0)

    with pytest.raises(DownloadCancelled):
        retrier.run(attempt)
