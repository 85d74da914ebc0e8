"""A desk against the real fault-injecting platform server: the helpers the platform tests share.

Used by tests/unit/sources/platform/, tests/e2e/test_platform_*.py and tests/gui/test_platform_*.py
(the GUI tests import them through tests/unit/sources/platform/test_pipeline.py).
"""

from __future__ import annotations

import contextlib
import hashlib
import socket
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from moderator_app.db.cache import Cache
from moderator_app.sources.platform.client import PlatformClient
from moderator_app.sources.platform.pipeline import PlatformSync
from tests.support.platform_server import Item, PlatformServer, make_record

TOKEN = "tok-sync-5d1e"


def real_items(clip: bytes, count: int, *, start: int = 0) -> list[Item]:
    """Records whose clips are a real (tiny) video, so the decode check passes."""
    return [(make_record(start + i), clip) for i in range(count)]


def free_port() -> int:
    """A port the test can stop and restart the same server on (an offline platform comes back)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def silent_platform() -> Iterator[str]:
    """A platform URL whose server listens but never accepts nor answers (a hung or blackholed host):
    the first connections sit in the kernel's backlog waiting for an answer, the rest never connect."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen(0)
        yield f"http://127.0.0.1:{s.getsockname()[1]}"


def fast_client(url: str, token: str = TOKEN, **overrides: Any) -> PlatformClient:
    options: dict[str, Any] = {"timeout": 3.0, "connect_timeout": 1.0, "max_retries": 3,
                               "backoff_base_s": 0.01, "backoff_cap_s": 0.05}
    options.update(overrides)
    return PlatformClient(url, token, **options)


def desk(cache: Cache, server: PlatformServer, moderator: str = "ana", **kw: Any) -> PlatformSync:
    return PlatformSync(cache, fast_client(server.url), moderator, **kw)


class ManualClock:
    """Epoch seconds that move only when the test says so: lease expiry without sleeping."""

    def __init__(self) -> None:
        self.now = time.time()

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def visible_ids(cache: Cache) -> set[str]:
    return {r[0] for r in cache.db.execute("SELECT id FROM submissions")}


def assert_clips_whole(cache: Cache, server: PlatformServer, *, settled: bool = True) -> None:
    """Every visible clip is on disk with the platform's bytes; nothing half-written lies around.

    ``settled=False`` (after a kill): resumable ``.part`` files may wait in ``.incoming``, never beside
    the visible clips.
    """
    for sid, file, sha, size in cache.db.execute("SELECT submission_id, file, sha256, size FROM clips"):
        data = cache.clip_path(file).read_bytes()
        assert len(data) == size
        assert hashlib.sha256(data).hexdigest() == sha == hashlib.sha256(server.clip_bytes(sid)).hexdigest()
    where = cache.clips_dir.rglob("*") if settled else cache.clips_dir.glob("*")
    leftovers = [p.name for p in where if p.is_file() and (".part" in p.name or ".tmp" in p.name)]
    assert leftovers == []


@pytest.fixture(scope="session")
def clip_bytes(tiny_clip: Path) -> bytes:
    return tiny_clip.read_bytes()
