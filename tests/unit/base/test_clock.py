"""Timestamps as the cache stores them: they sort as text in the order they were taken."""

from __future__ import annotations

import datetime as dt
import re

from moderator_app.base.clock import utc_now, utc_now_precise


def test_utc_now_is_iso_seconds_with_z() -> None:
    stamp = utc_now()
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", stamp)
    parsed = dt.datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=dt.UTC)
    assert abs((dt.datetime.now(dt.UTC) - parsed).total_seconds()) < 5


def test_precise_stamps_have_milliseconds_and_order_as_text() -> None:
    stamps = [utc_now_precise() for _ in range(200)]
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", s) for s in stamps)
    assert stamps == sorted(stamps)
    assert utc_now_precise()[:19] >= stamps[-1][:19]
