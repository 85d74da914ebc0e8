"""The spot editor and its dialogs fit the screens moderators have: 1366×768, and Full HD at 150 % (1280×720
logical). Each case runs the editor in its own X server of that size (``editor_probe``) and checks the
geometry it prints: the window and every control a producer needs inside the screen, none crushed."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

pytestmark = [pytest.mark.gui, pytest.mark.skipif(shutil.which("xvfb-run") is None, reason="needs xvfb-run")]

ROOT = Path(__file__).resolve().parents[2]


def probe(tmp_path: Path, screen: str, *args: str, scale: str | None = None) -> dict[str, Any]:
    env = {**os.environ, "HOME": str(tmp_path / "home"), "XDG_CONFIG_HOME": str(tmp_path / "home" / ".config"),
           "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "xcb"}
    env.pop("DISPLAY", None)
    if scale is not None:
        env["QT_SCALE_FACTOR"] = scale
    done = subprocess.run(
        ["xvfb-run", "-a", "-s", f"-screen 0 {screen}x24", sys.executable, "-m", "tests.gui.editor_probe",
         "--work", str(tmp_path / "work"), *args],
        env=env, cwd=ROOT, capture_output=True, text=True, timeout=300, check=False)
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    assert done.returncode == 0 and lines, done.stderr[-3000:]
    return json.loads(lines[-1])  # type: ignore[no-any-return]


def inside(box: dict[str, int], area: dict[str, int]) -> bool:
    return (box["x"] >= area["x"] and box["y"] >= area["y"] and box["x"] + box["w"] <= area["x"] + area["w"]
            and box["y"] + box["h"] <= area["y"] + area["h"])


def assert_fits(found: dict[str, Any], logical: tuple[int, int]) -> None:
    screen = found["screen"]
    assert (screen["w"], screen["h"]) == logical
    assert inside(found["window"], screen), found["window"]
    for name, box in found["widgets"].items():
        assert box["visible"], name
        assert inside(box, found["window"]) and inside(box, screen), (name, box)
        assert box["w"] >= 40 and box["h"] >= 18, (name, box)
    widgets = found["widgets"]
    assert widgets["timeline"]["h"] >= 80 and widgets["timeline"]["w"] >= 400
    assert widgets["player"]["h"] >= 180
    assert widgets["fit"]["y"] < widgets["advice"]["y"] < widgets["timeline"]["y"]


def test_the_editor_fits_1366_by_768(tmp_path: Path) -> None:
    found = probe(tmp_path, "1366x768", "--dialog", "settings")
    assert_fits(found, (1366, 768))
    settings = found["dialogs"]["settings"]
    assert settings["still_open"] and settings["problem"]["visible"] and "web address" in settings["problem_text"]
    assert inside(settings["window"], found["screen"])


def test_the_editor_and_its_export_report_fit_full_hd_at_150_percent(tmp_path: Path) -> None:
    found = probe(tmp_path, "1920x1080", "--dialog", "export", scale="1.5")
    assert found["ratio"] == 1.5
    assert_fits(found, (1280, 720))
    export = found["dialogs"]["export"]
    for part in ("window", "report", "folder", "close"):
        assert export[part]["visible"] and inside(export[part], found["screen"]), (part, export[part])
    assert inside(export["report"], export["window"]), "every rule of the report in sight"
