"""Every syntactic position Python evaluates an expression in, with a TF 1.x reference put there.

A case is a small module: an import, optionally an assigned alias of the reference's module
(``M = tf.contrib.eager``, at module level or in the function the position sits in), and one
position template (``def f(a=<R>): pass``, ``[v for v in <R>]``, ``del <R>.attr``...) with the
reference in it, on a line marked ``# <-``.  Shared by tests/test_positions.py (each case is
converted or reported at that line) and tests/test_prescreen.py (the prescreen leaves out
nothing that holds such a reference or alias).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator, List, Tuple

MARK = "  # <-"


@dataclass(frozen=True)
class Ref:
    """``<module>.<member><call>``: a TF 1.x reference whose ``module`` part an alias can hold."""

    module: str  # "tf.contrib.eager"
    member: str  # "Variable"
    call: str = ""  # "(1.0)"

    def expr(self, through: str) -> str:
        return f"{through}.{self.member}{self.call}"

    def chain(self, through: str) -> str:
        """The reference without its call (patterns and targets need a dotted name)."""
        return f"{through}.{self.member}"

    @property
    def qualname(self) -> str:
        return f"{self.module}.{self.member}"


REFERENCES: List[Ref] = [
    Ref("tf", "log", "(2.0)"),  # renamed: tf.math.log
    Ref("tf", "trainable_variables", "()"),  # tf.compat.v1
    Ref("tf", "placeholder"),  # tf.compat.v1, and a graph-mode file
    Ref("tf.contrib.eager", "Variable", "(1.0)"),  # removed: reported
    Ref("tf.GraphKeys", "LOSSES"),  # a class attribute: tf.compat.v1.GraphKeys
    Ref("tf.layers", "dense"),  # tf.compat.v1.layers (needs tf_keras)
    Ref("tf.estimator.ModeKeys", "TRAIN"),  # removed in 2.16: reported
    Ref("tf.train", "AdamOptimizer", "(0.1)"),  # tf.compat.v1.train
]

# name -> template; `{R}` is the reference as an expression, `{C}` as a dotted name
# (patterns, targets); every template marks the line holding it.  Templates are module-level
# code; WRAPS below put them in functions and class bodies too.
POSITIONS = {
    "assign value": "x = {R}",
    "call argument": "print({R}, key={R})",
    "list comprehension iterable": "x = [v for v in {R}]",
    "list comprehension filter": "x = [v for v in xs if {R}]",
    "list comprehension element": "x = [{R} for v in xs]",
    "nested comprehension iterable": "x = [w for v in xs for w in {R}]",
    "nested comprehension filter": "x = [w for v in xs for w in v if {R}]",
    "set comprehension": "x = {{R} for v in xs}",
    "dict comprehension key": "x = {{R}: v for v in xs}",
    "dict comprehension value": "x = {v: {R} for v in xs}",
    "dict comprehension iterable": "x = {v: v for v in {R}}",
    "generator expression iterable": "x = sum(1 for v in {R})",
    "generator expression element": "x = list({R} for v in xs)",
    "comprehension rebinding the alias": "x = [v for v in {R} for {A} in xs]",
    "positional default": "def f(a={R}):\n    pass",
    "positional-only default": "def f(a, b={R}, /):\n    pass",
    "keyword-only default": "def f(*, a={R}):\n    pass",
    "lambda default": "f = lambda a={R}: a",
    "lambda keyword-only default": "f = lambda *, a={R}: a",
    "lambda body": "f = lambda: {R}",
    "parameter annotation": "def f(a: {R}):\n    pass",
    "star parameter annotation": "def f(*a: {R}, **k: {R}):\n    pass",
    "return annotation": "def f() -> {R}:\n    pass",
    "variable annotation": "x: {R} = 1",
    "function decorator": "@{R}\ndef f():\n    pass",
    "class decorator": "@{R}\nclass C:\n    pass",
    "class base": "class C({C}):\n    pass",
    "class keyword": "class C(metaclass={R}):\n    pass",
    "attribute assignment target": "{C}.MY_KEY = 'k'",
    "augmented assignment target": "{C}.MY_KEY += 1",
    "annotated assignment target": "{C}.MY_KEY: str = 'k'",
    "del target": "del {C}.MY_KEY",
    "subscript target": "{R}[0] = 1",
    "tuple target": "(a, {C}.MY_KEY), *b = 1, 2, 3",
    "starred target": "*{C}.MY_KEY, a = 1, 2",
    "for target": "for {C}.MY_KEY in xs:\n    pass",
    "for iterable": "for v in {R}:\n    pass",
    "with item": "with {R} as w:\n    pass",
    "with target": "with ctx() as {C}.MY_KEY:\n    pass",
    "walrus": "if (n := {R}):\n    pass",
    "f-string": "s = f'{{R}!r:>{w}}'",
    "f-string format spec": "s = f'{x:{{R}}}'",
    "match subject": "match {R}:\n    case _:\n        pass",
    "match guard": "match x:\n    case _ if {R}:\n        pass",
    "match value pattern": "match x:\n    case {C}:\n        pass",
    "match class pattern": "match x:\n    case {C}():\n        pass",
    "match keyword pattern": "match x:\n    case P(k={C}):\n        pass",
    "match mapping pattern": "match x:\n    case {'k': {C}}:\n        pass",
    "except type": "try:\n    pass\nexcept {C}:\n    pass",
    "except tuple": "try:\n    pass\nexcept (ValueError, {C}) as e:\n    pass",
    "raise": "raise {R}",
    "assert": "assert {R}, {R}",
    "if test": "if {R}:\n    pass",
    "while test": "while {R}:\n    break",
    "conditional expression": "x = a if {R} else b",
    "subscript": "x = y[{R}]",
    "slice": "x = y[{R}:]",
    "starred argument": "f(*{R}, **{R})",
    "return": "def f():\n    return {R}",
    "yield": "def f():\n    yield {R}",
    "await": "async def f():\n    await {R}",
    "async for": "async def f():\n    async for v in {R}:\n        pass",
    "async with": "async def f():\n    async with {R}:\n        pass",
    "nested function": "def f():\n    def g():\n        return {R}\n    return g",
    "global in function": "def f():\n    global x\n    x = {R}",
    "class body": "class C:\n    a = {R}",
    "class body comprehension": "class C:\n    a = [{R} for v in xs]",
    "class body comprehension iterable": "class C:\n    a = [v for v in {R}]",
    "method": "class C:\n    def m(self):\n        return {R}",
    "method default": "class C:\n    def m(self, a={R}):\n        pass",
    "method decorator": "class C:\n    @{R}\n    def m(self):\n        pass",
}

# How the reference reaches its module: written out, or through an alias assigned at module
# level or in the function the code sits in.
ALIASES = ("direct", "module alias", "function alias")
# Where the template sits: at module level, in a function, in a class body.
WRAPS = ("module", "function", "class")


@dataclass(frozen=True)
class Case:
    position: str
    ref: Ref
    alias: str
    wrap: str
    text: str
    line: int  # 1-based line of the reference (the line marked MARK)

    @property
    def id(self) -> str:
        return f"{self.position} | {self.ref.qualname} | {self.alias} | {self.wrap}"


def _fill(template: str, ref: Ref, through: str, name: str) -> str:
    return template.replace("{R}", ref.expr(through)).replace("{C}", ref.chain(through)).replace("{A}", name)


def build(position: str, ref: Ref, alias: str = "direct", wrap: str = "module", name: str = "M") -> Case:
    """``name``: the alias's name (and the name the "rebinding" template binds)."""
    through = ref.module if alias == "direct" else name
    body = _fill(POSITIONS[position], ref, through, name).split("\n")
    # the marked line: the first holding the reference
    needle = ref.chain(through)
    body = [line + MARK if needle in line and not any(needle in b for b in body[:i]) else line
            for i, line in enumerate(body)]
    lines = ["import tensorflow as tf"]
    if alias == "module alias":
        lines.append(f"{name} = {ref.module}")
    if wrap == "function":
        lines.append("def wrapper(xs, x, y, a, b, w, ctx, P, f):")
        if alias == "function alias":
            lines.append(f"    {name} = {ref.module}")
        lines += ["    " + line for line in body]
    elif wrap == "class":
        lines.append("class Wrapper:")
        lines += ["    " + line for line in body]
    else:
        lines += body
    text = "\n".join(lines) + "\n"
    line = next(i for i, s in enumerate(text.split("\n"), start=1) if s.endswith(MARK))
    return Case(position, ref, alias, wrap, text, line)


KINDS = [(a, w) for a in ALIASES for w in WRAPS if a != "function alias" or w == "function"]


def all_cases(name: str = "M") -> Iterator[Case]:
    """Every position with every reference written out at module level; every position with
    each alias kind and wrap, the reference rotating, so that all pairs are covered."""
    for i, position in enumerate(POSITIONS):
        for ref in REFERENCES:
            yield build(position, ref, name=name)
        for j, (alias, wrap) in enumerate(KINDS[1:]):
            yield build(position, REFERENCES[(i + j) % len(REFERENCES)], alias, wrap, name=name)


def combined_modules(per_module: int = 40) -> Iterator[Tuple[str, str]]:
    """Many cases in one module each (name, text), every alias with its own name, functions and
    classes numbered: for whole-file properties like the prescreen's."""
    chunk: List[str] = []
    n = 0
    for k, case in enumerate(all_cases()):
        case = build(case.position, case.ref, case.alias, case.wrap, name=f"M{k}")
        body = case.text.split("\n", 1)[1].replace(MARK, "")
        chunk.append(body.replace("def wrapper(", f"def wrapper_{k}(").replace("class Wrapper:", f"class Wrapper_{k}:"))
        if len(chunk) == per_module:
            yield f"positions_{n}.py", "import tensorflow as tf\n" + "\n".join(chunk)
            chunk, n = [], n + 1
    if chunk:
        yield f"positions_{n}.py", "import tensorflow as tf\n" + "\n".join(chunk)
