"""Backoff and Retry-After parsing: the arithmetic behind every retry of the platform client."""

from __future__ import annotations

import email.utils
import random

from moderator_app.sources.platform.retry import RetryPolicy, parse_retry_after


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
