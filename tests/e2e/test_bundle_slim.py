"""scripts/bundle_slim.py on real libraries: it keeps a stripped file only if it still loads, and it links
OpenCV's FFmpeg to PyAV's only when both are the same release (the full bundle: tests/e2e/test_bundle.py)."""

from __future__ import annotations

import _decimal
import importlib.util
import shutil
from pathlib import Path
from types import ModuleType

import cv2
import numpy
import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def slim() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bundle_slim", ROOT / "scripts" / "bundle_slim.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    if shutil.which("strip") is None or shutil.which("readelf") is None:
        pytest.skip("needs binutils (strip, readelf, nm), as the bundle build does")
    return module


def test_strip_keeps_a_smaller_file_that_loads_and_restores_one_that_would_not(slim: ModuleType,
                                                                                tmp_path: Path) -> None:
    internal = tmp_path / "_internal"
    internal.mkdir()
    loads_stripped = internal / Path(_decimal.__file__).name
    shutil.copy2(_decimal.__file__, loads_stripped)
    if not slim.has_symtab(loads_stripped):
        pytest.skip("this Python's _decimal comes stripped")
    # numpy's OpenBLAS, rewritten by auditwheel's patchelf: a stripped copy no longer loads ("ELF load
    # command address/offset not page-aligned"), the reason PyInstaller's strip=True is off
    libs = shutil.copytree(Path(numpy.__file__).parent.parent / "numpy.libs", internal / "numpy.libs")
    breaks = next(libs.glob("libscipy_openblas*.so"))  # with the gfortran it links, found by its RPATH
    before = {p: p.read_bytes() for p in (loads_stripped, breaks)}

    saved = slim.strip(internal)

    assert loads_stripped.stat().st_size < len(before[loads_stripped])
    assert saved == len(before[loads_stripped]) - loads_stripped.stat().st_size
    assert slim.loads([loads_stripped], internal) == {loads_stripped}
    assert breaks.read_bytes() == before[breaks]  # given back as built
    assert slim.loads([breaks], internal) == {breaks}


def test_ffmpeg_of_another_release_is_not_linked_over(slim: ModuleType, tmp_path: Path) -> None:
    internal = tmp_path / "_internal"
    module = next(Path(cv2.__file__).parent.glob("cv2*.so"))
    ours = Path(cv2.__file__).parent.parent / "opencv_python_headless.libs"
    (internal / "cv2").mkdir(parents=True)
    (internal / "cv2" / module.name).symlink_to(module)
    (internal / "opencv_python_headless.libs").mkdir()
    for lib in ours.iterdir():  # links per file: a wrong share would replace a link, never the wheel's file
        (internal / "opencv_python_headless.libs" / lib.name).symlink_to(lib)
    theirs = internal / "av.libs"
    theirs.mkdir()
    codec = next(ours.glob("libavcodec-*.so.*"))
    (theirs / "libavcodec-0123abcd.so.61.19.100").symlink_to(codec)  # FFmpeg 7.1's libavcodec version

    assert slim.share_ffmpeg(internal) == 0
    assert (internal / "opencv_python_headless.libs" / codec.name).resolve() == codec.resolve()


def test_babel_keeps_the_languages_notifications_are_written_in(slim: ModuleType, tmp_path: Path) -> None:
    import babel

    internal = tmp_path / "_internal"
    shutil.copytree(Path(babel.__file__).parent / "locale-data", internal / "babel" / "locale-data")
    saved = slim.keep_babel_languages(internal)
    kept = {p.stem for p in (internal / "babel" / "locale-data").glob("*.dat")}
    assert {"root", "fr", "fr_FR", "fr_LU", "en", "en_GB", "en_001", "ar", "ar_MA", "ar_TN"} <= kept
    assert not kept & {"de", "ja", "zh_Hant_HK"} and saved > 10_000_000
