"""The one-folder bundle (build_installer.spec) runs where there is no Python, venv or PYTHONPATH.

Builds the bundle once per run (about a minute; or takes ``MODERATOR_BUNDLE=dist/moderator-app`` built
earlier in the same run) and runs it with a bare environment (``PATH=/usr/bin:/bin``, a fresh HOME):
``--version``, ``check FILE --json`` with the bundle's own ffmpeg, and the window on demo data with the
video playing through the bundle's own libvlc, proven by the libraries mapped into the process.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from moderator_app import __version__

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    given = os.environ.get("MODERATOR_BUNDLE")
    if given:
        return Path(given).resolve()
    work = tmp_path_factory.mktemp("pyinstaller")
    subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN", "--distpath", str(work / "dist"),
         "--workpath", str(work / "build"), str(ROOT / "build_installer.spec")],
        check=True, cwd=ROOT, timeout=900,
    )
    return work / "dist" / "moderator-app"


SIZE_LIMIT = 750_000_000
"""Bytes the unpacked folder may take: the measured floor (708 MB on Debian 12, 2026-12) plus room for the
build machine's libraries to grow with updates. The issue's target is 500 MB; the parts left above it are
listed in the README ("Install without Python"): ffmpeg, OpenCV, libvlc's libavcodec and its codec
libraries, Qt, PyAV, numpy."""


def tree_size(folder: Path) -> int:
    """Bytes of the regular files (links count as nothing, as ``du`` counts them on disk)."""
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def bare_env(home: Path, **extra: str) -> dict[str, str]:
    """What a user's shell has, and nothing of this test run's Python (no venv, no PYTHONPATH)."""
    home.mkdir(parents=True, exist_ok=True)
    return {"PATH": "/usr/bin:/bin", "HOME": str(home), "LANG": "C.UTF-8", **extra}


def test_version_in_a_bare_environment(bundle: Path, tmp_path: Path) -> None:
    out = subprocess.run([str(bundle / "moderator-app"), "--version"], env=bare_env(tmp_path / "home"),
                         capture_output=True, text=True, timeout=60, check=True)
    assert out.stdout.strip() == f"moderator-app {__version__}"


def test_check_runs_with_the_bundled_ffmpeg(bundle: Path, tiny_clip: Path, tmp_path: Path) -> None:
    assert shutil.which("ffmpeg", path="/usr/bin:/bin") is None, "a system ffmpeg would hide a missing bundled one"
    assert list((bundle / "_internal" / "imageio_ffmpeg" / "binaries").glob("ffmpeg-*"))
    out = subprocess.run([str(bundle / "moderator-app"), "check", str(tiny_clip), "--json"],
                         env=bare_env(tmp_path / "home"), capture_output=True, text=True, timeout=120, check=False)
    assert out.returncode == 0, out.stderr
    report = json.loads(out.stdout)
    assert report["width"] == 96 and report["height"] == 64
    assert 0.5 < report["duration_s"] < 0.7
    assert report["loudness_lufs"] is not None  # measured by ffmpeg's ebur128 filter


def test_bundle_size_and_shared_ffmpeg(bundle: Path) -> None:
    size = tree_size(bundle)
    assert size <= SIZE_LIMIT, f"the bundle takes {size / 1e6:.0f} MB, over {SIZE_LIMIT / 1e6:.0f} MB"
    # OpenCV's FFmpeg libraries are links to PyAV's (scripts/bundle_slim.py): one copy, not two
    # (when a wheel update brings two FFmpeg releases, they cannot be shared: the build says so)
    libavcodec = list((bundle / "_internal" / "opencv_python_headless.libs").glob("libavcodec-*"))
    assert libavcodec, "cv2 links libavcodec: its name must be in OpenCV's library folder"
    assert all(lib.is_symlink() and lib.resolve().parent.name == "av.libs" for lib in libavcodec), libavcodec
    dangling = [p for p in bundle.rglob("*") if p.is_symlink() and not p.exists()]
    assert not dangling, dangling


def mapped(pid: int) -> set[str]:
    with open(f"/proc/{pid}/maps", encoding="utf-8") as maps:
        return {line.split(maxsplit=5)[5].strip() for line in maps if len(line.split(maxsplit=5)) == 6}


@pytest.fixture
def window(bundle: Path, tmp_path: Path) -> Iterator[subprocess.Popen[str]]:
    if not os.environ.get("DISPLAY"):
        pytest.skip("needs an X server (scripts/test.sh runs the tests under Xvfb)")
    display = {k: os.environ[k] for k in ("DISPLAY", "XAUTHORITY") if k in os.environ}
    env = bare_env(tmp_path / "home", MODERATOR_VLC_ARGS="--aout=adummy", **display)
    proc = subprocess.Popen([str(bundle / "moderator-app"), "--demo", "--lang", "en"], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    yield proc
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def test_window_plays_the_demo_through_the_bundled_libvlc(bundle: Path, window: subprocess.Popen[str]) -> None:
    internal = str(bundle / "_internal")
    wanted = {f"{internal}/libvlc.so.5", f"{internal}/libvlccore.so.9",
              f"{internal}/vlc/plugins/codec/libavcodec_plugin.so"}
    deadline = time.monotonic() + 90  # demo clips are generated with ffmpeg on first start
    libs: set[str] = set()
    while time.monotonic() < deadline and window.poll() is None:
        libs = mapped(window.pid)
        video_out = any(p.startswith(f"{internal}/vlc/plugins/video_output/libxcb_") for p in libs)
        if wanted <= libs and video_out:
            break
        time.sleep(0.2)  # polling /proc for the state to appear, with a deadline
    else:
        output = window.stdout.read() if window.poll() is not None and window.stdout else ""
        pytest.fail(f"no video through the bundle's libvlc; mapped vlc parts: "
                    f"{sorted(p for p in libs if 'vlc' in p)}; output: {output[-2000:]}")
    # nothing the bundle carries was taken from the system instead (the laptop may not have it)
    shipped = {p.name for p in Path(internal).rglob("*.so*")}
    leaks = sorted(p for p in libs if p.startswith("/") and not p.startswith(internal) and Path(p).name in shipped)
    assert not leaks, leaks
