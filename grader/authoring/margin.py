"""How far each printed number is from printing differently: the perturbation check's margin.

Why: `grader perturb` fails when a printed number moves under one of its settings, but a
number that did not move may still sit a hair from a rounding boundary, and another CPU
(or ARM) would push it across. Here every lesson runs again with four more digits in every
`round(x, n)`, every `{x:.nf}` / `{x:.n%}` and NumPy's print precision, under every
setting. For each number that the stored notebook prints, that gives the values it really
takes (their spread) and how close they come to the edges of the rounding step it is
printed at (its margin). A number is *tight* when its margin is smaller than its spread:
a CPU that rounds a little differently could then change what is printed.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

import nbformat

from grader.authoring.perturb import NUMBER, compared, run_notebook
from grader.lessons import Lesson

EXTRA = 4  # digits added to every rounding
FORMAT = re.compile(r"(?P<head>.*\.)(?P<digits>\d+)(?P<kind>[f%])")


class MoreDigits(ast.NodeTransformer):
    """``round(x, n)`` -> ``round(x, n + EXTRA)``; ``{x:.nf}`` -> ``{x:.(n + EXTRA)f}``."""

    def visit_Call(self, node: ast.Call) -> ast.AST:
        self.generic_visit(node)
        digits = node.args[1] if len(node.args) == 2 else None
        if (
            isinstance(node.func, ast.Name)
            and node.func.id == "round"
            and isinstance(digits, ast.Constant)
            and type(digits.value) is int
        ):
            node.args[1] = ast.Constant(digits.value + EXTRA)
        return node

    def visit_FormattedValue(self, node: ast.FormattedValue) -> ast.AST:
        self.generic_visit(node)
        spec = node.format_spec
        if isinstance(spec, ast.JoinedStr) and all(
            isinstance(v, ast.Constant) for v in spec.values
        ):
            match = FORMAT.fullmatch("".join(v.value for v in spec.values))
            if match:
                text = f"{match['head']}{int(match['digits']) + EXTRA}{match['kind']}"
                node.format_spec = ast.JoinedStr([ast.Constant(text)])
        return node


def more_digits(nb: nbformat.NotebookNode) -> None:
    """Rewrite ``nb``'s code cells in place to print every rounded number with more digits."""
    first = True
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        try:
            tree = ast.parse(cell.source)
        except SyntaxError:  # IPython syntax: left as it is
            continue
        cell.source = ast.unparse(ast.fix_missing_locations(MoreDigits().visit(tree)))
        if first:  # after coursetools.setup(), which sets NumPy's precision to 4
            cell.source += f"\nimport numpy as _np\n_np.set_printoptions(precision={4 + EXTRA})"
            first = False


def _decimals(text: str) -> int:
    mantissa = re.split(r"[eE]", text)[0]
    for mark in ".,":
        if mark in mantissa:
            return len(mantissa.split(mark)[1])
    return 0


@dataclass
class Number:
    notebook: Path
    cell: int
    key: str
    index: int  # position among the numbers of that output
    printed: str  # as the stored notebook prints it
    values: list[float]  # what it really was, under every setting

    @property
    def spread(self) -> float:
        return max(self.values) - min(self.values)

    @property
    def margin(self) -> float:
        """Distance of the nearest value to the edge of the rounding step it is printed at
        (negative: some setting prints another number)."""
        half = 0.5 * 10.0 ** -_decimals(self.printed)
        centre = float(self.printed.replace(",", "."))
        return min(half - abs(value - centre) for value in self.values)

    @property
    def tight(self) -> bool:
        return self.spread > 0 and self.margin < self.spread

    def describe(self) -> str:
        low, high = min(self.values), max(self.values)
        return (
            f"{self.notebook.name} cell {self.cell} #{self.index}: printed {self.printed}, "
            f"values {low:.8g} .. {high:.8g} (spread {self.spread:.2g}), margin {self.margin:.2g}"
        )


def _probe(path: Path, setting: str, env: dict[str, str]) -> tuple[str, nbformat.NotebookNode]:
    return setting, run_notebook(path, env, transform=more_digits)


def numbers(path: Path, runs: dict[str, nbformat.NotebookNode]) -> tuple[list[Number], list[str]]:
    """Every number the stored notebook prints, with its values in the digit-rich ``runs``;
    and the outputs whose numbers could not be lined up (reported, never skipped silently)."""
    stored = nbformat.read(path, as_version=4)
    found, unaligned = [], []
    for index, cell in enumerate(stored.cells):
        if cell.cell_type != "code":
            continue
        for key, texts in compared(cell.outputs).items():
            printed = NUMBER.findall("".join(texts))
            seen = [
                NUMBER.findall("".join(compared(run.cells[index].outputs).get(key, [])))
                for run in runs.values()
            ]
            if any(len(values) != len(printed) for values in seen):
                unaligned.append(f"{path.name} cell {index} ({key})")
                continue
            for position, text in enumerate(printed):
                values = [float(run[position].replace(",", ".")) for run in seen]
                found.append(Number(path, index, key, position, text, values))
    return found, unaligned


def margins(
    lessons: list[Lesson], lang: str, settings: dict[str, dict[str, str]], workers: int = 2
) -> Iterator[tuple[Path, list[Number], list[str]]]:
    """Each lesson's printed numbers with their spread and margin, as each lesson ends."""
    paths = [lesson.notebook(lang) for lesson in lessons]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        futures = {
            pool.submit(_probe, path, name, env): path
            for path in paths
            for name, env in settings.items()
        }
        runs: dict[Path, dict[str, nbformat.NotebookNode]] = {path: {} for path in paths}
        for future in as_completed(futures):
            path = futures[future]
            setting, run = future.result()
            runs[path][setting] = run
            if len(runs[path]) == len(settings):
                yield path, *numbers(path, runs.pop(path))
