"""Helpers shared by the browser tests: start a Jupyter server, wait in a page.

Plain functions (the fixtures that use them are in conftest.py); a test module imports them
with `from .labserver import ...` (tests/browser is a package).
"""
import json
import re
import socket
import subprocess
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def quiet_settings(root: Path) -> Path:
    """A JupyterLab settings dir with the news and update toasts silenced (they would cover cells)."""
    settings = root / "settings"
    folder = settings / "@jupyterlab" / "apputils-extension"
    folder.mkdir(parents=True)
    (folder / "notification.jupyterlab-settings").write_text(
        json.dumps({"fetchNews": "false", "checkForUpdates": False, "doNotDisturbMode": True}))
    return settings


@contextmanager
def running_server(command: list, env: dict, cwd: Path, log_path: Path, port: int, token: str, startup_s: int = 60,
                   ready_path: str = "/api/status?token={token}"):
    """Start a Jupyter server with `command`; yield its base url once `ready_path` answers; stop it after."""
    with open(log_path, "w") as log:
        server = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=env, cwd=cwd,
                                  stdin=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + startup_s
        while True:
            if server.poll() is not None:
                pytest.fail(f"the Jupyter server exited with code {server.returncode}; see {log_path}")
            try:
                urllib.request.urlopen(base + ready_path.format(token=token), timeout=2)
                break
            except OSError:
                if time.monotonic() > deadline:
                    asked = ready_path.format(token="…")
                    pytest.fail(f"the Jupyter server did not answer {asked} within {startup_s} s; see {log_path}")
                time.sleep(0.25)
        yield base
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def wait_until(page, expression: str, timeout_ms: int = 120_000):
    """Wait until a JavaScript expression is true (false while it throws, e.g. before the app exists)."""
    page.wait_for_function(f"() => {{ try {{ return {expression}; }} catch (e) {{ return false; }} }}",
                           timeout=timeout_ms, polling=200)


INTERACTIVE_ROLES = ("slider", "combobox", "listbox", "button", "tab", "checkbox", "radio", "textbox", "spinbutton",
                     "switch", "link")


def unnamed_controls(snapshot: str) -> list:
    """Lines of a playwright ARIA snapshot that show an interactive role without a name (e.g. '- slider')."""
    pattern = re.compile(rf"^\s*- ({'|'.join(INTERACTIVE_ROLES)})\b(?P<name> \"[^\"]+\"| /.+/)?")
    return [line.strip() for line in snapshot.splitlines()
            if (found := pattern.match(line)) and not found.group("name")]
