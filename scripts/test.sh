#!/usr/bin/env bash
# Set up (see setup.sh) and run every test: unit, CLI end-to-end, and GUI tests on a private Xvfb screen
# with the system's libvlc. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export QT_QPA_PLATFORM=xcb
exec xvfb-run -a -s "-screen 0 1600x1000x24" .venv/bin/python -m pytest "$@"
