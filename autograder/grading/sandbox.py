"""Run untrusted code in a sandbox: bubblewrap when it is installed, a weaker mode when not.

    sandbox = Sandbox(library="/tmp/lib", work="/tmp/work")
    finished = sandbox.run([sys.executable, "-c", "..."], talk=...)      # one run
    session = sandbox.start([sys.executable, "/grader/lib/collector.py"])  # a conversation (collection.py)

What the sandbox (bubblewrap) gives the code inside:
- no network (its own network namespace, with no interface but loopback);
- a private file system: the system (/usr, /etc) and the Python environment read-only, the
  grader's library (`library`, read-only, first on PYTHONPATH), a work folder (`work`,
  writable: the submission's own files) and a private /tmp. Nothing else exists: not the
  course source, not `gradebook.db`, not other students' folders, not the instructor's home;
- its own process namespace: it sees only its own processes, and every one of them is
  killed when the sandbox ends (`--die-with-parent`, and the namespace dies with its init);
- run as an unprivileged user with no capabilities: when the grader is root, a uid of its
  own (`unused_uid`, one per grading run or worker), so that the process limit counts only
  this run's processes and the grader can tell them apart;
- limits: address space, CPU seconds, processes, file size, no POSIX message queue
  (setrlimit), and wall time and output size (enforced by the grader, which kills the whole
  sandbox).

The weaker mode (no bubblewrap): a separate process in its own session with the same
rlimits, environment and work folder; it is announced, never silent, because the code
inside can then read whatever the grader's user can read.
"""
from __future__ import annotations

import contextlib
import os
import selectors
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

SANDBOX_UIDS = range(200_000, 300_000)   # student code runs as one of these when the grader is root
INSIDE_LIBRARY = "/grader/lib"
INSIDE_WORK = "/home/student"


@dataclass(frozen=True)
class Limits:
    """What one sandbox may use. Memory is address space (numpy reserves some up front)."""

    wall_seconds: float = 90.0
    cpu_seconds: int = 90
    memory_bytes: int = 3 * 2**30
    processes: int = 64
    file_bytes: int = 64 * 2**20
    output_bytes: int = 64 * 2**20    # what the grader reads from the sandbox's channel


@dataclass
class Finished:
    """How a sandboxed run ended.

    returncode: the process's exit code (negative: killed by that signal).
    problem: None, or why the grader stopped it ("wall time", "output limit").
    """

    returncode: int | None
    seconds: float
    problem: str | None = None
    stderr_tail: bytes = b""   # what the program wrote to stderr before the student's code ran


def bubblewrap() -> str | None:
    """The bwrap executable, or None (then the sandbox runs in its weaker mode)."""
    return shutil.which("bwrap")


def weaker_mode_warning() -> str:
    return ("WARNING: bubblewrap (bwrap) is not installed, so student code runs in a WEAKER sandbox: "
            "a separate process with limits on memory, CPU time, processes and file size, but it can "
            "read every file the grader's user can read (the course source and gradebook.db "
            "included) and use the network. Install it for real isolation: apt-get install bubblewrap")


class Sandbox:
    """One sandbox: a library folder (read-only) and a work folder (writable) for one run."""

    def __init__(self, library: str | os.PathLike, work: str | os.PathLike, limits: Limits = Limits(),
                 env: dict | None = None, shared: tuple = (), uid: int | None = None):
        self.uid = uid if uid is not None else SANDBOX_UIDS[0]
        self.library = Path(library)
        self.work = Path(work)
        self.shared = tuple(Path(p) for p in shared)   # writable, at the same path inside
        self.limits = limits
        self.env = dict(env or {})
        self.isolated = bubblewrap() is not None

    # ----- the command line ------------------------------------------------------------------
    def command(self, argv: list[str]) -> list[str]:
        """`argv` wrapped so that it runs inside the sandbox (paths as seen inside), with the
        limits set by `prlimit` (inherited by everything it starts)."""
        if not self.isolated:
            return self._limited() + list(argv)
        prefixes = sorted({os.path.realpath(sys.base_prefix), os.path.realpath(sys.prefix)})
        inside = [bubblewrap(), "--unshare-pid", "--unshare-net", "--unshare-ipc", "--unshare-uts",
                  "--unshare-cgroup-try", "--die-with-parent", "--new-session", "--clearenv",
                  "--ro-bind", "/usr", "/usr", "--ro-bind", "/etc", "/etc"]
        for name in ("bin", "sbin", "lib", "lib32", "lib64", "libx32"):
            target = Path("/", name)
            if target.is_symlink():
                inside += ["--symlink", os.readlink(target), f"/{name}"]
            elif target.is_dir():
                inside += ["--ro-bind", str(target), f"/{name}"]
        # the private /tmp first: a bind below it (a venv in /tmp, the kernel's sockets) must
        # come after it, or the tmpfs would hide it
        inside += ["--perms", "1777", "--tmpfs", "/tmp", "--proc", "/proc", "--dev", "/dev"]
        made = {Path("/"), Path("/tmp")}
        for source, target, mode in ([(p, p, "--ro-bind") for p in prefixes]
                                     + [(str(self.library), INSIDE_LIBRARY, "--ro-bind"),
                                        (str(self.work), INSIDE_WORK, "--bind")]
                                     + [(str(p), str(p), "--bind") for p in self.shared]):
            for parent in reversed(Path(target).parents):   # readable parents for the sandbox's user
                if parent not in made and not str(parent).startswith(("/usr", "/etc")):
                    inside += ["--perms", "0755", "--dir", str(parent)]
                    made.add(parent)
            inside += [mode, source, target]
        inside += ["--chdir", INSIDE_WORK]
        for key, value in self._environment().items():
            inside += ["--setenv", key, value]
        if os.geteuid() == 0:   # drop to an unprivileged user inside: no capabilities, counted processes
            inside += ["--", shutil.which("setpriv") or "/usr/bin/setpriv", f"--reuid={self.uid}",
                       f"--regid={self.uid}", "--clear-groups", "--no-new-privs", "--inh-caps=-all",
                       "--bounding-set=-all"]
        return self._limited() + inside + ["--"] + list(argv)

    def _environment(self) -> dict:
        library = str(self.library) if not self.isolated else INSIDE_LIBRARY
        home = str(self.work) if not self.isolated else INSIDE_WORK
        env = {"PATH": f"{os.path.dirname(os.path.realpath(sys.executable))}:/usr/bin:/bin",
               "HOME": home, "PYTHONPATH": library, "PYTHONNOUSERSITE": "1", "PYTHONDONTWRITEBYTECODE": "1",
               "PYTHONHASHSEED": "0", "LANG": "C.UTF-8", "MPLBACKEND": "Agg", "MPLCONFIGDIR": "/tmp/matplotlib",
               "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1",
               "JUPYTER_PLATFORM_DIRS": "1", "IPYTHONDIR": "/tmp/ipython"}
        if not self.isolated:
            env["MPLCONFIGDIR"] = str(self.work / ".matplotlib")
            env["IPYTHONDIR"] = str(self.work / ".ipython")
        env.update(self.env)
        return env

    def python(self) -> str:
        """The Python executable, as seen inside the sandbox (the same path)."""
        return sys.executable

    def _limited(self) -> list[str]:
        limits = self.limits
        processes = limits.processes
        if os.geteuid() != 0:   # the count is per user: leave room for what the user already runs
            processes += _processes_of(os.geteuid())
        return [shutil.which("prlimit") or "/usr/bin/prlimit", f"--as={limits.memory_bytes}",
                f"--cpu={limits.cpu_seconds}", f"--fsize={limits.file_bytes}", f"--nproc={processes}",
                "--core=0", "--msgqueue=0", "--"]

    def inside(self, path: Path) -> str:
        """Where a file of the library folder is, as seen by the code inside."""
        root = INSIDE_LIBRARY if self.isolated else str(self.library)
        return str(Path(root) / Path(path).relative_to(self.library))

    # ----- running -----------------------------------------------------------------------------
    def run(self, argv: list[str], talk=None, first_input: bytes = b"") -> Finished:
        """Run `argv` inside, with `first_input` on its stdin. `talk(reply_line, send)` is
        called for every line the code inside writes to its stdout (the channel), and may
        answer through `send(bytes)`. Stderr is kept (its tail). The whole sandbox is killed
        at the wall-time or output limit."""
        session = self.start(argv, first_input)
        deadline = session.started + self.limits.wall_seconds
        while (line := session.next_line(deadline)) is not None:
            if talk is not None:
                talk(line, session.send)
        late = not session.ended and f"it ran longer than {self.limits.wall_seconds:g} s in all"
        return session.finish(late or None)

    def start(self, argv: list[str], first_input: bytes = b"") -> Session:
        """Start `argv` inside and keep talking to it (see `Session`)."""
        if not self.isolated:
            self.env.setdefault("PYTHONPATH", str(self.library))
        process = subprocess.Popen(self.command(argv), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, cwd=self.work, env=self._environment(),
                                   start_new_session=True)
        session = Session(process, self.limits)
        session.send(first_input)
        return session


class Session:
    """A program running in a sandbox, spoken to line by line: `send` writes to its stdin,
    `next_line` returns the next line of its stdout (the channel). Stderr is kept (its
    tail). Past the output limit, or once `finish` is called, the whole sandbox is killed."""

    def __init__(self, process: subprocess.Popen, limits: Limits):
        self.process = process
        self.limits = limits
        self.started = time.monotonic()
        self.problem: str | None = None
        self.ended = False
        self._received = 0
        self._stderr = bytearray()
        self._pending = bytearray()
        self._lines: list[bytes] = []
        self._selector = selectors.DefaultSelector()
        self._selector.register(process.stdout, selectors.EVENT_READ, "out")
        self._selector.register(process.stderr, selectors.EVENT_READ, "err")
        self._open_streams = 2
        self._finished: Finished | None = None

    def send(self, data: bytes) -> None:
        _send(self.process, data)

    def close_input(self) -> None:
        """End the program's stdin (a program that reads commands then ends by itself)."""
        with contextlib.suppress(OSError):
            self.process.stdin.close()

    def next_line(self, deadline: float) -> bytes | None:
        """The next line from the channel; None when the program ended, the output limit was
        passed (`problem` says so) or `deadline` (time.monotonic()) came first."""
        while not self._lines:
            if self._open_streams == 0 or self.problem:
                self.ended = True
                return None
            left = deadline - time.monotonic()
            ready = self._selector.select(timeout=min(max(left, 0), 0.5))
            for key, _ in ready:
                self._read(key)
            if not ready and left <= 0:
                return None
        return self._lines.pop(0)

    def _read(self, key) -> None:
        chunk = os.read(key.fileobj.fileno(), 1 << 16)
        if not chunk:
            self._selector.unregister(key.fileobj)
            self._open_streams -= 1
            return
        if key.data == "err":
            self._stderr += chunk
            del self._stderr[:-20_000]
            return
        self._received += len(chunk)
        if self._received > self.limits.output_bytes:
            self.problem = f"it wrote more than {self.limits.output_bytes // 2**20} MB to the grader's channel"
            return
        self._pending += chunk
        *lines, rest = bytes(self._pending).split(b"\n")
        self._lines += lines
        self._pending = bytearray(rest)

    def finish(self, problem: str | None = None) -> Finished:
        """End the sandbox, killing it if it still runs; how it ended. `problem`: why the
        grader stopped it, if it did (the output limit, when it came first, is kept)."""
        if self._finished is None:
            self.problem = self.problem or problem
            self._selector.close()
            if self.process.poll() is None:
                _kill_group(self.process)
            returncode = self.process.wait()
            for stream in (self.process.stdin, self.process.stdout, self.process.stderr):
                stream.close()
            self._finished = Finished(returncode, time.monotonic() - self.started, self.problem,
                                      bytes(self._stderr[-4000:]))
        return self._finished


def unused_uid() -> int:
    """A uid of SANDBOX_UIDS that no running process has (for one grading run or worker)."""
    used = set()
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            with contextlib.suppress(OSError):
                used.add(os.stat(f"/proc/{entry}").st_uid)
    start = SANDBOX_UIDS[0] + (os.getpid() * 7919) % len(SANDBOX_UIDS)
    for k in range(len(SANDBOX_UIDS)):
        uid = SANDBOX_UIDS[(start - SANDBOX_UIDS[0] + k) % len(SANDBOX_UIDS)]
        if uid not in used:
            return uid
    raise RuntimeError("every sandbox uid is in use")


def own(path: Path, uid: int) -> None:
    """Give the sandbox's user a folder it must write in (when the grader is root)."""
    if os.geteuid() == 0:
        os.chown(path, uid, uid)


def _send(process, data: bytes) -> None:
    try:
        process.stdin.write(data)
        process.stdin.flush()
    except (BrokenPipeError, ValueError):
        pass


def _kill_group(process) -> None:
    """Kill the sandbox: its session (weaker mode) or bwrap, whose death ends the namespace."""
    for send in (lambda: os.killpg(process.pid, signal.SIGKILL), lambda: process.kill()):
        with contextlib.suppress(ProcessLookupError, PermissionError):
            send()


def _processes_of(uid: int) -> int:
    count = 0
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            with contextlib.suppress(OSError):
                count += os.stat(f"/proc/{entry}").st_uid == uid
    return count
