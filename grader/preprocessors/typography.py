"""French typography: a narrow no-break space (U+202F) before ``; : ! ?`` and inside « ».

Authors type plain spaces; the build sets the right one, so a line never breaks
before a colon and no author has to type an invisible character. Code spans, math,
fenced code, links' targets and HTML tags are left alone; so are a table's
alignment colons and an image's ``![``.
"""

from __future__ import annotations

import re

from nbconvert.preprocessors import Preprocessor

NNBSP = "\u202f"
# A plain or no-break space after a word and before the punctuation, which ends a word.
_BEFORE = re.compile(r"(?<=\S)[ \u00a0]([;:!?])(?![-=\[\w])")
_OPEN = re.compile(r"«[ \u00a0]")
_CLOSE = re.compile(r"[ \u00a0]»")
# What must not change: fenced code, inline code, display and inline math, link
# targets, HTML tags.
_PROTECTED = re.compile(
    r"```.*?```|`[^`\n]*`|\$\$.*?\$\$|\$[^$\n]*\$|\]\([^)\s]*\)|<[^>\n]*>", re.DOTALL
)
# The plain space before the punctuation, once spans are masked (``french_markdown``).
_AFTER_SPAN = re.compile(r"(?<=\S)[ \u00a0](?=[;:!?](?![-=\[\w]))")
# Text that should have had the narrow space: what the check looks for in French output.
PLAIN_BEFORE_PUNCTUATION = re.compile(r"(?<=\S)[ \u00a0][;:!?](?![-=\[\w])|«[ \u00a0]|[ \u00a0]»")


def french_text(text: str) -> str:
    """``text`` with French spacing, for plain text (messages, strings, outputs)."""
    text = _BEFORE.sub(NNBSP + r"\1", text)
    text = _OPEN.sub("«" + NNBSP, text)
    return _CLOSE.sub(NNBSP + "»", text)


def french_markdown(text: str) -> str:
    """``text`` with French spacing outside code, math, link targets and HTML.

    A space right after a code span, maths or a link (`` `fit()` : ``) is prose too: it is
    found once the spans are masked by non-blank text of the same length.
    """
    out, last = [], 0
    for match in _PROTECTED.finditer(text):
        out.append(french_text(text[last : match.start()]))
        out.append(match.group(0))
        last = match.end()
    out.append(french_text(text[last:]))
    text = "".join(out)
    masked = unprotected(text)
    chars = list(text)
    for match in _AFTER_SPAN.finditer(masked):
        chars[match.start()] = NNBSP
    return "".join(chars)


def unprotected(text: str) -> str:
    """``text`` with code, math, link targets and HTML masked (same length, not blank).

    Not blank, so that the space after a span still reads as a space after a word.
    """
    return _PROTECTED.sub(lambda m: "x" * len(m.group(0)), text)


class FrenchTypography(Preprocessor):
    """Set French spacing in the prose of a French notebook (its code is left alone).

    Strings that a French notebook prints or raises get theirs when the source's
    ``_(en=..., fr=...)`` is localized (:func:`grader.preprocessors.bilingual.localize_code`).
    """

    def preprocess(self, nb, resources):
        if nb.metadata.get("course", {}).get("lang") != "fr":
            return nb, resources
        for cell in nb.cells:
            if cell.cell_type == "markdown":
                cell.source = french_markdown(cell.source)
        return nb, resources
