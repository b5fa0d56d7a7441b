#!/usr/bin/env bash
# The README's first command: install everything the course needs, then open it in JupyterLab.
#   bash scripts/open-course.sh               # a student: your own copies in workspace/
#   bash scripts/open-course.sh --instructor  # the source notebooks (solutions, hidden tests)
#   bash scripts/open-course.sh --headless    # no browser: prints the URL with its token
#   bash scripts/open-course.sh --app         # the explorers as a web page without code (Voilà)
#   bash scripts/open-course.sh --app --headless   # the same as a server: prints the URL
# Other arguments go to `jupyter lab` (or to `voila` with --app; e.g. --port 8890).
# MINIGRAD_WORKSPACE=/some/folder puts the student copies there instead of workspace/.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bash "$root/scripts/setup.sh" course
export PATH="$root/.venv/bin:$PATH"   # nbgrader calls alembic from here

args=()
headless="${HEADLESS:-0}"
instructor=0
app=0
for arg in "$@"; do
  case "$arg" in
    --headless) headless=1 ;;
    --instructor) instructor=1 ;;
    --app) app=1 ;;
    *) args+=("$arg") ;;
  esac
done

if [ "$app" = 1 ]; then
  # The lecture app: course/app/playground.ipynb run by Voilà, which shows the outputs (controls,
  # plots, notes) and no code. Each visitor gets a kernel of their own; course/README.md says how
  # to serve a class.
  voila_args=(--Voila.ip=127.0.0.1)
  if [ "$headless" = 1 ]; then voila_args+=(--no-browser); fi
  echo "==> opening the explorers app with Voilà (stop it with Ctrl-C)"
  cd "$root/course/app"
  exec voila playground.ipynb "${voila_args[@]}" "${args[@]}"
fi
if [ "$headless" = 1 ]; then args+=(--no-browser --ServerApp.ip=127.0.0.1); fi
if [ "$(id -u)" -eq 0 ]; then args+=(--allow-root); fi

if [ "$instructor" = 1 ]; then
  folder="$root/course"
  start="$(cd "$folder" && ls -d notebooks/01_*/*.ipynb | head -n 1)"
else
  # The student version of each assignment (nbgrader's release: solutions replaced by stubs,
  # hidden tests removed), copied into workspace/ once. A student's work is never overwritten.
  # nbgrader writes release/ and gradebook.db into its course root, so the release is made in a
  # temporary copy of the course: course/ stays as it is in git.
  folder="${MINIGRAD_WORKSPACE:-$root/workspace}"
  mkdir -p "$folder"
  build=""
  for source in "$root"/course/notebooks/*/; do
    assignment="$(basename "$source")"
    [ -d "$folder/$assignment" ] && continue
    if [ -z "$build" ]; then
      build="$(mktemp -d)"
      trap 'rm -rf "$build"' EXIT
      cp -r "$root/course/nbgrader_config.py" "$root/course/notebooks" "$build/"
    fi
    echo "==> preparing your copy of $assignment"
    (cd "$build" && nbgrader generate_assignment "$assignment" --force --log-level=ERROR)
    cp -r "$build/release/$assignment" "$folder/$assignment"
  done
  # `exec` below replaces this shell, so the EXIT trap would not run: clean up now.
  if [ -n "$build" ]; then rm -rf "$build"; trap - EXIT; fi
  # `nbgrader validate` in the workspace reads this (without it: "No nbgrader_config.py file found").
  [ -e "$folder/nbgrader_config.py" ] || cp "$root/scripts/student-config/nbgrader_config.py" "$folder/"
  start="$(cd "$folder" && ls -d 01_*/*.ipynb | head -n 1)"
  # Students see nbgrader's Validate button, not the instructor's tools (scripts/student-config/).
  export JUPYTER_CONFIG_PATH="$root/scripts/student-config${JUPYTER_CONFIG_PATH:+:$JUPYTER_CONFIG_PATH}"
fi

echo "==> opening $folder in JupyterLab (stop it with Ctrl-C)"
cd "$folder"
# root_dir keeps every assignment in the file browser; default_url opens notebook 1.
exec jupyter lab --ServerApp.root_dir="$folder" --LabApp.default_url="/lab/tree/$start" "${args[@]}"
