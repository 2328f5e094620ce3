"""JupyterHub courses: release to nbgrader's exchange, a student fetches and submits,
`grader collect` brings the submission into course/submitted/."""

import getpass
import os
import shutil
import subprocess
import sys
from pathlib import Path

from grader.collect import collect_exchange
from grader.course import COURSE
from grader.release import release

BIN = Path(sys.executable).parent


def test_release_fetch_submit_collect(tmp_path, monkeypatch):
    root = tmp_path / "course"
    root.mkdir()
    shutil.copy(COURSE / "nbgrader_config.py", root / "nbgrader_config.py")
    exchange = tmp_path / "exchange"
    exchange.mkdir()
    os.chmod(exchange, 0o777)
    monkeypatch.setenv("GRADER_EXCHANGE", str(exchange))
    release(["10_quiz_fr"], exchange=True, root=root)
    assert (exchange / "regularization" / "outbound" / "10_quiz_fr" / "10_quiz.ipynb").exists()

    home = tmp_path / "student"
    home.mkdir()
    student_args = ["--course", "regularization", f"--Exchange.root={exchange}"]
    for command in ("fetch_assignment", "submit"):
        done = subprocess.run(
            [BIN / "nbgrader", command, "10_quiz_fr", *student_args],
            cwd=home,
            capture_output=True,
            text=True,
        )
        assert done.returncode == 0, done.stderr[-2000:]
    logs = collect_exchange(["10_quiz_fr"], root)
    assert logs == ["10_quiz_fr: ok"]
    me = getpass.getuser()
    assert (root / "submitted" / me / "10_quiz_fr" / "10_quiz.ipynb").exists()
