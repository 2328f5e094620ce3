"""nbval's kernels, forked from a process that has imported TensorFlow once.

Why: every lesson notebook that nbval re-executes starts a kernel that imports
TensorFlow and Keras first, about 4.5 s of CPU each time, 18 times per `make test`.
A zygote imports them once per test worker and kernel environment; each kernel is
then a fork of it, which runs the notebook from its first cell as a fresh kernel
would (nothing of a notebook has run in the zygote: only imports). nbval compares
every output as before, so a kernel that behaved differently would fail the suite.

How: the kernel spec ``course-nbval`` (``kernelspec/``, found through ``JUPYTER_PATH``
while nbval starts a kernel; see the root conftest.py) runs ``python -m devkit.zygote
-f <connection file>``. That small process is the kernel as jupyter_client sees it: it
asks the zygote of its environment to fork (starting the zygote when there is none),
hands over its standard streams, working folder and environment, passes on the
signals it gets (an interrupt is SIGINT), and exits with the kernel's exit status. A
kernel ends when that process ends, even by SIGKILL (it watches it), and a zygote ends
with the test worker that started it (its ``JPY_PARENT_PID``).

Only for nbval: never for students (their lab starts ipykernel itself), never for the
sandbox (a fork would share one process's memory between submissions), never for
``grader perturb`` (its settings must apply at import).
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib
import importlib.util
import json
import os
import select
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

KERNEL_NAME = "course-nbval"
SPEC_DIR = Path(__file__).resolve().parent / "kernelspec"  # JUPYTER_PATH entry
# What the zygote imports: everything a lesson's first cell spends seconds on.
PRELOAD = ("numpy", "tensorflow", "keras", "ipykernel.kernelapp")
# jupyter_client and pytest set these per kernel: they do not change what an import does.
PER_KERNEL = ("JPY_PARENT_PID", "JPY_SESSION_NAME", "PYTEST_CURRENT_TEST")
START_TIMEOUT = 300  # s: a zygote's imports on a slow, loaded machine


def _key(env: dict[str, str]) -> str:
    """One zygote per test worker and environment (imports read the environment)."""
    kept = sorted((k, v) for k, v in env.items() if k not in PER_KERNEL)
    digest = hashlib.sha256(json.dumps([sys.executable, kept]).encode()).hexdigest()[:16]
    return f"{env.get('JPY_PARENT_PID', os.getppid())}-{digest}"


def _socket_path(env: dict[str, str]) -> Path:
    folder = Path(tempfile.gettempdir()) / f"course-zygote-{os.getuid()}"
    folder.mkdir(mode=0o700, exist_ok=True)
    if folder.stat().st_uid != os.getuid() or folder.stat().st_mode & 0o077:
        raise RuntimeError(f"{folder} is not this user's private folder")
    return folder / f"{_key(env)}.sock"


def _watch(pid: int, then) -> None:
    """Call ``then`` (in a thread) once process ``pid`` has ended."""
    fd = os.pidfd_open(pid)

    def wait() -> None:
        select.select([fd], [], [])
        then()

    threading.Thread(target=wait, daemon=True).start()


# --- the zygote --------------------------------------------------------------------------


def serve(path: Path, owner: int) -> None:
    """Import PRELOAD, then fork a kernel for each request until ``owner`` ends."""
    # as ipykernel_launcher does: the folder it was started in is not on sys.path (each
    # kernel's own folder is put there by IPython, from the folder it is given)
    if sys.path and (sys.path[0] == "" or Path(sys.path[0]) == Path.cwd()):
        del sys.path[0]
    os.chdir("/")
    # matplotlib reads its backend once, when imported (here, by Keras): as in a kernel,
    # where ipykernel has set this before any cell runs (IPKernelApp.init_gui_pylab)
    if not os.environ.get("MPLBACKEND"):
        os.environ["MPLBACKEND"] = "module://matplotlib_inline.backend_inline"
    for name in PRELOAD:
        importlib.import_module(name)
    owner_fd = os.pidfd_open(owner)
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    partial = path.with_suffix(".starting")
    with contextlib.suppress(FileNotFoundError):
        partial.unlink()
    server.bind(str(partial))
    server.listen(8)
    os.rename(partial, path)  # clients connect only once the imports are done
    children: dict[int, socket.socket] = {}
    try:
        while True:
            ready, _, _ = select.select([server, owner_fd], [], [], 0.2)
            if owner_fd in ready:
                break
            if server in ready:
                conn, _ = server.accept()
                try:
                    children[_fork_kernel(conn, server, owner_fd)] = conn
                except (OSError, ValueError):  # a request cut short: that kernel fails
                    conn.close()
            _reap(children)
    finally:
        for done in (path, path.with_suffix(".log")):  # the log is kept when it failed
            with contextlib.suppress(FileNotFoundError):
                done.unlink()


def _reap(children: dict[int, socket.socket]) -> None:
    while children:
        try:
            pid, status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if not pid:
            return
        conn = children.pop(pid, None)
        if conn is not None:
            with contextlib.suppress(OSError):
                conn.sendall(f"{os.waitstatus_to_exitcode(status)}\n".encode())
            conn.close()


def _fork_kernel(conn: socket.socket, server: socket.socket, owner_fd: int) -> int:
    """Fork one kernel for the request on ``conn``; its pid, sent to the client too."""
    message, fds, _, _ = socket.recv_fds(conn, 1 << 16, 3)
    while not message.endswith(b"\n"):
        more = conn.recv(1 << 16)
        if not more:
            raise ConnectionError("the kernel's request was cut short")
        message += more
    request = json.loads(message)
    pid = os.fork()
    if pid:
        for fd in fds:
            os.close(fd)
        conn.sendall(f"{pid}\n".encode())
        return pid
    # the kernel
    code = 1
    try:
        server.close()
        conn.close()
        os.close(owner_fd)
        os.setsid()
        for target, fd in enumerate(fds):
            os.dup2(fd, target)
            os.close(fd)
        os.chdir(request["cwd"])
        os.environ.clear()
        os.environ.update(request["env"])
        _watch(request["client"], lambda: os._exit(0))
        sys.argv = request["argv"]
        from ipykernel import kernelapp

        kernelapp.launch_new_instance()
        code = 0
    except SystemExit as stop:
        code = stop.code if isinstance(stop.code, int) else 1
    finally:
        os._exit(code)


# --- the kernel as jupyter_client sees it ------------------------------------------------


def _connect(env: dict[str, str]) -> socket.socket:
    """A connection to this environment's zygote, started when there is none."""
    path = _socket_path(env)
    client = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        client.connect(str(path))
        return client
    except (FileNotFoundError, ConnectionRefusedError):
        pass
    owner = int(env.get("JPY_PARENT_PID", os.getppid()))
    with contextlib.suppress(FileNotFoundError):
        path.unlink()  # a zygote that died
    log = path.with_suffix(".log")
    with open(log, "wb") as errors:
        zygote = subprocess.Popen(
            [sys.executable, "-m", "devkit.zygote", "--serve", str(path), str(owner)],
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=errors,
            stderr=errors,
            start_new_session=True,
        )
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline and zygote.poll() is None:
        try:
            client.connect(str(path))
            return client
        except (FileNotFoundError, ConnectionRefusedError):
            time.sleep(0.05)
    said = log.read_text(errors="replace")[-2000:]
    raise RuntimeError(f"the kernel zygote did not start (see {log}):\n{said}")


def forkable() -> bool:
    """Linux with pidfds (5.3 and later), which the kernels and zygotes watch each other by,
    unless ``COURSE_NBVAL_ZYGOTE=0`` asks for ipykernel's own kernels (to rule it out)."""
    if os.environ.get("COURSE_NBVAL_ZYGOTE") == "0":
        return False
    try:
        os.close(os.pidfd_open(os.getpid()))
    except (AttributeError, OSError):
        return False
    return sys.platform == "linux"


def run_kernel(argv: list[str]) -> int:
    """Have the zygote fork the kernel for ``argv``; its exit status once it ends.

    Elsewhere than on :func:`forkable` systems this process becomes ipykernel's own.
    """
    if not forkable():
        os.execv(sys.executable, [sys.executable, "-m", "ipykernel_launcher", *argv])
    env = dict(os.environ)
    client = _connect(env)
    launcher = importlib.util.find_spec("ipykernel_launcher").origin  # as in `python -m`
    request = {"argv": [launcher, *argv], "env": env, "cwd": os.getcwd()}
    request["client"] = os.getpid()
    socket.send_fds(client, [json.dumps(request).encode() + b"\n"], [0, 1, 2])
    reader = client.makefile("r")
    pid = int(reader.readline())

    def forward(signum, frame) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signum)

    for name in ("SIGINT", "SIGTERM", "SIGHUP", "SIGQUIT"):
        signal.signal(getattr(signal, name), forward)
    while True:
        try:
            line = reader.readline()
            break
        except InterruptedError:
            continue
    return int(line) if line.strip() else 1


def main() -> None:
    if sys.argv[1:2] == ["--serve"]:
        serve(Path(sys.argv[2]), int(sys.argv[3]))
        return
    sys.exit(run_kernel(sys.argv[1:]))


if __name__ == "__main__":
    main()
