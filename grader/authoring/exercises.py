"""Check every exercise both ways: the solution passes its tests, the release fails them.

A test cell that also passes on the released stub proves nothing, and a
solution that fails its own tests would cost every student points; both are
course bugs, and this module finds them.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from grader.authoring.build import generate
from grader.authoring.release import student_version
from grader.kernel_env import KERNEL_ENV
from grader.lessons import Lesson
from grader.preprocessors.typography import french_text

MARKERS = ("BEGIN SOLUTION", "END SOLUTION", "BEGIN HIDDEN TESTS", "END HIDDEN TESTS")


def grade_cells(nb: nbformat.NotebookNode) -> list[nbformat.NotebookNode]:
    """Autograder test cells: graded, not answers."""
    return [
        c
        for c in nb.cells
        if c.metadata.get("nbgrader", {}).get("grade")
        and not c.metadata["nbgrader"].get("solution")
    ]


def errors(cell: nbformat.NotebookNode) -> list[str]:
    return [f"{o.ename}: {o.evalue}" for o in cell.get("outputs", []) if o.output_type == "error"]


@dataclass
class Report:
    lesson: str
    lang: str
    problems: list[str] = field(default_factory=list)
    released_failures: dict[str, str] = field(default_factory=dict)


def check_solution(lesson: Lesson, lang: str) -> list[str]:
    """Problems in the stored, executed instructor notebook (solutions included)."""
    nb = nbformat.read(lesson.notebook(lang), as_version=4)
    problems = []
    for cell in nb.cells:
        if cell.cell_type == "code" and errors(cell):
            problems.append(f"{cell.id}: solution raises {errors(cell)[0]}")
        for out in cell.get("outputs", []):
            if out.output_type == "stream" and out.name == "stderr":
                problems.append(
                    f"{cell.id}: writes to stderr (nbgrader scores it 0): {out.text[:80]!r}"
                )
    if not grade_cells(nb):
        problems.append("no autograded test cell")
    return problems


@contextmanager
def kernel(nb: nbformat.NotebookNode, lesson: Lesson, lang: str, timeout: int = 120) -> Iterator:
    """A fresh kernel in a scratch copy of the assignment folder, cells run on demand."""
    with tempfile.TemporaryDirectory() as tmp:
        for helper in lesson.course_notebook(lang).parent.glob("*.py"):
            shutil.copy(helper, Path(tmp) / helper.name)
        client = NotebookClient(
            nb,
            timeout=timeout,
            kernel_name="python3",
            allow_errors=True,
            shutdown_kernel="immediate",  # nothing left to save; a graceful stop waits ~1.3 s
        )
        with client.setup_kernel(env={**os.environ, **KERNEL_ENV}, cwd=tmp):
            yield client


def trusted(kc, lesson: Lesson, lang: str) -> Callable[[str], list[str]]:
    """Run a test cell's source as grading does: on this side, with probes into a kernel.

    ``kc`` is a blocking client of that kernel (:func:`grader.probes.client.connect`).

    The kernel is an ordinary one (no sandbox), so the answering module comes from the
    installed package; everything else is :func:`grader.probes.remote.run_test`, as in
    :class:`grader.preprocessors.SandboxedExecute`.
    """
    from grader.preprocessors.execute import import_bindings
    from grader.probes import client as probe_client
    from grader.probes import remote

    instructor = generate(lesson, lang)
    bindings = import_bindings(instructor)
    names = remote.student_names(instructor)
    helpers = lesson.course_notebook(lang).parent / "coursetools.py"

    def send(request: str) -> str:
        return probe_client.probe(kc, request, 120, probe_client.INSTALLED)

    def run_tests(source: str) -> list[str]:
        verdict = remote.run_test(source, bindings, names, remote.Session(send), helpers, lang)
        return [] if verdict.passed else [f"{verdict.ename}: {verdict.evalue}"]

    return run_tests


def run(client: NotebookClient, source: str) -> list[str]:
    """Execute ``source`` as one more cell of the client's notebook; return its errors."""
    cell = nbformat.v4.new_code_cell(source)
    client.nb.cells.append(cell)
    client.execute_cell(cell, len(client.nb.cells) - 1)
    return errors(cell)


def run_release(lesson: Lesson, lang: str) -> nbformat.NotebookNode:
    """Execute the released notebook (stubs in place) and return it with its outputs."""
    nb = student_version(generate(lesson, lang), lang)
    with kernel(nb, lesson, lang) as client:
        for index, cell in enumerate(nb.cells):
            client.execute_cell(cell, index)
    return nb


class StaleMistake(ValueError):
    """A catalogued mistake whose edit no longer matches its solution."""


_MARKER_LINE = re.compile(r"^[ \t]*### (BEGIN|END) SOLUTION[ \t]*\n?", re.MULTILINE)


def mistakes_path(lesson: Lesson) -> Path:
    """The catalogue sits beside the lesson's source: it is course content."""
    return lesson.source.parent / "mistakes" / f"{lesson.stem}.py"


def solution_sources(lesson: Lesson) -> dict[str, str]:
    """Each answer cell's source as written in the lesson source (both languages in it)."""
    import jupytext

    return {
        cell.metadata["grade_id"]: cell.source
        for cell in jupytext.read(lesson.source).cells
        if cell.metadata.get("nbgrader") == "solution" and "grade_id" in cell.metadata
    }


def apply_edits(solution: str, edits: list[tuple[str, str]], where: str) -> str:
    """The solution with each ``(old, new)`` replaced; ``old`` must occur exactly once.

    That requirement is what keeps a catalogue honest: when the solution changes
    under a mistake, the mistake stops applying and the check says so, instead of
    testing a wrong answer to a question nobody asks any more.
    """
    for old, new in edits:
        count = solution.count(old) if old else 0
        if count != 1:
            raise StaleMistake(
                f"{where}: {'no longer applies' if count == 0 else 'is ambiguous'}: "
                f"{old!r} occurs {count} times in the solution"
            )
        solution = solution.replace(old, new)
    return solution


def load_mistakes(lesson: Lesson, lang: str = "en") -> dict[str, dict]:
    """The catalogue of typical wrong answers of ``lesson``, as code in ``lang``.

    An entry of ``notebooks/src/mistakes/<lesson>.py`` is an ``edit`` of the reference
    solution (a list of ``(old, new)`` replacements), or, where a mistake is not an
    edit, the full wrong ``code``; with ``says`` ({lang: fragment}) when the visible
    tests recognize it: each language's failure message must then contain its
    fragment, so the student learns what went wrong. Returned entries are
    ``{"code": ..., "says": ...}`` with the code as the student would write it
    (solution markers removed, comments and strings in ``lang``).
    """
    from grader.preprocessors.bilingual import localize_code, localize_comments

    path = mistakes_path(lesson)
    if not path.exists():
        return {}
    spec = importlib.util.spec_from_file_location(f"mistakes_{lesson.stem}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    solutions = solution_sources(lesson)
    catalogue: dict[str, dict] = {}
    for grade_id, entries in module.MISTAKES.items():
        catalogue[grade_id] = {}
        for name, entry in entries.items():
            entry = {"code": entry} if isinstance(entry, str) else dict(entry)
            if "edit" in entry:
                where = f"{lesson.stem}: {grade_id}/{name}"
                if grade_id not in solutions:
                    raise StaleMistake(f"{where}: no answer cell {grade_id!r} in the lesson")
                entry["code"] = apply_edits(solutions[grade_id], entry.pop("edit"), where)
            code = _MARKER_LINE.sub("", entry["code"])
            code = localize_code(code, lang, f"{lesson.stem}: {grade_id}/{name}")
            entry["code"] = localize_comments(code, lang)[0]
            catalogue[grade_id][name] = entry
    return catalogue


@dataclass
class MistakeResult:
    grade_id: str
    mistake: str
    failed: bool  # the full tests (hidden included) reject it: it loses the points
    visible_message: str  # what the student sees from the visible tests ("" if they pass)


def check_mistakes(lesson: Lesson, lang: str) -> tuple[list[MistakeResult], list[str]]:
    """Run the instructor notebook in a fresh kernel, then :func:`run_mistakes` in it."""
    nb = generate(lesson, lang)
    problems = []
    with kernel(nb, lesson, lang) as client:
        for index, cell in enumerate(list(nb.cells)):
            client.execute_cell(cell, index)
            if errors(cell):
                problems.append(f"{cell.id}: instructor notebook fails: {errors(cell)[0]}")
        from grader.probes import client as probe_client

        kc = probe_client.connect(client.km)
        try:
            results, more = run_mistakes(
                lesson, lang, lambda source: run(client, source), trusted(kc, lesson, lang)
            )
        finally:
            probe_client.close(kc)
    return results, problems + more


def bound_names(source: str) -> list[str]:
    """Names a cell binds at top level: what a student's blank cell would leave undefined."""
    import ast

    found: list[str] = []
    for node in ast.parse(source).body:
        targets: list[ast.AST] = []
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            found.append(node.name)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            found += [(a.asname or a.name).split(".")[0] for a in node.names]
        elif isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, (ast.AnnAssign, ast.AugAssign)):
            targets = [node.target]
        for target in targets:
            found += [n.id for n in ast.walk(target) if isinstance(n, ast.Name)]
    return sorted(set(found))


def _stub_fails(cell: nbformat.NotebookNode, tests: str, lang: str, execute) -> bool:
    """Do the tests fail once the answer is the released stub (its names unbound)?

    Unbinding first matters: in a kernel that ran the solution, the stub's
    ``raise NotImplementedError()`` would otherwise leave the solution's names in
    place, and a test that cannot fail would look as if it did.
    """
    stub = student_version(nbformat.v4.new_notebook(cells=[cell]), lang).cells[0].source
    names = bound_names(cell.source)
    execute(f"for _name in {names!r}:\n    globals().pop(_name, None)\ndel _name")
    execute(stub)
    return bool(execute(tests))


def visible_tests(tests: str, metadata: dict, lang: str) -> str:
    """What the student sees of a test cell: nbgrader's own ``ClearHiddenTests``."""
    cell = nbformat.v4.new_code_cell(tests, metadata=metadata)
    return student_version(nbformat.v4.new_notebook(cells=[cell]), lang).cells[0].source


def run_mistakes(
    lesson: Lesson,
    lang: str,
    execute: Callable[[str], list[str]],
    grade: Callable[[str], list[str]] | None = None,
) -> tuple[list[MistakeResult], list[str]]:
    """Each catalogued wrong answer against its tests, in a kernel that ran the notebook.

    ``execute`` runs source in that kernel and returns its errors (nbval's kernel
    in ``make test``, so the notebook is not run once more for this). Every
    exercise's tests must first fail on its released stub (what a student who
    answered nothing hands in), catalogued or not. Then each wrong answer
    redefines the student's function and the tests run again; it must fail. The
    visible tests run first: when they fail, so does the complete cell (hidden
    tests included), because the visible tests are its beginning (checked here),
    and the complete cell need not run; when they pass, the complete cell decides.
    Last, the solution is restored and must pass its complete tests again, which
    proves the wrong answers, not leftover state, made the difference.

    ``grade`` runs a test cell as grading does (:func:`trusted`): then the stub,
    every wrong answer and the solution are also graded that way, and where the
    visible tests name a mistake, grading must fail with the same message.
    """
    nb = generate(lesson, lang)
    cells = {c.metadata.get("nbgrader", {}).get("grade_id"): c for c in nb.cells}
    results, problems = [], []
    catalogue = load_mistakes(lesson, lang)
    for grade_id in catalogue:
        if grade_id not in cells or f"{grade_id}_tests" not in cells:
            problems.append(f"mistakes for unknown exercise {grade_id!r}")
    exercises = [
        grade_id
        for grade_id, cell in cells.items()
        if grade_id
        and cell.cell_type == "code"
        and cell.metadata["nbgrader"].get("solution")
        and f"{grade_id}_tests" in cells
    ]
    for grade_id in exercises:
        test_cell = cells[f"{grade_id}_tests"]
        tests = test_cell.source
        if not _stub_fails(cells[grade_id], tests, lang, execute):
            problems.append(f"{grade_id}: its tests pass on the released stub")
        if grade is not None and not grade(tests):
            problems.append(f"{grade_id}: grading passes the released stub")
        restored = execute(cells[grade_id].source)
        if restored:
            problems.append(f"{grade_id}: solution fails after the released stub: {restored[0]}")
            continue
        visible = visible_tests(tests, test_cell.metadata, lang)
        if not tests.startswith(visible.rstrip()):
            problems.append(f"{grade_id}: the hidden tests must come after the visible ones")
            continue
        for name, entry in catalogue.get(grade_id, {}).items():
            code, says = entry["code"], (entry if "says" in entry else None)
            broken = execute(code)
            if broken:
                problems.append(f"{grade_id}/{name}: the wrong answer itself fails: {broken[0]}")
                continue
            shown = execute(visible)
            failed = bool(shown) or bool(execute(tests))
            message = shown[0] if shown else ""
            if grade is not None:
                graded = grade(tests)
                if not graded:
                    problems.append(f"{grade_id}/{name}: grading gives it the points")
                elif shown and graded[0] != message:
                    problems.append(
                        f"{grade_id}/{name}: grading says {graded[0]!r}, "
                        f"the student's own run {message!r}"
                    )
            results.append(MistakeResult(grade_id, name, failed, message))
            expected = says["says"][lang] if says else ""
            if lang == "fr":  # the build set French spacing in the message: same in the fragment
                expected = french_text(expected)
            if says and expected not in message:
                problems.append(
                    f"{grade_id}/{name}: the visible tests should say "
                    f"{expected!r}, they say {message!r}"
                )
        restored = execute(cells[grade_id].source) or execute(tests)
        if not restored and grade is not None:
            restored = grade(tests)
        if restored:
            problems.append(
                f"{grade_id}: solution fails after the stub and the wrong answers: {restored[0]}"
            )
    return results, problems


def check_release(lesson: Lesson, lang: str) -> Report:
    report = Report(lesson.stem, lang)
    instructor = generate(lesson, lang)
    nb = run_release(lesson, lang)
    text = "\n".join(c.source for c in nb.cells)
    for marker in MARKERS:
        if marker in text:
            report.problems.append(f"release still contains {marker!r}")
    answers = {
        c.id: c.source
        for c in instructor.cells
        if c.metadata.get("nbgrader", {}).get("solution") and c.cell_type == "markdown"
    }
    for cell in nb.cells:
        if cell.id in answers and cell.source == answers[cell.id]:
            report.problems.append(f"{cell.id}: model answer left in the release")
    for cell in grade_cells(nb):
        errs = errors(cell)
        if not errs:
            report.problems.append(f"{cell.id}: tests pass on the released stub")
        else:
            report.released_failures[cell.id] = errs[0]
    return report
