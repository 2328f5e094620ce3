"""Sending one probe to a running kernel and reading its reply, as untrusted text.

The request travels as a ``user_expressions`` entry of a silent ``execute_request``
(nothing is printed, nothing enters the history); the reply is the ``text/plain``
form of the expression's value, the ``repr`` of a string, which is parsed here
(never evaluated). A kernel that does not answer in time is interrupted once; one
that still does not answer is lost, and the caller decides what to do with it.
"""

from __future__ import annotations

import ast
import queue
import time

from nbclient.util import ensure_async

from .remote import ProbeFailed

MAX_REPLY_BYTES = 48 * 2**20
# the answering module: mounted in the sandbox as ``grader_probes``; a kernel outside
# the sandbox (nbval's, the self-check's) imports it from the installed package
SANDBOXED = "__import__('grader_probes.answer').answer.answer({request!r})"
INSTALLED = "__import__('grader.probes.answer').probes.answer.answer({request!r})"


def string_literal(text) -> str | None:
    """The string a ``repr`` shows, parsed (never evaluated); None if it is not one."""
    if type(text) is not str or len(text) > 4 * MAX_REPLY_BYTES:
        return None
    try:
        node = ast.parse(text, mode="eval").body
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None
    return node.value if isinstance(node, ast.Constant) and type(node.value) is str else None


class Lost(ProbeFailed):
    """The kernel did not answer even after an interrupt."""


async def probe(kc, km, request: str, timeout: float, expression: str = SANDBOXED) -> str:
    """The kernel's reply to ``request`` (JSON text), or :class:`ProbeFailed`."""
    msg_id = kc.execute(
        "",
        silent=True,
        store_history=False,
        user_expressions={"reply": expression.format(request=request)},
    )
    deadline = time.monotonic() + timeout
    interrupted = False
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            if interrupted:
                raise Lost("timeout")
            interrupted = True
            await ensure_async(km.interrupt_kernel())
            deadline = time.monotonic() + 10
            continue
        try:
            msg = await ensure_async(kc.shell_channel.get_msg(timeout=min(remaining, 1)))
        except queue.Empty:
            if not await ensure_async(km.is_alive()):
                raise ProbeFailed("stopped") from None
            continue
        if msg.get("parent_header", {}).get("msg_id") != msg_id:
            continue
        if interrupted:
            raise ProbeFailed("timeout")
        content = msg.get("content", {})
        found = (content.get("user_expressions") or {}).get("reply")
        if content.get("status") != "ok" or type(found) is not dict:
            raise ProbeFailed("refused")
        if found.get("status") != "ok":
            raise ProbeFailed("refused")
        text = string_literal((found.get("data") or {}).get("text/plain"))
        if text is None:
            raise ProbeFailed("malformed")
        if len(text) > MAX_REPLY_BYTES:
            raise ProbeFailed("too large")
        return text
