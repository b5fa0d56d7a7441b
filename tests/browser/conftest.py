"""Fixtures for the real-browser tests: JupyterLab on 127.0.0.1 and Debian's chromium.

- `explorer_notebooks()`: every course notebook that embeds an explorer (`descent_1d(`,
  `loss_surface(`, `training_playground(`), or just $MINIGRAD_BROWSER_NOTEBOOK;
- `running_server(...)`: start a Jupyter server from a command line, wait until it answers,
  stop it afterwards (the walkthrough test starts one with the README's first command);
- `jupyterlab`: a fresh server per test module, with a token, serving temporary COPIES of those
  notebooks' assignment folders (autosave writes to the notebook), the news/update toasts
  silenced through a settings dir, kernels that import minigrad and autograder;
- `lecture_app`: Voilà serving the lecture app (course/app/playground.ipynb) on a free port of
  127.0.0.1, per test module; each page opened there gets a kernel of its own;
- `browser`: chromium launched by Python playwright, per test module (Debian's /usr/bin/chromium;
  playwright downloads no browser). If it cannot start, the test FAILS with the reason: a
  broken set-up must not look like a pass.
Everything a run leaves (screenshot, latency JSON, server log) goes to `artifacts`, the
artifacts/ folder at the repository root (git ignores it). The `browser` marker is
registered in pyproject.toml.
"""
import json
import os
import re
import secrets
import shutil
import statistics
import sys
from pathlib import Path

import pytest

from tests.helpers import REPO

from .labserver import free_port, quiet_settings, running_server

ARTIFACTS = REPO / "artifacts"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--headless"]
EXPLORER_CALL = re.compile(r"\b(descent_1d|loss_surface|training_playground)\(")


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


def explorers_in(notebook: Path) -> set:
    """The explorers a notebook's code cells call, e.g. {'loss_surface', 'training_playground'}."""
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    return set(EXPLORER_CALL.findall("\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")))


def explorer_notebooks() -> list:
    """[(notebook, the explorers it calls)]: $MINIGRAD_BROWSER_NOTEBOOK, else every course notebook with one."""
    chosen = os.environ.get("MINIGRAD_BROWSER_NOTEBOOK")
    paths = [Path(chosen).resolve()] if chosen else sorted(
        p for p in (REPO / "course" / "notebooks").glob("*/*.ipynb") if ".ipynb_checkpoints" not in p.parts)
    return [(path, explorers_in(path)) for path in paths if explorers_in(path)]


@pytest.fixture(scope="module")
def jupyterlab(artifacts, tmp_path_factory):
    """A JupyterLab server; yields (base url, token, {notebook: its path relative to the server root})."""
    root = tmp_path_factory.mktemp("lab")
    served = {}
    for notebook, _ in explorer_notebooks():
        folder = root / notebook.parent.name
        if not folder.exists():
            shutil.copytree(notebook.parent, folder, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
        served[notebook] = folder.relative_to(root) / notebook.name
    port, token = free_port(), secrets.token_hex(16)
    env = {**os.environ, "JUPYTERLAB_SETTINGS_DIR": str(quiet_settings(root)),
           "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))}
    command = [sys.executable, "-m", "jupyterlab", "--no-browser", "--ServerApp.ip=127.0.0.1",
               f"--ServerApp.port={port}", "--ServerApp.port_retries=0", f"--IdentityProvider.token={token}",
               f"--ServerApp.root_dir={root}", "--ServerApp.allow_root=True", "--LabApp.expose_app_in_browser=True",
               f"--LabApp.workspaces_dir={root / 'workspaces'}"]
    with running_server(command, env, root, artifacts / "jupyterlab.log", port, token) as base:
        yield base, token, served


APP_NOTEBOOK = REPO / "course" / "app" / "playground.ipynb"


def voila_command(port: int) -> list:
    """Voilà serving the lecture app on 127.0.0.1:`port`, as `scripts/open-course.sh --app --headless` does."""
    return [sys.executable, "-m", "voila", APP_NOTEBOOK.name, "--no-browser", "--Voila.ip=127.0.0.1",
            f"--port={port}", "--Voila.port_retries=0"]


@pytest.fixture(scope="module")
def lecture_app(artifacts):
    """The lecture app under Voilà; yields its url (Voilà serves the notebook read-only: no copy needed)."""
    port = free_port()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")]))}
    with running_server(voila_command(port), env, APP_NOTEBOOK.parent, artifacts / "voila.log", port, token="",
                        ready_path="/voila/static/voila.js") as base:
        yield base + "/"


@pytest.fixture(scope="module")
def browser():
    """Chromium under playwright's sync API, closed when the module ends: while it runs, its event loop
    counts as running in this thread, and later tests that call asyncio.run would fail."""
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


def pytest_generate_tests(metafunc):
    """`explorer_notebook`: every notebook with an explorer; `playground_notebook`: those with a playground."""
    for argument, needs in (("explorer_notebook", None), ("playground_notebook", "training_playground")):
        if argument in metafunc.fixturenames:
            found = [notebook for notebook, kinds in explorer_notebooks() if needs is None or needs in kinds]
            metafunc.parametrize(argument, found, ids=[notebook.parent.name for notebook in found], scope="module")


@pytest.fixture(scope="session")
def embedded_explorers() -> set:
    """Every explorer that some course notebook calls."""
    return {kind for _, kinds in explorer_notebooks() for kind in kinds}


@pytest.fixture(scope="session")
def latency_log(artifacts):
    """Collects key-press latencies by explorer and slider; written to artifacts/browser_latency.json at the end."""
    log = {"notebooks": [], "latency_ms": {}}
    yield log
    every = [ms for values in log["latency_ms"].values() for ms in values]
    if every:
        log.update(median_ms=statistics.median(every), presses=len(every))
        (artifacts / "browser_latency.json").write_text(json.dumps(log, indent=2))
