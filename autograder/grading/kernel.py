"""A Jupyter kernel inside the sandbox, for the feedback run (nbgrader executes the notebook
with it, so the student sees what their own kernel said).

ZeroMQ over TCP cannot cross the sandbox's network namespace, so the kernel talks over IPC
sockets in a folder that is shared with the sandbox; the kernel command is wrapped by
`Sandbox.command`. Nothing the kernel prints decides a point.
"""
from __future__ import annotations

import subprocess
from pathlib import Path

from jupyter_client.manager import AsyncKernelManager

from .sandbox import Limits, Sandbox, own


def sandboxed_kernel_manager(library: Path, work: Path, channels: Path, limits: Limits, uid: int) -> type:
    """A kernel manager class (what nbclient's `kernel_manager_class` takes) whose kernels
    run in a sandbox with `library` and `work`, talking through sockets in `channels`."""
    for folder in (work, channels):
        folder.mkdir(parents=True, exist_ok=True)
        own(folder, uid)

    class SandboxedKernelManager(AsyncKernelManager):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.transport = "ipc"
            self.ip = str(channels / "kernel")
            self.connection_file = str(channels / "connection.json")

        def write_connection_file(self, **kwargs):
            super().write_connection_file(**kwargs)
            own(Path(self.connection_file), uid)

        async def _async_launch_kernel(self, kernel_cmd, **kwargs):
            kwargs["stdout"] = kwargs["stderr"] = subprocess.DEVNULL   # start-up notes, not the student's output
            return await super()._async_launch_kernel(kernel_cmd, **kwargs)

        def format_kernel_cmd(self, extra_arguments=None):
            sandbox = Sandbox(library, work, limits, shared=(channels,), uid=uid)
            return sandbox.command([sandbox.python(), "-m", "ipykernel_launcher", "-f", self.connection_file,
                                    "--HistoryManager.hist_file=:memory:"])

    return SandboxedKernelManager
