"""Copy the licence notice of everything inside a built bundle into BUNDLE/licenses/ (build_installer.spec calls main).

Why generated: the bundle's contents follow the build machine (which system libraries libvlc's plugins link
to, which wheels are installed), so a hand-kept list would drift. Three kinds of parts are found:

- Python distributions: the licence files their metadata names (PySide6, python-vlc, numpy, OpenCV …);
- system libraries (libvlc, libvlccore, the VLC plugins and the libraries they link to, copied from the
  build machine): the Debian package that owns each file, and its /usr/share/doc/PACKAGE/copyright;
- the ffmpeg binary of imageio-ffmpeg (a GPL build) and the Python runtime itself.

Writes licenses/python/<dist>/…, licenses/system/<package>.copyright and licenses/INVENTORY.txt (which file
came from which part under which licence), next to the project's own notices (resources/licenses).
"""

from __future__ import annotations

import importlib.metadata
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

SYSTEM_LIBDIRS = (Path("/usr/lib/x86_64-linux-gnu"), Path("/lib/x86_64-linux-gnu"), Path("/usr/lib"))


def python_notices(out: Path, inventory: list[str], modules: set[str]) -> None:
    """The distributions that provide one of ``modules`` (top-level names the bundle holds)."""
    wanted = {d for top, dists in importlib.metadata.packages_distributions().items() if top in modules
              for d in dists}
    seen: set[str] = set()
    for dist in importlib.metadata.distributions():
        name = dist.metadata["Name"] or "unknown"
        if name not in wanted or name.lower() in seen or name == "moderator-app":
            continue
        seen.add(name.lower())
        licence = dist.metadata.get("License-Expression") or dist.metadata.get("License") or ""
        licence = licence.splitlines()[0][:80] if licence else "see files"
        files = [f for f in (dist.files or []) if "licen" in f.name.lower() or "copying" in f.name.lower()
                 or "notice" in f.name.lower()]
        target = out / "python" / name
        for file in files:
            src = Path(str(dist.locate_file(file)))
            if src.is_file():
                target.mkdir(parents=True, exist_ok=True)
                shutil.copy2(src, target / src.name)
        inventory.append(f"python  {name} {dist.version}: {licence}")


def system_notices(bundle: Path, out: Path, inventory: list[str]) -> None:
    # links (scripts/bundle_slim.py) carry another part's copy: listed by link_notices, not as the system's
    names = sorted({p.name for p in (bundle / "_internal").rglob("*.so*") if p.is_file() and not p.is_symlink()})
    packages: dict[str, list[str]] = {}
    for name in names:
        origin = next((d / name for d in SYSTEM_LIBDIRS if (d / name).exists()), None)
        plugin = next((bundle / "_internal").rglob(name)).relative_to(bundle / "_internal")
        if origin is None and plugin.parts[0] == "vlc":
            origin = Path("/usr/lib/x86_64-linux-gnu") / plugin
        if origin is None:
            continue
        owner = subprocess.run(["dpkg", "-S", str(origin.resolve())], capture_output=True, text=True, check=False)
        if owner.returncode != 0:
            continue
        package = owner.stdout.split(":", 1)[0]
        packages.setdefault(package, []).append(name)
    (out / "system").mkdir(parents=True, exist_ok=True)
    for package, files in sorted(packages.items()):
        copyright_file = Path("/usr/share/doc") / package / "copyright"
        if copyright_file.is_file():
            shutil.copy2(copyright_file, out / "system" / f"{package}.copyright")
        inventory.append(f"system  {package}: {', '.join(files)} (see system/{package}.copyright)")


def link_notices(bundle: Path, inventory: list[str]) -> None:
    """Libraries that are links to another library (scripts/bundle_slim.py): the notice is that copy's part.

    PyInstaller's own links (same name, in the top folder) are not listed: they carry nothing new."""
    internal = bundle / "_internal"
    for path in sorted(internal.rglob("*.so*")):
        if path.is_symlink() and path.resolve().name != path.name:
            target = path.resolve().relative_to(internal.resolve())
            inventory.append(f"link    {path.relative_to(internal)} -> {target} (the notice of {target.parts[0]})")


def runtime_notices(out: Path, inventory: list[str]) -> None:
    python_licence = Path(sysconfig.get_paths()["stdlib"]) / "LICENSE.txt"
    if python_licence.is_file():
        shutil.copy2(python_licence, out / "Python-LICENSE.txt")
    inventory.append(f"runtime Python {sys.version.split()[0]}: PSF-2.0 (see Python-LICENSE.txt)")
    inventory.append("binary  imageio_ffmpeg/binaries/ffmpeg-*: FFmpeg, a GPL-3.0-or-later build made by the"
                     " imageio-ffmpeg project (see python/imageio-ffmpeg and https://ffmpeg.org/legal.html)")


def main(bundle: Path, modules: set[str]) -> None:
    out = bundle / "licenses"
    out.mkdir(parents=True, exist_ok=True)
    inventory: list[str] = ["What is inside this folder and under which licence (generated at build time).", ""]
    python_notices(out, inventory, modules)
    system_notices(bundle, out, inventory)
    link_notices(bundle, inventory)
    runtime_notices(out, inventory)
    (out / "INVENTORY.txt").write_text("\n".join(inventory) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]), set(sys.argv[2:]))
