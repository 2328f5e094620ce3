"""Grading on a real Dask cluster: ``dask scheduler`` and ``dask worker`` on loopback.

The sample class's quiz (no TensorFlow) is graded by two CLI-started workers into
SQLite (the reference, shared with ``test_pgbook.py``) and into PostgreSQL; then
each fault is made to happen for real: a worker SIGKILLed mid-batch, a submission
whose worker dies every time, a scheduler killed mid-batch, a corrected release,
a worker without a sandbox. One cluster and one PostgreSQL server for the session.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import threading
import time
from pathlib import Path

import nbformat
import pytest
from typer.testing import CliRunner

from grader.authoring.answers import answer_notebook
from grader.classes.sample import load_class
from grader.cli.main import app
from grader.course import api
from grader.db import use_database
from grader.grading.autograde import autograde
from grader.grading.cluster.faults import SchedulerLost
from grader.grading.cluster.plugin import GradingPlugin, SandboxRefused
from grader.grading.cluster.tasks import task_key
from grader.grading.fingerprints import release_fingerprint
from grader.grading.jobs import Job, already_graded
from grader.grading.notes import read_log
from grader.lessons import Lesson
from tests.support.clusterkit import QUIZ, copy_course, differences, records, snapshot, start_dask

pytestmark = [
    pytest.mark.servers,
    pytest.mark.xdist_group("cluster"),
]  # one cluster, one PostgreSQL, one worker

SAMPLE = set(load_class()["students"])  # copy_course has each of them hand in the quiz


def add_submission(root: Path, student: str, code: str, lang: str = "en") -> None:
    """A quiz submission whose first answer cell is ``code`` (the rest solved)."""
    quiz = Lesson("12_quiz")
    nb = answer_notebook(quiz, lang, {"default": "solution"}, root)
    cell = next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == "q01")
    cell.source = code
    folder = root / "submitted" / student / quiz.assignment(lang)
    folder.mkdir(parents=True)
    nbformat.write(nb, folder / "12_quiz.ipynb")
    (folder / "timestamp.txt").write_text("2026-11-20 12:00:00.000000 UTC")


def executing(client) -> dict[str, list[str]]:
    """The task each worker is running now, by worker address."""

    def keys(dask_worker):
        return [str(ts.key) for ts in dask_worker.state.executing]

    return client.run(keys, on_error="ignore")


def in_thread(function, *args, **kwargs) -> dict:
    """Run ``function`` in a thread; the dict gets its result or its exception."""
    box: dict = {}

    def run():
        try:
            box["result"] = function(*args, **kwargs)
        except BaseException as error:  # noqa: BLE001 - handed to the test
            box["error"] = error

    box["thread"] = threading.Thread(target=run, daemon=True)
    box["thread"].start()
    return box


def test_task_keys_never_merge_different_bytes_or_releases():
    key = task_key("ada", "12_quiz_en", "a" * 64, "b" * 64)
    assert key == task_key("ada", "12_quiz_en", "a" * 64, "b" * 64)
    assert key != task_key("ada", "12_quiz_en", "c" * 64, "b" * 64)  # other submission bytes
    assert key != task_key("ada", "12_quiz_en", "a" * 64, "d" * 64)  # a corrected release


def test_dask_workers_grade_the_sample_class(graded_sqlite):
    outcomes = graded_sqlite["outcomes"]
    assert {o.job.student for o in outcomes} == SAMPLE
    assert all(o.success and not o.skipped for o in outcomes), [o.message for o in outcomes]
    workers = {o.worker for o in outcomes}
    assert len(workers) == 2, workers  # both CLI workers graded
    scores = {}
    for (student, *_), (auto, *_rest) in graded_sqlite["grades"].items():
        scores[student] = scores.get(student, 0) + (auto or 0)
    assert scores["alice"] > scores["bruno"] > 0 and scores["chloe"] == 0  # follow the answers
    # gaelle's empty file: a CLI worker graded the blank release in its place, without a
    # kernel (the mark intake left travels with the submission's files), and says why
    gaelle = graded_sqlite["root"] / "autograded" / "gaelle" / "12_quiz_en" / "12_quiz.ipynb"
    assert "no readable notebook was handed in" in gaelle.read_text(encoding="utf-8")


def test_the_sample_class_gets_the_same_grades_cell_by_cell_on_sqlite_and_postgresql(
    graded_sqlite,
):
    sqlite, postgresql = graded_sqlite["grades"], graded_sqlite["pg"]
    assert {k[0] for k in sqlite} == SAMPLE and len(sqlite) > 100
    assert not differences(sqlite, postgresql)
    changed = dict(postgresql)  # the comparison does fail on one changed cell
    first = next(iter(changed))
    changed[first] = (-1, *changed[first][1:])
    assert differences(sqlite, changed)
    # and the rest of what nbgrader writes: submission times, lateness, comments, penalties
    assert len(graded_sqlite["records"]) > 20
    assert not differences(graded_sqlite["records"], graded_sqlite["pg_records"])


def test_recording_writes_what_nbgraders_own_autograde_writes(
    graded_sqlite, quiz_template, tmp_path
):
    """The workers' results recorded here equal nbgrader's autograde run in this course.

    The reference is the pool's way (``grader bench scale``'s baseline): nbgrader's
    whole ``autograde`` in the course folder, sandboxed, from two processes.
    """
    from devkit.bench.scale import pool_autograde

    root = copy_course(quiz_template, tmp_path / "course")
    done = pool_autograde(QUIZ, 2, root, timeout=20)
    assert {o.job.student for o, _ in done} == SAMPLE and all(o.success for o, _ in done)
    assert not differences(snapshot(root), graded_sqlite["grades"])
    ours, theirs = records(root), graded_sqlite["records"]
    assert any(penalty for penalty in ours.values() if isinstance(penalty, float))  # dmitri
    assert "No response." in ours.values()  # a blank answer's comment
    assert not differences(ours, theirs)
    for student, assignment in {(o.job.student, o.job.assignment) for o, _ in done}:
        here = root / "autograded" / student / assignment
        there = graded_sqlite["root"] / "autograded" / student / assignment
        names = sorted(p.name for p in here.iterdir())
        assert names == sorted(p.name for p in there.iterdir())
        for name in (n for n in names if n.endswith(".ipynb")):
            assert _shown(here / name) == _shown(there / name), f"{student}/{name}"
            assert (there / name).stat().st_mode & 0o777 == 0o444  # read-only, as nbgrader


def _shown(path: Path) -> list:
    """Each cell's source and outputs; a stream's text whole (how it was chunked is timing)."""
    cells = []
    for cell in nbformat.read(path, 4).cells:
        outputs = cell.get("outputs", [])
        streams = [
            "".join(o.text for o in outputs if o.get("name") == n) for n in ("stdout", "stderr")
        ]
        cells.append((cell.source, streams, [o for o in outputs if o.output_type != "stream"]))
    return cells


def _tampered(result, name: str, change) -> object:
    """A copy of a worker's result with one returned notebook changed by ``change(nb)``."""
    import copy

    changed = copy.deepcopy(result)
    nb = nbformat.reads(changed.files[name].decode(), 4)
    change(nb)
    changed.files[name] = nbformat.writes(nb).encode()
    return changed


def _cell(nb, grade_id: str):
    return next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id)


def test_recording_refuses_what_is_not_this_submission_graded_against_this_release(
    graded_sqlite, tmp_path
):
    from grader.grading.autograde import record_result
    from grader.grading.jobs import MARKER

    job, result, args = next(
        (j, r, a) for j, r, a in graded_sqlite["returned"] if j.student == "alice"
    )
    root = copy_course(graded_sqlite["root"], tmp_path / "course")
    marker = root / "autograded" / job.student / job.assignment / MARKER
    name = "12_quiz.ipynb"
    same = record_result(job, result, root, *args)  # the right thing is recorded
    assert same.success, same.message
    assert marker.exists() and not differences(snapshot(root), graded_sqlite["grades"])

    def worth_more(nb):
        _cell(nb, "q01_tests").metadata.nbgrader["points"] = 5

    def other_test(nb):
        _cell(nb, "q01_tests").source = "assert True"

    def more_points(r):
        r.scores = {key: 9.0 for key in r.scores}
        return r

    def other_bytes(r):
        r.submission = "0" * 64
        return r

    import copy

    wrong = {
        "not worth": _tampered(result, name, worth_more),
        "locked cell q01_tests": _tampered(result, name, other_test),
        "differ from": more_points(copy.deepcopy(result)),
        "other bytes": other_bytes(copy.deepcopy(result)),
    }
    for reason, tampered in wrong.items():
        marker.unlink(missing_ok=True)
        outcome = record_result(job, tampered, root, *args)
        assert not outcome.success and reason in outcome.message, (reason, outcome.message)
        assert "recording the worker's grading failed" in outcome.message
        assert not marker.exists()


def test_postgresql_through_the_cluster_end_to_end_and_no_secret_reaches_student_code(
    graded_sqlite, quiz_template, dask_cluster, postgres, tmp_path
):
    root = copy_course(quiz_template, tmp_path / "course")
    url = postgres.database("cluster_graded")
    snoop = (
        'q01 = "b"\nimport os, socket\nprint(sorted(os.environ.items()))\n'
        f"for port in ({postgres.port}, {dask_cluster.port}):\n"
        "    try:\n"
        '        socket.create_connection(("127.0.0.1", port), 2)\n'
        '        print("reached", port)\n'
        "    except OSError as error:\n"
        '        print("unreachable", port, type(error).__name__)\n'
    )
    add_submission(root, "snoop", snoop)
    runner = CliRunner()
    graded = ["--course", str(root), "autograde", "--scheduler", dask_cluster.address]
    refused = runner.invoke(app, [*graded, "--db", url])  # released into SQLite, not here
    assert refused.exit_code == 2 and "not in the gradebook" in refused.output
    assert postgres.password not in refused.output and "***" in refused.output
    moved = runner.invoke(app, ["--course", str(root), "db", "migrate", url])
    assert moved.exit_code == 0, moved.output
    chosen = ["--student", "alice", "--student", "bruno", "--student", "snoop"]
    result = runner.invoke(app, [*graded, "--db", url, "--timeout", "20", *chosen])
    assert result.exit_code == 0, result.output
    assert "graded 3, already graded 0, failed 0" in result.output
    use_database(url, root)
    try:
        grades = snapshot(root)
    finally:
        use_database(None, root)
    with sqlite3.connect(root / "gradebook.db") as local:  # the grades went elsewhere
        assert local.execute("SELECT count(*) FROM grade").fetchone() == (0,)
    assert grades, "and they are in PostgreSQL"
    sample = {k: v for k, v in grades.items() if k[0] in SAMPLE}
    reference = {k: v for k, v in graded_sqlite["grades"].items() if k[0] in {"alice", "bruno"}}
    assert {k[0] for k in sample} == {"alice", "bruno"}
    assert not differences(sample, reference)
    # student code sees no credential and reaches neither the database nor the scheduler
    out = json.dumps(nbformat.read(root / "autograded/snoop/12_quiz_en/12_quiz.ipynb", 4))
    assert "'PATH'" in out  # the kernel's environment was printed
    assert f"unreachable {postgres.port}" in out and f"unreachable {dask_cluster.port}" in out
    assert f"reached {postgres.port}" not in out
    texts = [out, result.output, moved.output, (root / "grading_log.jsonl").read_text()]
    texts += [p.read_text(errors="replace") for p in root.rglob("*.log")]
    texts += [p.read_text(errors="replace") for p in dask_cluster.folder.glob("*.log")]
    assert not [t for t in texts if postgres.password in t]
    assert any(postgres.password in t for t in texts + [url])  # the search would find it


def grade_while_killing(cluster, root: Path, students: list[str], victim: str, times: int):
    """Grade ``students``, SIGKILLing the worker running ``victim`` (``times`` workers at most)."""
    killed: list[str] = []
    with cluster.client() as client:
        run = in_thread(
            autograde, QUIZ, students, root=root, timeout=20, progress=False,
            scheduler=cluster.address,
        )  # fmt: skip
        deadline = time.monotonic() + 240
        while run["thread"].is_alive() and time.monotonic() < deadline:
            if len(killed) < times:
                pids = client.run(os.getpid, on_error="ignore")
                for address, keys in executing(client).items():
                    running = any(f"grade-{victim}-" in key for key in keys)
                    if running and address not in killed and address in pids:
                        os.kill(pids[address], signal.SIGKILL)
                        killed.append(address)
            time.sleep(0.3)
        run["thread"].join(5)
        cluster.wait_for_workers(2)  # their nannies restarted them
    assert "error" not in run, run.get("error")
    outcomes = {o.job.student: o for o in run["result"]}
    assert sorted(o.job.student for o in run["result"]) == sorted(students)  # once each
    return outcomes, killed


def test_a_worker_killed_mid_batch_its_submission_is_graded_elsewhere_once(
    graded_sqlite, quiz_template, dask_cluster, tmp_path
):
    root = copy_course(quiz_template, tmp_path / "course")
    add_submission(root, "slow", 'import time\ntime.sleep(6)\nq01 = "b"')
    outcomes, killed = grade_while_killing(dask_cluster, root, ["slow"], "slow", 1)
    assert len(killed) == 1
    assert outcomes["slow"].success and outcomes["slow"].worker not in killed
    alice = graded_sqlite["grades"]
    assert sum(v[0] or 0 for k, v in snapshot(root).items() if k[0] == "slow") == sum(
        v[0] or 0 for k, v in alice.items() if k[0] == "alice"
    )  # all its answers are the solution's, as alice's
    assert not [n for n in read_log(root) if n.student == "slow"]  # nothing failed


def test_a_submission_that_kills_every_worker_fails_with_its_reason_and_the_batch_goes_on(
    quiz_template, dask_cluster, tmp_path
):
    root = copy_course(quiz_template, tmp_path / "course")
    add_submission(root, "crasher", 'import time\ntime.sleep(6)\nq01 = "b"')
    outcomes, killed = grade_while_killing(dask_cluster, root, ["crasher", "bruno"], "crasher", 9)
    assert len(killed) == 2  # the scheduler's allowed-failures is 1 here: two deaths
    assert not outcomes["crasher"].success and "died" in outcomes["crasher"].message
    assert outcomes["bruno"].success
    notes = [n for n in read_log(root) if n.stage == "autograde" and "failed" in n.message]
    assert [(n.student, "died" in n.message) for n in notes] == [("crasher", True)]


def test_a_corrected_release_is_regraded_and_only_it(graded_sqlite, dask_cluster, tmp_path):
    root = copy_course(graded_sqlite["root"], tmp_path / "course")
    alice, bruno = Job("alice", "12_quiz_en"), Job("bruno", "12_quiz_fr")
    assert already_graded(alice, root) and already_graded(bruno, root)
    before = release_fingerprint(root, "12_quiz_en")
    source = root / "source" / "12_quiz_en" / "12_quiz.ipynb"
    nb = nbformat.read(source, 4)
    test = next(
        c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == "q01_tests"
    )
    test.source += "\n# corrected by the instructor"
    nbformat.write(nb, source)
    assert api(root, "en").generate_assignment("12_quiz_en", force=True, create=True)["success"]
    assert release_fingerprint(root, "12_quiz_en") != before
    assert not already_graded(alice, root) and already_graded(bruno, root)
    outcomes = autograde(
        QUIZ, ["alice", "bruno"], root=root, timeout=20, progress=False,
        scheduler=dask_cluster.address,
    )  # fmt: skip
    done = {o.job.student: o for o in outcomes}
    assert done["alice"].success and not done["alice"].skipped
    assert done["bruno"].skipped
    assert not differences(
        {k: v for k, v in snapshot(root).items() if k[0] == "alice"},
        {k: v for k, v in graded_sqlite["grades"].items() if k[0] == "alice"},
    )


def test_a_worker_without_sandbox_refuses_work_and_leaves(dask_cluster):
    plugin = GradingPlugin([], sandboxed=True)
    plugin.refused = "no bwrap here"
    with pytest.raises(SandboxRefused):
        plugin.template("0" * 64)  # a task that reached it anyway would refuse to run
    with dask_cluster.client() as client:
        client.register_plugin(GradingPlugin([], sandboxed=True), name="grader")
        good = set(client.scheduler_info()["workers"])
        assert not client.get_events("grader")  # the workers with bubblewrap accepted it
        # a real worker whose PATH has no bubblewrap joins, gets the plugin, and leaves
        env = {**os.environ, "PATH": str(Path(os.sys.executable).parent)}
        bad = dask_cluster.start_workers(1, env=env)
        assert bad.wait(240) is not None  # its nanny closed: the `dask worker` command ended
        dask_cluster.processes.remove(bad)
        refusals = [event for _, event in client.get_events("grader")]
        assert len(refusals) == 1 and "bubblewrap" in refusals[0]["refused"]
        assert set(client.scheduler_info()["workers"]) == good


def test_scheduler_lost_mid_batch_then_the_same_command_resumes(
    quiz_template, dask_cluster, tmp_path
):
    root = copy_course(quiz_template, tmp_path / "course")
    add_submission(root, "slow", 'import time\ntime.sleep(25)\nq01 = "b"')
    students = ["slow", "farid"]  # farid's notebook is larger: graded first
    doomed = start_dask(dask_cluster.folder / "doomed", workers=1)
    try:
        run = in_thread(
            autograde, QUIZ, students, root=root, timeout=60, progress=False,
            scheduler=doomed.address,
        )  # fmt: skip
        marker = root / "autograded" / "farid" / "12_quiz_fr" / ".grader-done.json"
        deadline = time.monotonic() + 120
        while not marker.exists() and time.monotonic() < deadline:
            time.sleep(0.2)
        assert marker.exists()
        os.killpg(doomed.processes[0].pid, signal.SIGKILL)  # the scheduler, slow still running
        run["thread"].join(120)
    finally:
        doomed.stop()
    assert isinstance(run.get("error"), SchedulerLost), run
    assert "run the same command again" in str(run["error"])
    assert not (root / "autograded" / "slow" / "12_quiz_en" / ".grader-done.json").exists()
    # the same command, pointed at a scheduler that is up, grades only what was left
    again = autograde(
        QUIZ, students, root=root, timeout=60, progress=False, scheduler=dask_cluster.address
    )
    done = {o.job.student: o for o in again}
    assert done["farid"].skipped and done["slow"].success and not done["slow"].skipped
    assert all(o.success for o in again)
