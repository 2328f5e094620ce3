"""nbval's forked kernels (dev/devkit/zygote.py) behave as kernels started by ipykernel.

One script, run in a process of its own (the zygotes' owner), starts kernels from the
``course-nbval`` spec and from the ordinary one, and reports what each saw:
- a forked kernel finds TensorFlow already imported, yet its folder, environment,
  ``sys.path``, ``sys.argv[0]`` and matplotlib backend are the ordinary kernel's, and a
  figure is displayed inline;
- an interrupt stops a cell that loops; a kernel killed with SIGKILL (as nbval's
  shutdown does) leaves no process;
- ``COURSE_NBVAL_ZYGOTE=0`` (and a system without pidfds) gets ipykernel's own kernel;
- two kernels with the same environment come from one zygote, which ends when its owner
  ends; another environment or owner gets another zygote (checked on the key alone: a
  second zygote would import TensorFlow once more).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from devkit import zygote

pytestmark = [pytest.mark.tensorflow]

SCRIPT = r"""
import json, os, sys, time
from jupyter_client.manager import start_new_kernel

CODE = '''
import json, os, sys, matplotlib
import matplotlib.pyplot as plt

print(json.dumps({"preloaded": "tensorflow" in sys.modules, "cwd": os.getcwd(),
    "path": sys.path, "argv0": os.path.basename(sys.argv[0]),
    "backend": matplotlib.get_backend(), "mark": os.environ.get("ZYGOTE_TEST_MARK"),
    "pid": os.getpid(), "parent": os.getppid()}))
plt.plot([0, 1], [1, 0])
plt.show()
'''

def run(name, mark):
    os.environ["ZYGOTE_TEST_MARK"] = mark
    km, kc = start_new_kernel(kernel_name=name, cwd=sys.argv[1])
    seen, images = [], []
    def hook(msg):
        content = msg["content"]
        if msg["msg_type"] == "stream":
            seen.append(content["text"])
        if msg["msg_type"] == "display_data" and "image/png" in content["data"]:
            images.append(1)
    kc.execute_interactive(CODE, timeout=120, output_hook=hook)
    out = json.loads(seen[0])
    out["images"] = len(images)
    return km, kc, out

result = {}
km, kc, result["ordinary"] = run("python3", "a")
km.shutdown_kernel(now=True)
km, kc, result["forked"] = run("course-nbval", "a")
result["forked"]["launched"] = km.provisioner.process.pid
# an interrupt stops a loop
msg_id = kc.execute("while True:\n    pass")
time.sleep(1)
km.interrupt_kernel()
errors = []
while True:
    msg = kc.get_iopub_msg(timeout=60)
    if msg["parent_header"].get("msg_id") != msg_id:
        continue
    if msg["msg_type"] == "error":
        errors.append(msg["content"]["ename"])
    if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
        break
result["interrupted"] = errors
km.shutdown_kernel(now=True)  # SIGKILL, as nbval's RunningKernel.stop
pid = result["forked"]["pid"]
for _ in range(100):
    if not os.path.exists(f"/proc/{pid}"):
        break
    time.sleep(0.1)
result["killed_gone"] = not os.path.exists(f"/proc/{pid}")
km, kc, result["same_env"] = run("course-nbval", "a")
km.shutdown_kernel(now=True)
os.environ["COURSE_NBVAL_ZYGOTE"] = "0"  # ipykernel's own kernel, from the same spec
km, kc, result["unforked"] = run("course-nbval", "a")
result["unforked"]["launched"] = km.provisioner.process.pid
km.shutdown_kernel(now=True)
print(json.dumps(result))
"""


def test_forked_kernels_are_ordinary_kernels_and_leave_nothing_behind(tmp_path):
    folder = tmp_path / "lesson"
    folder.mkdir()
    env = dict(os.environ, JUPYTER_PATH=str(zygote.SPEC_DIR))
    env.pop("MPLBACKEND", None)
    run = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(folder)],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    out = json.loads(run.stdout.strip().splitlines()[-1])
    ordinary, forked = out["ordinary"], out["forked"]
    assert forked["preloaded"] and not ordinary["preloaded"]
    for key in ("cwd", "path", "argv0", "backend", "mark", "images"):
        assert forked[key] == ordinary[key], (key, forked[key], ordinary[key])
    assert forked["cwd"] == str(folder) and forked["images"] == 1
    assert out["interrupted"] == ["KeyboardInterrupt"]
    assert out["killed_gone"]
    unforked = out["unforked"]  # COURSE_NBVAL_ZYGOTE=0: the spec's process is the kernel
    assert not unforked["preloaded"] and unforked["pid"] == unforked["launched"]
    assert forked["pid"] != forked["launched"]  # the spec's process only relays
    zygotes = {forked["parent"], out["same_env"]["parent"]}
    assert forked["parent"] == out["same_env"]["parent"]  # one zygote for both
    assert forked["parent"] != ordinary["parent"]  # a fork, not a kernel of its own
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and any(_running(z) for z in zygotes):
        time.sleep(0.2)
    assert not any(_running(z) for z in zygotes), "a zygote outlived its owner"


def test_one_zygote_per_worker_and_environment():
    """What jupyter_client and pytest set per kernel is left out; anything else counts."""
    env = {"JPY_PARENT_PID": "41", "PATH": "/usr/bin", "PYTEST_CURRENT_TEST": "a (setup)"}
    same = dict(env, PYTEST_CURRENT_TEST="b (setup)", JPY_SESSION_NAME="x.ipynb")
    assert zygote._key(same) == zygote._key(env)
    assert zygote._key(dict(env, OPENBLAS_CORETYPE="Haswell")) != zygote._key(env)
    assert zygote._key(dict(env, JPY_PARENT_PID="42")) != zygote._key(env)


def _running(pid: int) -> bool:
    """Alive and not a zombie (an orphan's exit status waits for whoever reaps it)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"
