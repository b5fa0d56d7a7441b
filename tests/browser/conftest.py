"""Fixtures for the real-browser tests: JupyterLab on 127.0.0.1 and Debian's chromium.

- `explorer_notebook`: the course notebook that embeds the most explorers with a batch-size
  slider (`loss_surface(`, `training_playground(`), or $MINIGRAD_BROWSER_NOTEBOOK;
- `jupyterlab`: a fresh server per session, with a token, serving a temporary COPY of that
  notebook's assignment folder (autosave writes to the notebook), the news/update toasts
  silenced through a settings dir, kernels that import minigrad and autograder;
- `browser`: chromium launched by Python playwright (never `playwright install`). If it
  cannot start, the test FAILS with the reason: a broken set-up must not look like a pass.
Everything a run leaves (screenshot, latency JSON, server log) goes to `artifacts`, the
artifacts/ folder at the repository root (git ignores it). The `browser` marker is
registered in pyproject.toml.
"""
import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "artifacts"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--headless"]
EXPLORERS_WITH_BATCH_SIZE = re.compile(r"\b(loss_surface|training_playground)\(")


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


def find_explorer_notebook() -> Path:
    """$MINIGRAD_BROWSER_NOTEBOOK, else the course notebook with the most explorer calls that have a batch size."""
    chosen = os.environ.get("MINIGRAD_BROWSER_NOTEBOOK")
    if chosen:
        return Path(chosen).resolve()
    counts = {}
    for path in sorted((REPO / "course" / "notebooks").glob("*/*.ipynb")):
        if ".ipynb_checkpoints" in path.parts:
            continue
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        code = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")
        counts[path] = len(EXPLORERS_WITH_BATCH_SIZE.findall(code))
    best = max(counts, key=lambda p: (counts[p], p.name), default=None)
    if best is None or counts[best] == 0:
        pytest.fail("no course notebook (course/notebooks/*/*.ipynb) embeds loss_surface(...) or "
                    "training_playground(...); the browser test opens such a notebook.")
    return best


@pytest.fixture(scope="session")
def explorer_notebook() -> Path:
    return find_explorer_notebook()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def jupyterlab(explorer_notebook, artifacts, tmp_path_factory):
    """A JupyterLab server; yields (base url, token, the notebook's path relative to the server root)."""
    root = tmp_path_factory.mktemp("lab")
    served = root / explorer_notebook.parent.name
    shutil.copytree(explorer_notebook.parent, served, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    settings = root / "settings" / "@jupyterlab" / "apputils-extension"
    settings.mkdir(parents=True)
    (settings / "notification.jupyterlab-settings").write_text(
        json.dumps({"fetchNews": "false", "checkForUpdates": False, "doNotDisturbMode": True}))
    port, token = free_port(), secrets.token_hex(16)
    env = {**os.environ, "JUPYTERLAB_SETTINGS_DIR": str(root / "settings"),
           "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))}
    log_path = artifacts / "jupyterlab.log"
    with open(log_path, "w") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "jupyterlab", "--no-browser", "--ServerApp.ip=127.0.0.1",
             f"--ServerApp.port={port}", "--ServerApp.port_retries=0", f"--IdentityProvider.token={token}",
             f"--ServerApp.root_dir={root}", "--ServerApp.allow_root=True", "--LabApp.expose_app_in_browser=True",
             f"--LabApp.workspaces_dir={root / 'workspaces'}"],
            stdout=log, stderr=subprocess.STDOUT, env=env, cwd=root)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if server.poll() is not None:
                pytest.fail(f"JupyterLab exited with code {server.returncode}; see {log_path}")
            try:
                urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2)
                break
            except OSError:
                if time.monotonic() > deadline:
                    pytest.fail(f"JupyterLab did not answer /api/status within 60 s; see {log_path}")
                time.sleep(0.25)
        yield base, token, served.relative_to(root) / explorer_notebook.name
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


@pytest.fixture(scope="session")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as error:
        pytest.fail(f"the browser tests need Python playwright (pip install playwright): {error}")
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"the browser tests need Debian's chromium at {CHROMIUM} (apt-get install chromium)")
    playwright = sync_playwright().start()
    try:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    except Exception as error:
        playwright.stop()
        pytest.fail(f"chromium ({CHROMIUM}) did not start under playwright: {error}")
    yield chromium
    chromium.close()
    playwright.stop()
