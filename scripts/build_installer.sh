#!/usr/bin/env bash
# Build the folder a user unpacks and runs without Python: dist/moderator-app/ and
# dist/moderator-app-<version>-linux-x86_64.tar.gz. Sets up like setup.sh (system libvlc and its plugins,
# which the bundle copies, and .venv), adds PyInstaller (the "bundle" extra), then runs build_installer.spec.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/python -m pip install -q -e '.[bundle]'  # already in the test extra; kept for a setup without it
version=$(.venv/bin/python -c 'import moderator_app; print(moderator_app.__version__)')
start=$(date +%s)
.venv/bin/pyinstaller --noconfirm --clean --log-level WARN build_installer.spec
tar -C dist -czf "dist/moderator-app-${version}-linux-x86_64.tar.gz" moderator-app
echo "build_installer: dist/moderator-app/ ($(du -sh dist/moderator-app | cut -f1)) and" \
  "dist/moderator-app-${version}-linux-x86_64.tar.gz in $(( $(date +%s) - start )) s"
