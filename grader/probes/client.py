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
from collections.abc import Callable

from .remote import ProbeFailed  # relative: the package is also mounted as grader_probes

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


def connect(km, max_message_bytes: int = 64 * 2**20):
    """A blocking client of its own on ``km``'s kernel: shell and control channels only.

    Why not the executor's own (asynchronous) client: a test runs synchronously, and a
    grading process may be forked from one whose event loop it inherits (a process pool),
    where waking that loop from another thread never arrives. Plain blocking sockets have
    no such state. A hostile kernel must not make the grader hold giant messages either.
    """
    import zmq
    from jupyter_client import BlockingKernelClient

    context = zmq.Context()
    context.setsockopt(zmq.MAXMSGSIZE, max_message_bytes)
    kc = BlockingKernelClient(context=context)
    kc.load_connection_info(km.get_connection_info())
    kc.start_channels(shell=True, iopub=False, stdin=False, hb=False, control=True)
    return kc


def close(kc) -> None:
    kc.stop_channels()
    kc.context.destroy(linger=0)


def interrupt(kc) -> None:
    """An interrupt request on the control channel (the sandbox passes no signals)."""
    kc.control_channel.send(kc.session.msg("interrupt_request", content={}))


def probe(
    kc,
    request: str,
    timeout: float,
    expression: str = SANDBOXED,
    alive: Callable[[], bool] = lambda: True,
) -> str:
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
                raise ProbeFailed("timeout")
            interrupted = True
            interrupt(kc)
            deadline = time.monotonic() + 10
            continue
        try:
            msg = kc.shell_channel.get_msg(timeout=min(remaining, 1))
        except queue.Empty:
            if not alive():
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
