#!/usr/bin/env bash
# The README's second command: install everything, then run the whole test suite:
# pytest over tests/ (engine, checks, widgets, nbgrader, the real browser) and nbval over
# every source notebook. Extra arguments go to pytest (e.g. -k sigmoid, -x).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
start=$(date +%s)
bash scripts/setup.sh test

export PATH="$root/.venv/bin:$PATH"
export MPLBACKEND=Agg
extra=()
if [ -n "${CI:-}" ]; then extra+=(-p no:cacheprovider); fi

status=0
python -m pytest "${extra[@]}" --nbval-lax --nbval-current-env tests course/notebooks "$@" || status=$?
echo "==> whole suite took $(( $(date +%s) - start )) s"
if [ "$status" -eq 5 ]; then
  echo "pytest collected no tests: that is a failure here (check the paths and -k filters)." >&2
  exit 1
fi
exit "$status"
