"""From one bilingual lesson source to one notebook per language.

The rule, stated once: in a source,
- every markdown cell carries ``lang="xx"``; consecutive markdown cells form
  groups that list every language of :data:`grader.languages.LANGS` in order;
- code cells are shared; text inside code that a student reads (plot labels,
  printed explanations, test failure messages) is written
  ``_(en="...", fr="...")`` and the build keeps the chosen language's expression;
- comments are written once per language, ``# en: ...`` then ``# fr: ...`` on the
  next lines (or inline, ``x = 1  # en: ... # fr: ...``), docstrings as
  a triple-quoted string that opens with ``en:`` and holds a line ``fr:``; the build
  keeps the chosen language;
- a figure is described beside the code that draws it, ``# alt en: ...`` then
  ``# alt fr: ...``: the notebook gets the description as a comment and as the
  image's ``alt`` text on the site (MyST-NB's ``mystnb.image.alt`` cell metadata).

So code is identical in every language up to its string literals, and nothing
can exist in one language only: :class:`CheckBilingual` refuses such a source.
"""

from __future__ import annotations

import ast
import io
import re
import tokenize

from nbconvert.preprocessors import Preprocessor
from nbformat import NotebookNode
from traitlets import Unicode

from grader.languages import LANGS
from grader.preprocessors.typography import french_text


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
        if lang == "fr":
            text = french_text(text.decode("utf-8")).encode("utf-8")
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


# Comments that are not prose: nbgrader's markers and tool directives.
_UNTRANSLATED = re.compile(
    r"#\s*(#+ (BEGIN|END) (SOLUTION|HIDDEN TESTS)|noqa\b|type:|fmt:|pragma\b|%%)"
)
_TAGGED = re.compile(r"#\s?(?P<alt>alt )?(?P<lang>[a-z]{2}):\s?(?P<text>.*)$")
_INLINE = re.compile(r"#\s?(?P<lang>[a-z]{2}):\s?(?P<text>.*?)\s*(?=#\s?[a-z]{2}:|$)")
_DOCSTRING = re.compile(
    r"^(?P<prefix>[rRuU]?)(?P<quote>\"{3}|'{3})(?P<body>.*)(?P=quote)$", re.DOTALL
)
_DOC_LANG = re.compile(r"^[ \t]*(?P<lang>[a-z]{2}):[ \t]?", re.MULTILINE)
FIGURE = {"en": "Figure: ", "fr": "Figure\u202f: "}


def _comments(source: str) -> list[tokenize.TokenInfo]:
    try:
        return [
            t
            for t in tokenize.generate_tokens(io.StringIO(source).readline)
            if t.type in (tokenize.COMMENT, tokenize.STRING)
        ]
    except (tokenize.TokenError, IndentationError, SyntaxError):
        return []


def _docstring_parts(literal: str) -> dict[str, str] | None:
    """A bilingual docstring's text by language (None if it is not one)."""
    match = _DOCSTRING.match(literal)
    if not match or not match["body"].startswith(f"{LANGS[0]}:"):
        return None
    body = match["body"]
    marks = list(_DOC_LANG.finditer(body))
    parts = {}
    for mark, following in zip(marks, [*marks[1:], None], strict=True):
        parts[mark["lang"]] = body[mark.end() : following.start() if following else len(body)]
    return parts


def _docstrings(source: str) -> list[tuple[int, int]]:
    """(line, column) of every docstring in ``source``."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return []
    found = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Module)):
            body = node.body
            if (
                body
                and isinstance(body[0], ast.Expr)
                and isinstance(body[0].value, ast.Constant)
                and isinstance(body[0].value.value, str)
            ):
                found.append((body[0].value.lineno, body[0].value.col_offset))
    return found


def check_comments(source: str, where: str) -> None:
    """Refuse a prose comment or docstring written in fewer than every language."""
    lines = source.splitlines()
    run: list[tuple[str, str]] = []  # (kind, lang) of consecutive full-line tagged comments

    def close_run(lineno: int) -> None:
        if not run:
            return
        langs = [lang for i, (_kind, lang) in enumerate(run) if i == 0 or run[i - 1] != run[i]]
        kinds = {kind for kind, _ in run}
        if (
            len(kinds) != 1
            or len(langs) % len(LANGS)
            or any(
                tuple(langs[i : i + len(LANGS)]) != LANGS for i in range(0, len(langs), len(LANGS))
            )
        ):
            raise BilingualError(
                f"{where}: comment ending on line {lineno}: write it in every language, "
                f"'# en: ...' then '# fr: ...' (found {langs})"
            )
        run.clear()

    previous_row = None
    docstrings = set(_docstrings(source))
    for tok in _comments(source):
        row, col = tok.start
        if tok.type == tokenize.STRING:
            if (row, col) in docstrings or tok.string.lstrip("rRuU")[3:].startswith("en:"):
                parts = _docstring_parts(tok.string)
                if parts is None or tuple(parts) != LANGS:
                    raise BilingualError(
                        f"{where}: docstring on line {row}: write it in every language, "
                        "opening with 'en: ...' and holding a line 'fr: ...'"
                    )
            continue
        full_line = not lines[row - 1][:col].strip()
        if previous_row is not None and (not full_line or row != previous_row + 1):
            close_run(previous_row)
        if _UNTRANSLATED.match(tok.string):
            continue
        if full_line:
            match = _TAGGED.match(tok.string)
            if not match or match["lang"] not in LANGS:
                raise BilingualError(
                    f"{where}: line {row}: comment in one language {tok.string[:50]!r}; "
                    f"write '# en: ...' then '# fr: ...'"
                )
            run.append(("alt" if match["alt"] else "text", match["lang"]))
            previous_row = row
        else:
            langs = tuple(m["lang"] for m in _INLINE.finditer(tok.string))
            if langs != LANGS:
                raise BilingualError(
                    f"{where}: line {row}: inline comment {tok.string[:50]!r} must read "
                    f"'# en: ... # fr: ...'"
                )
    close_run(previous_row or 0)


def localize_comments(source: str, lang: str) -> tuple[str, str]:
    """``source`` with only ``lang``'s comments and docstrings; and its figure description."""
    lines = source.splitlines(keepends=True)
    drop: set[int] = set()
    alt: list[str] = []
    edits: dict[int, str] = {}  # row -> new line
    strings = []
    for tok in _comments(source):
        row, col = tok.start
        if tok.type == tokenize.STRING:
            if _docstring_parts(tok.string) is not None:
                strings.append(tok)
            continue
        line = lines[row - 1]
        ending = line[len(line.rstrip("\r\n")) :]
        if not line[:col].strip():
            match = _TAGGED.match(tok.string)
            if not match or match["lang"] not in LANGS:
                continue
            if match["lang"] != lang:
                drop.add(row)
                continue
            text = french_text(match["text"]) if lang == "fr" else match["text"]
            if match["alt"]:
                alt.append(text)
                if alt[:-1] and row - 1 in edits:  # a continuation line: one comment
                    drop.add(row)
                    edits[row - 1] = edits[row - 1].rstrip("\r\n") + " " + text + ending
                    edits[row] = edits[row - 1]
                    continue
                text = FIGURE[lang] + text
            edits[row] = line[:col] + "# " + text + ending
        else:
            parts = {m["lang"]: m["text"] for m in _INLINE.finditer(tok.string)}
            if lang in parts:
                text = french_text(parts[lang]) if lang == "fr" else parts[lang]
                edits[row] = line[:col] + "# " + text + ending
    out = []
    for row, line in enumerate(lines, start=1):
        if row in drop and row - 1 in edits and edits.get(row) == edits[row - 1]:
            out[-1] = edits[row]
            continue
        if row in drop:
            continue
        out.append(edits.get(row, line))
    result = "".join(out)
    for tok in strings:  # docstrings: keep the language's part, same quotes and indent
        match = _DOCSTRING.match(tok.string)
        parts = _docstring_parts(tok.string)
        if parts is None or lang not in parts:
            continue
        body = match["body"]
        tail = body[len(body.rstrip()) :]
        text = parts[lang].rstrip()
        if lang == "fr":
            text = french_text(text)
        literal = match["prefix"] + match["quote"] + text + tail + match["quote"]
        result = result.replace(tok.string, literal, 1)
    return result, " ".join(alt)


def code_skeleton(source: str) -> list[tuple[int, str]]:
    """Token stream of ``source`` with every string literal blanked out.

    Two language versions of a code cell must have equal skeletons: they may
    differ in what they say, never in what they do. Adjacent literals are one string
    (Python concatenates them), so a sentence may take more lines in one language.
    """
    tokens = []
    for tok in tokenize.generate_tokens(io.StringIO(source).readline):
        if tok.type in (tokenize.COMMENT, tokenize.NL, tokenize.NEWLINE):
            continue
        if tok.type == tokenize.STRING:  # f-strings are one STRING token on Python 3.11
            if not (tokens and tokens[-1] == (tokenize.STRING, "<str>")):
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
                check_comments(cell.source, f"{name}: code cell {index + 1}")
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
                source = localize_code(cell.source, self.lang, f"{name}: code cell {index + 1}")
                cell.source, alt = localize_comments(source, self.lang)
                if alt:
                    cell.metadata["mystnb"] = {"image": {"alt": alt}}
            kept.append(cell)
        nb.cells = kept
        nb.metadata["language_info"] = nb.metadata.get("language_info", {"name": "python"})
        nb.metadata["course"] = {"lang": self.lang, "lesson": name}
        return nb, resources
