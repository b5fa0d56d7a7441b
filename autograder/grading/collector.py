"""The program that runs inside the sandbox, for one exercise of one submission.

    python -m autograder.grading.collector        (stdin and stdout are the grader's channel)

1. It reads the job (one JSON line): the student's code cells, the name of the function
   to collect, the time limits.
2. It runs the code cells in an IPython shell (magics work), each with a time limit; what
   they print goes nowhere (the feedback run shows the student their own output).
3. It tells the grader it is ready, and only then receives the cases' calls (one line:
   base64 of a pickle of `Call`s — plain arguments, never an expected result). So the
   hidden cases do not exist in this process while the student's cells run.
4. It collects the student's function on those calls (`autograder.collecting.collect`),
   each call in a forked child so that a call that ends the process (`os._exit`, a
   signal, a crash in C) costs only that case, and sends back the outcomes as JSON —
   plain data that the grader judges elsewhere.

Everything the student's code prints at the file-descriptor level goes to /dev/null, so
it cannot be mistaken for the channel; what comes back is parsed strictly by the grader
and only ever judged, so a forged reply can only claim numbers the student would have to
compute anyway. This file imports nothing that knows an answer.
"""
from __future__ import annotations

import base64
import contextlib
import json
import os
import pickle
import sys


def main() -> None:
    channel = os.fdopen(os.dup(1), "wb", buffering=0)
    job_line = sys.stdin.buffer.readline()
    quiet = os.open(os.devnull, os.O_WRONLY)
    os.dup2(quiet, 1)
    os.dup2(quiet, 2)
    sys.stdout = sys.stderr = open(os.devnull, "w")  # noqa: SIM115 - lives as long as the process
    job = json.loads(job_line)
    skipped = set()
    for _ in range(MAX_RESTARTS):
        progress = _in_a_worker(lambda report: _work(job, skipped, report, channel))
        if not progress or not progress[-1].isdigit():
            break            # the worker finished (or died after the cells: the grader sees no reply)
        skipped.add(int(progress[-1]))   # that cell ended the process: run again without it
    channel.close()
    os._exit(0)


MAX_RESTARTS = 5


def _in_a_worker(task) -> list:
    """Run task(report) in a forked worker; the lines it reported before it ended."""
    import select
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read_end)
        task(lambda line: os.write(write_end, line.encode() + b"\n"))
        os._exit(0)
    os.close(write_end)
    data, ended = b"", False
    while not ended:   # until the worker ends (forks of the student's may keep the pipe open)
        ended = os.waitpid(pid, os.WNOHANG)[0] == pid
        while select.select([read_end], [], [], 0 if ended else 0.2)[0]:
            chunk = os.read(read_end, 65536)
            if not chunk:
                break
            data += chunk
    os.close(read_end)
    return data.decode(errors="replace").split()


def _work(job, skipped: set, report, channel) -> None:
    """The student's cells (reporting each before it runs), then the collection."""
    import time

    from autograder.collecting import outcomes_to_json
    from autograder.collecting.runner import run_limited
    shell = _shell()
    leader = os.getpid()
    deadline = time.monotonic() + job["cells_seconds"]
    cells = []
    for index, source in enumerate(job["cells"]):
        if index in skipped:
            cells.append(f"cell {index + 1} ended the process, so it was left out")
            continue
        if time.monotonic() > deadline:
            cells.append(f"cells {index + 1} and later were not run: the cells used up their "
                         f"{job['cells_seconds']:g} s")
            break
        report(str(index))
        record = run_limited(lambda source=source: _run_cell(shell, source), job["cell_seconds"])
        if os.getpid() != leader:   # a copy of this process that the student's code forked
            os._exit(0)
        if job["own_pid_namespace"]:
            _end_other_processes()
        cells.append(record.value if record.status == "returned" else f"{record.status}: {record.error}")
    report("ready")
    _send(channel, {"ready": True, "cell_errors": [e for e in cells if e][:20]})
    calls = pickle.loads(base64.b64decode(sys.stdin.buffer.readline()))
    fn = _student_function(shell, job["function"])
    outcomes = _collect_each_in_a_child(fn, calls, job["time_limit"])
    _send(channel, {"outcomes": json.loads(outcomes_to_json(outcomes))})


def _end_other_processes() -> None:
    """Kill whatever the cell started that is still running (background processes, forks,
    daemons): in the sandbox's own process namespace, everything but this process and its
    ancestors (bubblewrap's init, the collector's supervisor) is the student's."""
    import signal
    keep = {os.getpid(), os.getppid(), 1}
    for _ in range(20):
        others = [int(p) for p in os.listdir("/proc") if p.isdigit() and int(p) not in keep]
        if not others:
            return
        for pid in others:
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
        for pid in others:
            with contextlib.suppress(OSError):
                os.waitpid(pid, os.WNOHANG)


def _collect_each_in_a_child(fn, calls, time_limit: float) -> list:
    """`collect`, one call per forked child; a child that dies is that case's outcome."""
    from autograder.collecting import Outcome, collect, outcomes_from_json, outcomes_to_json
    from autograder.collecting.collector import MAX_TIMEOUTS

    outcomes, timeouts = [], 0
    for call in calls:
        if timeouts >= MAX_TIMEOUTS:
            outcomes.append(Outcome("skipped", error="earlier cases ran out of time, so the rest were not run"))
            continue
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(read_end)
            with os.fdopen(write_end, "wb") as pipe:
                pipe.write(outcomes_to_json(collect(fn, [call], time_limit)).encode())
            os._exit(0)
        os.close(write_end)
        with os.fdopen(read_end, "rb") as pipe:
            reply = pipe.read()
        _, status = os.waitpid(pid, 0)
        try:
            outcome = outcomes_from_json(reply.decode())[0]
        except (ValueError, IndexError, UnicodeDecodeError):
            outcome = Outcome("exited", error=f"ended the grading process ({_how_it_ended(status)})")
        timeouts += outcome.status == "timeout"
        outcomes.append(outcome)
    return outcomes


def _how_it_ended(status: int) -> str:
    if os.WIFSIGNALED(status):
        import signal
        return f"killed by {signal.Signals(os.WTERMSIG(status)).name}"
    return f"os._exit({os.WEXITSTATUS(status)}) or a crash"


def _shell():
    """An IPython shell without a kernel: magics run, `%matplotlib` does not need a GUI."""
    from IPython.core.interactiveshell import InteractiveShell
    from traitlets.config import Config

    class GradingShell(InteractiveShell):
        def enable_gui(self, gui=None):
            pass

    config = Config()
    config.HistoryManager.enabled = False
    return GradingShell.instance(config=config)


def _run_cell(shell, source: str) -> str | None:
    """Run one cell; the error it raised, in one line, or None."""
    result = shell.run_cell(source, store_history=False, silent=True)
    error = result.error_before_exec or result.error_in_exec
    if error is None:
        return None
    return f"{type(error).__name__}: {str(error)[:200]}"


def _student_function(shell, expression: str):
    """The function the test cell names: a name, or a lambda over the student's names (the
    expression comes from the instructor's source notebook, never from the submission)."""
    if expression.isidentifier():
        return shell.user_ns.get(expression, _Missing(expression))
    return eval(expression, shell.user_ns)  # noqa: S307 - the instructor's own test-cell text


class _Missing:
    """Stands for a function the notebook never defined: calling it says so."""

    def __init__(self, name: str):
        self.__name__ = name

    def __call__(self, *args, **kwargs):
        raise NameError(f"name {self.__name__!r} is not defined: the cell that defines it was deleted, "
                        "renamed or raised an error")


def _send(channel, message: dict) -> None:
    channel.write(json.dumps(message).encode() + b"\n")


if __name__ == "__main__":
    main()
