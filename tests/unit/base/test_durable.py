"""The one atomic write: real files in a real folder; readers never see a half-written file."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from moderator_app.base.durable import commit_file, partial_path, write_atomic


def test_write_atomic_writes_and_leaves_nothing_beside(tmp_path: Path) -> None:
    target = tmp_path / "sheet.csv"
    write_atomic(target, b"a,b\r\n")
    assert target.read_bytes() == b"a,b\r\n"
    assert [p.name for p in tmp_path.iterdir()] == ["sheet.csv"]


def test_write_atomic_replaces_an_existing_file(tmp_path: Path) -> None:
    target = tmp_path / "brand.json"
    target.write_bytes(b"old, and longer than the new one")
    write_atomic(target, b"new")
    assert target.read_bytes() == b"new"


def test_a_failed_write_keeps_the_old_file_and_no_partial(tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    target.write_bytes(b"old")
    with pytest.raises(TypeError):
        write_atomic(target, "not bytes")  # type: ignore[arg-type]  # fails inside the write
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]


def test_new_files_get_the_usual_permissions(tmp_path: Path) -> None:
    previous = os.umask(0o022)
    try:
        write_atomic(tmp_path / "cues.json", b"{}")
    finally:
        os.umask(previous)
    assert stat.S_IMODE((tmp_path / "cues.json").stat().st_mode) == 0o644  # not mkstemp's 0600


def test_partial_names_are_hidden_unique_and_beside(tmp_path: Path) -> None:
    target = tmp_path / "master.mov"
    names = {partial_path(target) for _ in range(50)}
    assert len(names) == 50
    for name in names:
        assert name.parent == tmp_path and name.name.startswith(".master.mov.") and name.suffix == ".part"


def test_commit_file_puts_a_finished_partial_in_place(tmp_path: Path) -> None:
    target = tmp_path / "master.mov"
    target.write_bytes(b"previous export")
    partial = partial_path(target)
    partial.write_bytes(b"rendered")
    commit_file(partial, target)
    assert target.read_bytes() == b"rendered"
    assert not partial.exists()
