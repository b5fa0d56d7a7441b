"""The program that runs inside the sandbox: it collects every exercise of one submission,
then runs the kernels of its feedback run.

    python /grader/lib/collector.py [--own-pid-namespace] [--channels FOLDER]   (stdin, stdout: the channel)

A warm process, then one forked collector per exercise and one kernel per notebook:

1. The warm process imports what every notebook needs (numpy, IPython, matplotlib,
   ipykernel) and nothing of the kit: no engine, no `autograder`. It never runs student
   code and never reads a library, so no exercise's reference code is ever in it, and other
   processes of the sandbox's user cannot trace it or read its memory (not dumpable). It
   tells the grader `{"warm": true}`, then for each command line (`collect` or `kernel`)
   forks a child, says `{"started": true}`, relays what the child reports (each line wrapped
   as `{"collector": line}`, so that it cannot pass for the warm process's own messages),
   and when the child has ended kills every other process of the sandbox, empties the
   writable folders (the work folder, the kernels' socket folder, /tmp in its own
   namespace) and the kernel's storage that outlives a process (System V IPC, the user's
   keyrings), and says `{"ended": returncode, "clean": true, "cpu": s}` (the CPU time it and
   its children used so far). Only then does the grader send
   the next command, so a later exercise's library never reaches a process of an earlier
   one, and nothing an earlier exercise left behind is there when the next one runs.
   At the end of stdin it says how much CPU time it and its children used (`{"cpu": s}`).
2. The collector reads the job (one JSON line, sent by the grader only after `started`):
   the exercise's library — the engine with that exercise's own code taken out
   (`library.py`) —, the student's code cells, the name of the function, the limits. It
   writes the library into the work folder; its worker runs the cells in an IPython shell
   (magics work, figures are not drawn), each with a time limit; what they print goes
   nowhere (the feedback run shows the student their own output).
3. The worker tells the grader it is ready, and only then receives the cases' calls (one line:
   base64 of a pickle of `Call`s — plain arguments, never an expected result). So the
   hidden cases do not exist in this process while the student's cells run.
4. It collects the student's function on those calls (`autograder.collecting.collect`) in a
   forked child; a call that ends that child (`os._exit`, a signal, a crash in C) costs
   only that case, and the calls after it go on in a new child. The outcomes go back as
   JSON — plain data that the grader judges elsewhere.
5. A kernel (`kernel`, after the collection) reads the whole engine's library and a
   connection file, closes stdin and becomes an ipykernel for nbgrader's feedback run.

The student's code runs only in a worker forked by the collector (and in the kernel); the
worker has no way to the grader's stdin (closed; its parents are not dumpable), so it can
neither read another exercise's job nor leave one behind for a later process.

Everything the student's code prints at the file-descriptor level goes to /dev/null, and
the collector writes to a pipe that only the warm process reads, so nothing the student's
code writes can be mistaken for the warm process's own messages; what comes back is parsed
strictly by the grader and only ever judged, so a forged reply can only claim numbers the
student would have to compute anyway. This file imports nothing that knows an answer.
"""
from __future__ import annotations

import base64
import contextlib
import json
import os
import pickle
import re
import resource  # imported before any student code ran, like everything the warm process uses
import select
import shutil
import signal
import sys

# imported once by the warm process, so that no collector pays for them (none knows an answer)
WARM_MODULES = ("numpy", "IPython.core.interactiveshell", "traitlets.config", "matplotlib", "matplotlib.pyplot",
                "ipykernel.kernelapp", "matplotlib_inline.backend_inline")
MAX_RESTARTS = 5        # cells that end the process, left out one by one
MAX_RELAYED_BYTES = 2**30
LIBRARY = ".grader-library"


def main() -> None:
    channel = os.dup(1)
    quiet = os.open(os.devnull, os.O_WRONLY)
    os.dup2(quiet, 1)
    sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - lives as long as the process
    for name in WARM_MODULES:
        with contextlib.suppress(ImportError):
            __import__(name)
    import matplotlib
    matplotlib.use("agg")
    _keep_others_out()
    isolated = "--own-pid-namespace" in sys.argv[1:]   # bubblewrap's (the weaker mode has none)
    channels = sys.argv[sys.argv.index("--channels") + 1:][:1] if "--channels" in sys.argv else []
    writable = [os.environ["HOME"]] + (["/tmp"] if isolated else []) + channels
    mounts = _mount_points()
    _write(channel, {"warm": True})
    while (command := _command()) in ("collect", "kernel"):
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(read_end)
            os.close(channel)
            os.dup2(quiet, 2)
            if command == "collect":
                _collector(write_end, own_pid_namespace=isolated)
            else:
                _kernel()
            os._exit(0)
        os.close(write_end)
        _write(channel, {"started": True})
        status = _relay(pid, read_end, channel)
        if isolated:
            _end_other_processes()
        clean = _empty(writable, isolated, mounts)
        _write(channel, {"ended": _returncode(status), "clean": clean, "cpu": _cpu_seconds()})
    _write(channel, {"cpu": _cpu_seconds()})
    os._exit(0)


def _cpu_seconds() -> float:
    """CPU time of this process and of the children it waited for (collectors, kernels)."""
    usage = [resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)]
    return sum(u.ru_utime + u.ru_stime for u in usage)


def _command() -> str:
    """One line from stdin, read byte by byte: nothing meant for a collector is ever read here."""
    line = b""
    while not line.endswith(b"\n"):
        byte = os.read(0, 1)
        if not byte:
            return ""
        line += byte
    return line.decode(errors="replace").strip()


def _relay(pid: int, read_end: int, channel: int) -> int:
    """Pass on what the collector reports, each line wrapped as {"collector": line}, until it
    ends (so that nothing it writes reads as this process's own message); its wait status."""
    pending, relayed = b"", 0

    def forward(chunk: bytes) -> None:
        nonlocal pending, relayed
        relayed += len(chunk)
        if relayed > MAX_RELAYED_BYTES:   # the grader's own limit is lower: stop holding it here
            pending = b""
            return
        *lines, pending = (pending + chunk).split(b"\n")
        for line in lines:
            _write(channel, {"collector": line.decode(errors="replace")})

    status = _drain_until_ended(pid, read_end, forward)
    os.close(read_end)
    return status


def _drain_until_ended(pid: int, read_end: int, take) -> int:
    """take(chunk) for everything the pipe brings until `pid` has ended; its wait status.
    Forks of the student's that keep the pipe open do not hold it up."""
    status = None
    while status is None:
        done, status_now = os.waitpid(pid, os.WNOHANG)
        if done == pid:
            status = status_now
        while select.select([read_end], [], [], 0 if status is not None else 0.2)[0]:
            chunk = os.read(read_end, 1 << 16)
            if not chunk:
                break
            take(chunk)
    return status


def _returncode(status: int) -> int:
    return -os.WTERMSIG(status) if os.WIFSIGNALED(status) else os.WEXITSTATUS(status)


def _keep_others_out() -> None:
    """Other processes of the sandbox's user may not trace this one or read its memory; and
    this process and its children get a session keyring of their own (not the grader's)."""
    _prctl(4, 0)   # PR_SET_DUMPABLE
    _keyctl(1, None)   # KEYCTL_JOIN_SESSION_KEYRING, anonymous


def _let_others_in() -> None:
    _prctl(4, 1)   # a collector is traced and read like any process of its user


def _prctl(option: int, value: int) -> None:
    import ctypes
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(option, value, 0, 0, 0)


def _empty(folders: list, isolated: bool, mounts: frozenset) -> bool:
    """Empty the writable folders (and, in the sandbox's own namespace, the user's keyrings
    and System V IPC objects): whatever one exercise's run left there is gone. Whether it is
    (if not, the grader stops the whole sandbox): nothing is left in the folders but the
    mount points below them (bubblewrap's binds: the kernels' socket folder, emptied as a
    folder of its own, or a Python environment that lies below /tmp) and the folders above
    those."""
    above = frozenset(parent for mount in mounts for parent in _parents(mount))
    for folder in folders:
        _clear(folder, mounts, above)
    if isolated:
        _forget_kernel_storage()
    return not _leftovers(folders, mounts, above)


def _clear(folder: str, mounts: frozenset, above: frozenset) -> None:
    """Remove everything in `folder` but the mount points (not this folder's content) and the
    folders above them (cleared in turn)."""
    with contextlib.suppress(OSError):
        for entry in os.listdir(folder):
            path = os.path.join(folder, entry)
            if path in mounts:
                continue
            if path in above and os.path.isdir(path) and not os.path.islink(path):
                _clear(path, mounts, above)
                continue
            with contextlib.suppress(OSError):
                os.chmod(path, 0o700)
            if os.path.isdir(path) and not os.path.islink(path):
                shutil.rmtree(path, onerror=_make_removable)
            else:
                with contextlib.suppress(OSError):
                    os.remove(path)


def _leftovers(folders: list, mounts: frozenset, above: frozenset) -> list:
    """Every path still in `folders` but the mount points and the folders above them (a
    folder that cannot be read counts as left over)."""
    left = []
    for folder in folders:
        try:
            entries = os.listdir(folder)
        except OSError:
            left.append(folder)
            continue
        for entry in entries:
            path = os.path.join(folder, entry)
            if path in above and os.path.isdir(path) and not os.path.islink(path):
                left += _leftovers([path], mounts, above)
            elif path not in mounts:
                left.append(path)
    return left


def _mount_points() -> frozenset:
    """Every mount point this process sees (read before any student code runs; code without
    capabilities cannot add one here)."""
    with open("/proc/self/mountinfo") as table:
        return frozenset(_unescaped(line.split()[4]) for line in table if len(line.split()) > 4)


def _unescaped(path: str) -> str:
    """A path of /proc/self/mountinfo, its octal escapes (\\040 for a space) decoded."""
    return re.sub(r"\\([0-7]{3})", lambda match: chr(int(match.group(1), 8)), path)


def _parents(path: str) -> list:
    path = os.path.abspath(path)
    parents = []
    while (parent := os.path.dirname(path)) != path:
        parents.append(parent)
        path = parent
    return parents


def _make_removable(function, path, _):
    with contextlib.suppress(OSError):
        os.chmod(os.path.dirname(path), 0o700)
        os.chmod(path, 0o700)
        function(path)


def _forget_kernel_storage() -> None:
    """Storage that outlives a process without being a file: System V shared memory,
    semaphores and message queues (this IPC namespace is the sandbox's own) and the keys in
    the user's keyrings."""
    import ctypes
    libc = ctypes.CDLL(None, use_errno=True)
    ipc_rmid = 0
    for kind, remove in (("shm", lambda i: libc.shmctl(i, ipc_rmid, None)),
                         ("sem", lambda i: libc.semctl(i, 0, ipc_rmid)),
                         ("msg", lambda i: libc.msgctl(i, ipc_rmid, None))):
        with contextlib.suppress(OSError), open(f"/proc/sysvipc/{kind}") as table:
            for row in table.read().splitlines()[1:]:
                remove(int(row.split()[1]))
    persistent = _keyctl(22, -1, -3)   # KEYCTL_GET_PERSISTENT: the user's, linked into the session keyring
    for keyring in [persistent] * (persistent > 0) + [-3, -4, -5]:   # session, user, user session
        _keyctl(7, keyring)   # KEYCTL_CLEAR


KEYCTL = {"x86_64": 250, "aarch64": 219}


def _keyctl(*args) -> int:
    """The keyctl system call (-1 where it is unknown or fails)."""
    import ctypes
    import platform
    number = KEYCTL.get(platform.machine())
    if number is None:
        return -1
    return ctypes.CDLL(None, use_errno=True).syscall(number, *args)


def _end_other_processes() -> None:
    """Kill whatever is still running besides this process and its ancestors (bubblewrap's
    init, the warm process, a collector's supervisor): in the sandbox's own process
    namespace, everything else is the student's."""
    keep = _ancestors()
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


def _ancestors() -> set:
    pids, pid = {os.getpid()}, os.getpid()
    while pid > 1:
        try:
            with open(f"/proc/{pid}/stat") as stat:
                pid = int(stat.read().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            break
        pids.add(pid)
    return pids | {1}


# ----- one exercise: the collector and its worker -----------------------------------------------
def _collector(write_end: int, own_pid_namespace: bool) -> None:
    """Read the job, write the library, run the worker (again without a cell that ended it),
    and hand it the calls once it is ready. The collector itself runs no student code and,
    like the warm process, cannot be traced or read by the worker: only it holds stdin."""
    channel = os.fdopen(write_end, "wb", buffering=0)
    stdin = os.fdopen(0, "rb")
    job = json.loads(stdin.readline())
    _install(job.pop("library"))
    skipped = set()
    for _ in range(MAX_RESTARTS):
        calls_read, calls_write = os.pipe()

        def work(report, calls_read=calls_read, calls_write=calls_write):
            os.close(calls_write)
            os.close(0)   # the grader's stdin stays out of reach of the student's code
            _let_others_in()
            _work(job, skipped, report, channel, calls_read, own_pid_namespace)

        def hand_over_calls(line: bytes, calls_write=calls_write):
            if line == b"ready":
                _write_all(calls_write, stdin.readline())

        *progress, _ = _in_a_child(work, hand_over_calls, close_in_parent=(calls_read,))
        os.close(calls_write)
        last = progress[-1:] and progress[-1].decode(errors="replace")
        if not last or not last.isdigit():
            break            # the worker finished (or died after the cells: the grader sees no reply)
        skipped.add(int(last))   # that cell ended the process: run again without it
    channel.close()


def _install(library: dict) -> None:
    """Write the library (its sources and their bytecode, see `library.py`) into the work
    folder and import from it."""
    folder = os.path.join(os.environ["HOME"], LIBRARY)
    written = [(relative, text.encode()) for relative, text in library["files"].items()]
    written += [(relative, base64.b64decode(data)) for relative, data in library["bytecode"].items()]
    for relative, data in written:
        path = os.path.join(folder, relative)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as file:
            file.write(data)
    sys.path.insert(0, folder)
    os.environ["PYTHONPATH"] = folder
    sys.stderr = open(os.devnull, "w")  # noqa: SIM115 - lives as long as the process


def _kernel() -> None:
    """The feedback run's Jupyter kernel: the whole engine (the checks' answers are not in
    it), talking over the sockets named in the connection file the grader sends."""
    with os.fdopen(0, "rb") as stdin:   # closed before any student code runs
        job = json.loads(stdin.readline())
    os.dup2(os.open(os.devnull, os.O_RDONLY), 0)
    _install(job["library"])
    sys.stderr = sys.__stderr__   # ipykernel logs there (descriptor 2, /dev/null), not into the notebook
    os.chdir(os.environ["HOME"])
    _let_others_in()
    from ipykernel.kernelapp import IPKernelApp
    app = IPKernelApp.instance()
    app.initialize(["-f", job["connection_file"], "--HistoryManager.hist_file=:memory:"])
    app.start()


def _in_a_child(task, on_line=None, close_in_parent: tuple = ()) -> list:
    """Run task(report) in a forked child; the lines it reported before it ended (each also
    passed to `on_line` as it arrives), then its wait status as the last item."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read_end)
        task(lambda line: _write_all(write_end, line.encode() + b"\n"))
        os._exit(0)
    os.close(write_end)
    for fd in close_in_parent:
        os.close(fd)
    lines, pending = [], b""

    def take(chunk: bytes) -> None:
        nonlocal pending
        *complete, pending = (pending + chunk).split(b"\n")
        for line in complete:
            lines.append(line)
            if on_line is not None:
                on_line(line)

    status = _drain_until_ended(pid, read_end, take)
    os.close(read_end)
    return lines + [status]


def _work(job, skipped: set, report, channel, calls_read: int, own_pid_namespace: bool) -> None:
    """The student's cells (reporting each before it runs), then the collection."""
    import time

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
        if own_pid_namespace:
            _end_other_processes()
        cells.append(record.value if record.status == "returned" else f"{record.status}: {record.error}")
    _send(channel, {"ready": True, "cell_errors": [e for e in cells if e][:20]})
    report("ready")
    with os.fdopen(calls_read, "rb") as pipe:
        calls = pickle.loads(base64.b64decode(pipe.readline()))
    fn = _student_function(shell, job["function"])
    _send(channel, {"outcomes": _collect_in_children(fn, calls, job["time_limit"])})


def _collect_in_children(fn, calls, time_limit: float) -> list:
    """`collect` on every call, in a forked child; when a call ends that child, the call
    gets an "exited" outcome and the calls after it go on in a new child. Plain outcomes."""
    from autograder.collecting import Outcome, collect, outcomes_from_json, outcomes_to_json
    from autograder.collecting.collector import MAX_TIMEOUTS

    outcomes, timeouts = [], 0
    while len(outcomes) < len(calls):
        if timeouts >= MAX_TIMEOUTS:
            outcomes.append(Outcome("skipped", error="earlier cases ran out of time, so the rest were not run"))
            continue
        first, before = len(outcomes), timeouts

        def run_from_first(report, first=first, before=before):
            count = before
            for call in calls[first:]:
                if count >= MAX_TIMEOUTS:
                    return
                outcome = collect(fn, [call], time_limit)[0]
                report(outcomes_to_json([outcome]))
                count += outcome.status == "timeout"

        *lines, status = _in_a_child(run_from_first)
        for line in lines:
            try:
                outcome = outcomes_from_json(line.decode())[0]
            except (ValueError, IndexError, UnicodeDecodeError):
                break
            outcomes.append(outcome)
            timeouts += outcome.status == "timeout"
        if len(outcomes) < len(calls) and timeouts < MAX_TIMEOUTS:   # this call ended the child
            outcomes.append(Outcome("exited", error=f"ended the grading process ({_how_it_ended(status)})"))
    return json.loads(outcomes_to_json(outcomes[:len(calls)]))


def _how_it_ended(status: int) -> str:
    if os.WIFSIGNALED(status):
        return f"killed by {signal.Signals(os.WTERMSIG(status)).name}"
    return f"os._exit({os.WEXITSTATUS(status)}) or a crash"


def _shell():
    """An IPython shell without a kernel: magics run, `%matplotlib` needs no GUI and draws
    nothing (the collection only needs the student's functions)."""
    from IPython.core.interactiveshell import InteractiveShell
    from traitlets.config import Config

    class GradingShell(InteractiveShell):
        def enable_gui(self, gui=None):
            pass

        def enable_matplotlib(self, gui=None):
            return gui, "agg"

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


def _write(fd: int, message: dict) -> None:
    _write_all(fd, json.dumps(message).encode() + b"\n")


def _write_all(fd: int, data: bytes) -> None:
    while data:
        data = data[os.write(fd, data):]


if __name__ == "__main__":
    main()
