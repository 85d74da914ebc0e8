"""The entry point stays light: worker processes started with "spawn" import it again."""

from __future__ import annotations

import subprocess
import sys


def test_importing_the_entry_point_loads_no_heavy_module() -> None:
    code = "import sys, moderator_app.__main__; print(sorted(m for m in sys.modules if m.split('.')[0] in " \
           "('sqlite_utils', 'av', 'PySide6', 'cv2', 'numpy', 'httpx')))"
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout
    assert out.strip() == "[]"
