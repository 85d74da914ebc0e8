#!/usr/bin/env bash
# Prepare a fresh Debian/Ubuntu machine: system libraries (libvlc + plugins, Xvfb, Qt's X11 libraries,
# fonts for Arabic script and emoji) where missing, then the app in a virtual environment (.venv).
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  libvlc5 libvlc-bin vlc-plugin-base vlc-plugin-video-output
  xvfb xauth
  libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0
  libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1 libegl1 libgl1 libfontconfig1
  libdbus-1-3 libglib2.0-0
  fonts-noto-core fonts-noto-color-emoji fonts-dejavu-core
  binutils  # readelf, nm, strip: the bundle build (scripts/bundle_slim.py) and its test
)

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
PY=${PYTHON:-python3}
if ! "$PY" -c 'import sys, venv, ensurepip; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  missing+=(python3 python3-venv)
fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing system packages: ${missing[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip >/dev/null
.venv/bin/python -m pip install -q -e '.[test]'
echo "setup: ready (.venv)"
