"""The hostile corpus (tests/support/hostile.py) against a real release, both ways.

With ``grader autograde`` (sandbox, and verdicts computed outside it from probes),
every case gets what it is owed, never more than a blank submission on what it attacks:
its attacked tests score 0, the rest of the submission is graded, the log says
what happened, and nothing outside the submission is read, changed or reached.
Against plain nbgrader (the same submissions, graded without the sandbox), the
cases marked ``plain`` succeed, which shows that each check can fail. ``make test``
grades one such case per kind of outcome, all on the quiz (no TensorFlow), so that
every kind of check is seen to fail; ``make hostile-plain`` (``HOSTILE_PLAIN=all``)
grades every case marked ``plain`` without the sandbox, a demonstration that costs
a few minutes, lesson 1's TensorFlow training included.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import threading
import uuid
from pathlib import Path

import nbformat
import pytest

from grader.authoring.answers import answer_notebook
from grader.authoring.release import release
from grader.course import COURSE, api, config
from grader.grading.autograde import autograde
from grader.grading.jobs import grading_config
from grader.grading.notes import read_log
from grader.lessons import Lesson
from tests.support.hostile import CASES, CONTROL, DENSE, QUIZ, SCAN, SHORT_TRAINING, Case

SECRET = f"secret-{uuid.uuid4().hex}"
TIMEOUT = 120  # nbgrader's per-cell timeout, unless a case sets its own


class Listener:
    """A TCP server on 127.0.0.1 that counts the connections it accepts."""

    def __init__(self) -> None:
        self.server = socket.create_server(("127.0.0.1", 0))
        self.server.settimeout(0.5)
        self.port = self.server.getsockname()[1]
        self.connections = 0
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while not self.stop.is_set():
            try:
                connection, _ = self.server.accept()
            except OSError:
                continue
            self.connections += 1
            connection.close()

    def close(self) -> None:
        self.stop.set()
        self.thread.join(2)
        self.server.close()


LENIENT_NP = """import numpy


class _Lenient:
    def __getattr__(self, name):
        return getattr(numpy, name)

    def allclose(self, *args, **kwargs):
        return True


np = _Lenient()
"""


def _edit(nb: nbformat.NotebookNode, kind: str, fill: dict) -> None:
    if kind == "scan":  # a last cell of the student's own
        nb.cells.append(nbformat.v4.new_code_cell(SCAN.replace("{needles}", fill["needles"])))
        return
    if kind == "lenient_np":  # the instructor's set-up cell, which nbgrader does not restore
        setup = next(c for c in nb.cells if "import numpy as np" in c.source)
        setup.source = setup.source.replace("import numpy as np", LENIENT_NP)
        assert "np = _Lenient()" in setup.source
        return
    index, cell = next(
        (i, c)
        for i, c in enumerate(nb.cells)
        if c.metadata.get("nbgrader", {}).get("grade_id") == "q01_tests"
    )
    if kind == "metadata":
        cell.metadata["nbgrader"]["points"] = 100
        cell.metadata["nbgrader"]["locked"] = False
    elif kind == "delete":
        del nb.cells[index]


def _submission(case: Case, root: Path, fill: dict) -> bytes:
    if case.raw is not None:
        return case.raw
    nb = answer_notebook(Lesson(case.lesson), "en", {"default": "solution"}, root)
    for cell in nb.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        if grade_id in case.cells:
            code = case.cells[grade_id]
            for key, value in fill.items():
                code = code.replace("{" + key + "}", str(value))
            cell.source = code
    if case.edit:
        _edit(nb, case.edit, fill)
    if case.lesson == DENSE:
        before, after = SHORT_TRAINING
        (cell,) = [c for c in nb.cells if before in c.source]
        cell.source = cell.source.replace(before, after)
    return nbformat.writes(nb).encode()


def _grades(root: Path) -> dict:
    from nbgrader.api import Gradebook

    cfg = config(root)
    with Gradebook(cfg.CourseDirectory.db_url, cfg.CourseDirectory.course_id) as gb:
        return {
            (s.student.id, g.name): (g.auto_score, g.max_score)
            for a in gb.assignments
            for s in a.submissions
            for nb in s.notebooks
            for g in nb.grades
        }


def _plain_nbgrader(root: Path, cases: list[Case], students: list[str], timeout: int) -> None:
    """nbgrader's own ``autograde``, in the course, as an instructor without ``grader`` runs it.

    Not ``grader autograde`` with the sandbox off: that one still grades on Dask workers
    in scratch folders, away from the course and its gradebook.
    """
    lessons = {c.name: c.lesson for c in cases}
    nbgrader = api(root, "en", grading_config(sandboxed=False, timeout=timeout))
    for student in students:
        nbgrader.autograde(f"{lessons[student]}_en", student, force=True, create=True)


def secret_lines(root: Path, lesson: str) -> set[str]:
    """Lines of the hidden tests (and the solutions) that the released notebook does not have."""
    from grader.authoring.exercises import MARKERS

    aid = f"{lesson}_en"
    source = nbformat.read(root / "source" / aid / f"{lesson}.ipynb", 4)
    released = nbformat.read(root / "release" / aid / f"{lesson}.ipynb", 4)
    public = {line.strip() for c in released.cells for line in c.source.splitlines()}
    found = set()
    for cell in source.cells:
        hidden = False
        for line in cell.source.splitlines():
            if any(marker in line for marker in MARKERS[::2]):
                hidden = True
            elif any(marker in line for marker in MARKERS[1::2]):
                hidden = False
            elif hidden and len(line.strip()) >= 12 and line.strip().isascii():
                found.add(line.strip())
    return found - public


def needles(root: Path, lesson: str) -> dict[str, str]:
    secrets = {_sha(line): "secret" for line in secret_lines(root, lesson)}
    return {**secrets, _sha(CONTROL): "control"}


def _sha(text: str) -> str:
    import hashlib

    return hashlib.sha256(text.encode()).hexdigest()


def _grade(tmp: Path, cases: list[Case], sandboxed: bool) -> dict:
    root = tmp / "course"
    root.mkdir()
    shutil.copy(COURSE / "nbgrader_config.py", root / "nbgrader_config.py")
    assignments = sorted({f"{case.lesson}_en" for case in cases})
    release(assignments, root=root)
    canaries = {}
    listener = Listener()
    try:
        for case in cases:
            canary = tmp / f"canary-{case.name}.txt"
            canary.write_text("instructor file")
            canaries[case.name] = canary
            fill = {
                "port": listener.port,
                "canary": canary,
                "secret": SECRET,
                "needles": repr(needles(root, case.lesson)),
            }
            folder = root / "submitted" / case.name / f"{case.lesson}_en"
            folder.mkdir(parents=True)
            (folder / f"{case.lesson}.ipynb").write_bytes(_submission(case, root, fill))
        if sandboxed:  # the blank release of each lesson, the floor no case may rise above
            for lesson in sorted({case.lesson for case in cases}):
                blank = answer_notebook(Lesson(lesson), "en", {"default": "blank"}, root)
                if lesson == DENSE:
                    before, after = SHORT_TRAINING
                    (cell,) = [c for c in blank.cells if before in c.source]
                    cell.source = cell.source.replace(before, after)
                folder = root / "submitted" / f"blank-{lesson}" / f"{lesson}_en"
                folder.mkdir(parents=True)
                (folder / f"{lesson}.ipynb").write_bytes(nbformat.writes(blank).encode())
        os.environ["GRADER_TEST_SECRET"] = SECRET
        outcomes = []
        for timeout in sorted({case.timeout or TIMEOUT for case in cases}):
            students = [c.name for c in cases if (c.timeout or TIMEOUT) == timeout]
            if sandboxed and timeout == TIMEOUT:
                students += [f"blank-{lesson}" for lesson in sorted({c.lesson for c in cases})]
            if sandboxed:
                outcomes += autograde(
                    assignments, students, workers=2, root=root, timeout=timeout, progress=False
                )
            else:
                _plain_nbgrader(root, cases, students, timeout)
    finally:
        os.environ.pop("GRADER_TEST_SECRET", None)
        listener.close()
    return {
        "root": root,
        "grades": _grades(root),
        "log": read_log(root),
        "outcomes": outcomes,
        "canaries": canaries,
        "connections": listener.connections,
    }


def _outputs(root: Path, case: Case) -> str:
    """Everything the graded notebook's cells printed (what feedback would show)."""
    folder = root / "autograded" / case.name / f"{case.lesson}_en"
    text = []
    for path in folder.glob("*.ipynb"):
        nb = nbformat.read(path, as_version=4)
        text += [json.dumps(c.get("outputs", []), ensure_ascii=False) for c in nb.cells]
    return "".join(text)


def _sources(root: Path, case: Case) -> str:
    folder = root / "autograded" / case.name / f"{case.lesson}_en"
    return "".join(c.source for p in folder.glob("*.ipynb") for c in nbformat.read(p, 4).cells)


def _pwned(root: Path) -> bool:
    from nbgrader.api import Gradebook

    cfg = config(root)
    with Gradebook(cfg.CourseDirectory.db_url, cfg.CourseDirectory.course_id) as gb:
        return any(s.first_name == "pwned" for s in gb.students)


@pytest.fixture(scope="module")
def sandboxed(tmp_path_factory):
    return _grade(tmp_path_factory.mktemp("hostile"), CASES, sandboxed=True)


PLAIN_ALL = [c for c in CASES if c.plain]
# the first quiz case of each kind of plain outcome
PLAIN_SAMPLE = [
    c
    for i, c in enumerate(PLAIN_ALL)
    if c.lesson == QUIZ and all(o.plain != c.plain or o.lesson != QUIZ for o in PLAIN_ALL[:i])
]
PLAIN = PLAIN_ALL if os.environ.get("HOSTILE_PLAIN") == "all" else PLAIN_SAMPLE


@pytest.fixture(scope="module")
def plain(tmp_path_factory):
    return _grade(tmp_path_factory.mktemp("plain"), PLAIN, sandboxed=False)


def test_the_corpus_covers_every_family():
    families = {c.family for c in CASES}
    assert families == {"tampering", "escaping", "denial of service", "malformed"}
    assert len(CASES) >= 20
    assert len({c.name for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_grader_gives_each_hostile_submission_what_it_is_owed(sandboxed, case):
    grades = sandboxed["grades"]
    for grade_id in case.zero:
        score, _ = grades.get((case.name, grade_id), (0, None))
        assert not score, f"{case.name}: {grade_id} scored {score}"
    for grade_id in case.full:
        score, top = grades[(case.name, grade_id)]
        assert score == top, f"{case.name}: {grade_id} scored {score} of {top}"
    if case.note:
        said = [n.message for n in sandboxed["log"] if n.student == case.name]
        assert any(case.note in m for m in said), f"{case.name}: log says {said}"
    text = _outputs(sandboxed["root"], case)
    assert "BEGIN HIDDEN TESTS" not in text and "BEGIN SOLUTION" not in text
    assert SECRET not in text
    assert len(text) < 8 * 2**20, "output is capped"
    assert sandboxed["canaries"][case.name].exists(), "files outside the submission untouched"
    if case.lesson == DENSE:
        assert SHORT_TRAINING[1] in _sources(sandboxed["root"], case), "graded as trained"
    if "budget" not in case.note:
        budgets = [n.message for n in sandboxed["log"] if n.student == case.name]
        assert not [m for m in budgets if m.startswith("budget:")], budgets


def _printed(root: Path, case: Case, label: str) -> list[int]:
    """The numbers a case printed after ``label`` (how much it wrote or held)."""
    import re

    return [int(n) for n in re.findall(re.escape(label) + r" (\d+)", _outputs(root, case))]


def test_the_budgets_stop_each_fill_and_count_tmpfs_as_memory(sandboxed):
    """What each fill managed before the kernel's limits stopped it (docs/guide/en/benchmarks.md,
    Sandbox budgets)."""
    root = sandboxed["root"]
    cases = {c.name: c for c in CASES}
    (tmp,) = _printed(root, cases["fill_tmp"], "/tmp MiB:")
    (work,) = _printed(root, cases["fill_the_working_folder"], ". MiB:")
    (files,) = _printed(root, cases["create_many_empty_files"], "files:")
    assert 180 <= tmp <= 256 and 180 <= work <= 256, (tmp, work)
    assert 9_000 <= files <= 10_000, files
    held = cases["hold_memory_in_tmpfs"]
    assert all(n >= 180 for n in _printed(root, held, "MiB:")[:2]), "both folders filled first"
    ram = max(_printed(root, held, "RAM MiB:"))
    # the 2 GiB budget minus the ~480 MiB the case holds in tmpfs (its kernel holds ~150):
    # were the tmpfs not counted, the kernel would get past 1,800 MiB of RAM
    assert 1_000 <= ram <= 2048 - 400, ram


def test_nothing_outside_the_submissions_was_reached(sandboxed):
    assert sandboxed["connections"] == 0
    assert not _pwned(sandboxed["root"]), "the gradebook was not touched"
    assert (sandboxed["root"] / "source" / "12_quiz_en" / "12_quiz.ipynb").exists()
    graded = {o.job.student for o in sandboxed["outcomes"]}
    controls = {f"blank-{c.lesson}" for c in CASES}
    assert graded == {c.name for c in CASES} | controls, "every submission was graded"


def test_only_the_sized_tmpfs_take_a_write(sandboxed):
    """Each place the corpus's case wrote to: read-only, or stopped at its size."""
    import re

    (case,) = [c for c in CASES if c.name == "write_everywhere"]
    (found,) = re.findall(r"places: (\{.*?\})\\n", _outputs(sandboxed["root"], case))
    places = json.loads(found.replace('\\"', '"'))
    for place in ("/", "/dev", "/home", "/opt", "/usr"):
        assert places[place] == ["EROFS", 0], (place, places[place])
    runtime = next(p for p in places if p.endswith("/run"))
    assert places["/dev/shm"][0] == "ENOSPC" and 14 <= places["/dev/shm"][1] <= 16, places
    assert places[runtime][0] == "ENOSPC" and places[runtime][1] <= 2, places
    assert places["/tmp"] == ["ok", 40] and places["."] == ["ok", 40], places


def test_no_secret_enters_the_sandbox(sandboxed):
    """What the kernel can see of itself, after every probe of a graded quiz: its memory,
    its files, its environment and the requests it received hold no line of a hidden test
    (the search finds its own control line in memory and in a file, so it can find)."""
    import re

    root = sandboxed["root"]
    assert len(secret_lines(root, QUIZ)) >= 12, "the hidden assertions of the questions"
    (case,) = [c for c in CASES if c.name == "search_the_sandbox_for_secrets"]
    (found,) = re.findall(r"secret scan: (\{.*?\})\\n", _outputs(root, case))
    report = json.loads(found.replace('\\"', '"'))
    assert report["requests"] >= 15 and report["scanned"] > 50 * 2**20, report
    assert report["control"].get("memory") and report["control"].get("files"), report
    assert report["secret"] == {}, report


def test_no_case_scores_above_the_blank_submission_on_what_it_attacks(sandboxed, capsys):
    """The report: each case's points on the tests it attacks, beside the blank release's."""
    grades = sandboxed["grades"]
    rows, above = [], []
    for case in CASES:
        if not case.zero:
            continue
        got = sum(grades.get((case.name, g), (0, 0))[0] or 0 for g in case.zero)
        blank = sum(grades.get((f"blank-{case.lesson}", g), (0, 0))[0] or 0 for g in case.zero)
        top = sum(grades.get((f"blank-{case.lesson}", g), (0, 0))[1] or 0 for g in case.zero)
        rows.append(f"{case.name:45} {case.lesson:15} {got:>5g} {blank:>6g} of {top:g}")
        if got > blank:
            above.append(case.name)
    with capsys.disabled():
        print("\nhostile corpus: points on the attacked tests (case, blank release, maximum)")
        print("\n".join(rows))
    assert len(rows) >= 30
    assert not above, above


# nbgrader keeps no notebook of a kernel that died or that broke its own messages
NO_NOTEBOOK = {"kill_the_kernel", "reassign_function_internals"}


def test_an_unreadable_upload_is_graded_0_without_a_kernel(sandboxed):
    """Intake grades the blank release in its place; it is not executed: each test fails
    with the reason, and no kernel ran (no budget report). A readable case has both."""
    root = sandboxed["root"]
    for case in CASES:
        folder = root / "autograded" / case.name / f"{case.lesson}_en"
        tests = [
            c
            for path in folder.glob("*.ipynb")
            for c in nbformat.read(path, 4).cells
            if c.metadata.get("nbgrader", {}).get("grade") and c.cell_type == "code"
        ]
        unrun = [
            c for c in tests if any(o.get("ename") == "NotGraded" for o in c.get("outputs", []))
        ]
        ran = any(folder.glob(".grader-budget-*"))
        if case.family == "malformed":
            assert tests and unrun == tests, case.name
            assert "no readable notebook was handed in" in _outputs(root, case)
            assert not ran, f"{case.name}: a kernel ran"
        elif case.name not in NO_NOTEBOOK:
            assert tests and not unrun, case.name
            assert ran, f"{case.name}: no kernel report"


def test_the_plain_sample_shows_every_kind_of_check_failing():
    """Every kind of outcome a plain case shows is in the sample ``make test`` grades."""
    assert {c.plain for c in PLAIN_SAMPLE} == {c.plain for c in PLAIN_ALL}
    assert len(PLAIN_SAMPLE) == len({c.plain for c in PLAIN_ALL})
    assert all(c.lesson == QUIZ for c in PLAIN_SAMPLE), "the sample needs no TensorFlow"


@pytest.mark.parametrize("case", PLAIN, ids=[c.name for c in PLAIN])
def test_plain_nbgrader_falls_for_it(plain, case):
    """Each check above can fail: without the sandbox, the attack works."""
    if case.plain == "points":
        scores = [plain["grades"][(case.name, g)] for g in case.zero]
        assert any(score == top and top for score, top in scores), (case.name, scores)
    elif case.plain == "leak":
        assert "BEGIN HIDDEN TESTS" in _outputs(plain["root"], case)
    elif case.plain == "secret":
        assert SECRET in _outputs(plain["root"], case)
    elif case.plain == "canary":
        assert not plain["canaries"][case.name].exists()
    elif case.plain == "network":
        assert plain["connections"] > 0
    elif case.plain == "gradebook":
        assert _pwned(plain["root"])
    elif case.plain == "flood":
        assert len(_outputs(plain["root"], case)) > 4 * 2**20
    else:
        pytest.fail(f"unknown plain outcome {case.plain!r}")


def test_the_executor_reads_the_instructors_notebook_not_the_submission(tmp_path):
    """The tests graded, and the names they probe, come from ``source/``, not the submission."""
    from grader.preprocessors.execute import SandboxedExecute

    source = tmp_path / "course" / "source" / "01_overfitting_en" / "01_overfitting.ipynb"
    source.parent.mkdir(parents=True)
    shutil.copy(Lesson("01_overfitting").notebook("en"), source)
    graded = tmp_path / "course" / "autograded" / "ada" / "01_overfitting_en"
    graded.mkdir(parents=True)
    resources = {"metadata": {"path": str(graded)}, "unique_key": "01_overfitting"}
    found = SandboxedExecute._instructor_notebook(resources)
    assert found is not None and found.cells[0].source == nbformat.read(source, 4).cells[0].source
    outside = {"metadata": {"path": str(tmp_path / "elsewhere")}, "unique_key": "01_overfitting"}
    assert SandboxedExecute._instructor_notebook(outside) is None
