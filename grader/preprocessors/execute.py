"""nbgrader's ``Execute``, with the kernel sandboxed and test verdicts computed outside it.

Plugged into nbgrader's ``Autograde`` converter in place of ``Execute`` (see
:func:`grader.course.config`), so sanitizing, grading, late penalties and the
gradebook stay nbgrader's own. What changes:

- the kernel runs in bubblewrap (:class:`grader.sandbox.kernel.SandboxedKernelManager`);
- an autograder test cell is never run in the student's kernel. Its full source,
  hidden tests included, is taken from the instructor's notebook and run here, in
  the grading worker, by :func:`grader.probes.remote.run_test`: the student's names
  are reached by probes (plain data in, plain data out, :mod:`grader.probes`), and
  the cell's verdict is whatever that trusted run raised or not. No test source,
  expected value or verdict enters the sandbox, so nothing a submission does there
  can forge one;
- output is capped per notebook, and a notebook has a wall-clock limit.
"""

from __future__ import annotations

import ast
import json
import os
import signal
import threading
from pathlib import Path

import zmq
from nbclient.exceptions import DeadKernelError
from nbclient.util import run_sync
from nbformat import NotebookNode
from nbgrader.preprocessors import Execute
from traitlets import Integer, List, default

from grader.i18n import N_, translator
from grader.probes import client, remote
from grader.sandbox import budgets
from grader.sandbox.kernel import SandboxedKernelManager

INTEGRITY_PREFIX = ".grader-integrity-"
BUDGET_PREFIX = ".grader-budget-"
MAX_MESSAGE_BYTES = 64 * 2**20  # one kernel message; a larger one ends the kernel
NO_SPACE = "[Errno 28]"  # ENOSPC, as Python prints it: a full tmpfs, in bytes or in files

MESSAGES = {  # the truncated output's note is a plural: _truncation_note
    "no_reply": N_(
        "your kernel gave no usable answer when the grader called your code ({why}): no points"
    ),
    "no_source": N_("not graded: the instructor's version of this notebook was not found"),
    "no_kernel": N_("not run: the kernel had been stopped by the grader (see above)"),
    "placeholder": N_(
        "not run: no readable notebook was handed in (the grading notes say why), "
        "so the blank release was graded in its place: no points"
    ),
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


def is_solution(cell: NotebookNode) -> bool:
    return bool(cell.metadata.get("nbgrader", {}).get("solution"))


def _size(content: dict) -> int:
    """About how many bytes an output message carries (cheap: no serialization)."""
    size = len(content.get("text", "") or "")
    for value in (content.get("data") or {}).values():
        size += len(value) if isinstance(value, str) else len(json.dumps(value, default=str))
    return size + len(str(content.get("traceback", "")))


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


REASONS = {  # why a probe got no usable reply, for the student (the log keeps the key)
    "timeout": N_("it did not answer in time"),
    "stopped": N_("the kernel had stopped"),
    "malformed": N_("the answer was malformed"),
    "too large": N_("the answer was too large"),
    "refused": N_("the kernel could not run the grader's call"),
}


class SandboxedExecute(Execute):
    """Execute in the sandbox; grade test cells on the trusted side, with probes."""

    max_output_bytes = Integer(
        2_000_000, help="Output kept per notebook; the rest is dropped and reported"
    ).tag(config=True)
    notebook_timeout = Integer(
        1800, help="Wall-clock limit for one notebook, in seconds (cells have `timeout`)"
    ).tag(config=True)
    # a flood of output keeps arriving after the reply; nbclient's 4 s would fail the cell
    iopub_timeout = Integer(30, help="Seconds to wait for output after a reply").tag(config=True)
    integrity = List(help="What the grader noticed in the last notebook, for the log")

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
        self._trusted = self._trusted_tests(self._instructor_notebook(resources), resources)
        self._stopped = False
        self._sandbox_km = None
        self._probe_kc = None
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
                if self._probe_kc is not None:
                    client.close(self._probe_kc)
                    self._probe_kc = None
        self._report_storage(nb)
        resources.setdefault("grader", {})["integrity"] = list(self.integrity)
        self._write_report(resources)
        return nb, resources

    @staticmethod
    def _placeholder(resources) -> bool:
        """Whether intake put the blank release in place of an unreadable or missing upload."""
        from grader.preprocessors.placeholders import placeholder_marker

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
    def _trusted_tests(instructor: NotebookNode | None, resources) -> dict | None:
        """What the trusted side needs, all of it from the instructor's files."""
        if instructor is None:
            return None
        root, _, aid, _ = _graded_in_course(resources)
        tests = {
            cell.metadata["nbgrader"]["grade_id"]: cell.source
            for cell in instructor.cells
            if is_test_cell(cell) and cell.metadata["nbgrader"].get("grade_id")
        }
        return {
            "tests": tests,
            "bindings": import_bindings(instructor),
            "names": remote.student_names(instructor),
            "helpers": root / "source" / aid / "coursetools.py",
        }

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

    def _kernel_process(self):
        return getattr(getattr(self.km, "provisioner", None), "process", None)

    def _kill_kernel(self, why: str = "") -> None:
        self.integrity.append(why or f"notebook stopped after the {self.notebook_timeout} s limit")
        process = self._kernel_process()
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
        await super().async_start_new_kernel(**kwargs)
        # A hostile kernel must not make the grader hold giant messages in memory.
        self.km.context.setsockopt(zmq.MAXMSGSIZE, MAX_MESSAGE_BYTES)

    # nbconvert calls the synchronous name, which nbclient bound to its own coroutine
    start_new_kernel = run_sync(async_start_new_kernel)

    # -- cells --------------------------------------------------------------------------

    def _msg(self, key: str, **values) -> str:
        return translator(self._lang).gettext(MESSAGES[key]).format(**values)

    def _truncation_note(self) -> str:
        tr, limit = translator(self._lang), self.max_output_bytes
        return tr.ngettext(
            "[output truncated: this notebook printed more than {limit} byte]",
            "[output truncated: this notebook printed more than {limit} bytes]",
            limit,
        ).format(limit=tr.decimal(limit))

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
            return await super().async_execute_cell(
                cell, cell_index, execution_count, store_history
            )
        grade_id = cell.metadata["nbgrader"].get("grade_id", "?")
        cell.outputs = []
        trusted = self._trusted
        if trusted is None or grade_id not in trusted["tests"]:
            self.integrity.append(f"{grade_id}: no instructor source, not graded")
            self._fail(cell, "NotGraded", self._msg("no_source"))
            return cell
        # Synchronous on purpose (the loop waits): the test's probes go through a blocking
        # client of their own (grader.probes.client.connect), no thread, no event loop.
        verdict = remote.run_test(
            trusted["tests"][grade_id],
            trusted["bindings"],
            trusted["names"],
            remote.Session(self._probe),
            trusted["helpers"],
            self._lang,
            grade_id,
        )
        self._apply_verdict(cell, grade_id, verdict)
        return cell

    # nbclient binds the synchronous entry point to its own coroutine: rebind it here.
    execute_cell = run_sync(async_execute_cell)

    def _probe(self, request: str) -> str:
        """One probe's reply, as the kernel sent it (untrusted text), or ProbeFailed."""
        if self._stopped or not self.km.has_kernel:
            raise remote.ProbeFailed("stopped")
        if self._probe_kc is None:
            self._probe_kc = client.connect(self.km, MAX_MESSAGE_BYTES)
        limit = self.timeout or 120
        try:
            return client.probe(self._probe_kc, request, limit, alive=self._kernel_alive)
        except remote.ProbeFailed as failure:
            if failure.reason == "timeout":  # as nbgrader does with a cell that never ends
                self._stopped = True
                self._kill_kernel(f"a probe did not end within the {limit} s limit")
            raise

    def _kernel_alive(self) -> bool:
        process = self._kernel_process()
        return process is not None and process.poll() is None

    def _apply_verdict(self, cell: NotebookNode, grade_id: str, verdict) -> None:
        if verdict.output:
            text = verdict.output[: self.max_output_bytes]
            cell.outputs.append(NotebookNode(output_type="stream", name="stdout", text=text))
        if verdict.probe_failure:
            why = verdict.probe_failure
            self.integrity.append(f"{grade_id}: no usable answer from the kernel ({why})")
            reason = REASONS.get(why, REASONS["refused"])
            self._fail(
                cell,
                "GradingError",
                self._msg("no_reply", why=translator(self._lang).gettext(reason)),
            )
        elif not verdict.passed:
            self._fail(cell, verdict.ename, verdict.evalue, verdict.line)

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
                        text=self._truncation_note() + "\n",
                    )
                )
            return None
        return super().output(outs, msg, display_id, cell_index)
