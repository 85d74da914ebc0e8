"""Opening a campaign's cache, for the composition roots (app.py, cli/) that must not import db/ directly."""

from __future__ import annotations

from pathlib import Path

from moderator_app.db.cache import Cache

__all__ = ["Cache", "open_cache"]


def open_cache(data_dir: Path) -> Cache:
    """The campaign's cache in ``data_dir`` (created and migrated if new)."""
    return Cache(data_dir)
