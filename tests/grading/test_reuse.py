"""A worker's warm sandbox grades one submission after another (autograder/grading/reuse.py).
These tests attack that: student A leaves behind everything a sandbox lets a process leave
(files in every folder it can write, keys, System V IPC objects, a POSIX message queue, an
abstract socket, processes that hide in their own sessions); student B, graded next in the
same sandbox, looks for all of it and must find nothing. And the keeper replaces its
sandbox when it should: after N submissions, and after one that broke it."""
from __future__ import annotations

import os
import platform

import pytest

from autograder.exercises import get_exercise
from autograder.grading.collector import KEYCTL
from autograder.grading.reuse import SandboxKeeper
from autograder.grading.sandbox import Limits, bubblewrap
from tests.grading.test_warm_sandbox import ADD_KEY, visible_calls

pytestmark = pytest.mark.skipif(bubblewrap() is None, reason="reuse needs bubblewrap; scripts/setup.sh installs it")

PLACES = ("/tmp", "~", "/dev/shm", "/dev", "/run", "/var/tmp", "/grader", "/grader/lib")
COMMON = f"""
import ctypes, os, socket, subprocess
import numpy as np
libc = ctypes.CDLL(None, use_errno=True)
KEYCTL, ADD_KEY = {KEYCTL[platform.machine()]}, {ADD_KEY[platform.machine()]}
PLACES = [os.path.expanduser(p) for p in {PLACES!r}]
"""
# A's solution cell: leave everything it can, then report what it managed to leave
LEAVE = COMMON + """
def leave_everything():
    files = 0
    for folder in PLACES:
        try:
            with open(os.path.join(folder, "left-by-a"), "w") as f:
                f.write("a")
            files += 1
        except OSError:
            pass
    keys = sum(libc.syscall(ADD_KEY, b"user", b"left-by-a", b"a", 1, ring) >= 0 for ring in (-3, -4, -5))
    sysv = (libc.shmget(0x5EED, 4096, 0o1666) >= 0) + (libc.msgget(0x5EED, 0o1666) >= 0) \\
        + (libc.semget(0x5EED, 1, 0o1666) >= 0)
    queues = int(libc.mq_open(b"/left-by-a", os.O_CREAT | os.O_RDWR, 0o666, None) >= 0)
    listener = socket.socket(socket.AF_UNIX)
    listener.bind("\\0left-by-a")
    listener.listen()
    sleeper = subprocess.Popen(["sleep", "600"], start_new_session=True, pass_fds=(listener.fileno(),))
    if os.fork() == 0:   # a daemon: forked, its own session, forked again
        os.setsid()
        if os.fork() == 0:
            import time
            time.sleep(600)
        os._exit(0)
    return np.array([files, keys, sysv, queues, 1, int(sleeper.poll() is None)], dtype=float)

def tanh_backward(x, out, grad_output):   # called after the cells: nothing ends its processes but the reset
    return leave_everything()
"""
# B's solution cell: what of it all is there when B's first cell runs
FIND = COMMON + """
def ancestors():
    pids, pid = {os.getpid(), 1}, os.getpid()
    while pid > 1:
        with open(f"/proc/{pid}/stat") as stat:
            pid = int(stat.read().rsplit(")", 1)[1].split()[1])
        pids.add(pid)
    return pids

def look():
    files = sum(os.path.exists(os.path.join(folder, "left-by-a")) for folder in PLACES)
    keys = sum(libc.syscall(KEYCTL, 10, ring, b"user", b"left-by-a", 0) >= 0 for ring in (-3, -4, -5))
    sysv = sum(len(open(f"/proc/sysvipc/{kind}").read().splitlines()) - 1 for kind in ("shm", "msg", "sem"))
    queues = int(libc.mq_open(b"/left-by-a", os.O_RDWR, 0, None) >= 0)
    sockets = int("@left-by-a" in open("/proc/net/unix").read())
    others = [p for p in os.listdir("/proc") if p.isdigit() and int(p) not in ancestors()]
    return np.array([files, keys, sysv, queues, sockets, len(others)], dtype=float)

found = look()   # as the cell runs: the grader ends stray processes after each cell
def tanh_backward(x, out, grad_output):
    return found
"""


def leave_then_find(keeper: SandboxKeeper) -> tuple:
    """(what A reported leaving, what B found) for two submissions graded one after another."""
    calls = visible_calls("tanh_backward")[:1]
    exercise = get_exercise("tanh_backward")
    reports = []
    for cells in ([LEAVE], [FIND]):
        with keeper.for_submission() as sandbox:
            outcomes, problem, errors, _ = sandbox.collect(exercise, "tanh_backward", cells, calls)
        assert problem is None and not errors, (problem, errors)
        reports.append(outcomes[0].value.data)
    return tuple(reports)


@pytest.fixture
def keeper():
    with SandboxKeeper(Limits(wall_seconds=60), per_sandbox=3) as keeper:
        yield keeper


def test_the_next_submission_in_a_reused_sandbox_finds_nothing_the_last_one_left(keeper):
    left, found = leave_then_find(keeper)
    files, keys, sysv, _queues, sockets, processes = left
    assert files >= 2 and keys >= 1 and sysv == 3 and sockets == 1 and processes == 1, left   # the attack worked
    assert found.tolist() == [0] * 6, dict(zip(("files", "keys", "sysv", "mqueues", "sockets", "processes"), found))
    assert keeper.sandbox.starts == 1, "the sandbox was restarted: the test did not test a reused sandbox"


def test_a_sandbox_is_replaced_after_its_share_of_submissions(keeper):
    leave_then_find(keeper)                       # submissions 1 and 2
    assert keeper.sandbox.session is not None
    leave_then_find(keeper)                       # 3 ends the first sandbox; 4 starts the second
    assert keeper.sandbox.starts == 2 and keeper.sandbox.session is not None


def test_a_submission_that_breaks_the_sandbox_leaves_a_fresh_one_for_the_next(keeper):
    kill_everything = ("import os, signal\n"
                       "def tanh_backward(x, out, grad_output):\n"
                       "    os.kill(1, signal.SIGKILL)\n"
                       "    os.kill(os.getppid(), signal.SIGKILL)\n")
    calls = visible_calls("tanh_backward")[:2]
    with keeper.for_submission() as sandbox:
        sandbox.collect(get_exercise("tanh_backward"), "tanh_backward", [kill_everything], calls)
    assert keeper.sandbox.session is None or keeper.sandbox.starts == 1
    left, found = leave_then_find(keeper)
    assert found.tolist() == [0] * 6
    assert os.listdir(keeper.scratch)   # the keeper's scratch folder lives until it closes


def test_emptying_keeps_mount_points_and_the_folders_above_them_and_nothing_else(tmp_path):
    """What the warm process leaves after a run: a bind below a writable folder (a Python
    environment below /tmp, as in a clone in /tmp) is not its to empty, nor are the folders
    bubblewrap made to hold it; anything else left there makes the run "not clean"."""
    from autograder.grading.collector import _empty, _leftovers, _parents

    bound = tmp_path / "clone" / ".venv"
    (bound / "lib").mkdir(parents=True)
    (bound / "lib" / "numpy.py").write_text("")
    (tmp_path / "stash").mkdir()
    (tmp_path / "stash" / "left-by-a").write_text("a")
    (tmp_path / "clone" / "left-by-a").write_text("a")
    mounts = frozenset({str(bound)})
    assert _empty([str(tmp_path)], False, mounts)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["clone"]
    assert [p.name for p in (tmp_path / "clone").iterdir()] == [".venv"]
    assert (bound / "lib" / "numpy.py").exists()   # the bind's own content is not touched
    (tmp_path / "clone" / "late").write_text("a")
    above = frozenset(_parents(str(bound)))
    assert _leftovers([str(tmp_path)], mounts, above) == [str(tmp_path / "clone" / "late")]
