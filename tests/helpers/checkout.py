"""The test run must leave the checkout as it found it: tests work in temporary folders.

`snapshot(repo)` fingerprints what `git status` reports: every tracked file that differs from
HEAD and every untracked file that is not ignored (by content, so a second change to an
already-modified file counts too), and the ignored entries (course/release/, gradebook.db...).
`changes(before, after)` lists what the run created, changed or deleted, leaving out the
ignored places a run is meant to write to (KEPT). tests/conftest.py takes a snapshot when the
session starts and fails the run if the one at the end differs.
"""
import hashlib
import subprocess
from fnmatch import fnmatch
from pathlib import Path

# Ignored places a test run may create or fill (git ignores them; .gitignore lists them).
KEPT = (
    "artifacts/",        # screenshots, latency JSON, server logs: kept on purpose
    ".hypothesis/",      # hypothesis's example database (replays a failing example)
    ".pytest_cache/",    # pytest's cache (--lf)
    "__pycache__/",      # bytecode, anywhere
    ".venv/",            # scripts/setup.sh, run by the README's first command in tests/browser
    "*.egg-info/",       # pip install -e, by the same set-up
)


class NotACheckout(RuntimeError):
    """git is missing or `repo` is not the top of a git checkout."""


def _git(repo: Path, *args: str) -> bytes:
    try:
        done = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, check=False)
    except FileNotFoundError as error:
        raise NotACheckout(f"git is not installed ({error})") from error
    if done.returncode != 0:
        raise NotACheckout(f"`git {' '.join(args)}` failed in {repo}: {done.stderr.decode(errors='replace').strip()}")
    return done.stdout


def _kept(path: str) -> bool:
    parts = path.rstrip("/").split("/")
    return any(fnmatch(part + "/", pattern) for part in parts for pattern in KEPT)


def _fingerprint(path: Path) -> str:
    if path.is_symlink():
        return "symlink:" + str(path.readlink())
    if path.is_file():
        return hashlib.sha256(path.read_bytes()).hexdigest()
    return "missing" if not path.exists() else "other"


def snapshot(repo: Path) -> dict:
    """{path: (git status code, fingerprint)} for every entry `git status` shows, as described above."""
    top = Path(_git(repo, "rev-parse", "--show-toplevel").decode().strip()).resolve()
    if top != Path(repo).resolve():
        raise NotACheckout(f"{repo} is inside the git checkout {top}, not at its top")
    raw = _git(repo, "status", "--porcelain=v1", "-z", "--untracked-files=all", "--ignored=matching")
    entries = raw.split(b"\0")
    state = {}
    i = 0
    while i < len(entries):
        entry = entries[i].decode(errors="surrogateescape")
        i += 1
        if not entry:
            continue
        code, path = entry[:2], entry[3:]
        if code[0] in "RC":          # a rename or copy is followed by its source path
            i += 1
        if code == "!!":
            if not _kept(path):
                state[path] = (code, "ignored")
        else:
            state[path] = (code, _fingerprint(Path(repo) / path))
    return state


def changes(before: dict, after: dict) -> list:
    """['created course/release/', 'changed README.md', 'deleted ...'], sorted; empty when nothing moved."""
    found = []
    for path in sorted(set(before) | set(after)):
        if before.get(path) == after.get(path):
            continue
        if path not in after:
            found.append(f"put back or removed {path}")        # e.g. an edited file restored to HEAD
        elif "D" in after[path][0]:
            found.append(f"deleted {path}")
        elif path not in before and after[path][0] in ("??", "!!"):
            found.append(f"created {path}")
        else:
            found.append(f"changed {path}")
    return found
