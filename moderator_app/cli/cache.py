"""The campaign cache a command works on, opened through services (the CLI never imports db/)."""

from __future__ import annotations

import argparse
from pathlib import Path

from moderator_app.config import default_data_dir, default_moderator
from moderator_app.services.review import ReviewService
from moderator_app.services.store import Cache, open_cache


def data_dir(args: argparse.Namespace) -> Path:
    """``--data-dir``, else the user's private data folder."""
    chosen: Path | None = args.data_dir
    return chosen or default_data_dir()


def cache(args: argparse.Namespace) -> Cache:
    return open_cache(data_dir(args))


def review_service(args: argparse.Namespace, moderator: str | None = None) -> ReviewService:
    """The service the window's review desk uses, so a command and a key press run the same code."""
    return ReviewService(cache(args), moderator or default_moderator())
