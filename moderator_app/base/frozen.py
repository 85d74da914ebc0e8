"""The app as a PyInstaller bundle: point python-vlc at the bundle's own libvlc before anything imports vlc.

Bundling python-vlc is a known trap (pyinstaller issues #3448, #4506, #4753): ``vlc.py`` looks for libvlc in
the system's places only, so a bundle either loads the machine's libvlc (a different version, or none, on
the user's laptop) or loads the bundle's libvlc without plugins and ``vlc.Instance()`` returns None. So,
when frozen, :func:`prepare` runs first thing in ``main()`` and sets, before ``import vlc``:

- ``PYTHON_VLC_LIB_PATH``: the bundle's libvlc, which python-vlc then loads instead of searching;
- ``PYTHON_VLC_MODULE_PATH`` and ``VLC_PLUGIN_PATH``: the bundle's plugin folder (python-vlc and libvlc);
- on Linux and macOS, libvlccore is loaded first by its full path, so libvlc's dependency on it is met by
  the bundle's copy whatever the loader's search path says.

The layout below is the one ``build_installer.spec`` writes; the two must agree.
"""

from __future__ import annotations

import ctypes
import os
import sys
from pathlib import Path

VLC_PLUGINS = Path("vlc") / "plugins"
"""The plugin folder, relative to the bundle's library folder, on every OS."""

LIBVLC = {"linux": ("libvlccore.so.9", "libvlc.so.5"), "win32": ("libvlccore.dll", "libvlc.dll"),
          "darwin": ("libvlccore.dylib", "libvlc.dylib")}
"""(libvlccore, libvlc) file names per platform, as the spec collects them into the library folder."""

_preloaded: list[ctypes.CDLL] = []  # kept alive for the process: libvlc needs libvlccore loaded


def is_frozen() -> bool:
    return bool(getattr(sys, "frozen", False))


def bundle_dir() -> Path | None:
    """The folder the bundle's libraries and data were unpacked to (``_internal``), or None from source."""
    base = getattr(sys, "_MEIPASS", None)
    return Path(base) if is_frozen() and base else None


def _platform() -> str:
    return "linux" if sys.platform.startswith("linux") else sys.platform


def prepare() -> None:
    """Make a frozen process use the bundle's libvlc and plugins; a no-op when run from source.

    Also lets a spawned worker process (checks, ingest) of a frozen app run its task and exit here: a
    frozen executable has no ``python -c``, so multiprocessing re-runs the executable itself.
    """
    folder = bundle_dir()
    if folder is None:
        return
    import multiprocessing

    multiprocessing.freeze_support()
    names = LIBVLC.get(_platform())
    if names is None:
        return
    core, lib = (folder / name for name in names)
    plugins = folder / VLC_PLUGINS
    if not lib.is_file() or not plugins.is_dir():
        return  # a bundle built without libvlc: python-vlc looks in the system's places as before
    os.environ["PYTHON_VLC_LIB_PATH"] = str(lib)
    os.environ["PYTHON_VLC_MODULE_PATH"] = str(plugins)
    os.environ["VLC_PLUGIN_PATH"] = str(plugins)
    if _platform() == "win32":
        os.add_dll_directory(str(folder))  # type: ignore[attr-defined]  # libvlc.dll finds libvlccore.dll
    elif core.is_file():
        _preloaded.append(ctypes.CDLL(str(core), mode=ctypes.RTLD_GLOBAL))

