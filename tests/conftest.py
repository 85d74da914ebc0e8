"""Shared fixtures: a demo inbox made once per session with the bundled ffmpeg, copied per test."""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

# CI replays the same examples each run (a red CI is then a change, not a dice roll); a developer's
# run explores new ones. HYPOTHESIS_PROFILE=deep explores ten times more.
settings.register_profile("ci", derandomize=True, print_blob=True)
settings.register_profile("deep", max_examples=1000)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "default"))

from moderator_app.db.cache import Cache
from moderator_app.demo.data import make_demo_inbox
from moderator_app.demo.synth import make_clip

DEMO_GOOD = 14
DEMO_BAD = 2

TESTS = Path(__file__).resolve().parent
FOLDER_MARKS = {"gui": "gui", "e2e": "e2e"}
"""tests/<folder>/… gets this marker, so ``-m "not gui"`` runs without a display and nobody has to remember."""


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        try:
            folder = item.path.resolve().relative_to(TESTS).parts[0]
        except ValueError:  # a test collected from outside tests/
            continue
        mark = FOLDER_MARKS.get(folder)
        if mark is not None:
            item.add_marker(mark)


def age_files(folder: Path, seconds: float = 120.0) -> None:
    """Make every file look settled (written ``seconds`` ago), as an inbox that finished syncing."""
    past = time.time() - seconds
    for path in folder.iterdir():
        os.utime(path, (past, past))


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("demo-template") / "inbox"
    make_demo_inbox(folder)
    return folder


@pytest.fixture
def demo_inbox(demo_template: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "inbox"
    shutil.copytree(demo_template, folder)
    age_files(folder)
    return folder


@pytest.fixture(scope="session")
def tiny_clip(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_clip(tmp_path_factory.mktemp("tiny") / "tiny.mp4", duration=0.6, width=96, height=64, audio="tone")


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def cache(data_dir: Path) -> Iterator[Cache]:
    c = Cache(data_dir)
    yield c
    c.close()
