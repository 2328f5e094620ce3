"""How independent students differ, and how copiers hide a copy: rewrites of answer code.

Why: two students who both reach the reference solution rarely hand in the same text.
They write ``np.sum(x ** 2)`` or ``(x * x).sum()``, ``a * b`` or ``b * a``, an
intermediate variable or none, a loop or a comprehension, guard clauses, their own names
and comments. A drawn class that gives every correct student the solution's exact text
makes copy detection an impossible task (a copy of the solution is the solution), so
``grader sample-class --vary`` gives each drawn student a personal style, and each answer
(solution or catalogued mistake) is rewritten in it. That is an assumption about real
classes, stated in the instructors' guide: the rules below, each applied where it fits,
with a personal preference per rule (the reference's way half of the time) followed at
85 % of the places it fits.

Every rewrite keeps what the code computes on the lesson's inputs (numbers and NumPy
arrays): swapping the operands of ``*``/``+`` only between names, calls and numbers,
never lists or strings; ``np.matmul`` for ``@``; a method ``x.sum()`` only ever becomes
``np.sum(x)``, never the other way (a list has no ``.sum``). ``tests/analysis/test_similarity.py``
runs rewritten solutions and mistakes of lesson 4 against the originals.

The copier's transformations (:func:`rename`, :func:`reorder`) are here too: they use the
same notion of independent statements (:func:`effects`) as the normalization of
:mod:`grader.analysis.similarity`.
"""

from __future__ import annotations

import ast
import builtins
import copy
import keyword
import random
import textwrap

from grader.languages import CODE_STUB

KEEP_SHARE = 0.5  # a student writes a rule's construct the reference's way
FOLLOW = 0.85  # how often a student follows their own preference where a rule fits
REORDER = 0.3  # a student puts independent statements in an order of their own
MODULES = frozenset({"np", "keras", "tf", "layers", "ops", "plt", "math", "ct"})

# Rule -> its alternatives; index 0 is the reference's way (no change).
RULES: dict[str, tuple[str, ...]] = {
    "square": ("pow", "mul", "np_square"),
    "method": ("method", "function"),
    "commute": ("keep", "swap"),
    "compare": ("keep", "flip"),
    "boolop": ("keep", "swap"),
    "guard": ("keep", "split"),
    "result": ("keep", "name"),
    "asarray": ("keep", "array"),
    "stack": ("keep", "array"),
    "to_numpy": ("keep", "convert"),
    "comprehension": ("keep", "loop"),
    "maximum": ("keep", "swap", "clip", "where"),
    "matmul": ("keep", "function"),
    "unpack": ("keep", "index"),
    "sqrt": ("keep", "power"),
    "dtype": ("keep", "object", "builtin"),
    "axis": ("keep", "positional"),
}
RESULT_NAMES = ("result", "out", "output", "res", "value", "answer", "y")
LIST_NAMES = ("outputs", "runs", "samples", "preds", "results", "draws")

# Personal comments, the same in both languages, so a copy can translate them.
COMMENTS = (
    ("compute the answer", "calcul de la réponse"),
    ("see the course notes", "voir les notes de cours"),
    ("vectorized with NumPy", "vectorisé avec NumPy"),
    ("as in the formula above", "comme dans la formule ci-dessus"),
    ("checked by hand on a small example", "vérifié à la main sur un petit exemple"),
    ("step by step", "étape par étape"),
    ("TODO: simplify?", "TODO : simplifier ?"),
    ("works with the tests", "passe les tests"),
)


# Naming habits: how a student names what they bind (the stub's parameters are given).
# Index 0 keeps the reference's names; the shares are an assumption, like KEEP_SHARE's.
NAMING = ("keep", "short", "synonym", "french", "prefix", "caps")
NAMING_SHARE = (0.45, 0.15, 0.15, 0.1, 0.08, 0.07)
SYNONYMS = {
    "variance": ("var", "v2", "sigma2", "total_var"),
    "keep": ("mask", "keep_mask", "kept", "m"),
    "passes": ("preds", "samples", "outs", "stacked"),
    "hidden": ("h", "act", "z", "layer"),
    "kernel": ("w", "weight", "k", "W"),
    "bias": ("b", "bias_", "c", "B"),
    "rng": ("gen", "generator", "r", "rs"),
}
FRENCH = {
    "variance": "var_totale",
    "keep": "masque",
    "passes": "passages",
    "hidden": "cachee",
    "kernel": "noyau",
    "bias": "biais",
    "rng": "generateur",
    "result": "resultat",
    "out": "sortie",
    "output": "sortie",
    "value": "valeur",
    "answer": "reponse",
    "outputs": "sorties",
    "runs": "essais",
    "samples": "tirages",
    "results": "resultats",
    "draws": "tirages",
}
CAPS = {"kernel": "W", "bias": "b", "hidden": "A", "passes": "P", "keep": "M", "variance": "V"}


def style(seed: str) -> dict[str, int]:
    """A student's preferred alternative per rule (0: the reference's way)."""
    rng = random.Random(f"style/{seed}")
    out = {}
    for rule, options in RULES.items():
        keep = rng.random() < KEEP_SHARE
        out[rule] = 0 if keep else rng.randrange(1, len(options))
    out["comments"] = rng.choice((0, 0, 1, 2))  # none, the course's, a personal one
    out["comment"] = rng.randrange(len(COMMENTS))
    out["result_name"] = rng.randrange(len(RESULT_NAMES))
    out["list_name"] = rng.randrange(len(LIST_NAMES))
    out["naming"] = rng.choices(range(len(NAMING)), NAMING_SHARE)[0]
    out["synonym"] = rng.randrange(4)
    return out


def _habit_name(name: str, habit: str, synonym: int) -> str:
    """``name`` as a student of naming ``habit`` writes it (``kernel1`` -> ``W1``, ``k1``...)."""
    base = name.rstrip("0123456789")
    digits = name[len(base) :]
    if habit == "short":
        return base[:1] + digits if base else name
    if habit == "synonym" and base in SYNONYMS:
        return SYNONYMS[base][synonym % len(SYNONYMS[base])] + digits
    if habit == "french":
        return FRENCH.get(base, base) + digits
    if habit == "prefix":
        return f"my_{name}"
    if habit == "caps":
        return CAPS.get(base, base[:1]) + digits if base else name
    return name


def personal_names(stmts: list[ast.stmt], prefs: dict[str, int], rng: random.Random) -> None:
    """Rename, in place, the names a body binds before it reads them, in the student's habit.

    Why only those: a name read before it is bound is a parameter or a global (``x``
    in ``x = np.asarray(x)``), given by the stub or the notebook; renaming it would
    change what the code computes.
    """
    habit = NAMING[prefs.get("naming", 0)]
    if habit == "keep":
        return
    bound: set[str] = set()
    given: set[str] = set()
    used = {n.id for s in stmts for n in ast.walk(s) if isinstance(n, ast.Name)}
    for stmt in stmts:
        stores, loads = set(), set()
        for n in ast.walk(stmt):
            if isinstance(n, ast.Name):
                (stores if isinstance(n.ctx, ast.Store) else loads).add(n.id)
        given |= (loads - bound) - stores
        given |= (loads & stores) - bound  # ``x = f(x)``: read first
        bound |= stores
    mapping: dict[str, str] = {}
    taken = used | MODULES | set(dir(builtins)) | set(keyword.kwlist)
    for name in sorted(bound - given - MODULES):
        new = _habit_name(name, habit, prefs.get("synonym", 0))
        if new != name and new.isidentifier() and new not in taken and rng.random() < FOLLOW:
            mapping[name] = new
            taken.add(new)
    for stmt in stmts:
        for n in ast.walk(stmt):
            if isinstance(n, ast.Name) and n.id in mapping:
                n.id = mapping[n.id]


def _pure(node: ast.AST) -> bool:
    """An operand that is safe to duplicate or swap: names, attributes, numbers, calls."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, int | float) and not isinstance(node.value, bool)
    if isinstance(node, ast.Name | ast.Attribute):
        return True
    if isinstance(node, ast.Call):
        return all(_pure(a) for a in node.args)
    if isinstance(node, ast.BinOp):
        return isinstance(node.op, ast.Mult | ast.Add | ast.Sub | ast.Div | ast.Pow | ast.MatMult)
    if isinstance(node, ast.UnaryOp):
        return _pure(node.operand)
    if isinstance(node, ast.Subscript):
        return _pure(node.value)
    return False


def _np(attr: str) -> ast.Attribute:
    return ast.Attribute(ast.Name("np", ast.Load()), attr, ast.Load())


_FLIP = {ast.GtE: ast.LtE, ast.LtE: ast.GtE, ast.Gt: ast.Lt, ast.Lt: ast.Gt}


class _Rewriter(ast.NodeTransformer):
    """Expression-level rules, in the student's style."""

    def __init__(self, prefs: dict[str, int], rng: random.Random) -> None:
        self.prefs, self.rng = prefs, rng

    def choose(self, rule: str) -> str:
        options = RULES[rule]
        if self.rng.random() < FOLLOW:
            return options[self.prefs[rule]]
        return self.rng.choice(options)

    def visit_BinOp(self, node: ast.BinOp) -> ast.AST:
        self.generic_visit(node)
        if (
            isinstance(node.op, ast.Pow)
            and isinstance(node.right, ast.Constant)
            and node.right.value == 2
            and isinstance(node.left, ast.Name | ast.Attribute)
        ):
            how = self.choose("square")
            if how == "mul":
                return ast.BinOp(node.left, ast.Mult(), copy.deepcopy(node.left))
            if how == "np_square":
                return ast.Call(_np("square"), [node.left], [])
        if isinstance(node.op, ast.Mult | ast.Add) and _pure(node.left) and _pure(node.right):
            if self.choose("commute") == "swap":
                return ast.BinOp(node.right, node.op, node.left)
        if isinstance(node.op, ast.MatMult) and self.choose("matmul") == "function":
            return ast.Call(_np("matmul"), [node.left, node.right], [])
        return node

    def visit_Compare(self, node: ast.Compare) -> ast.AST:
        self.generic_visit(node)
        op = type(node.ops[0]) if len(node.ops) == 1 else None
        if op in _FLIP and _pure(node.left) and _pure(node.comparators[0]):
            if self.choose("compare") == "flip":
                return ast.Compare(node.comparators[0], [_FLIP[op]()], [node.left])
        return node

    def visit_BoolOp(self, node: ast.BoolOp) -> ast.AST:
        self.generic_visit(node)
        simple = all(isinstance(v, ast.Compare | ast.UnaryOp | ast.Name) for v in node.values)
        if simple and self.choose("boolop") == "swap":
            node.values = node.values[::-1]
        return node

    def visit_Call(self, node: ast.Call) -> ast.AST:
        self.generic_visit(node)
        func = node.func
        if not isinstance(func, ast.Attribute):
            return node
        is_np = isinstance(func.value, ast.Name) and func.value.id == "np"
        if (
            not is_np
            and func.attr in ("sum", "mean", "std")
            and self.choose("method") == "function"
        ):
            node = ast.Call(_np(func.attr), [func.value, *node.args], node.keywords)
            func, is_np = node.func, True
        if is_np and func.attr == "asarray" and self.choose("asarray") == "array":
            node.func = _np("array")
        if is_np and func.attr == "stack" and self.choose("stack") == "array":
            node.func = _np("array")
        if is_np and func.attr == "sqrt" and len(node.args) == 1 and not node.keywords:
            if self.choose("sqrt") == "power":
                return ast.BinOp(node.args[0], ast.Pow(), ast.Constant(0.5))
        if (
            is_np
            and func.attr == "asarray"
            and len(node.args) == 1
            and isinstance(node.args[0], ast.Call)
            and not node.keywords
            and self.choose("to_numpy") == "convert"
        ):
            ops = ast.Attribute(ast.Name("keras", ast.Load()), "ops", ast.Load())
            return ast.Call(ast.Attribute(ops, "convert_to_numpy", ast.Load()), node.args, [])
        if is_np and func.attr == "maximum" and len(node.args) == 2:
            z, zero = node.args
            if isinstance(zero, ast.Constant) and zero.value == 0 and _pure(z):
                how = self.choose("maximum")
                if how == "swap":
                    node.args = [zero, z]
                elif how == "clip":
                    return ast.Call(_np("clip"), [z, zero, ast.Constant(None)], [])
                elif how == "where":
                    test = ast.Compare(copy.deepcopy(z), [ast.Gt()], [ast.Constant(0)])
                    return ast.Call(_np("where"), [test, copy.deepcopy(z), zero], [])
        for kw in node.keywords:
            if kw.arg == "dtype" and isinstance(kw.value, ast.Constant):
                if kw.value.value == "float64":
                    how = self.choose("dtype")
                    if how == "object":
                        kw.value = _np("float64")
                    elif how == "builtin":
                        kw.value = ast.Name("float", ast.Load())
        if not is_np and func.attr in ("mean", "std") and not node.args:
            if [k.arg for k in node.keywords] == ["axis"] and self.choose("axis") == "positional":
                node.args, node.keywords = [node.keywords[0].value], []
        return node


def _block(stmts: list[ast.stmt], rw: _Rewriter, prefs: dict[str, int]) -> list[ast.stmt]:
    """Statement-level rules of one block (and, recursively, of nested blocks)."""
    out: list[ast.stmt] = []
    for stmt in stmts:
        for name in ("body", "orelse", "finalbody"):
            inner = getattr(stmt, name, None)
            if isinstance(inner, list) and inner and isinstance(inner[0], ast.stmt):
                setattr(stmt, name, _block(inner, rw, prefs))
        out.extend(_statement(stmt, rw, prefs))
    return out


def _statement(stmt: ast.stmt, rw: _Rewriter, prefs: dict[str, int]) -> list[ast.stmt]:
    if (
        isinstance(stmt, ast.If)
        and isinstance(stmt.test, ast.BoolOp)
        and isinstance(stmt.test.op, ast.Or)
        and not stmt.orelse
        and len(stmt.body) == 1
        and isinstance(stmt.body[0], ast.Return)
        and rw.choose("guard") == "split"
    ):
        return [ast.If(v, copy.deepcopy(stmt.body), []) for v in stmt.test.values]
    if (
        isinstance(stmt, ast.Assign)
        and len(stmt.targets) == 1
        and isinstance(stmt.targets[0], ast.Tuple)
        and all(isinstance(e, ast.Name) for e in stmt.targets[0].elts)
        and isinstance(stmt.value, ast.Name)
        and rw.choose("unpack") == "index"
    ):
        return [
            ast.Assign(
                [ast.Name(e.id, ast.Store())],
                ast.Subscript(ast.Name(stmt.value.id, ast.Load()), ast.Constant(i), ast.Load()),
            )  # fmt: skip
            for i, e in enumerate(stmt.targets[0].elts)
        ]
    if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1:
        comp = _comprehension_arg(stmt.value)
        if comp is not None and rw.choose("comprehension") == "loop":
            call, index = comp
            listcomp = call.args[index]
            name = LIST_NAMES[prefs["list_name"]]
            gen = listcomp.generators[0]
            append = ast.Call(
                ast.Attribute(ast.Name(name, ast.Load()), "append", ast.Load()),
                [listcomp.elt],
                [],
            )
            loop = ast.For(gen.target, gen.iter, [ast.Expr(append)], [])
            call.args[index] = ast.Name(name, ast.Load())
            return [ast.Assign([ast.Name(name, ast.Store())], ast.List([], ast.Load())), loop,
                    stmt]  # fmt: skip
    stmt = rw.visit(stmt)
    if isinstance(stmt, ast.Return) and stmt.value is not None:
        if not isinstance(stmt.value, ast.Name | ast.Constant) and rw.choose("result") == "name":
            name = RESULT_NAMES[prefs["result_name"]]
            if isinstance(stmt.value, ast.Tuple):
                names = [f"{name}_{i}" for i in range(len(stmt.value.elts))]
                assigns = [
                    ast.Assign([ast.Name(n, ast.Store())], e)
                    for n, e in zip(names, stmt.value.elts, strict=True)
                ]
                back = ast.Tuple([ast.Name(n, ast.Load()) for n in names], ast.Load())
                return [*assigns, ast.Return(back)]
            return [ast.Assign([ast.Name(name, ast.Store())], stmt.value),
                    ast.Return(ast.Name(name, ast.Load()))]  # fmt: skip
    return [stmt]


def _comprehension_arg(value: ast.AST) -> tuple[ast.Call, int] | None:
    """``f([e for v in it])`` with one plain generator: the call and the argument's index."""
    if not isinstance(value, ast.Call):
        return None
    for i, arg in enumerate(value.args):
        if (
            isinstance(arg, ast.ListComp)
            and len(arg.generators) == 1
            and not arg.generators[0].ifs
            and not arg.generators[0].is_async
        ):
            return value, i
    return None


# --- independence of statements -------------------------------------------------------


def effects(stmt: ast.stmt) -> tuple[set[str], set[str], bool]:
    """Names a statement writes, names it reads, and whether it must keep its place.

    Why a statement-level call writes its receiver: ``values.append(v)`` changes
    ``values``. A return, a raise, a loop or a branch keeps its place (what follows may
    depend on whether it ran).
    """
    stored, read = set(), set()
    for n in ast.walk(stmt):
        if isinstance(n, ast.Name):
            (stored if isinstance(n.ctx, ast.Store | ast.Del) else read).add(n.id)
    if isinstance(stmt, ast.AugAssign):
        read |= stored
    if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call):
        func = stmt.value.func
        while isinstance(func, ast.Attribute):
            func = func.value
        if isinstance(func, ast.Name):
            stored.add(func.id)
    fixed = not isinstance(stmt, ast.Assign | ast.AugAssign | ast.AnnAssign | ast.Expr)
    return stored, read, fixed


def depends(first: ast.stmt, then: ast.stmt) -> bool:
    """Whether ``then`` must stay after ``first`` (see :func:`effects`)."""
    return effects_depend(effects(first), effects(then))


def effects_depend(
    first: tuple[set[str], set[str], bool], then: tuple[set[str], set[str], bool]
) -> bool:
    """:func:`depends` on effects already computed (a block's, once per statement)."""
    w1, r1, f1 = first
    w2, r2, f2 = then
    return f1 or f2 or bool(w1 & (r2 | w2)) or bool(w2 & r1)


def shuffle_block(stmts: list[ast.stmt], rng: random.Random) -> list[ast.stmt]:
    """An order of ``stmts`` that keeps every dependency (a random topological order)."""
    left = list(range(len(stmts)))
    out = []
    while left:
        ready = [i for i in left if not any(depends(stmts[j], stmts[i]) for j in left if j < i)]
        pick = rng.choice(ready)
        out.append(stmts[pick])
        left.remove(pick)
    return out


def _shuffle(stmts: list[ast.stmt], rng: random.Random) -> list[ast.stmt]:
    for stmt in stmts:
        for name in ("body", "orelse"):
            inner = getattr(stmt, name, None)
            if isinstance(inner, list) and inner and isinstance(inner[0], ast.stmt):
                setattr(stmt, name, _shuffle(inner, rng))
    return shuffle_block(stmts, rng)


# --- whole answers ---------------------------------------------------------------------


def split_answer(text: str, stub: str) -> tuple[list[str], list[str], list[str], str] | None:
    """``(header, body, trailer, indent)`` of an answer cell, from its released stub.

    The stub is the header, the code stub, then the trailer: what lies between the
    answer's header and trailer is the student's body. None when the answer does not
    start and end like its stub (the student edited the given lines).
    """
    stub_lines = stub.splitlines()
    lines = text.rstrip("\n").splitlines()
    for lang_stub in CODE_STUB.values():
        first = lang_stub.splitlines()[0].strip()
        where = [i for i, line in enumerate(stub_lines) if line.strip() == first]
        if where:
            i = where[0]
            n = len(lang_stub.splitlines())
            header, trailer = stub_lines[:i], stub_lines[i + n :]
            while trailer and not trailer[-1].strip():
                trailer.pop()
            indent = stub_lines[i][: len(stub_lines[i]) - len(stub_lines[i].lstrip())]
            break
    else:
        return None
    end = len(lines) - len(trailer)
    if lines[: len(header)] != header or (trailer and lines[end:] != trailer):
        return _split_function(lines, trailer, indent)  # a mistake that edits the given lines
    body = lines[len(header) : end]
    while body and not body[-1].strip():
        body.pop()
    return header, body, trailer, indent


def _split_function(lines: list[str], trailer: list[str], indent: str):
    """The split of a cell whose given lines were edited: its function's body is the body."""
    try:
        tree = ast.parse("\n".join(lines))
    except SyntaxError:
        return None
    funcs = [s for s in tree.body if isinstance(s, ast.FunctionDef)]
    if len(funcs) != 1:
        return None
    body = funcs[0].body
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
        body = body[1:]
    if not body:
        return None
    start, end = body[0].lineno - 1, funcs[0].end_lineno
    while start > 0 and lines[start - 1].strip().startswith("#"):
        start -= 1
    return lines[:start], lines[start:end], lines[end:], indent


def _code_only(body: list[str]) -> tuple[list[str], list[str]]:
    """The body's leading comment lines (the course's explanation) and its code."""
    comments = [line for line in body if line.strip().startswith("#")]
    code = [line for line in body if not line.strip().startswith("#")]
    return comments, code


def vary(
    text: str,
    stub: str,
    seed: str,
    lang: str,
    comment_lang: str | None = None,
    salt: str = "",
) -> str:
    """``text`` (a solution or a catalogued mistake) as the student of ``seed`` writes it.

    The student's preferences (:func:`style`) hold for all their answers; ``salt`` (the
    exercise) varies where they depart from them.
    ``comment_lang`` (default ``lang``) is the language of the student's comments: a
    copier who translates comments gets the code of the student copied, comments in
    their own language. Unchanged when the answer does not parse or split.
    """
    parts = split_answer(text, stub)
    if parts is None:
        return text
    header, body, trailer, indent = parts
    course_comments, code = _code_only(body)
    try:
        tree = ast.parse(textwrap.dedent("\n".join(code)))
    except SyntaxError:
        return text
    prefs = style(seed)
    rng = random.Random(f"vary/{seed}/{salt}/{header[:1]}/{len(code)}")
    stmts = _block(tree.body, _Rewriter(prefs, rng), prefs)
    if rng.random() < REORDER:
        stmts = _shuffle(stmts, rng)
    personal_names(stmts, prefs, rng)
    tree.body = stmts
    ast.fix_missing_locations(tree)
    new = ast.unparse(tree).splitlines()
    comment_lang = comment_lang or lang
    if prefs["comments"] == 1 and course_comments:
        notes = course_comments if comment_lang == lang else []
    elif prefs["comments"] == 2:
        notes = [f"{indent}# {COMMENTS[prefs['comment']][comment_lang == 'fr']}"]
    else:
        notes = []
    body_out = notes + [indent + line if line else line for line in new]
    return "\n".join(header + body_out + trailer)


def rename(text: str, rng: random.Random) -> str:
    """Local names (assigned in the body) renamed consistently, as a copier hides a copy."""
    try:
        tree = ast.parse(textwrap.dedent(text))
    except SyntaxError:
        return text
    names = {
        n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)
    }
    names -= MODULES
    if not names:
        return text
    prefixes = ("my", "the", "new", "tmp")
    mapping = {n: f"{rng.choice(prefixes)}_{n}{rng.randint(1, 9)}" for n in sorted(names)}

    class Renamer(ast.NodeTransformer):
        def visit_Name(self, node: ast.Name) -> ast.Name:
            node.id = mapping.get(node.id, node.id)
            return node

    return _rewrite_body(text, lambda stmts: [Renamer().visit(s) for s in stmts])


def reorder(text: str, rng: random.Random) -> str:
    """Independent statements of every block put in another order that keeps dependencies."""

    def shuffled(stmts: list[ast.stmt]) -> list[ast.stmt]:
        for _ in range(8):  # a different order when there is one
            out = _shuffle(copy.deepcopy(stmts), rng)
            if ast.dump(ast.Module(out, [])) != ast.dump(ast.Module(stmts, [])):
                return out
        return stmts

    return _rewrite_body(text, shuffled)


def _rewrite_body(text: str, how) -> str:
    """Apply ``how`` to the body of the cell's function (or to the whole cell)."""
    try:
        tree = ast.parse(text)
    except SyntaxError:
        return text
    funcs = [s for s in tree.body if isinstance(s, ast.FunctionDef)]
    lines = text.splitlines()
    if not funcs:
        return ast.unparse(ast.Module(how(tree.body), []))
    func = funcs[0]
    body = func.body
    doc = body[:1] if body and isinstance(body[0], ast.Expr) and isinstance(
        getattr(body[0], "value", None), ast.Constant) else []  # fmt: skip
    code = body[len(doc) :]
    if not code:
        return text
    start, end = code[0].lineno - 1, code[-1].end_lineno
    indent = lines[start][: len(lines[start]) - len(lines[start].lstrip())]
    new = ast.unparse(ast.Module(how(code), [])).splitlines()
    comments = [line for line in lines[start:end] if line.strip().startswith("#")]
    return "\n".join(lines[:start] + comments + [indent + x for x in new] + lines[end:])
