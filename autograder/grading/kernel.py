"""A Jupyter kernel inside the sandbox, for the feedback run (nbgrader executes the notebook
with it, so the student sees what their own kernel said).

The kernel is forked by the submission's warm sandbox (`collection.WarmSandbox`), which has
Python, numpy, matplotlib and ipykernel loaded already, after the exercises were collected;
it gets the whole engine and no answer of the checks. ZeroMQ over TCP cannot cross the
sandbox's network namespace, so the kernel talks over IPC sockets in a folder shared with
the sandbox. jupyter_client manages it as it manages a local kernel, through a stand-in for
its process (`ForkedKernel`). Nothing the kernel prints decides a point.
"""
from __future__ import annotations

import signal
import time
from pathlib import Path

from jupyter_client.manager import AsyncKernelManager

from .collection import Broken, WarmSandbox
from .sandbox import own


class ForkedKernel:
    """What jupyter_client's local provisioner asks of a kernel's process (poll, wait,
    signals), for a kernel forked inside the warm sandbox. It can only be stopped with the
    whole sandbox (an interrupt is not passed on)."""

    pid = None
    stdin = stdout = stderr = None

    def __init__(self, sandbox: WarmSandbox):
        self.sandbox = sandbox
        self.returncode = None

    def poll(self) -> int | None:
        if self.returncode is None:
            self.returncode = self.sandbox.kernel_ended()
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        while self.poll() is None:
            time.sleep(0.05)
        return self.returncode

    def send_signal(self, signum: int) -> None:
        if signum != signal.SIGINT:
            self.kill()

    def kill(self) -> None:
        if self.returncode is None:
            self.sandbox.stop()
            self.returncode = -signal.SIGKILL

    terminate = kill


def warm_kernel_manager(sandbox: WarmSandbox) -> type:
    """A kernel manager class (what nbclient's `kernel_manager_class` takes) whose kernels
    are forked in `sandbox` and talk through sockets in its shared folder."""

    class WarmKernelManager(AsyncKernelManager):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            sandbox.ensure_started()
            channels = Path(sandbox.channels)
            self.transport = "ipc"
            self.ip = str(channels / "kernel")
            self.connection_file = str(channels / "connection.json")

        def write_connection_file(self, **kwargs):
            super().write_connection_file(**kwargs)
            own(Path(self.connection_file), sandbox.workspace.uid)

        async def _async_launch_kernel(self, kernel_cmd, **kwargs):
            try:
                sandbox.start_kernel(self.connection_file)
            except Broken as err:
                sandbox.stop()
                raise RuntimeError(f"the sandbox could not start a kernel: {err}") from None
            self.provisioner.process = ForkedKernel(sandbox)
            self.provisioner.pid = self.provisioner.pgid = None
            self._reconcile_connection_info(self.provisioner.connection_info)

    return WarmKernelManager
