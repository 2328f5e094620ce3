"""Re-run lessons under settings that change floating-point rounding, not the maths.

Why: nbval compares every printed number exactly, and the stored notebooks were executed
on one CPU. Another CPU gives other roundings (its matrix-product kernels, cache-blocking
sizes, vector width, BLAS core), and a training that is on a knife's edge turns a last-bit
difference into another validation accuracy. No single machine can be every CPU, but one
machine can change its own rounding in the ways CPUs differ: oneDNN's kernels capped at
older instruction sets, Eigen's or oneDNN's matrix products, two intra-op threads, other
OpenBLAS cores for NumPy. An output that moves under any of them would move on some CPU,
so the check fails and names the cell and the numbers that moved.
"""

from __future__ import annotations

import os
import platform
import re
import subprocess
import tempfile
from collections import defaultdict
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from grader.kernel_env import KERNEL_ENV
from grader.lessons import HELPERS, SRC, Lesson

SGEMM = {"TENSORFLOW_USE_CUSTOM_CONTRACTION_KERNEL": "1"}

# name -> (what it changes, environment on top of KERNEL_ENV). Each one was seen to change
# the bits of a training or of a NumPy product on a 2-core Xeon (AVX-512); none changes
# what is computed.
PERTURBATIONS: dict[str, tuple[str, dict[str, str]]] = {
    "reference": ("the settings the notebooks were executed with (KERNEL_ENV)", {}),
    "onednn-ops": (
        "oneDNN's own TensorFlow ops and reordered float sums",
        {"TF_ENABLE_ONEDNN_OPTS": "1"},
    ),
    "sgemm-sse41": (
        "oneDNN's matrix products, as on a CPU with SSE4.1 only",
        {**SGEMM, "ONEDNN_MAX_CPU_ISA": "SSE41"},
    ),
    "sgemm-avx": (
        "oneDNN's matrix products, as on an AVX CPU",
        {**SGEMM, "ONEDNN_MAX_CPU_ISA": "AVX"},
    ),
    "sgemm-avx2": (
        "oneDNN's matrix products, as on an AVX2 CPU (AMD Zen, Intel Haswell)",
        {**SGEMM, "ONEDNN_MAX_CPU_ISA": "AVX2"},
    ),
    "sgemm-avx512": (
        "oneDNN's matrix products, as on an AVX-512 CPU",
        {**SGEMM, "ONEDNN_MAX_CPU_ISA": "AVX512_CORE"},
    ),
    "two-threads": (
        "two intra-op threads (with oneDNN's products, whose split depends on them)",
        {**SGEMM, "COURSETOOLS_INTRA_OP_THREADS": "2"},
    ),
    "openblas-generic": (
        "NumPy's OpenBLAS with its generic SSE3 core",
        {"OPENBLAS_CORETYPE": "Prescott"},
    ),
    "openblas-haswell": (
        "NumPy's OpenBLAS with its AVX2 (Haswell) core",
        {"OPENBLAS_CORETYPE": "Haswell"},
    ),
}
# The subset `make test` plays (on the French notebooks, in nbval's own kernel): one
# setting that changes both TensorFlow's and NumPy's products at once, as an AVX2 CPU
# (AMD Zen, Intel Haswell) would.
OTHER_CPU = {**SGEMM, "ONEDNN_MAX_CPU_ISA": "AVX2", "OPENBLAS_CORETYPE": "Haswell"}
# What each setting needs of the CPU: a forced OpenBLAS core it lacks dies of an illegal
# instruction, and the caps and cores are x86 names (on ARM they mean nothing).
NEEDS = {"AVX": "avx", "AVX2": "avx2", "AVX512_CORE": "avx512f", "Haswell": "avx2"}
ISA_KEYS = ("ONEDNN_MAX_CPU_ISA", "OPENBLAS_CORETYPE")


def nbval_kernel_env(path: Path) -> dict[str, str]:
    """What the kernel of a notebook that nbval re-executes gets on top of the environment.

    The French notebooks run as on another CPU (OTHER_CPU), the English ones as they were
    executed: both must match the same stored numbers, so every `make test` checks one
    perturbation of every lesson at no extra cost (the root conftest.py applies it).
    """
    if path.suffix != ".ipynb" or path.parent.name != "fr" or not playable(OTHER_CPU):
        return {}
    return dict(OTHER_CPU)


def playable(env: dict[str, str]) -> bool:
    """Whether this CPU can play ``env``: an x86-64 CPU with every feature it names."""
    if not any(key in env for key in ISA_KEYS):
        return True
    if platform.machine() not in ("x86_64", "AMD64"):
        return False
    flags = _cpu_flags()
    needed = {NEEDS[v] for k, v in env.items() if k in ISA_KEYS and v in NEEDS}
    return not flags or needed <= flags


# What nbval leaves out of its comparison (nbval 0.11, IPyNbFile.skip_compare without
# --nbdime); everything else in an output is compared exactly.
SKIP_COMPARE = {
    "metadata",
    "traceback",
    "prompt_number",
    "output_type",
    "name",
    "execution_count",
    "application/vnd.jupyter.widget-view+json",
    "image/png",
    "image/jpeg",
}
# With oneDNN's ops on, TensorFlow announces it on stderr before its logging starts, whatever
# TF_CPP_MIN_LOG_LEVEL says. The course never turns them on (coursetools, KERNEL_ENV); under
# that one setting these two lines are expected, and only they are left out.
ONEDNN_BANNER = re.compile(
    r"^WARNING: All log messages before absl::InitializeLog\(\) is called are written to STDERR\n"
    r"|^I0000 [^\n]*\] oneDNN custom operations are on\.[^\n]*\n",
    re.MULTILINE,
)
NUMBER = re.compile(r"[-+]?\d+(?:[.,]\d+)?(?:e[-+]?\d+)?")


def compared(outputs: list) -> dict[str, list[str]]:
    """The parts of a cell's outputs that nbval compares, keyed as nbval keys them."""
    view: dict[str, list[str]] = defaultdict(list)
    for output in outputs:
        if output.get("output_type") == "stream":
            view[output["name"]].append(output["text"])
            continue
        for key, value in output.items():
            if key in SKIP_COMPARE:
                continue
            if key == "data":
                for mime, data in value.items():
                    if mime not in SKIP_COMPARE:
                        view[mime].append(data if isinstance(data, str) else "".join(data))
            else:
                view[key].append(str(value))
    return dict(view)


def moved_numbers(expected: str, got: str) -> list[tuple[int, str, str]]:
    """The numbers that differ between two texts: (position in the text, before, after)."""
    pairs = zip(NUMBER.findall(expected), NUMBER.findall(got), strict=False)
    return [(index, a, b) for index, (a, b) in enumerate(pairs) if a != b]


@dataclass
class Difference:
    cell: int  # index among the notebook's cells, as nbval numbers them
    key: str
    numbers: list[tuple[int, str, str]]
    expected: str
    got: str

    def describe(self) -> str:
        if self.numbers:
            shown = ", ".join(f"{a} -> {b}" for _, a, b in self.numbers[:8])
            more = f" (+{len(self.numbers) - 8} more)" if len(self.numbers) > 8 else ""
            return f"cell {self.cell} ({self.key}): {shown}{more}"
        return f"cell {self.cell} ({self.key}): {self.expected[:80]!r} -> {self.got[:80]!r}"


def compare(stored: nbformat.NotebookNode, run: nbformat.NotebookNode) -> list[Difference]:
    """Every compared output of ``run`` that differs from ``stored``, cell by cell."""
    differences = []
    for index, (old, new) in enumerate(zip(stored.cells, run.cells, strict=True)):
        if old.cell_type != "code":
            continue
        before, after = compared(old.outputs), compared(new.outputs)
        for key in sorted(set(before) | set(after)):
            expected = "".join(before.get(key, []))
            got = "".join(after.get(key, []))
            if expected != got:
                differences.append(
                    Difference(index, key, moved_numbers(expected, got), expected, got)
                )
    return differences


@dataclass
class Outcome:
    notebook: Path
    setting: str
    differences: list[Difference] = field(default_factory=list)
    error: str = ""

    @property
    def ok(self) -> bool:
        return not self.differences and not self.error


def run_notebook(
    path: Path,
    env: dict[str, str],
    timeout: int = 600,
    transform: Callable[[nbformat.NotebookNode], None] | None = None,
) -> nbformat.NotebookNode:
    """A fresh execution of the stored notebook at ``path`` (its code changed in place by
    ``transform`` first, if given), in a scratch folder with the course's helpers."""
    run = nbformat.read(path, as_version=4)
    if transform is not None:
        transform(run)
    for cell in run.cells:
        if cell.cell_type == "code":
            cell.outputs = []
    with tempfile.TemporaryDirectory(prefix="perturb-") as scratch:
        for name in HELPERS:  # the source's copy: the stored copies equal it (tests)
            (Path(scratch) / name).write_bytes((SRC / name).read_bytes())
        client = NotebookClient(
            run,
            timeout=timeout,
            kernel_name="python3",
            resources={"metadata": {"path": scratch}},
            shutdown_kernel="immediate",
            allow_errors=True,
        )
        kernel_env = {**os.environ, **KERNEL_ENV, **env}
        # The kernel's own stderr (not the cells') only says it runs on loopback TCP.
        with client.setup_kernel(env=kernel_env, cwd=scratch, stderr=subprocess.DEVNULL):
            for index, cell in enumerate(run.cells):
                client.execute_cell(cell, index)
    return run


def check(path: Path, setting: str, env: dict[str, str]) -> Outcome:
    """Run ``path`` under ``env`` and compare it with its stored outputs."""
    try:
        run = run_notebook(path, env)
    except Exception as error:  # a kernel that died is a result, not a crash of the check
        return Outcome(path, setting, error=f"{type(error).__name__}: {error}")
    if env.get("TF_ENABLE_ONEDNN_OPTS") == "1":
        for cell in run.cells:
            for output in cell.get("outputs", []):
                if output.get("name") == "stderr":
                    output["text"] = ONEDNN_BANNER.sub("", output["text"])
            cell["outputs"] = [o for o in cell.get("outputs", []) if o.get("text", True)]
    return Outcome(path, setting, compare(nbformat.read(path, as_version=4), run))


def applicable(names: list[str] | None = None) -> dict[str, dict[str, str]]:
    """The chosen settings (all by default), less those this CPU cannot play."""
    chosen = {}
    for name in names or list(PERTURBATIONS):
        if name not in PERTURBATIONS:
            raise SystemExit(f"unknown setting {name!r}; known: {', '.join(PERTURBATIONS)}")
        env = PERTURBATIONS[name][1]
        if playable(env):
            chosen[name] = env
    return chosen


def _cpu_flags() -> set[str]:
    try:
        text = Path("/proc/cpuinfo").read_text()
    except OSError:
        return set()
    for line in text.splitlines():
        if line.startswith("flags"):
            return set(line.split(":", 1)[1].split())
    return set()


def perturb(
    lessons: list[Lesson], lang: str, settings: dict[str, dict[str, str]], workers: int = 2
) -> Iterator[Outcome]:
    """Every lesson under every setting, ``workers`` kernels at a time, as each run ends."""
    jobs = [
        (lesson.notebook(lang), name, env) for lesson in lessons for name, env in settings.items()
    ]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        yield from (
            future.result() for future in as_completed(pool.submit(check, *j) for j in jobs)
        )


def spread(outcomes: list[Outcome]) -> dict[tuple[Path, int, str, int], tuple[str, set[str]]]:
    """For every number that moved: its stored value and every value the settings gave.

    This is the measured spread that a printed precision must leave room for."""
    found: dict[tuple[Path, int, str, int], tuple[str, set[str]]] = {}
    for outcome in outcomes:
        for difference in outcome.differences:
            for index, before, after in difference.numbers:
                key = (outcome.notebook, difference.cell, difference.key, index)
                found.setdefault(key, (before, {before}))[1].add(after)
    return found
