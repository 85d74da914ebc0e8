#!/usr/bin/env bash
# Set up (see setup.sh) and open the review desk on generated demo submissions (no network needed).
# The demo has its own cache, separate from any real campaign's.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "demo: no screen found (DISPLAY is not set). Run this from a desktop session." >&2
  exit 1
fi
exec .venv/bin/moderator-app --demo "$@"
