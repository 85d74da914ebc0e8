"""Make a built bundle smaller without taking out anything it runs (build_installer.spec calls main).

Why after PyInstaller's COLLECT and not through its options: PyInstaller's ``strip=True`` strips every
binary blindly, and that breaks libraries the wheels rewrote with patchelf ("ELF load command address/offset
not page-aligned" for numpy's OpenBLAS); and it has no notion of two wheels carrying the same library.
Three steps, each checked, each undone for a file it would break:

1. share: OpenCV's wheel and PyAV's wheel each carry FFmpeg's libraries (renamed by auditwheel). When both
   are the same FFmpeg release (same library versions) and PyAV's copies define every versioned symbol
   ``cv2`` takes from them, OpenCV's copies become links to PyAV's; the libraries only they needed (their own
   libvpx, libdav1d, OpenSSL 1.1 …) go. The app uses OpenCV for image maths only, but ``cv2``'s module
   links FFmpeg, so the loader needs them either way. A different FFmpeg release is never linked over:
   then nothing is shared. Same for the system's libaom.so.3 (under the system libavcodec that VLC's
   codec plugin links) and OpenCV's newer libaom 3.x: same soname, a promise of the same ABI.
2. dedupe: files with the same bytes in two places (libdrm in both wheels) become one file and a link.
3. strip: ``strip --strip-unneeded`` (symbol tables and debug info, never the dynamic symbols) of each
   library that still carries them, then the library is loaded (dlopen) to prove it still loads; a library
   that no longer loads gets its original back.

4. Babel's locale data: only the languages the app speaks (the interface's fr and en, and the notifications'
   fr, en, ar, each with its regional variants) and ``root``, which every locale inherits from.

Must run before VLC's plugin cache is generated: the cache records each plugin's size and time.
"""

from __future__ import annotations

import functools
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

FFMPEG_LIB = re.compile(r"^(lib(?:avcodec|avformat|avutil|swscale|swresample))-[0-9a-f]{8}\.so\.([0-9.]+)$")
"""An FFmpeg library as auditwheel renames it: name, hash of its bytes, full version."""

SHARED_SONAMES = {"libaom.so.3": ("opencv_python_headless.libs", re.compile(r"^libaom-[0-9a-f]{8}\.so\.3\.[0-9.]+$"))}
"""System library -> (folder, wheel copy with the same soname major) that may stand for it."""

MIN_DEDUPE = 64 * 1024
"""Files smaller than this are not worth a link."""


def is_elf(path: Path) -> bool:
    if path.is_symlink() or not path.is_file():
        return False
    with path.open("rb") as handle:
        return handle.read(4) == b"\x7fELF"


@functools.cache  # NEEDED entries do not change while the steps run; drop_unused asks again and again
def needed(path: Path) -> list[str]:
    out = subprocess.run(["readelf", "-d", str(path)], capture_output=True, text=True, check=False).stdout
    return re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", out)


def symbols(path: Path, *, defined: bool) -> set[str]:
    """Dynamic symbols with their version (``name@VERSION``), defined or undefined ones."""
    flag = "--defined-only" if defined else "--undefined-only"
    out = subprocess.run(["nm", "-D", flag, str(path)], capture_output=True, text=True, check=True).stdout
    return {line.split()[-1].replace("@@", "@") for line in out.splitlines() if line.split()}


def link(path: Path, target: Path) -> int:
    """Replace ``path`` by a relative link to ``target``; the bytes saved."""
    size = path.stat().st_size
    path.unlink()
    path.symlink_to(os.path.relpath(target, path.parent))
    return size


def share_ffmpeg(internal: Path) -> int:
    """OpenCV's FFmpeg libraries -> PyAV's, when they are the same release; bytes saved."""
    cv2_module = next(iter(sorted((internal / "cv2").glob("cv2*.so"))), None)
    ours, theirs = internal / "opencv_python_headless.libs", internal / "av.libs"
    if cv2_module is None or not ours.is_dir() or not theirs.is_dir():
        return 0
    pairs: list[tuple[Path, Path]] = []
    for name in needed(cv2_module):
        match = FFMPEG_LIB.match(name)
        if not match:
            continue
        same = [p for p in theirs.glob(f"{match[1]}-*.so.{match[2]}") if FFMPEG_LIB.match(p.name)]
        if len(same) != 1 or not (ours / name).is_file():
            print(f"bundle_slim: {name}: no PyAV copy of the same version, FFmpeg not shared")
            return 0
        pairs.append((ours / name, same[0]))
    wanted = {s for s in symbols(cv2_module, defined=False) if re.search(r"@LIB(AV|SW)", s)}
    offered = set().union(*(symbols(target, defined=True) for _, target in pairs)) if pairs else set()
    if not pairs or wanted - offered:
        print(f"bundle_slim: PyAV's FFmpeg lacks {sorted(wanted - offered)[:5]}, FFmpeg not shared")
        return 0
    return sum(link(path, target) for path, target in pairs)


def share_sonames(internal: Path) -> int:
    """A system library replaced by a wheel's copy of the same soname major, when it defines all it must."""
    saved = 0
    users = [p for p in internal.rglob("*.so*") if is_elf(p)]
    for soname, (folder, pattern) in SHARED_SONAMES.items():
        system = internal / soname
        copies = [p for p in (internal / folder).glob("*") if pattern.match(p.name) and is_elf(p)]
        if not is_elf(system) or len(copies) != 1:
            continue
        provided = {s.split("@")[0] for s in symbols(copies[0], defined=True)}
        own = {s.split("@")[0] for s in symbols(system, defined=True)}
        wanted = {s.split("@")[0] for user in users if soname in needed(user)
                  for s in symbols(user, defined=False)} & own
        if wanted - provided:
            print(f"bundle_slim: {copies[0].name} lacks {sorted(wanted - provided)[:5]}, {soname} kept")
            continue
        saved += link(system, copies[0])
    return saved


def drop_unused(internal: Path, folder: str) -> int:
    """Libraries of a wheel's ``.libs`` folder that nothing in the bundle links to any more; bytes saved."""
    saved = 0
    while True:
        wanted = {name for p in internal.rglob("*") if is_elf(p) for name in needed(p)}
        gone = [p for p in (internal / folder).glob("*.so*") if is_elf(p) and p.name not in wanted]
        gone = [p for p in gone if not any(link.is_symlink() and link.resolve() == p.resolve()
                                           for link in (internal / folder).iterdir())]
        if not gone:
            return saved
        for path in gone:
            saved += path.stat().st_size
            path.unlink()
        for dangling in [p for p in internal.rglob("*") if p.is_symlink() and not p.exists()]:
            dangling.unlink()  # PyInstaller's links in the top folder to what just went


def dedupe(internal: Path) -> int:
    """Same bytes, same file name in two folders: keep one, link the other; bytes saved."""
    seen: dict[tuple[str, str], Path] = {}
    saved = 0
    for path in sorted(internal.rglob("*")):
        if not is_elf(path) or path.stat().st_size < MIN_DEDUPE:
            continue
        key = (path.name, hashlib.sha256(path.read_bytes()).hexdigest())
        if key in seen:
            saved += link(path, seen[key])
        else:
            seen[key] = path
    return saved


LOAD_CHECK = """
import ctypes, sys
for line in sys.stdin:
    path = line.rstrip("\\n")
    try:
        ctypes.CDLL(path, mode=ctypes.RTLD_LOCAL)
        print("ok", path, flush=True)
    except OSError as exc:
        print("fail", path, exc, flush=True)
"""


def loads(paths: list[Path], internal: Path) -> set[Path]:
    """The libraries of ``paths`` that dlopen accepts, each tried in a helper process (a crash fails one)."""
    good: set[Path] = set()
    left = list(paths)
    env = {**os.environ, "LD_LIBRARY_PATH": str(internal)}
    while left:
        proc = subprocess.run([sys.executable, "-c", LOAD_CHECK], input="".join(f"{p}\n" for p in left),
                              capture_output=True, text=True, env=env, check=False, timeout=600)
        done = {Path(line.split(" ", 2)[1]): line.startswith("ok ") for line in proc.stdout.splitlines()
                if line.startswith(("ok ", "fail "))}
        good |= {p for p, ok in done.items() if ok}
        if len(done) == len(left):
            break
        crashed = left[len(done)]  # the helper died loading this one
        print(f"bundle_slim: loading {crashed.name} ended the check process")
        left = left[len(done) + 1:]
    return good


def has_symtab(path: Path) -> bool:
    out = subprocess.run(["readelf", "-S", "-W", str(path)], capture_output=True, text=True, check=False).stdout
    return " .symtab " in out or " .debug_info " in out


def strip(internal: Path) -> int:
    """Strip what still has a symbol table; keep a stripped file only if it still loads; bytes saved."""
    if shutil.which("strip") is None:
        print("bundle_slim: no strip (binutils), nothing stripped")
        return 0
    candidates = [p for p in sorted(internal.rglob("*")) if is_elf(p) and has_symtab(p)
                  and (".so" in p.name)]  # executables (ffmpeg) come stripped; the launcher is outside
    with tempfile.TemporaryDirectory() as tmp:
        backups: dict[Path, Path] = {}
        for index, path in enumerate(candidates):
            backup = Path(tmp) / str(index)
            shutil.copy2(path, backup)
            done = subprocess.run(["strip", "--strip-unneeded", str(path)], capture_output=True, check=False)
            if done.returncode == 0:
                backups[path] = backup
            else:
                shutil.copy2(backup, path)
        good = loads(list(backups), internal)
        saved = 0
        for path, backup in backups.items():
            if path in good:
                saved += backup.stat().st_size - path.stat().st_size
            else:
                print(f"bundle_slim: {path.relative_to(internal)} does not load stripped, kept as built")
                shutil.copy2(backup, path)
    return saved


BABEL_LANGUAGES = ("root", "fr", "en", "ar")
"""Babel locales kept (with their regional variants): onair/message.py writes dates in fr, en and ar only."""


def keep_babel_languages(internal: Path) -> int:
    """Drop Babel's locale files of languages the app never formats dates or names in (~30 of its 35 MB)."""
    saved = 0
    folder = internal / "babel" / "locale-data"
    for path in folder.glob("*.dat") if folder.is_dir() else ():
        if path.stem.split("_")[0] not in BABEL_LANGUAGES:
            saved += path.stat().st_size
            path.unlink()
    return saved


def main(bundle: Path) -> dict[str, int]:
    """Run the steps on ``bundle`` (dist/moderator-app); bytes each one saved, printed and returned."""
    internal = bundle / "_internal"
    steps = {"share FFmpeg (OpenCV -> PyAV)": share_ffmpeg,
             "drop OpenCV's unused libraries": lambda folder: drop_unused(folder, "opencv_python_headless.libs"),
             "share libaom": share_sonames, "dedupe identical files": dedupe, "strip symbol tables": strip,
             "keep Babel's fr, en, ar": keep_babel_languages}
    saved: dict[str, int] = {}
    for step, run in steps.items():
        start = time.monotonic()
        saved[step] = run(internal)
        print(f"bundle_slim: {step}: {saved[step] / 1e6:.1f} MB in {time.monotonic() - start:.0f} s")
    return saved


if __name__ == "__main__":
    main(Path(sys.argv[1]))
