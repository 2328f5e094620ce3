"""Starting JupyterLab on a folder: the student's workspace, or the instructor's course.

One place for the command line, the free-port check (a busy port is one clear sentence,
not a traceback from deep in the server) and the wait until the server answers, so that
``grader student open``, ``make formgrader`` and the browser tests start it alike.
"""

from __future__ import annotations

import errno
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

HOST = "127.0.0.1"


class LabError(RuntimeError):
    """JupyterLab could not be started (one sentence saying what to do)."""


def port_free(port: int, host: str = HOST) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        try:
            sock.bind((host, port))
        except OSError as error:
            if error.errno == errno.EADDRINUSE:
                return False
            raise
    return True


def free_port(host: str = HOST) -> int:
    """A port nothing listens on now (the kernel picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return sock.getsockname()[1]


def command(
    root: Path, port: int, token: str | None = None, open_browser: bool = True
) -> list[str]:
    """``jupyter lab`` on ``root``, listening on loopback only (as ``python -m jupyterlab``:
    the ``jupyter`` launcher is ``jupyter.exe`` in ``Scripts`` on Windows)."""
    args = [
        sys.executable,
        "-m",
        "jupyterlab",
        f"--ServerApp.root_dir={root}",
        f"--ServerApp.ip={HOST}",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        f"--ServerApp.open_browser={open_browser}",
        "--LabApp.news_url=",  # nothing fetched from the network
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        "--LabApp.extension_manager=readonly",  # no extension search on PyPI
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:  # containers and CI run as root
        args.append("--ServerApp.allow_root=True")
    if token is not None:
        args.append(f"--IdentityProvider.token={token}")
    return args


def start(
    root: Path,
    port: int,
    token: str,
    env: dict[str, str] | None = None,
    log: Path | None = None,
    wait: float = 120,
) -> subprocess.Popen:
    """Start JupyterLab in the background and return once it answers (tests, screenshots)."""
    if not port_free(port):
        raise LabError(f"port {port} is already in use")
    out = open(log, "wb") if log else subprocess.DEVNULL  # noqa: SIM115 (the server keeps it)
    proc = subprocess.Popen(
        command(root, port, token, open_browser=False),
        cwd=root,
        env=env or dict(os.environ),
        stdout=out,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    url = f"http://{HOST}:{port}/api/status?token={token}"
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise LabError(f"JupyterLab exited with code {proc.returncode} (log: {log})")
        try:
            with urllib.request.urlopen(url, timeout=5):
                return proc
        except OSError:
            time.sleep(0.3)
    stop(proc)
    raise LabError(f"JupyterLab did not answer on port {port} within {wait:.0f} s (log: {log})")


def stop(proc: subprocess.Popen, grace: float = 15) -> None:
    """Stop the server and its kernels (its own process group)."""
    if proc.poll() is not None:
        return
    try:
        os.killpg(proc.pid, 15)
        proc.wait(grace)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, 9)
        proc.wait()
    except ProcessLookupError:
        pass
