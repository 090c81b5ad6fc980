"""Program shapes: the graph built and run inside a function (``def main(_):`` started by
``tf.app.run()``), with graph-building helper functions called from it.

Most TF 1.x scripts are not flat modules: they define flags at module level, build the graph in
``main`` (often through helpers such as ``def model(x): ...``) and start through ``tf.app.run()``.
:func:`find_entry` finds the function whose body holds the session; the lifter then reads the
module's own statements plus that body, and writes the lifted program back inside the function
(variables and Keras layers created once per call of ``main``, the ``@tf.function`` steps
defined in it), so that flags are read where they were, after ``app.run`` parsed them.

A helper that creates variables, layers or placeholders cannot stay a function (each TF 1.x call
created new variables; a Keras layer is created once and called): :func:`inline_helpers` copies
its body into ``main`` at the call, parameters bound to the call's arguments, locals renamed
where they would clash, ``return value`` turned into the call's assignment.  The lifter then
reads the inlined program like any other; ``LineMap`` sends its diagnostics back to the lines
of the original file.  A ``for name in range(n)`` loop in a helper, ``n`` a literal at the call,
is unrolled (TF 1.x unrolled it into the graph: one set of ops and variables per iteration), and
scope/variable/layer names computed from the loop's value are written as literals.  A helper it
cannot copy (other control flow, ``*args``, a call inside an expression) declines with TFU509 at
that line.  Helpers that only compute (``def loss_fn``)
stay functions, called from the lifted steps.
"""
from __future__ import annotations

import ast
import textwrap
from dataclasses import dataclass
from typing import Dict, List, Optional, Set, Tuple

from . import tables
from .names import Decline, Source, call_name, fresh_name, qualname, tf_references

# TF 1.x modules that were absl's: copied as written, then converted with the ordinary absl rules
ABSL_MODULES = ("tf.app", "tf.flags", "tf.logging", "tf.compat.v1.app", "tf.compat.v1.flags",
                "tf.compat.v1.logging")


def absl_only(stmt: ast.stmt, alias: str) -> bool:
    """Every TF name in stmt is tf.app/tf.flags/tf.logging (``flags = tf.app.flags``, ``tf.app.run()``)."""
    refs = [qualname(r, alias) for r in tf_references(stmt, alias)]
    return bool(refs) and all(any(q == m or q.startswith(m + ".") for m in ABSL_MODULES) for q in refs)


# a function that calls one of these (directly or through another helper) creates graph state
CREATORS = ("tf.Variable", "tf.get_variable", "tf.placeholder", "tf.variable_scope")


@dataclass
class Entry:
    """The function holding the session: its index in the module body, the node, its statements
    (``body``: a ``with tf.Graph().as_default():`` block's own statements spliced in, the block
    gone, as eager code has no graph to enter), and the index of the session statement in them."""

    index: int
    func: ast.FunctionDef
    session_index: int
    body: List[ast.stmt]


def _graph_block(func: ast.FunctionDef, alias: str) -> Optional[int]:
    """Index of a ``with tf.Graph().as_default():`` statement in func's body."""
    for k, stmt in enumerate(func.body):
        if isinstance(stmt, ast.With) and len(stmt.items) == 1:
            expr = stmt.items[0].context_expr
            if isinstance(expr, ast.Call) and isinstance(expr.func, ast.Attribute) and expr.func.attr == "as_default" \
                    and not expr.args and call_name(expr.func.value, alias) == "tf.Graph" and not expr.func.value.args:
                return k
    return None


def find_entry(tree: ast.Module, alias: str, find_session) -> Optional[Tuple[Entry, object]]:
    """The module-level function whose own body runs a session, with that session."""
    for i, stmt in enumerate(tree.body):
        if not isinstance(stmt, ast.FunctionDef):
            continue
        body = stmt.body
        k = _graph_block(stmt, alias)
        if k is not None:
            block = stmt.body[k]
            body = stmt.body[:k] + block.body + stmt.body[k + 1:]
        found = find_session(ast.Module(body=body, type_ignores=[]), alias)
        if found is not None:
            if stmt.decorator_list:
                raise Decline("TFU503", stmt, f"`{stmt.name}` runs the session and is decorated")
            if stmt.body[0].lineno == stmt.lineno:
                raise Decline("TFU503", stmt, f"`{stmt.name}` has its body on the `def` line")
            if k is not None:
                g = block.items[0].optional_vars
                if g is not None and not isinstance(g, ast.Name):
                    raise Decline("TFU507", block, "a graph bound to something other than a name")
                if g is not None:
                    use = next((n for n in ast.walk(stmt) if isinstance(n, ast.Name) and n.id == g.id
                                and isinstance(n.ctx, ast.Load)), None)
                    if use is not None:
                        raise Decline("TFU507", use, f"the graph `{g.id}` is used as an object; eager TF 2 has "
                                                     "no graph to address")
                if not found[1].is_with and stmt.body[k + 1:]:
                    raise Decline("TFU503", found[1].stmt, "a session opened without `with` inside "
                                                           "`with tf.Graph().as_default()`, with code after the block")
            return Entry(i, stmt, found[0], body), found[1]
    return None


class LineMap:
    """Line numbers of a rewritten text -> lines of the original file."""

    def __init__(self, lines: Optional[List[int]] = None):
        self.lines = lines

    def __call__(self, line: int) -> int:
        if self.lines is None or not 1 <= line <= len(self.lines):
            return line
        return self.lines[line - 1]

    def then(self, inner: "LineMap") -> "LineMap":
        """``inner`` maps a newer text onto the text this map reads."""
        if inner.lines is None:
            return self
        return LineMap([self(x) for x in inner.lines])


def creates_state(func: ast.FunctionDef, alias: str, helpers: Dict[str, ast.FunctionDef],
                  seen: Optional[Set[str]] = None) -> bool:
    seen = set() if seen is None else seen
    seen.add(func.name)
    for ref in tf_references(func, alias):
        q = qualname(ref, alias)
        if q in CREATORS or q in tables.LAYERS or (q or "").startswith("tf.train.") and q.endswith("Optimizer"):
            return True
    for node in ast.walk(func):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in helpers \
                and node.func.id not in seen and creates_state(helpers[node.func.id], alias, helpers, seen):
            return True
    return False


def inline_helpers(text: str, alias: str, find_session) -> Tuple[str, LineMap]:
    """``text`` with every graph-building helper called from the entry function copied in at its
    call (repeated until none is left: helpers calling helpers), and the line map back."""
    mapping = LineMap()
    for _ in range(8):
        tree = ast.parse(text)
        found = find_entry(tree, alias, find_session)
        if found is None:
            return text, mapping
        entry = found[0]
        helpers = {s.name: s for s in tree.body if isinstance(s, ast.FunctionDef) and s is not entry.func}
        creating = {n for n, f in helpers.items() if creates_state(f, alias, helpers)}
        if not creating:
            return text, mapping
        try:
            new_text, lines = _Inliner(text, tree, entry, helpers, creating, alias).run()
        except Decline as exc:
            exc.line = mapping(exc.line)
            raise
        if new_text == text:
            return text, mapping
        text, mapping = new_text, mapping.then(LineMap(lines))
    raise Decline("TFU509", None, "graph-building helpers nested too deep to copy into the entry function")


def copied_helpers(tree: ast.Module, alias: str, entry: Entry) -> List[ast.FunctionDef]:
    """Graph-building helpers no longer called (every call was copied into the entry function):
    left out of the modernized file, whose Keras layers they would not create."""
    helpers = {s.name: s for s in tree.body if isinstance(s, ast.FunctionDef) and s is not entry.func}
    dead = {n for n, f in helpers.items() if creates_state(f, alias, helpers)}
    changed = True
    while changed:
        changed = False
        outside = [s for s in tree.body if not (isinstance(s, ast.FunctionDef) and s.name in dead)]
        used = {n.id for s in outside for n in ast.walk(s) if isinstance(n, ast.Name)}
        for name in list(dead):
            if name in used:
                dead.discard(name)
                changed = True
    return [helpers[n] for n in helpers if n in dead]


class _Inliner:
    def __init__(self, text, tree, entry: Entry, helpers, creating, alias):
        self.text, self.tree, self.entry, self.helpers, self.creating, self.alias = (
            text, tree, entry, helpers, creating, alias)
        self.src = Source(text)
        # names of the module and the entry function (a helper's own locals vanish with it)
        outside = [s for s in tree.body if not (isinstance(s, ast.FunctionDef) and s.name in helpers)]
        self.taken = {n.id for s in outside for n in ast.walk(s) if isinstance(n, ast.Name)} | set(helpers) | {
            a.arg for s in outside for n in ast.walk(s) if isinstance(n, ast.arguments)
            for a in n.args + n.kwonlyargs + n.posonlyargs}

    def fresh(self, base: str) -> str:
        return fresh_name(self.taken, base)

    def run(self) -> Tuple[str, List[int]]:
        edits = []  # (start line, end line, new lines with their original line numbers)
        self._block(self.entry.body[:self.entry.session_index], edits)
        self._refuse_elsewhere()
        if not edits:
            return self.text, list(range(1, len(self.src.lines) + 1))
        out: List[str] = []
        lines: List[int] = []
        pos = 1
        for start, end, new in sorted(edits, key=lambda e: e[0]):
            for ln in range(pos, start):
                out.append(self.src.lines[ln - 1])
                lines.append(ln)
            for t, ln in new:
                out.append(t)
                lines.append(ln)
            pos = end + 1
        for ln in range(pos, len(self.src.lines) + 1):
            out.append(self.src.lines[ln - 1])
            lines.append(ln)
        return "".join(out), lines

    def _block(self, stmts, edits) -> None:
        for stmt in stmts:
            call = self._helper_call(stmt)
            if call is not None:
                edits.append((stmt.lineno, stmt.end_lineno, self._inline(stmt, call)))
                continue
            if isinstance(stmt, ast.With):
                self._block(stmt.body, edits)
                continue
            for node in ast.walk(stmt):
                if isinstance(node, ast.Call) and self._creating(node):
                    raise Decline("TFU509", node, f"`{node.func.id}` builds variables or layers and is called "
                                                  "inside an expression or a compound statement; the lifter "
                                                  "copies such a function only as `name = f(...)` or `f(...)`")

    def _refuse_elsewhere(self) -> None:
        """A graph-building helper called after the session started, or from a non-entry function
        that is not itself being copied, would build graph at run time."""
        for node in ast.walk(ast.Module(body=self.entry.body[self.entry.session_index:], type_ignores=[])):
            if isinstance(node, ast.Call) and self._creating(node):
                raise Decline("TFU503", node, f"`{node.func.id}` builds graph pieces and is called while the "
                                              "session runs")

    def _creating(self, call: ast.Call) -> bool:
        return isinstance(call.func, ast.Name) and call.func.id in self.creating

    def _helper_call(self, stmt) -> Optional[ast.Call]:
        value = None
        if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1:
            value = stmt.value
        elif isinstance(stmt, ast.Expr):
            value = stmt.value
        if isinstance(value, ast.Call) and self._creating(value):
            return value
        return None

    # ---- one call ------------------------------------------------------------------------------
    def _inline(self, stmt, call: ast.Call) -> List[Tuple[str, int]]:
        func = self.helpers[call.func.id]
        indent = self.src.indent_of(stmt)
        name = func.name
        a = func.args
        if a.vararg or a.kwarg or a.kwonlyargs or a.posonlyargs:
            raise Decline("TFU509", func, f"`{name}` takes *args/**kwargs or keyword-only parameters; the "
                                          "lifter copies graph-building functions with plain parameters only")
        if any(isinstance(x, ast.Starred) for x in call.args) or any(k.arg is None for k in call.keywords):
            raise Decline("TFU509", call, f"`{name}` called with *args/**kwargs")
        params = [p.arg for p in a.args]
        defaults = dict(zip(params[len(params) - len(a.defaults):], a.defaults))
        if len(call.args) > len(params):
            raise Decline("TFU509", call, f"`{name}` called with more arguments than it takes")
        bound: Dict[str, ast.AST] = dict(zip(params, call.args))
        for k in call.keywords:
            if k.arg not in params or k.arg in bound:
                raise Decline("TFU509", call, f"`{name}` called with an unknown or repeated argument `{k.arg}`")
            bound[k.arg] = k.value
        body = list(func.body)
        if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) \
                and isinstance(body[0].value.value, str):
            body = body[1:]
        ret = body[-1] if body and isinstance(body[-1], ast.Return) else None
        if ret is not None:
            body = body[:-1]
        self._check_straight(func, body)
        out: List[Tuple[str, int]] = []
        rename: Dict[str, str] = {}
        for p in params:
            value = bound.get(p, defaults.get(p))
            if value is None:
                raise Decline("TFU509", call, f"`{name}` called without its parameter `{p}`")
            if p not in bound and not _simple(value):
                raise Decline("TFU509", func, f"`{name}`'s default for `{p}` is not a constant or a name")
            text = (self.src.segment(value) if p in bound else self.src.segment(value))
            if _simple(value):
                rename[p] = text
            else:
                local = self.fresh(p)
                rename[p] = local
                out.append((f"{indent}{local} = {text}\n", call.lineno))
        stored = []
        for s in body:
            for n in ast.walk(s):
                if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store) and n.id not in stored:
                    stored.append(n.id)
        target = stmt.targets[0] if isinstance(stmt, ast.Assign) else None
        arg_names = {n.id for v in bound.values() for n in ast.walk(v) if isinstance(n, ast.Name)}
        # a returned local takes the name the call's result is bound to (``x, y = inputs()``)
        returns: Dict[str, str] = {}
        if ret is not None and isinstance(target, ast.Name) and isinstance(ret.value, ast.Name):
            returns[ret.value.id] = target.id
        elif ret is not None and isinstance(target, (ast.Tuple, ast.List)) \
                and isinstance(ret.value, (ast.Tuple, ast.List)) and len(target.elts) == len(ret.value.elts):
            for t, v in zip(target.elts, ret.value.elts):
                if isinstance(t, ast.Name) and isinstance(v, ast.Name) and v.id not in returns:
                    returns[v.id] = t.id
        returns = {k: v for k, v in returns.items() if v not in arg_names and list(returns.values()).count(v) == 1}
        for local in stored:
            returned = local in returns
            if local in rename:  # a parameter rebound in the body: bound to its own name first
                own = returns[local] if returned else self.fresh(local)
                out.append((f"{indent}{own} = {rename[local]}\n", call.lineno))
                rename[local] = own
            elif returned:
                rename[local] = returns[local]
            else:
                rename[local] = self.fresh(local) if local in self.taken else local
                self.taken.add(rename[local])
        out += self._copy_block(body, rename, indent, set())
        if ret is not None and ret.value is not None:
            value = self._renamed(ret.value, rename)
            if target is None:
                out.append((f"{indent}{self.fresh(name + '_result')} = {value}\n", ret.lineno))
            elif isinstance(ret.value, ast.Name) and rename.get(ret.value.id) == getattr(target, "id", None):
                pass  # the returned local already carries the target's name
            elif isinstance(target, (ast.Tuple, ast.List)) and isinstance(ret.value, (ast.Tuple, ast.List)) \
                    and len(target.elts) == len(ret.value.elts) and all(isinstance(e, ast.Name) for e in target.elts):
                for t, v in zip(target.elts, ret.value.elts):
                    if not (isinstance(v, ast.Name) and rename.get(v.id) == t.id):
                        out.append((f"{indent}{t.id} = {self._renamed(v, rename)}\n", ret.lineno))
            else:
                out.append((f"{indent}{self.src.segment(target)} = {value}\n", ret.lineno))
        elif target is not None:
            raise Decline("TFU509", call, f"`{name}` returns nothing but its result is assigned")
        return out

    def _check_straight(self, func, body) -> None:
        for s in body:
            for n in ast.walk(s):
                if isinstance(n, ast.For) and _range_loop(n) is not None:
                    continue  # unrolled when copied (_copy_block), its bounds checked there
                if isinstance(n, (ast.If, ast.For, ast.While, ast.Try, ast.FunctionDef, ast.AsyncFunctionDef,
                                  ast.ClassDef, ast.Lambda, ast.Global, ast.Nonlocal, ast.Return, ast.Yield,
                                  ast.ListComp, ast.GeneratorExp, ast.DictComp, ast.SetComp, ast.AsyncFor,
                                  ast.AsyncWith, ast.Await, ast.YieldFrom, ast.NamedExpr, ast.Break, ast.Continue)):
                    what = type(n).__name__.lower()
                    raise Decline("TFU509", n, f"`{func.name}` builds variables or layers and has a `{what}` "
                                               "(line %d); the lifter copies graph-building functions into the "
                                               "entry function when they are straight-line code, scopes and "
                                               "`for name in range(...)` loops with literal bounds" % n.lineno)
            for w in [n for n in ast.walk(s) if isinstance(n, ast.With)]:
                if len(w.items) != 1 or call_name(w.items[0].context_expr, self.alias) \
                        not in ("tf.name_scope", "tf.variable_scope"):
                    raise Decline("TFU509", w, f"`{func.name}`: a `with` other than a name/variable scope")

    def _renamed(self, node: ast.AST, rename: Dict[str, str]) -> str:
        a, b = self.src.span(node)
        edits = []
        for n in ast.walk(node):
            if isinstance(n, ast.Name) and n.id in rename and rename[n.id] != n.id:
                s, e = self.src.span(n)
                edits.append((s, e, rename[n.id]))
        out, pos = [], a
        for s, e, t in sorted(edits):
            out.append(self.text[pos:s])
            out.append(t)
            pos = e
        out.append(self.text[pos:b])
        return "".join(out)

    def _copy_block(self, stmts, rename, indent, stored: Set[str]) -> List[Tuple[str, int]]:
        """Statements in order; a local bound to a second variable gets its own name from there on
        (``weights`` under two name scopes, as in TF's MNIST ``inference``): the lifted functions
        read variables by name."""
        out: List[Tuple[str, int]] = []
        for stmt in stmts:
            if isinstance(stmt, ast.For):  # a loop over a range builds its ops once per value: unrolled
                for value in self._range_values(stmt, rename):
                    rename[stmt.target.id] = repr(value)
                    out += self._copy_block(stmt.body, rename, indent, stored)
                continue
            if isinstance(stmt, ast.With):
                items = [_fold_names(self._renamed(it.context_expr, rename), self.alias) for it in stmt.items]
                out.append((f"{indent}with {', '.join(items)}:\n", stmt.lineno))
                out += self._copy_block(stmt.body, rename, indent + "    ", stored)
                continue
            targets = [n.id for n in ast.walk(stmt) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)]
            if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name) \
                    and call_name(stmt.value, self.alias) in ("tf.Variable", "tf.get_variable") \
                    and stmt.targets[0].id in stored:
                local = stmt.targets[0].id
                if local in {n.id for n in ast.walk(stmt.value) if isinstance(n, ast.Name)}:
                    raise Decline("TFU509", stmt, f"`{local}` is rebound to a variable made from its old value")
                rename[local] = self.fresh(local)
            out += self._copy(stmt, rename, indent)
            stored.update(targets)
        return out

    def _range_values(self, loop: ast.For, rename) -> List[int]:
        """The values of ``for name in range(...)`` once its bounds are read with the call's
        arguments; a bound that is no literal integer then declines."""
        bounds = []
        for arg in _range_loop(loop):
            try:
                value = ast.literal_eval(self._renamed(arg, rename))
            except (ValueError, SyntaxError):
                value = None
            if not isinstance(value, int) or isinstance(value, bool):
                raise Decline("TFU509", arg, f"`for {loop.target.id} in range(...)`: the bound "
                                             f"`{self.src.segment(arg)}` is not a literal integer where the function "
                                             "is called; the lifter unrolls loops over literal ranges only")
            bounds.append(value)
        values = list(range(*bounds))
        if len(values) > MAX_UNROLLED:
            raise Decline("TFU509", loop, f"`for {loop.target.id} in range(...)` runs {len(values)} times; the "
                                          f"lifter unrolls at most {MAX_UNROLLED} iterations")
        return values

    def _copy(self, stmt, rename, indent) -> List[Tuple[str, int]]:
        start = self.src.line_start(stmt.lineno)
        a, b = self.src.span(stmt)
        prefix = self.text[start:a]
        text = prefix + _fold_names(self._renamed(stmt, rename), self.alias)
        text = textwrap.indent(textwrap.dedent(text), indent)
        return [(line if line.endswith("\n") else line + "\n", stmt.lineno + k)
                for k, line in enumerate(text.splitlines(keepends=True))]


MAX_UNROLLED = 64  # iterations of one unrolled helper loop


def _range_loop(loop: ast.For) -> Optional[List[ast.AST]]:
    """The bounds of ``for name in range(a[, b[, step]]):`` (no else, the name not rebound inside),
    or None for any other loop."""
    it = loop.iter
    if not (isinstance(loop.target, ast.Name) and not loop.orelse and isinstance(it, ast.Call)
            and isinstance(it.func, ast.Name) and it.func.id == "range" and 1 <= len(it.args) <= 3
            and not it.keywords and not any(isinstance(a, ast.Starred) for a in it.args)):
        return None
    for n in ast.walk(ast.Module(body=loop.body, type_ignores=[])):
        if isinstance(n, ast.Name) and n.id == loop.target.id and not isinstance(n.ctx, ast.Load):
            return None
    return list(it.args)


# the arguments that name scopes, layers and variables: a string computed from the unrolled loop's
# value (``"layer%d" % 0``) is written as the literal it is, which the graph reader needs
_NAME_ARGUMENTS = {"tf.variable_scope": 0, "tf.name_scope": 0, "tf.get_variable": 0}
_FOLDABLE = (ast.Expression, ast.Constant, ast.BinOp, ast.Mod, ast.Add, ast.Tuple, ast.Load,
             ast.JoinedStr, ast.FormattedValue)


def _fold_names(text: str, alias: str) -> str:
    """``text`` (one statement, as copied) with each scope/variable/layer name computed from
    constants only replaced by its value."""
    try:
        tree = ast.parse(textwrap.dedent(text))
    except SyntaxError:
        return text
    src = Source(textwrap.dedent(text))  # the caller dedents the copy anyway
    edits = []
    for call in ast.walk(tree):
        if not isinstance(call, ast.Call):
            continue
        q = call_name(call, alias)
        args = [k.value for k in call.keywords if k.arg in ("name", "scope", "name_or_scope")]
        if q in _NAME_ARGUMENTS and len(call.args) > _NAME_ARGUMENTS[q]:
            args.append(call.args[_NAME_ARGUMENTS[q]])
        for arg in args:
            if isinstance(arg, ast.Constant) or not all(isinstance(n, _FOLDABLE) for n in ast.walk(arg)):
                continue
            if any(isinstance(n, ast.FormattedValue) and n.format_spec is not None for n in ast.walk(arg)):
                continue
            try:
                value = eval(compile(ast.Expression(arg), "<name>", "eval"), {"__builtins__": {}})  # noqa: S307
            except Exception:  # noqa: BLE001 - not a constant after all: left as written
                continue
            if isinstance(value, str):
                edits.append((*src.span(arg), repr(value)))
    if not edits:
        return text
    out, pos, body = [], 0, src.text
    for a, b, t in sorted(edits):
        out.append(body[pos:a])
        out.append(t)
        pos = b
    out.append(body[pos:])
    return "".join(out)


def _simple(node: ast.AST) -> bool:
    """Text that can stand for a parameter wherever it is read: a name, constant or attribute chain."""
    if isinstance(node, ast.Constant):
        return True
    if isinstance(node, ast.UnaryOp) and isinstance(node.operand, ast.Constant):
        return True
    while isinstance(node, ast.Attribute):
        node = node.value
    return isinstance(node, ast.Name)


MONITORED = ("tf.train.MonitoredTrainingSession", "tf.train.MonitoredSession", "tf.train.SingularMonitoredSession",
             "tf.train.Supervisor", "tf.compat.v1.train.MonitoredTrainingSession",
             "tf.compat.v1.train.MonitoredSession")


def unreachable_session(tree: ast.Module, alias: str) -> None:
    """A program with a session the lifter cannot reach declines at that session's line (rather
    than reading as "no session"): a monitored session or supervisor (hooks, checkpoints and
    summaries run by the session), or a session deeper than a module-level function's body."""
    for node in ast.walk(tree):
        q = call_name(node, alias)
        if q in MONITORED:
            raise Decline("TFU507", node, f"`{q}` runs hooks, checkpoints and summaries inside the session; the "
                                          "lifter lifts a plain tf.Session only")
    for node in ast.walk(tree):
        q = call_name(node, alias)
        if q in tables.SESSIONS:
            raise Decline("TFU503", node, f"`{q}` is opened inside a nested block (a loop, condition, "
                                          "method or inner function); the lifter lifts a session at module level "
                                          "or in a module-level function's body (or its `with tf.Graph()."
                                          "as_default():` block)")
