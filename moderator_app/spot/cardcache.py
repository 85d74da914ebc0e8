"""Rendered titles and cards kept by content, so a batch draws each brand card once, not once per spot.

The intro and outro cards are the same picture in every spot of a preset; a lower third is the same for
the same wording. The key is a hash of everything the picture depends on (the request, and the logo's and
font files' sizes and dates), so a new logo or an edited brand gives new cards and never a stale one.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import threading
from pathlib import Path

from moderator_app.base.durable import partial_path
from moderator_app.spot.titles import TitleRenderer, TitleRequest


def request_key(request: TitleRequest) -> str:
    parts = [repr(request)]
    for path in (request.logo, *request.font_files):
        if path is not None:
            try:
                st = path.stat()
                parts.append(f"{path}:{st.st_size}:{st.st_mtime_ns}")
            except OSError:
                parts.append(f"{path}:missing")
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()


class CachingTitleRenderer:
    """A TitleRenderer that asks ``inner`` only for pictures it has not drawn before (thread-safe)."""

    def __init__(self, inner: TitleRenderer, folder: Path) -> None:
        self.inner = inner
        self.folder = folder
        self.hits = 0
        self.misses = 0
        self._lock = threading.Lock()

    def __call__(self, request: TitleRequest, out: Path) -> None:
        cached = self.folder / f"{request_key(request)}.png"
        if cached.is_file():
            shutil.copyfile(cached, out)
            with self._lock:
                self.hits += 1
            return
        self.inner(request, out)
        with self._lock:
            self.misses += 1
        self.folder.mkdir(parents=True, exist_ok=True)
        partial = partial_path(cached)
        try:
            shutil.copyfile(out, partial)
            os.replace(partial, cached)  # a cache, not a deliverable: no fsync; a torn file is never named
        finally:
            partial.unlink(missing_ok=True)
