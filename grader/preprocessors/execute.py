"""nbgrader's ``Execute``, with the kernel sandboxed and test verdicts taken from the guard.

Plugged into nbgrader's ``Autograde`` converter in place of ``Execute`` (see
:func:`grader.course.config`), so sanitizing, grading, late penalties and the
gradebook stay nbgrader's own. What changes:

- the kernel runs in bubblewrap under :mod:`grader_guard`
  (:class:`grader.kernel.SandboxedKernelManager`);
- an autograder test cell is not run by IPython: the kernel is asked to have the
  guard run its source, and the cell's verdict is the guard's signed record for
  that request only (HMAC, nonce, hash of the test's source). A missing, forged
  or mismatching record, or a state changed during the test, fails the cell with
  a message in the student's language, and the submission is reported;
- output is capped per notebook, and a notebook has a wall-clock limit.

What the guard had to undo before a test (a patched builtin, say) is reported
too; the test itself then ran in the restored state.
"""

from __future__ import annotations

import ast
import hashlib
import hmac
import json
import os
import secrets
import signal
import threading
import time
from pathlib import Path

import zmq
from nbclient.exceptions import DeadKernelError
from nbclient.util import run_sync
from nbformat import NotebookNode
from nbgrader.preprocessors import Execute
from traitlets import Integer, List, default

from ..kernel import SandboxedKernelManager
from ..sandbox import budgets

INTEGRITY_PREFIX = ".grader-integrity-"
BUDGET_PREFIX = ".grader-budget-"
MAX_MESSAGE_BYTES = 64 * 2**20  # one kernel message; a larger one ends the kernel
NO_SPACE = "[Errno 28]"  # ENOSPC, as Python prints it: a full tmpfs, in bytes or in files

MESSAGES = {
    "no_verdict": {
        "en": "the grader could not obtain a trustworthy result for this test "
        "(the kernel's state was tampered with, or the kernel stopped): no points",
        "fr": "le correcteur n'a pas pu obtenir un résultat fiable pour ce test "
        "(l'état du noyau a été modifié, ou le noyau s'est arrêté) : aucun point",
    },
    "changed": {
        "en": "your code changed the Python environment the tests rely on while this test "
        "ran ({what}): this result cannot be trusted, no points",
        "fr": "votre code a modifié l'environnement Python dont dépendent les tests pendant "
        "ce test ({what}) : ce résultat n'est pas fiable, aucun point",
    },
    "no_kernel": {
        "en": "not run: the kernel had been stopped by the grader (see above)",
        "fr": "non exécutée : le noyau avait été arrêté par le correcteur (voir plus haut)",
    },
    "placeholder": {
        "en": "not run: no readable notebook was handed in (the grading notes say why), "
        "so the blank release was graded in its place: no points",
        "fr": "non exécutée : aucun notebook lisible n'a été rendu (les notes de correction "
        "disent pourquoi), la version distribuée vierge a été corrigée à sa place : aucun point",
    },
    "truncated": {
        "en": "[output truncated: this notebook printed more than {limit} bytes]",
        "fr": "[sortie tronquée : ce notebook a affiché plus de {limit} octets]",
    },
}


def is_test_cell(cell: NotebookNode) -> bool:
    meta = cell.metadata.get("nbgrader", {})
    return cell.cell_type == "code" and bool(meta.get("grade")) and not meta.get("solution")


def import_bindings(nb: NotebookNode) -> dict[str, tuple[str, str | None]]:
    """Names the instructor's cells bind by import: ``np`` -> (``numpy``, None)."""
    bindings: dict[str, tuple[str, str | None]] = {}
    for cell in nb.cells:
        if cell.cell_type != "code" or is_solution(cell):
            continue
        try:
            tree = ast.parse(cell.source)
        except SyntaxError:
            continue
        for node in tree.body:
            if isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.asname:
                        bindings[alias.asname] = (alias.name, None)
                    else:
                        top = alias.name.split(".")[0]
                        bindings[top] = (top, None)
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                for alias in node.names:
                    if alias.name != "*":
                        bindings[alias.asname or alias.name] = (node.module, alias.name)
    return bindings


# Imported together: keras brings TensorFlow, and coursetools loads the bundled data
# sets lazily, so a lesson that uses one gets the whole stack into the guard's snapshot.
FRAMEWORK = ("tensorflow", "keras", "sklearn.datasets")


def preimports(bindings: dict[str, tuple[str, str | None]]) -> list[str]:
    """What the guard must import before its snapshot for this assignment's tests.

    Why not always everything: importing TensorFlow costs seconds in every kernel,
    and a notebook without Keras (the quiz) need not pay it. The list comes from
    the instructor's notebook, never from the submission.
    """
    modules = {module for module, _ in bindings.values()}
    if any(m.split(".")[0] in {"tensorflow", "keras", "sklearn"} for m in modules):
        modules.update(FRAMEWORK)
    return sorted(modules)


def used_names(source: str) -> set[str]:
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return set()
    return {node.id for node in ast.walk(tree) if isinstance(node, ast.Name)}


def is_solution(cell: NotebookNode) -> bool:
    return bool(cell.metadata.get("nbgrader", {}).get("solution"))


def _size(content: dict) -> int:
    """About how many bytes an output message carries (cheap: no serialization)."""
    size = len(content.get("text", "") or "")
    for value in (content.get("data") or {}).values():
        size += len(value) if isinstance(value, str) else len(json.dumps(value, default=str))
    return size + len(str(content.get("traceback", "")))


def verify(line: str, key: bytes) -> dict | None:
    """The record carried by one guard line, if its HMAC is right."""
    mac, _, text = line.partition(" ")
    expected = hmac.new(key, text.encode(), hashlib.sha256).hexdigest()
    if not hmac.compare_digest(mac, expected):
        return None
    try:
        record = json.loads(text)
    except ValueError:
        return None
    return record if isinstance(record, dict) else None


def _graded_in_course(resources) -> tuple[Path, str, str, str] | None:
    """(course root, student, assignment, notebook) of a notebook graded in
    ``autograded/<student>/<assignment>``; None when graded outside a course root."""
    path = (resources or {}).get("metadata", {}).get("path")
    name = (resources or {}).get("unique_key")
    if not path or not name:
        return None
    folder = Path(path).resolve()
    if len(folder.parents) < 3 or folder.parents[1].name != "autograded":
        return None
    return folder.parents[2], folder.parent.name, folder.name, name


class SandboxedExecute(Execute):
    """Execute in the sandbox; grade test cells from the guard's signed verdicts."""

    max_output_bytes = Integer(
        2_000_000, help="Output kept per notebook; the rest is dropped and reported"
    ).tag(config=True)
    notebook_timeout = Integer(
        1800, help="Wall-clock limit for one notebook, in seconds (cells have `timeout`)"
    ).tag(config=True)
    verdict_wait = Integer(
        10, help="Seconds to wait at most for the guard's record while its channel is busy"
    ).tag(config=True)
    # a flood of output keeps arriving after the reply; nbclient's 4 s would fail the cell
    iopub_timeout = Integer(30, help="Seconds to wait for output after a reply").tag(config=True)
    integrity = List(help="What the guard reported for the last notebook")

    @default("kernel_manager_class")
    def _default_km(self):
        return SandboxedKernelManager

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("kernel_manager_class", SandboxedKernelManager)
        super().__init__(*args, **kwargs)

    # -- notebook ---------------------------------------------------------------------

    def preprocess(self, nb, resources=None, km=None):
        self.integrity = []
        self._lang = nb.metadata.get("course", {}).get("lang", "en")
        self._output_bytes = 0
        self._truncated = False
        self._seen_lines = 0
        instructor = self._instructor_notebook(resources)
        self._bindings = import_bindings(instructor or nb)
        # Without the trusted source (a notebook graded outside a course root), the
        # submission cannot be trusted to say what to import: import the whole stack.
        self._preimport = preimports(self._bindings) if instructor else list(FRAMEWORK)
        self._stopped = False
        self._sandbox_km = None
        if self._placeholder(resources):
            self._fail_without_kernel(nb)
        else:
            watchdog = threading.Timer(self.notebook_timeout, self._kill_kernel)
            watchdog.daemon = True
            watchdog.start()
            try:
                nb, resources = super().preprocess(nb, resources, km)
            finally:
                watchdog.cancel()
        self._report_storage(nb)
        resources.setdefault("grader", {})["integrity"] = list(self.integrity)
        self._write_report(resources)
        return nb, resources

    @staticmethod
    def _placeholder(resources) -> bool:
        """Whether intake put the blank release in place of an unreadable or missing upload."""
        from ..intake import placeholder_marker

        found = _graded_in_course(resources)
        if found is None:
            return False
        root, student, aid, name = found
        return placeholder_marker(root / "submitted" / student / aid, name).exists()

    def _fail_without_kernel(self, nb: NotebookNode) -> None:
        """Every test fails, with the reason in the student's language; nothing is run.

        The blank release scores 0 anyway (every test fails on its stubs, which the
        catalogued-mistakes check verifies for every exercise): running it would only
        cost a kernel and the lesson's trainings.
        """
        for cell in nb.cells:
            if cell.cell_type == "code":
                cell.outputs = []
                if is_test_cell(cell):
                    self._fail(cell, "NotGraded", self._msg("placeholder"))

    def _write_report(self, resources) -> None:
        """Beside the autograded notebook, for ``grader autograde`` to put in the log."""
        path = (resources or {}).get("metadata", {}).get("path")
        name = (resources or {}).get("unique_key", "notebook")
        if path:
            report = Path(path) / f"{INTEGRITY_PREFIX}{name}.json"
            report.write_text(json.dumps(self.integrity, ensure_ascii=False), encoding="utf-8")
            used = self._sandbox_km.final_report if self._sandbox_km is not None else {}
            if used:  # what the kernel used of its budgets (peaks), for the instructor
                budget = Path(path) / f"{BUDGET_PREFIX}{name}.json"
                budget.write_text(json.dumps(used, indent=1), encoding="utf-8")

    @staticmethod
    def _instructor_notebook(resources) -> NotebookNode | None:
        """The source notebook (trusted): ``autograded/<student>/<aid>`` -> ``source/<aid>``."""
        import nbformat

        found = _graded_in_course(resources)
        if found is None:
            return None
        root, _, aid, name = found
        source = root / "source" / aid / f"{name}.ipynb"
        return nbformat.read(source, as_version=4) if source.exists() else None

    def _kill_kernel(self) -> None:
        self.integrity.append(f"notebook stopped after the {self.notebook_timeout} s limit")
        process = getattr(getattr(self.km, "provisioner", None), "process", None)
        if process is not None:
            try:
                os.kill(process.pid, signal.SIGKILL)
            except OSError:
                pass

    def _report_storage(self, nb: NotebookNode) -> None:
        """A full ``/tmp`` or working folder, seen by the launcher: noted, and told."""
        km = self._sandbox_km
        report = km.final_report if km is not None else {}
        for area, kind, limit in budgets.storage_hits(report):
            self.integrity.append(budgets.log_message(kind, limit, area))
            text = budgets.student_message(kind, self._lang, limit, area)
            code = [c for c in nb.cells if c.cell_type == "code" and c.get("outputs")]
            failed = [c for c in code if any(NO_SPACE in str(o) for o in c.outputs)]
            cell = (failed or code or [None])[0 if failed else -1]
            if cell is not None:
                cell.outputs.append(
                    NotebookNode(output_type="stream", name="stdout", text=f"[{text}]\n")
                )

    async def async_start_new_kernel(self, **kwargs):
        if isinstance(self.km, SandboxedKernelManager):
            self._sandbox_km = self.km
            self.km.preimport = list(self._preimport)
        await super().async_start_new_kernel(**kwargs)
        # A hostile kernel must not make the grader hold giant messages in memory.
        self.km.context.setsockopt(zmq.MAXMSGSIZE, MAX_MESSAGE_BYTES)

    # nbconvert calls the synchronous name, which nbclient bound to its own coroutine
    start_new_kernel = run_sync(async_start_new_kernel)

    # -- cells --------------------------------------------------------------------------

    def _msg(self, key: str, **values) -> str:
        table = MESSAGES[key]
        return table.get(self._lang, table["en"]).format(**values)

    async def async_execute_cell(self, cell, cell_index, execution_count=None, store_history=True):
        if self._stopped:  # the memory budget ended the kernel: the rest is not run
            if is_test_cell(cell):
                self._fail(cell, "BudgetExceeded", self._msg("no_kernel"))
            return cell
        try:
            return await self._execute_cell(cell, cell_index, execution_count, store_history)
        except DeadKernelError:
            km = self._sandbox_km
            if km is None or not km.memory_budget_hit():
                raise  # any other death: nbgrader's own failure (graded 0, reason logged)
            self._stopped = True
            limit = km.memory_budget
            self.integrity.append(budgets.log_message("memory", limit))
            text = budgets.student_message("memory", self._lang, limit)
            self._fail(cell, "BudgetExceeded", text)
            return cell

    async def _execute_cell(self, cell, cell_index, execution_count=None, store_history=True):
        if not is_test_cell(cell) or not cell.source.strip():
            cell = await super().async_execute_cell(
                cell, cell_index, execution_count, store_history
            )
            self._note_refusals(cell, cell_index)
            return cell
        original = cell.source
        nonce = secrets.token_hex(16)
        names = used_names(original)
        modules = {k: v for k, v in self._bindings.items() if k in names}
        bindings = json.dumps(
            {"modules": modules, "builtins": sorted(names - set(modules))}, sort_keys=True
        )
        cell.source = (
            f"__import__('sys').audit('grader.guard', 'run', {nonce!r}, {original!r}, {bindings!r})"
        )
        try:
            cell = await super().async_execute_cell(
                cell, cell_index, execution_count, store_history
            )
        finally:
            cell.source = original
        self._apply_verdict(cell, self._record(nonce), original, bindings)
        return cell

    def _note_refusals(self, cell: NotebookNode, cell_index: int) -> None:
        """What the guard refused to do for the student's code (reported, not graded)."""
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error" and output.get("ename") == "TamperingBlocked":
                self.integrity.append(f"cell {cell_index + 1}: refused: {output.get('evalue')}")

    # nbclient binds the synchronous entry point to its own coroutine: rebind it here.
    execute_cell = run_sync(async_execute_cell)

    def _record(self, nonce: str) -> dict | None:
        """The one valid record for ``nonce``; every other new line is reported."""
        channel = getattr(self.km, "channel", None)
        if channel is None:
            return None
        deadline = time.monotonic() + self.verdict_wait
        found = None
        while found is None and time.monotonic() < deadline:
            # the guard wrote before the kernel replied: once drained, nothing more comes
            settled = channel.drained()
            lines = channel.lines[self._seen_lines :]
            for line in lines:
                record = verify(line, channel.key)
                if record is None:
                    self.integrity.append("a message on the guard's channel was forged")
                elif record.get("nonce") == nonce and found is None:
                    found = record
                else:
                    self.integrity.append("an unexpected verdict arrived on the guard's channel")
            self._seen_lines += len(lines)
            if found is None:
                if settled or not self.km.has_kernel:
                    break
                time.sleep(0.01)
        if channel.overflow:
            self.integrity.append("the guard's channel was flooded")
            return None
        return found

    def _apply_verdict(
        self, cell: NotebookNode, record: dict | None, source: str, bindings: str
    ) -> None:
        if os.environ.get("GRADER_DEBUG_GUARD"):
            print("guard record:", record)
        grade_id = cell.metadata["nbgrader"].get("grade_id", "?")
        # The verdict is the guard's alone: whatever the kernel said about errors or
        # partial credit for this cell is dropped.
        cell.outputs = [o for o in cell.outputs if o.output_type not in ("error", "execute_result")]
        expected = (
            hashlib.sha256(source.encode()).hexdigest(),
            hashlib.sha256(bindings.encode()).hexdigest(),
        )
        if (
            record is None
            or (record.get("source_sha256"), record.get("bindings_sha256")) != expected
        ):
            self.integrity.append(f"{grade_id}: no valid verdict from the guard")
            self._fail(cell, "GradingIntegrityError", self._msg("no_verdict"))
            return
        if record.get("restored"):
            what = ", ".join(record["restored"][:5])
            self.integrity.append(f"{grade_id}: undone before the test: {what}")
        if record.get("changed"):
            what = ", ".join(record["changed"][:5])
            self.integrity.append(f"{grade_id}: changed during the test: {what}")
            self._fail(cell, "GradingIntegrityError", self._msg("changed", what=what))
        elif not record.get("passed"):
            self._fail(
                cell,
                str(record.get("ename", "Error")),
                str(record.get("evalue", "")),
                int(record.get("line") or 0),
            )

    @staticmethod
    def _fail(cell: NotebookNode, ename: str, evalue: str, line: int = 0) -> None:
        """An error output as IPython would show it (the report reads its line number)."""
        traceback = [f"\x1b[0;31m{ename}\x1b[0m: {evalue}"]
        if line:
            traceback.insert(0, f"Test cell, line {line}")
        cell.outputs.append(
            NotebookNode(output_type="error", ename=ename, evalue=evalue, traceback=traceback)
        )

    def output(self, outs, msg, display_id, cell_index):
        size = _size(msg.get("content", {}))
        self._output_bytes += size
        if self._output_bytes > self.max_output_bytes:
            if not self._truncated:
                self._truncated = True
                self.integrity.append(f"output beyond {self.max_output_bytes} bytes dropped")
                outs.append(
                    NotebookNode(
                        output_type="stream",
                        name="stdout",
                        text=self._msg("truncated", limit=self.max_output_bytes) + "\n",
                    )
                )
            return None
        return super().output(outs, msg, display_id, cell_index)
