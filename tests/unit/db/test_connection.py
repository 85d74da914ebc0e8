"""The data folder: a new one is private; an existing one (``--data-dir`` at a shared folder) keeps its mode,
and what the app writes inside it is private on its own (issue 15 item 11).

Each case runs in a child process with the umask it names: the umask is process-wide, and a permissive
one (0) is what shows that the modes come from the app, not from the user's settings.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from moderator_app.db.connection import CLIPS_DIR, DB_FILE, ensure_data_dir

OPEN_AND_WRITE = (
    "import sys; from pathlib import Path; from moderator_app.db.connection import open_db; "
    "db = open_db(Path(sys.argv[1])); db.execute('CREATE TABLE IF NOT EXISTS t(x)'); "
    "db.execute('INSERT INTO t VALUES (1)'); print(db.execute('PRAGMA journal_mode').fetchone()[0]); "
    "import os; sys.stdout.flush(); os._exit(0)"  # like a kill: the -wal and -shm files stay to be checked
)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def open_in_child(data_dir: Path, umask: int) -> None:
    """Open the cache and write a row from a separate process with ``umask``; the -wal file stays."""
    proc = subprocess.run([sys.executable, "-c", OPEN_AND_WRITE, str(data_dir)], check=False, umask=umask,
                          capture_output=True, text=True, timeout=60, env={**os.environ, "PYTHONPATH": os.getcwd()})
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "wal"


def private_inside(data_dir: Path) -> None:
    assert mode(data_dir / CLIPS_DIR) == 0o700
    files = [data_dir / DB_FILE, *data_dir.glob(f"{DB_FILE}-*")]
    assert sorted(f.name for f in files) == [DB_FILE, f"{DB_FILE}-shm", f"{DB_FILE}-wal"]
    assert {mode(f) for f in files} == {0o600}, {f.name: oct(mode(f)) for f in files}


@pytest.mark.parametrize("umask", [0o000, 0o022, 0o077])
def test_an_existing_shared_folder_keeps_its_mode(tmp_path: Path, umask: int) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    os.chmod(shared, 0o755)
    (shared / "notes.txt").write_text("someone else's", encoding="utf-8")
    os.chmod(shared / "notes.txt", 0o644)
    open_in_child(shared, umask)
    assert mode(shared) == 0o755, "the user's folder is not the app's to lock"
    assert mode(shared / "notes.txt") == 0o644
    private_inside(shared)


@pytest.mark.parametrize("umask", [0o000, 0o022])
def test_a_new_data_folder_is_private(tmp_path: Path, umask: int) -> None:
    data = tmp_path / "new" / "deeper" / "data"
    open_in_child(data, umask)
    assert mode(data) == 0o700
    assert mode(tmp_path / "new") == 0o777 & ~umask, "parents are made as mkdir -p makes them"
    private_inside(data)


def test_an_app_folder_found_open_is_made_private_again(tmp_path: Path) -> None:
    (tmp_path / CLIPS_DIR).mkdir(mode=0o755)
    os.chmod(tmp_path / CLIPS_DIR, 0o755)
    open_in_child(tmp_path, 0o022)
    private_inside(tmp_path)


def test_a_file_in_place_of_the_data_folder_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "data").write_text("x", encoding="utf-8")
    with pytest.raises(FileExistsError):
        ensure_data_dir(tmp_path / "data")
    assert (tmp_path / "data").read_text(encoding="utf-8") == "x"
