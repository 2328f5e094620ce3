"""From one bilingual lesson source to one notebook per language.

The rule, stated once: in a source,
- every markdown cell carries ``lang="xx"``; consecutive markdown cells form
  groups that list every language of :data:`grader.languages.LANGS` in order;
- code cells are shared; text inside code that a student reads (plot labels,
  printed explanations, test failure messages) is written
  ``_(en="...", fr="...")`` and the build keeps the chosen language's expression.

So code is identical in every language up to its string literals, and nothing
can exist in one language only: :class:`CheckBilingual` refuses such a source.
"""

from __future__ import annotations

import ast
import io
import tokenize

from nbconvert.preprocessors import Preprocessor
from nbformat import NotebookNode
from traitlets import Unicode

from ..languages import LANGS


class BilingualError(ValueError):
    """A lesson source that lacks a language, or whose languages disagree."""


def _translation_calls(source: str) -> list[ast.Call]:
    if "_(" not in source:
        return []
    tree = ast.parse(source)
    return [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "_"
    ]


def _check_call(call: ast.Call, where: str) -> None:
    keys = [kw.arg for kw in call.keywords]
    if call.args or sorted(k or "**" for k in keys) != sorted(LANGS):
        raise BilingualError(
            f"{where}: line {call.lineno}: _() must have exactly the keywords "
            f"{', '.join(LANGS)}, found {keys or 'positional arguments'}"
        )


def localize_code(source: str, lang: str, where: str = "code cell") -> str:
    """Replace each ``_(en=..., fr=...)`` by the source text of the ``lang`` expression."""
    calls = _translation_calls(source)
    if not calls:
        return source
    data = source.encode("utf-8")
    line_starts = [0]
    for line in data.splitlines(keepends=True):
        line_starts.append(line_starts[-1] + len(line))

    def offset(lineno: int, col: int) -> int:  # ast columns are UTF-8 byte offsets
        return line_starts[lineno - 1] + col

    edits = []
    for call in calls:
        _check_call(call, where)
        value = next(kw.value for kw in call.keywords if kw.arg == lang)
        start = offset(call.lineno, call.col_offset)
        end = offset(call.end_lineno, call.end_col_offset)
        vstart = offset(value.lineno, value.col_offset)
        vend = offset(value.end_lineno, value.end_col_offset)
        text = data[vstart:vend]
        if b"\n" in text:  # implicit concatenation over lines keeps its parentheses
            text = b"(" + text + b")"
        edits.append((start, end, text))
    # Nested calls are not supported: they would make overlapping edits.
    edits.sort()
    for (_s1, e1, _), (s2, _e2, _v) in zip(edits, edits[1:], strict=False):
        if s2 < e1:
            raise BilingualError(f"{where}: nested _() calls are not supported")
    for start, end, text in reversed(edits):
        data = data[:start] + text + data[end:]
    return data.decode("utf-8")


def code_skeleton(source: str) -> list[tuple[int, str]]:
    """Token stream of ``source`` with every string literal blanked out.

    Two language versions of a code cell must have equal skeletons: they may
    differ in what they say, never in what they do.
    """
    tokens = []
    for tok in tokenize.generate_tokens(io.StringIO(source).readline):
        if tok.type in (tokenize.COMMENT, tokenize.NL, tokenize.NEWLINE):
            continue
        if tok.type == tokenize.STRING:  # f-strings are one STRING token on Python 3.11
            tokens.append((tok.type, "<str>"))
        else:
            tokens.append((tok.type, tok.string))
    return tokens


def markdown_groups(cells: list[NotebookNode]) -> list[list[int]]:
    """Indices of markdown cells grouped into one translation unit each."""
    groups: list[list[int]] = []
    current: list[int] = []
    for index, cell in enumerate(cells):
        if cell.cell_type != "markdown":
            if current:
                groups.append(current)
                current = []
            continue
        lang = cell.metadata.get("lang")
        if current and len(current) == len(LANGS):
            groups.append(current)
            current = []
        if lang == LANGS[0] and current:
            groups.append(current)
            current = []
        current.append(index)
    if current:
        groups.append(current)
    return groups


class CheckBilingual(Preprocessor):
    """Refuse a source where any prose, hint or message lacks a language."""

    def preprocess(self, nb, resources):
        name = resources.get("lesson", "source")
        for group in markdown_groups(nb.cells):
            langs = [nb.cells[i].metadata.get("lang") for i in group]
            if tuple(langs) != LANGS:
                first = nb.cells[group[0]].source.splitlines()[:1]
                raise BilingualError(
                    f"{name}: markdown cell {group[0] + 1} ({first[0] if first else ''!r}): "
                    f"languages {langs}, expected {list(LANGS)} in that order"
                )
            grading = {repr(nb.cells[i].metadata.get(k)) for i in group for k in ("nbgrader",)}
            ids = {nb.cells[i].metadata.get("grade_id") for i in group}
            if len(grading) != 1 or len(ids) != 1:
                raise BilingualError(
                    f"{name}: markdown cell {group[0] + 1}: translations disagree on grading"
                )
        for index, cell in enumerate(nb.cells):
            if cell.cell_type == "code":
                for call in _translation_calls(cell.source):
                    _check_call(call, f"{name}: code cell {index + 1}")
        return nb, resources


class SelectLanguage(Preprocessor):
    """Keep one language: its markdown cells, and its side of every ``_()``."""

    lang = Unicode("en", help="Language code to keep").tag(config=True)

    def preprocess(self, nb, resources):
        name = resources.get("lesson", "source")
        kept = []
        for index, cell in enumerate(nb.cells):
            if cell.cell_type == "markdown":
                if cell.metadata.get("lang") != self.lang:
                    continue
                cell.metadata.pop("lang", None)
            elif cell.cell_type == "code":
                cell.source = localize_code(
                    cell.source, self.lang, f"{name}: code cell {index + 1}"
                )
            kept.append(cell)
        nb.cells = kept
        nb.metadata["language_info"] = nb.metadata.get("language_info", {"name": "python"})
        nb.metadata["course"] = {"lang": self.lang, "lesson": name}
        return nb, resources
