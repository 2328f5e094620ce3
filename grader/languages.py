"""The course's languages, in one place so that a third one is one line away.

Adding a language means adding its code here; the build then refuses every
source cell, hint or message that lacks a translation into it.
"""

LANGS: tuple[str, ...] = ("en", "fr")

# Stubs nbgrader writes into released answer cells, in the student's language.
CODE_STUB: dict[str, str] = {
    "en": "# YOUR CODE HERE\nraise NotImplementedError()",
    "fr": "# VOTRE CODE ICI\nraise NotImplementedError()",
}
TEXT_STUB: dict[str, str] = {
    "en": "YOUR ANSWER HERE",
    "fr": "VOTRE RÉPONSE ICI",
}
