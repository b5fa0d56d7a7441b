"""The sandbox on its own: what code inside can and cannot reach, and where Python may live."""
from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time

from autograder.grading.sandbox import Limits, Sandbox, bubblewrap, own, unused_uid
from tests.helpers import REPO

PROBE = textwrap.dedent("""
    import os, socket, numpy
    print("uid", os.getuid())
    try:
        socket.create_connection(("1.1.1.1", 80), 1)
        print("network reachable")
    except OSError:
        print("no network")
    print("course visible" if os.path.exists(%r) else "course hidden")
""")


def sandbox(tmp_path, **limits) -> Sandbox:
    (tmp_path / "lib").mkdir()
    (tmp_path / "work").mkdir()
    uid = unused_uid()
    own(tmp_path / "work", uid)
    os.chmod(tmp_path, 0o755)
    return Sandbox(tmp_path / "lib", tmp_path / "work", Limits(wall_seconds=30, **limits), uid=uid)


def run(box: Sandbox, code: str):
    lines = []
    finished = box.run([box.python(), "-c", code], talk=lambda line, send: lines.append(line.decode()))
    return finished, lines


def test_bubblewrap_is_installed():
    assert bubblewrap(), "the tests need bubblewrap: apt-get install bubblewrap (scripts/setup.sh does it)"


def test_inside_there_is_no_network_no_course_and_no_root(tmp_path):
    finished, lines = run(sandbox(tmp_path), PROBE % str(REPO / "course" / "nbgrader_config.py"))
    assert finished.returncode == 0, finished.stderr_tail
    assert lines[1:] == ["no network", "course hidden"]
    assert lines[0] != "uid 0"


def test_a_fork_bomb_is_capped_and_nothing_survives_the_sandbox(tmp_path):
    box = sandbox(tmp_path, processes=16)
    code = ("import os, subprocess\nsubprocess.Popen(['sleep', '600'], start_new_session=True)\n"
            "n = 0\nwhile True:\n    try:\n        os.fork()\n"
            "        n += 1\n    except OSError:\n        break\nprint('capped')")
    finished, _ = run(box, code)
    assert finished.seconds < 30
    deadline = time.monotonic() + 5   # the kernel tears the namespace down as bwrap exits
    while (left := [p for p in os.listdir("/proc") if p.isdigit() and _owner(p) == box.uid]) and \
            time.monotonic() < deadline:
        time.sleep(0.05)
    assert not left


def test_python_may_live_under_tmp(tmp_path):
    """A virtual environment below /tmp (a fresh clone there) stays visible under the
    sandbox's private /tmp."""
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", "--system-site-packages", str(venv)], check=True)
    script = textwrap.dedent(f"""
        import sys
        sys.path.insert(0, {str(REPO)!r})
        from pathlib import Path
        from autograder.grading.sandbox import Limits, Sandbox
        box = Sandbox(Path({str(tmp_path)!r}) / "lib", Path({str(tmp_path)!r}) / "work", Limits(wall_seconds=30))
        lines = []
        box.run([box.python(), "-c", "import sys; print(sys.prefix)"], talk=lambda l, s: lines.append(l.decode()))
        print(lines)
    """)
    (tmp_path / "lib").mkdir()
    (tmp_path / "work").mkdir(mode=0o777)
    os.chmod(tmp_path / "work", 0o777)
    os.chmod(tmp_path, 0o755)
    done = subprocess.run([str(venv / "bin" / "python"), "-c", script], capture_output=True, text=True, timeout=60)
    assert str(venv) in done.stdout, done.stdout + done.stderr


def _owner(pid: str):
    try:
        return os.stat(f"/proc/{pid}").st_uid
    except OSError:
        return None
