"""One sync per cache: the lock the inbox and the platform pass share, across processes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from moderator_app.sources.lock import SyncBusy, sync_lock


def test_a_second_sync_is_told_the_cache_is_busy(tmp_path: Path) -> None:
    with sync_lock(tmp_path), pytest.raises(SyncBusy), sync_lock(tmp_path, wait=False):
        pass
    with sync_lock(tmp_path, wait=False):  # released with the first: free again
        pass


def test_another_process_holding_the_lock_makes_the_cache_busy(tmp_path: Path) -> None:
    """The window and the CLI are separate processes: the lock is a file lock, not a thread lock."""
    holder = subprocess.Popen(
        [sys.executable, "-c",
         ("import sys, pathlib; from moderator_app.sources.lock import sync_lock\n"
          "with sync_lock(pathlib.Path(sys.argv[1])):\n"
          "    print('held', flush=True); sys.stdin.readline()"),
         str(tmp_path)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        with pytest.raises(SyncBusy), sync_lock(tmp_path, wait=False):
            pass
    finally:
        assert holder.stdin is not None
        holder.stdin.write("\n")
        holder.stdin.close()
        holder.wait(timeout=30)
    with sync_lock(tmp_path, wait=False):
        pass
