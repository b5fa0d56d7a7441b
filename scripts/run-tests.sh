#!/usr/bin/env bash
# The README's second command: install everything, lint, then run the whole test suite:
# `ruff check .` (rules in pyproject.toml), pytest over tests/ (engine, checks, widgets,
# nbgrader, the real browser) and nbval over every source notebook and the lecture app (course/app). Extra arguments go to
# pytest (e.g. -k sigmoid, -x). A lint finding fails the run, but the tests still run first.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
start=$(date +%s)
bash scripts/setup.sh test

export PATH="$root/.venv/bin:$PATH"
export MPLBACKEND=Agg
extra=()
if [ -n "${CI:-}" ]; then extra+=(-p no:cacheprovider); fi

echo "==> ruff check ."
lint=0
ruff check . || lint=$?

status=0
python -m pytest "${extra[@]}" --nbval-lax --nbval-current-env tests course/notebooks course/app "$@" || status=$?
echo "==> whole suite took $(( $(date +%s) - start )) s"
if [ "$status" -eq 5 ]; then
  echo "pytest collected no tests: that is a failure here (check the paths and -k filters)." >&2
  status=1
fi
if [ "$lint" -ne 0 ]; then
  echo "ruff check . found problems (listed before the tests): the run fails. Fix them, or run" >&2
  echo "'ruff check --fix .' for the fixable ones; the rules and their reasons are in pyproject.toml." >&2
  if [ "$status" -eq 0 ]; then status=1; fi
fi
exit "$status"
