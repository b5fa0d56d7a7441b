#!/usr/bin/env bash
# Install what the kit needs into .venv (idempotent). Called by open-course.sh and run-tests.sh.
#   bash scripts/setup.sh course   # JupyterLab, widgets, nbgrader, plots
#   bash scripts/setup.sh test     # the above + pytest, nbval, hypothesis, playwright, ruff,
#                                  #   torch==2.13.0 (CPU oracle) and Debian's chromium + bubblewrap
set -euo pipefail
target="${1:-course}"
case "$target" in course|test) ;; *) echo "usage: scripts/setup.sh [course|test]" >&2; exit 2 ;; esac
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

python="${PYTHON:-python3}"
if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  echo "minigrad needs Python 3.11 or newer; '$python' is $("$python" --version 2>&1)." >&2
  echo "Install a newer Python, or point PYTHON=/path/to/python3.11 at one." >&2
  exit 1
fi

if [ ! -x .venv/bin/python ]; then
  echo "==> creating .venv"
  "$python" -m venv .venv
fi
venv_pip=(.venv/bin/python -m pip --quiet --disable-pip-version-check)

# pip runs again only when pyproject.toml or the target changed.
stamp=".venv/.installed-$target"
wanted="$(sha256sum pyproject.toml scripts/setup.sh | sha256sum | cut -c1-16)"
if [ "$(cat "$stamp" 2>/dev/null)" != "$wanted" ]; then
  echo "==> installing Python packages ($target)"
  "${venv_pip[@]}" install --upgrade pip
  "${venv_pip[@]}" install -e ".[$target]"
  if [ "$target" = test ]; then
    # The CPU build; an unpinned 'torch' would pull a multi-GB CUDA build.
    "${venv_pip[@]}" install "torch==2.13.0"
  fi
  echo "$wanted" > "$stamp"
  # the test extras include the course's: opening the course afterwards needs no pip run
  if [ "$target" = test ]; then echo "$wanted" > .venv/.installed-course; fi
fi

if [ "$target" = test ]; then
  missing=()
  command -v chromium >/dev/null || missing+=(chromium)
  command -v bwrap >/dev/null || missing+=(bubblewrap)
  if [ "${#missing[@]}" -gt 0 ]; then
    echo "==> installing Debian packages: ${missing[*]}"
    if [ "$(id -u)" -eq 0 ]; then sudo=(); elif command -v sudo >/dev/null; then sudo=(sudo); else
      echo "The tests need Debian packages: ${missing[*]}. Install them as root:" >&2
      echo "  apt-get install -y ${missing[*]}" >&2
      exit 1
    fi
    "${sudo[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
fi
echo "==> set-up ($target) is complete"
