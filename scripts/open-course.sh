#!/usr/bin/env bash
# The README's first command: install everything the course needs, then open it in JupyterLab.
#   bash scripts/open-course.sh              # opens a browser tab on notebook 1
#   bash scripts/open-course.sh --headless   # no browser: prints the URL (with its token)
# Any other arguments go to `jupyter lab`.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$root/scripts/setup.sh" course

args=()
headless="${HEADLESS:-0}"
for arg in "$@"; do
  if [ "$arg" = "--headless" ]; then headless=1; else args+=("$arg"); fi
done
if [ "$headless" = 1 ]; then args+=(--no-browser --ServerApp.ip=127.0.0.1); fi
if [ "$(id -u)" -eq 0 ]; then args+=(--allow-root); fi

export PATH="$root/.venv/bin:$PATH"   # nbgrader calls alembic from here
cd "$root/course"
first="$(cd notebooks && ls -d 01_*/*.ipynb | head -n 1)"
echo "==> opening the course in JupyterLab (stop it with Ctrl-C)"
exec jupyter lab "notebooks/$first" "${args[@]}"
