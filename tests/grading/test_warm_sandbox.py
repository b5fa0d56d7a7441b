"""One warm sandbox collects every exercise of a submission (autograder/grading/collection.py,
collector.py). These tests hold it to what one sandbox per exercise gave: while the student's
code runs for exercise X, X's engine code is neither importable, on disk, in the process's
objects, nor left behind by an earlier exercise's run (files, processes); and an exercise
whose run kills the whole sandbox costs only that exercise."""
from __future__ import annotations

import inspect
import os
import platform

import numpy as np
import pytest

import minigrad
from autograder.exercises import get_exercise
from autograder.grading.collection import WarmSandbox
from autograder.grading.collector import KEYCTL
from autograder.grading.judging import Workspace
from autograder.grading.sandbox import Limits

STRIPPED = "not available while your work is graded"
ADD_KEY = {"x86_64": 248, "aarch64": 217}   # the add_key system call

# Every run stashes the engine's ops where a later exercise's run could look for them (files,
# keyrings) and leaves a process behind; the probe (the "student's function") reports what
# it can reach.
STASH = """
import ctypes, glob, gc, marshal, os, subprocess
import numpy as np
import minigrad as mg
libc = ctypes.CDLL(None)
for op in ("sigmoid", "tanh"):
    for method in ("forward", "backward"):
        code = marshal.dumps(getattr(mg.get_op(op), method).__code__)
        for folder in ("/tmp", os.path.expanduser("~")):
            with open(os.path.join(folder, f"stash-{op}-{method}-{os.getpid()}"), "wb") as file:
                file.write(code)
        payload = f"{op}-{method}:".encode() + code
        for keyring in (-3, -4):   # the session and the user keyring
            name = f"stash-{op}-{method}-{os.getpid()}".encode()
            libc.syscall(ADD_KEY, b"user", name, payload, len(payload), keyring)
subprocess.Popen(["sleep", "600"], start_new_session=True)
"""
PROBE = """
def probe(*args, **kwargs):
    found = glob.glob("/tmp/stash-{op}-backward-*") + glob.glob(os.path.expanduser("~/stash-{op}-backward-*"))
    stashes = [path for path in found
               if {stripped!r} not in str(marshal.loads(open(path, "rb").read()).co_consts)]
    for keyring in (-3, -4):
        ids = ctypes.create_string_buffer(4096)
        count = max(libc.syscall(KEYCTL, 11, keyring, ids, 4096), 0) // 4   # KEYCTL_READ
        for key in memoryview(ids.raw[:4 * count]).cast("i"):
            payload = ctypes.create_string_buffer(65536)
            size = libc.syscall(KEYCTL, 11, key, payload, 65536)
            if size > 0 and payload.raw[:size].startswith(b"{op}-backward:"):
                code = marshal.loads(payload.raw[len(b"{op}-backward:"):size])
                stashes += [key] if {stripped!r} not in str(code.co_consts) else []
    whole = [f for f in gc.get_objects() if type(f).__name__ == "function" and f.__qualname__ == {qualname!r}
             and {stripped!r} not in str(f.__code__.co_consts)]
    on_disk = 0
    for folder in ("/tmp", os.path.expanduser("~"), "/grader", os.path.dirname(mg.__file__)):
        for path in glob.glob(folder + "/**/*.py", recursive=True):
            try:
                on_disk += {needle!r} in open(path).read()
            except OSError:
                pass
    return np.array([len(stashes), len(whole), on_disk], dtype=float)
"""


def reference_line(op: str) -> str:
    """The last line of the engine's backward of `op` (the answer of `<op>_backward`)."""
    return inspect.getsource(minigrad.get_op(op).backward).strip().splitlines()[-1].strip()


def probe_cells(op: str) -> list:
    qualname = f"{minigrad.get_op(op).__name__}.backward"
    keyctl = f"KEYCTL, ADD_KEY = {KEYCTL[platform.machine()]}, {ADD_KEY[platform.machine()]}\n"
    return [keyctl + STASH, PROBE.format(op=op, qualname=qualname, stripped=STRIPPED, needle=reference_line(op))]


def visible_calls(exercise_id: str) -> list:
    return [case.call for case in get_exercise(exercise_id).cases("visible")]


@pytest.fixture
def workspace(tmp_path):
    os.chmod(tmp_path, 0o755)
    return Workspace(tmp_path, Limits(wall_seconds=60))


def reached(sandbox: WarmSandbox, exercise_id: str, op: str) -> np.ndarray:
    """(whole copies of op's backward stashed by a run, in memory, and files holding its
    answer) as the probe saw them while `exercise_id` was collected."""
    calls = visible_calls(exercise_id)[:1]
    outcomes, problem, errors, _ = sandbox.collect(get_exercise(exercise_id), "probe", probe_cells(op), calls)
    assert problem is None and not errors, (problem, errors)
    assert outcomes[0].status == "returned", outcomes[0]
    return outcomes[0].value.data


def test_an_exercise_never_reaches_its_own_engine_code_though_the_sandbox_serves_several(workspace):
    with WarmSandbox(workspace) as sandbox:
        # collecting tanh_backward: the sigmoid op is whole (the probe sees it, so it works) ...
        assert reached(sandbox, "tanh_backward", "sigmoid").min() >= 1
        # ... and was stashed on disk; collecting sigmoid_backward next, nothing of it is left
        stashed, in_memory, on_disk = reached(sandbox, "sigmoid_backward", "sigmoid")
        assert (stashed, in_memory, on_disk) == (0, 0, 0)
        # the other way round, in the same warm sandbox
        assert tuple(reached(sandbox, "tanh_backward", "tanh")) == (0, 0, 0)
        assert sandbox.session is not None, "the sandbox was restarted: the test did not test one warm sandbox"


def test_a_run_that_kills_the_sandbox_costs_only_its_exercise(workspace):
    kill_everything = ("import os, signal\n"
                       "def sigmoid_backward(x, out, grad_output):\n"
                       "    for pid in os.listdir('/proc'):\n"
                       "        if pid.isdigit() and int(pid) != os.getpid():\n"
                       "            try:\n"
                       "                os.kill(int(pid), signal.SIGKILL)\n"
                       "            except OSError:\n"
                       "                pass\n"
                       "    os.kill(os.getpid(), signal.SIGKILL)")
    honest = "def tanh_backward(x, out, grad_output):\n    return grad_output * (1.0 - out * out)"
    with WarmSandbox(workspace) as sandbox:
        lost, problem, _, _ = sandbox.collect(get_exercise("sigmoid_backward"), "sigmoid_backward",
                                              [kill_everything], visible_calls("sigmoid_backward"))
        assert problem and {o.status for o in lost} == {"exited"}
        graded, problem, _, _ = sandbox.collect(get_exercise("tanh_backward"), "tanh_backward", [honest],
                                                visible_calls("tanh_backward"))
        assert problem is None and {o.status for o in graded} == {"returned"}


def test_a_call_that_ends_its_process_costs_only_that_case(workspace):
    first_call_exits = ("import os\n"
                        "def tanh_backward(x, out, grad_output):\n"
                        "    if not os.path.exists('called'):\n"
                        "        open('called', 'w').close()\n"
                        "        os._exit(3)\n"
                        "    return grad_output * (1.0 - out * out)")
    with WarmSandbox(workspace) as sandbox:
        outcomes, problem, _, _ = sandbox.collect(get_exercise("tanh_backward"), "tanh_backward", [first_call_exits],
                                                  visible_calls("tanh_backward"))
    assert problem is None
    assert outcomes[0].status == "exited" and "os._exit(3)" in outcomes[0].error
    assert {o.status for o in outcomes[1:]} == {"returned"}
