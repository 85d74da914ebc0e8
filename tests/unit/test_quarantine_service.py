"""Quarantined records from the desk: the folder to open stays inside the inbox, and a retry reads the
record again even though its files did not change (a plain sync skips an unchanged record)."""

from __future__ import annotations

from pathlib import Path

import pytest

from moderator_app.db.cache import Cache
from moderator_app.services import checks
from moderator_app.services.errors import NotRetryable
from moderator_app.services.quarantine import record_folder, retry
from moderator_app.services.review import QUARANTINED, ReviewService
from tests.conftest import DEMO_BAD, DEMO_GOOD


def test_the_folder_is_inside_the_inbox_whatever_the_label(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    (inbox / "deep" / "er").mkdir(parents=True)
    (tmp_path / "outside").mkdir()
    assert record_folder("inbox/deep/er/a.json", inbox) == (inbox / "deep" / "er").resolve()
    assert record_folder("inbox/a.json", inbox) == inbox.resolve()
    (inbox / "link").symlink_to(tmp_path / "outside")
    for label in ("inbox/../outside/a.json", "inbox/link/a.json", "inbox//etc/a", "inbox/\x00", "inbox/no/such/a"):
        assert record_folder(label, inbox) == inbox.resolve(), label
    assert record_folder("platform/123", inbox) is None
    assert record_folder("inbox/a.json", None) is None
    assert record_folder("inbox/a.json", tmp_path / "gone") is None


def test_retry_reads_an_unchanged_record_again(data_dir: Path, demo_inbox: Path) -> None:
    cache = Cache(data_dir)
    review = ReviewService(cache, "ana")
    checks.set_thresholds(cache, {"max_clip_mb": 0})  # every clip "too large": all quarantined
    first = review.sync_inbox(demo_inbox)
    assert not first.added and len(first.quarantined) == DEMO_GOOD + DEMO_BAD
    checks.set_thresholds(cache, {"max_clip_mb": 1024})
    assert not review.sync_inbox(demo_inbox).quarantined, "a plain sync skips the unchanged records"
    report = review.retry_quarantined("inbox/sub-000101.json", demo_inbox)
    assert report.added == ["sub-000101"] and report.unchanged == DEMO_GOOD + DEMO_BAD - 1
    assert review.details("sub-000101") is not None
    left = {item["source"] for item in review.list_items(QUARANTINED)}
    assert "inbox/sub-000101.json" not in left and len(left) == DEMO_GOOD + DEMO_BAD - 1
    with pytest.raises(NotRetryable):
        retry(cache.db, cache.data_dir, demo_inbox, "platform/abc")
    cache.close()
