"""Which top-level functions and classes can a rule touch?  Decided with Python's own parser.

libcst's parse, the resolver and the transformer walk cost about 15x Python's
``ast.parse``, and most of a TF 1.x file needs nothing from them: a function
calling ``tf.matmul`` and ``tf.nn.relu`` reads the same in TF 2.  This pass
parses the file with :mod:`ast`, lists the TensorFlow names each top-level
``def``/``class`` uses, and asks the rule screens (``registry.py``) whether any
hook could act on one of them.  Those that no hook can touch are *left out*:
the text libcst parses has each of them replaced by a placeholder statement, a
string literal ``_tfu_omitted_<nonce>_<n>`` in triple quotes spanning the same
lines (at module level ``if <that string>: pass``, a compound statement like the ``def`` it stands
for, so layout checks such as "the import block ends here" read the same), so every line and
column of the rest stays where it was (positions, suppression comments), and
the output gets the original text back in its place (:meth:`Plan.restore`).

Only what provably cannot change the conversion is left out: module-level code
(imports, ``if __name__ == "__main__":``, assignments) is always parsed, and so
is any function or class that imports TensorFlow, binds a name some TensorFlow
import or assigned alias binds (shadowing, or an alias of its own such as
``K = tf.keras.backend``), or is named like something a rule looks up.  A
module-level alias (``layers = tf.layers``) resolves the names used through it
like an import.  Files where a module-level statement rebinds such a name, or
where one name is bound to two different TensorFlow modules, are parsed whole.  The references left out
are still counted for file-wide questions ("does this module build graphs?",
``Resolution.omitted_qualnames``).  ``tests/test_prescreen.py`` checks that the
result equals a whole-file conversion, code and diagnostics, on every fixture
and corpus file.
"""
from __future__ import annotations

import ast
import gc
import itertools
import re
import secrets
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable, Dict, FrozenSet, List, Optional, Set, Tuple

from ..rules.dialect import removed_keywords
from ..rules.registry import ONCE, STOP, CallShape, Hook, Registry
from .fastpath import IMPLICIT_BINDINGS, IMPLICIT_PREFIX
from .resolve import imported_as
from .result import Settings

_MARKER = "_tfu_omitted_"
_ONLY_BLANKS_AND_COMMENTS = re.compile(r"(?:[ \t\f]*(?:#[^\r\n]*)?(?:\r\n|\r|\n))*[ \t\f]*")
_NEWLINE = re.compile(r"\r\n|\r|\n")
_DEFS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
# Fields that never hold a statement or expression (contexts, operators, names as strings).
_NOT_CHILDREN = frozenset({"ctx", "op", "ops", "name", "arg", "attr", "id", "module", "level", "kind",
                           "conversion", "simple", "is_async", "type_comment", "rest", "kwd_attrs", "names"})
_CHILD_FIELDS: Dict[type, Tuple[str, ...]] = {}
_BINDS_NAME = frozenset(getattr(ast, n) for n in (
    "FunctionDef", "AsyncFunctionDef", "ClassDef", "ExceptHandler", "MatchAs", "MatchStar", "MatchMapping",
    "TypeVar", "ParamSpec", "TypeVarTuple") if hasattr(ast, n))


@dataclass
class Plan:
    """The text to parse with libcst, and how to put the left-out statements back."""

    text: str
    pattern: Optional["re.Pattern[str]"]
    segments: List[str]  # original text of each left-out statement, by placeholder number
    omitted_qualnames: List[str] = field(default_factory=list)
    untouched: bool = False  # nothing in the file resolves to TensorFlow: no parse at all
    statement_lines: Optional[List[int]] = None  # first line of each module-level statement libcst will see

    def restore(self, code: str) -> Optional[str]:
        """``code`` generated from :attr:`text` with the original statements back (None: a placeholder was lost)."""
        if not self.segments:
            return code
        count = 0

        def put_back(m: "re.Match[str]") -> str:
            nonlocal count
            count += 1
            return self.segments[int(m.group(1) or m.group(2))]

        out = self.pattern.sub(put_back, code)
        return out if count == len(self.segments) else None


class _Facts:
    """What one statement contains, as far as the screens care.

    ``chains``/``calls`` are the statement's own (its nested statements are ``children``,
    in source order); ``bound``/``attributes``/``tf_imports`` include the children's.
    """

    __slots__ = ("node", "children", "chains", "calls", "bound", "attributes", "tf_imports", "assigned")

    def __init__(self, node: ast.stmt):
        self.node = node
        self.children: List["_Facts"] = []
        self.chains: List[str] = []  # maximal dotted Name/Attribute chains (`tf.nn.relu`, `x`), not called
        self.calls: List[Tuple[str, CallShape]] = []  # calls of such a chain, with their arguments' shape
        self.bound: Set[str] = set()  # names bound anywhere inside (targets, params, defs, imports...)
        self.attributes: Set[str] = set()  # names of attributes not on a dotted chain (`f().x`)
        self.tf_imports: List[Tuple[str, str]] = []  # (local name, canonical qualname)
        # `name = a.b.c` (a possible assigned alias, see resolve.py): (name, dotted value), children's too
        self.assigned: List[Tuple[str, str]] = []


def _dotted(node) -> Optional[str]:
    parts = []
    while type(node) is ast.Attribute:
        parts.append(node.attr)
        node = node.value
    if type(node) is not ast.Name:
        return None
    parts.append(node.id)
    return ".".join(reversed(parts))


def _scan(stmt: ast.stmt, v1_alias: bool) -> _Facts:
    facts = _Facts(stmt)
    chains, bound, attributes = facts.chains, facts.bound, facts.attributes
    stack: list = [stmt]
    pop, push, extend = stack.pop, stack.append, stack.extend
    AST, Attribute, Name, Load, Call, Starred = ast.AST, ast.Attribute, ast.Name, ast.Load, ast.Call, ast.Starred
    stmt_type, constant = ast.stmt, ast.Constant
    while stack:
        node = pop()
        kind = type(node)
        if kind is constant or not isinstance(node, AST):
            continue  # literals; None/str items of some lists (dict keys, `global` names)
        if isinstance(node, stmt_type) and node is not stmt:
            child = _scan(node, v1_alias)
            facts.children.append(child)
            bound |= child.bound
            attributes |= child.attributes
            facts.tf_imports.extend(child.tf_imports)
            facts.assigned.extend(child.assigned)
            continue
        if kind is Call:
            chain = _dotted(node.func)
            if chain is not None:
                keywords = node.keywords
                facts.calls.append((chain, CallShape(
                    len(node.args), frozenset(k.arg for k in keywords if k.arg is not None),
                    any(type(a) is Starred for a in node.args), any(k.arg is None for k in keywords))))
                extend(node.args)
                extend(keywords)
                continue  # the callee is listed with the calls, not with the other uses
        elif kind is Name:
            if type(node.ctx) is Load:
                chains.append(node.id)
            else:
                bound.add(node.id)
            continue
        if kind is Attribute:
            chain = _dotted(node)
            if chain is not None:
                # a store to `tf.x` reads `tf` (the resolver records it as a reference too)
                chains.append(chain)
                continue
            attributes.add(node.attr)
            push(node.value)
            continue
        if kind is ast.Assign or kind is ast.AnnAssign:
            target = node.targets[0] if kind is ast.Assign and len(node.targets) == 1 else getattr(node, "target", None)
            if type(target) is Name and node.value is not None:
                chain = _dotted(node.value)
                if chain is not None:
                    facts.assigned.append((target.id, chain))
        elif kind is ast.Import:
            for alias in node.names:
                local = alias.asname or alias.name.split(".")[0]
                q = imported_as(alias.name, v1_alias, alias.asname) if alias.asname else (
                    "tf" if local == "tensorflow" else None)
                if q is not None:
                    facts.tf_imports.append((local, q))
                else:
                    bound.add(local)
            continue
        if kind is ast.ImportFrom:
            base = imported_as(node.module, v1_alias, from_import=True) if node.module and not node.level else None
            for alias in node.names:
                local = alias.asname or alias.name
                if base is not None and alias.name != "*":
                    facts.tf_imports.append((local, f"{base}.{alias.name}"))
                else:
                    bound.add(local)
            continue
        if kind is ast.arg:
            bound.add(node.arg)
        elif kind is ast.Global or kind is ast.Nonlocal:
            bound.update(node.names)
            continue
        elif kind in _BINDS_NAME:
            # FunctionDef/ClassDef/ExceptHandler/MatchAs/MatchStar/MatchMapping (3.12: type parameters)
            name = getattr(node, "name", None)
            if type(name) is str:
                bound.add(name)
            rest = getattr(node, "rest", None)
            if type(rest) is str:
                bound.add(rest)
        fields = _CHILD_FIELDS.get(kind)
        if fields is None:
            fields = _CHILD_FIELDS[kind] = tuple(f for f in kind._fields if f not in _NOT_CHILDREN)
        for f in fields:
            value = getattr(node, f, None)
            if type(value) is list:
                extend(value)
            elif value is not None:
                push(value)
    facts.children.sort(key=lambda c: (c.node.lineno, c.node.col_offset))
    return facts


class Screen:
    """Could any active hook act on a reference or call of this TF name?  Memoised per name."""

    def __init__(self, registry: Registry, settings: Settings, target: Tuple[int, int]):
        hooks = registry.active(settings, target)
        self.env, self.called_env = hooks.env, hooks.called_env
        self.reference: List[Hook] = hooks.reference
        self.generic_calls: List[Hook] = hooks.generic_calls
        self.named_calls: Dict[str, List[Hook]] = hooks.named_calls
        self.methods: FrozenSet[str] = hooks.watched  # method and attribute hooks' names
        self.methods_without_import: FrozenSet[str] = hooks.methods_without_import
        self.looked_up: FrozenSet[str] = hooks.looked_up  # names some hook reads by name: always parsed
        self._cache: Dict[Tuple[str, bool], Tuple[bool, Tuple[int, ...]]] = {}

    def wants(self, qualname: str, called: bool = False) -> Tuple[bool, Tuple[int, ...]]:
        """(some reference hook may act on every such use of ``qualname``, hooks acting only on the first)."""
        hit = self._cache.get((qualname, called))
        if hit is None:
            always, once = False, []
            env = self.called_env if called else self.env
            for i, hook in enumerate(self.reference):
                answer = True if hook.screen is None else hook.screen(qualname, env)
                if answer == STOP:
                    break  # the hook answers without effect: the ones after it are never asked
                if answer == ONCE:
                    once.append(i)
                elif answer:
                    always = True
            hit = self._cache[(qualname, called)] = (always, tuple(once))
        return hit

    def wants_call(self, qualname: str, shape: CallShape) -> bool:
        """Could a call hook act on this call of ``qualname``?"""
        env = self.called_env
        for hook in self.named_calls.get(qualname, ()):
            if hook.screen is None or hook.screen(qualname, env, shape):
                return True
        return any(h.screen is None or h.screen(qualname, env, shape) for h in self.generic_calls)


@lru_cache(maxsize=16)
def _screen(settings: Settings, target: Tuple[int, int]) -> Screen:
    from ..rules import load_all

    return Screen(load_all(), settings, target)


def plan(text: str, settings: Settings, target: Tuple[int, int]) -> Optional[Plan]:
    """A :class:`Plan` leaving out what no rule can touch; None when everything must be parsed."""
    if _MARKER in text:
        return None
    try:
        tree = parse_without_gc(ast.parse, text)
    except (SyntaxError, ValueError, RecursionError, MemoryError, OverflowError):
        return None  # libcst reports it (or accepts what this Python's parser does not)
    return _Planner(text, tree.body, settings.upgrade_compat_v1_import, _screen(settings, target)).plan()


class _Planner:
    """One file's decisions: which statements are left out, and the text libcst parses instead."""

    def __init__(self, text: str, body: List[ast.stmt], v1_alias: bool, screen: Screen):
        self.text = text
        self.body = body
        self.screen = screen
        self.methods = screen.methods
        self.facts = [_scan(stmt, v1_alias) for stmt in body]
        # Module-level TF bindings: name -> (qualname, index of the statement that first makes it,
        # an assigned alias: `layers = tf.layers`).
        self.module_bindings: Dict[str, Tuple[str, int, bool]] = {}
        self.tracked: Dict[str, str] = {}  # every TF import's local name -> its qualname
        self.tracked_names: Set[str] = set()  # ... and every name assigned from one, at any depth
        self.alias_at: Dict[int, Set[str]] = {}  # statement index -> the module-level alias it assigns
        self.once_done: Set[int] = set()  # ONCE hooks whose first use was kept (see registry.py)
        self.lines = _line_starts(text)
        # (start, end offset, TF names, (parent statement, index among its siblings)) of each left-out statement
        self.omitted: List[Tuple[int, int, List[str], Tuple[int, int]]] = []
        self._uses: Dict[Tuple[int, bool], tuple] = {}  # descend() asks again at every level
        self._free: Dict[int, bool] = {}

    def plan(self) -> Optional[Plan]:
        if not self._find_bindings():
            return None
        if not self.tracked and not _implicit_uses(self.facts, self.screen.methods_without_import):
            # No TF import, and `tf.x` only in comments or strings (the fast path's text test
            # cannot tell), no method only TF objects have: the resolver would find nothing.
            return Plan(self.text, None, [], untouched=True)
        if not self.module_bindings:
            return None  # snippets, notebooks cells without imports: the implicit bindings apply
        if not self._track_aliases():
            return None
        self._leave_out_what_no_hook_wants()
        return self._placeholders()

    # ---- what the module binds ------------------------------------------------
    def _find_bindings(self) -> bool:
        """Record the module-level TF bindings; False when they must be resolved statement by statement."""
        module_bindings, tracked = self.module_bindings, self.tracked
        module_aliases: Dict[str, int] = {}  # `name = x.y` at module level, x a TF binding (see resolve.py)
        for i, (stmt, f) in enumerate(zip(self.body, self.facts)):
            for local, q in f.tf_imports:
                if tracked.setdefault(local, q) != q:
                    return False  # one name, two TF modules
                if not isinstance(stmt, _DEFS):
                    module_bindings.setdefault(local, (q, i, False))
            if type(stmt) in (ast.Assign, ast.AnnAssign) and f.assigned:
                name, chain = f.assigned[0]
                q = _qualname(chain, module_bindings, i)
                if q is not None:
                    if name in module_bindings or name in module_aliases:
                        return False  # bound twice
                    module_bindings[name] = (q, i, True)
                    module_aliases[name] = i
        self.alias_at = {at: {name} for name, at in module_aliases.items()}
        return True

    def _track_aliases(self) -> bool:
        """Every name that may hold a TF object anywhere: imported, or assigned from such a name at
        any depth (an alias in a function makes its uses there TF references too).  False when
        module-level code rebinds one (its meaning changes mid-file)."""
        aliases: Set[str] = set()
        assigned = [pair for f in self.facts for pair in f.assigned]
        grown = True
        while grown:
            grown = False
            for name, chain in assigned:
                root = chain.partition(".")[0]
                if name not in aliases and name not in self.tracked and (root in self.tracked or root in aliases):
                    aliases.add(name)
                    grown = True
        tracked_names = self.tracked_names = set(self.tracked) | aliases
        for i, (stmt, f) in enumerate(zip(self.body, self.facts)):
            if not isinstance(stmt, _DEFS):
                if not self._own_bound(f, i).isdisjoint(tracked_names):
                    return False
            elif stmt.name in tracked_names:
                return False
        return True

    def _own_bound(self, f: _Facts, index: int) -> Set[str]:
        """Names top-level statement ``index`` binds, but for the module-level alias it assigns."""
        return f.bound - self.alias_at[index] if index in self.alias_at else f.bound

    # ---- which statements a hook may want -------------------------------------
    def _leave_out_what_no_hook_wants(self) -> None:
        body, looked_up = self.body, self.screen.looked_up
        for i, f in enumerate(self.facts):
            stmt = f.node
            # no local shadowing or alias (but its own, for `layers = tf.layers`): the resolver's answers
            exact = self._own_bound(f, i).isdisjoint(self.tracked_names)
            if not isinstance(stmt, _DEFS) or stmt.name in looked_up or f.tf_imports or not exact:
                if exact:
                    self.once_done.update(self.uses(f, i)[1])
                if not isinstance(stmt, ast.Try):  # `try: import x` blocks are read as import blocks
                    self.descend_strict(f)
                continue
            always, once, names = self.uses(f, i)
            shares = (i and (body[i - 1].end_lineno or 0) >= _first_line(stmt)) or (
                i + 1 < len(body) and _first_line(body[i + 1]) <= (stmt.end_lineno or 0))
            if always or (once - self.once_done) or shares or not self.leave_out(f, names, None, i):
                self.descend(f, i)

    def uses(self, f: _Facts, index: int, own: bool = False) -> Tuple[bool, Set[int], List[str]]:
        """(always wanted, ONCE hooks wanted, TF names) of the statement's uses (with its children's)."""
        key = (id(f), own)
        found = self._uses.get(key)
        if found is None:
            found = self._uses[key] = self._find_uses(f, index, own)
        return found

    def _find_uses(self, f: _Facts, index: int, own: bool) -> Tuple[bool, Set[int], List[str]]:
        screen, methods, module_bindings = self.screen, self.methods, self.module_bindings
        always, once, names = False, set(), []
        for chain in f.chains:
            q = _qualname(chain, module_bindings, index)
            if q is not None and not ("." not in chain and module_bindings[chain][2]):
                # (a bare alias name passed as a value is no reference: see resolve.py)
                names.append(q)
                a, o = screen.wants(q)
                always = always or a
                once.update(o)
            elif q is None and methods and chain.rpartition(".")[2] in methods:
                always = True  # `ds.output_types` read off a non-TF name: an attribute hook's
        for chain, shape in f.calls:
            q = _qualname(chain, module_bindings, index)
            if q is not None:
                names.append(q)
                a, o = screen.wants(q, called=True)
                # a keyword TF 2 removed (keep_dims=) is dialect evidence the engine reads from the parse
                always = always or a or screen.wants_call(q, shape) or bool(removed_keywords(q, shape.keywords))
                once.update(o)
            elif methods and chain.rpartition(".")[2] in methods:
                always = True  # `x.make_one_shot_iterator()`: a method hook's
        if not own:
            always = always or not methods.isdisjoint(f.attributes)
            for c in f.children:
                a, o, n = self.uses(c, index)
                always = always or a
                once |= o
                names += n
        return always, once, names

    def descend(self, f: _Facts, index: int) -> None:
        """``f`` is kept: leave out what none of its nested statements needs."""
        children = f.children
        for i, c in enumerate(children):
            always, once, names = self.uses(c, index)
            shares = i + 1 < len(children) and _first_line(children[i + 1].node) <= (c.node.end_lineno or 0)
            if not always and not (once - self.once_done) and not shares and self.leave_out(c, names, f, i):
                continue
            if c.children:
                self.descend(c, index)
            else:
                self.once_done.update(once)
        self.once_done.update(self.uses(f, index, own=True)[1])

    def tf_free(self, f: _Facts) -> bool:
        """Nothing in ``f`` is, binds or could become a TF name, a method a hook watches or a
        name a hook looks up."""
        found = self._free.get(id(f))
        if found is None:
            found = self._free[id(f)] = self._find_tf_free(f)
        return found

    def _find_tf_free(self, f: _Facts) -> bool:
        methods, tracked_names = self.methods, self.tracked_names
        if f.tf_imports or not f.bound.isdisjoint(tracked_names) or not f.bound.isdisjoint(self.screen.looked_up) \
                or type(f.node) in (ast.Import, ast.ImportFrom) or not methods.isdisjoint(f.attributes):
            return False
        for chain in itertools.chain(f.chains, (c for c, _ in f.calls)):
            if chain.partition(".")[0] in tracked_names or chain.rpartition(".")[2] in methods:
                return False
        return all(self.tf_free(c) for c in f.children)

    def descend_strict(self, f: _Facts) -> None:
        """``f`` is parsed for its own sake (module-level code, shadowing): leave out only
        nested statements without any TF name, which cannot change how the rest resolves."""
        children = f.children
        for i, c in enumerate(children):
            shares = i + 1 < len(children) and _first_line(children[i + 1].node) <= (c.node.end_lineno or 0)
            if not shares and self.tf_free(c) and self.leave_out(c, [], f, i):
                continue
            self.descend_strict(c)

    def leave_out(self, f: _Facts, names: List[str], parent: object, index: int) -> bool:
        """Replace statement ``f`` by a placeholder if it has lines of its own."""
        text, lines = self.text, self.lines
        node = f.node
        first = _first_line(node)
        last = node.end_lineno or node.lineno
        begin, stop = lines[first - 1], _line_end(text, lines, last)
        segment = text[begin:stop]
        code = segment.lstrip(" \t\f")
        indent = len(segment) - len(code)
        starts_line = code.startswith("@") if first != node.lineno else indent == node.col_offset
        if not code or not starts_line or code.endswith("\\"):
            return False
        # Comments indented deeper than the statement, after it, are its block's in libcst (the
        # block's footer): they go with it, or a one-line placeholder would have to own them.
        line = last + 1
        while line <= len(lines):
            content = text[lines[line - 1]:_line_end(text, lines, line)]
            stripped = content.lstrip(" \t\f")
            if stripped.startswith("#") and len(content) - len(stripped) > indent:
                stop = _line_end(text, lines, line)
            elif stripped:
                break
            line += 1
        self.omitted.append((begin + indent, stop, names, (id(parent), index)))
        return True

    # ---- the text libcst parses -------------------------------------------------
    def _placeholders(self) -> Plan:
        text, body, omitted = self.text, self.body, self.omitted
        if not omitted:
            # Everything is parsed; the module-level statements' lines still spare counting them.
            return Plan(text, None, [], statement_lines=[_first_line(s) for s in body if _starts_line(s)])
        # Neighbouring left-out siblings share one placeholder (with the blank lines and comments
        # between them): libcst builds a node per placeholder and per blank line.  Siblings in two
        # blocks of one statement (`except tf.errors.X:`, `case _ if tf.log(y):`, `else:` between
        # them) keep their own: the header between them is parsed.
        merged: List[list] = []
        for begin, stop, names, place in sorted(omitted):
            last = merged[-1] if merged else None
            if last is not None and last[3][0] == place[0] and last[3][1] + 1 == place[1] \
                    and _ONLY_BLANKS_AND_COMMENTS.fullmatch(text, last[1], begin):
                last[1], last[3] = stop, place
                last[2].extend(names)
            else:
                merged.append([begin, stop, list(names), place, place[1]])
        nonce = secrets.token_hex(4)
        parts: List[str] = []
        segments: List[str] = []
        omitted_qualnames: List[str] = []
        last_end = 0
        for begin, stop, names, place, _ in merged:
            segment = text[begin:stop]
            # One string token spans the lines (cheaper to parse than the blank lines would be).  At
            # module level the placeholder is a compound statement, as the `def` it stands for is.
            string = f'"""{_MARKER}{nonce}_{len(segments)}{"".join(_NEWLINE.findall(segment))}"""'
            parts.append(text[last_end:begin])
            parts.append(f"if {string}: pass" if place[0] == id(None) else string)
            segments.append(segment)
            omitted_qualnames.extend(names)
            last_end = stop
        parts.append(text[last_end:])
        # The module-level statements libcst will see, by first line: each one that starts a line
        # (not `b` in `a; b`), except those a placeholder for their left-out neighbour stands for.
        run_members = {place[1] for begin, stop, names, place in omitted if place[0] == id(None)}
        run_firsts = {first for begin, stop, names, place, first in merged if place[0] == id(None)}
        statement_lines = [_first_line(stmt) for i, stmt in enumerate(body)
                           if (i not in run_members or i in run_firsts) and _starts_line(stmt)]
        marker = '"""' + re.escape(_MARKER + nonce + "_") + r'(\d+)(?:\r\n|\r|\n)*"""'
        pattern = re.compile(f"if {marker}: pass|{marker}")
        return Plan("".join(parts), pattern, segments, omitted_qualnames, statement_lines=statement_lines)


def _implicit_uses(facts: List[_Facts], methods: FrozenSet[str]) -> bool:
    """Could a module without TF imports use the conventional names (fastpath.IMPLICIT_BINDINGS)
    or one of ``methods`` (those only TF objects have)?"""
    for f in facts:
        if not methods.isdisjoint(f.attributes):
            return True
        for chain in itertools.chain(f.chains, (c for c, _ in f.calls)):
            root = chain.partition(".")[0]
            if root in IMPLICIT_BINDINGS or root.startswith(IMPLICIT_PREFIX) or chain.rpartition(".")[2] in methods:
                return True
        if _implicit_uses(f.children, methods):
            return True
    return False


def parse_without_gc(parse: Callable, text: str):
    """``parse(text)`` with the cyclic garbage collector paused: a parse allocates a node per
    token or so, none of them in a reference cycle, and the collections those allocations
    trigger cost as much as the parse itself (half of ``ast.parse``'s time)."""
    if not gc.isenabled():
        return parse(text)
    gc.disable()
    try:
        return parse(text)
    finally:
        gc.enable()


def _qualname(chain: str, module_bindings: Dict[str, Tuple[str, int, bool]], index: int) -> Optional[str]:
    """The TF name ``chain`` resolves to in top-level statement ``index`` (bound by an earlier one)."""
    root, _, rest = chain.partition(".")
    b = module_bindings.get(root)
    if b is None or b[1] >= index:
        return None
    return b[0] + "." + rest if rest else b[0]


def _first_line(stmt: ast.stmt) -> int:
    return min([stmt.lineno] + [d.lineno for d in getattr(stmt, "decorator_list", ())])


def _starts_line(stmt: ast.stmt) -> bool:
    """Does this module-level statement begin its line (decorators included)?"""
    decorators = getattr(stmt, "decorator_list", ())
    return (min(decorators, key=lambda d: d.lineno).col_offset == 1) if decorators else stmt.col_offset == 0


def _line_starts(text: str) -> List[int]:
    starts = [0]
    starts.extend(m.end() for m in _NEWLINE.finditer(text))
    return starts


def _line_end(text: str, starts: List[int], line: int) -> int:
    """Offset of the end of ``line`` (1-based), before its line ending."""
    if line >= len(starts):
        return len(text)
    end = starts[line]
    if text.startswith("\r\n", end - 2):
        return end - 2
    return end - 1
