"""The engine's :class:`FileContext`: what a rule hook sees of the file being upgraded.

Hooks get this object instead of the engine itself, so a rule can ask "what
does this node refer to", "spell ``tf.cast`` in this file", "report this here"
or "this file now needs ``from absl import flags``" without knowing how names
are resolved or how edits are assembled.  It implements the protocol rules are
written against, :class:`tf_upgrade.rules.api.FileContext`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Dict, List, Optional, Set, Tuple

import libcst as cst
from libcst._nodes.internal import CodegenState

from ..rules import tables
from ..rules.registry import Rule
from ..rules.syntax import build_dotted, dotted
from .dialect import Decision
from .resolve import Binding, Resolution
from .result import Diagnostic, Edit, Settings

_SUPPRESS = re.compile(r"#\s*tf-upgrade:\s*ignore(?:\[([^\]]*)\])?")
_EMPTY_MODULE = cst.Module(body=[])


@dataclass
class RequiredImport:
    module: str  # "absl" or "tensorflow"
    name: Optional[str]  # "flags" for `from absl import flags`; None for `import module`
    asname: Optional[str] = None

    @property
    def local(self) -> str:
        return self.asname or self.name or self.module.split(".")[0]


_NEWLINE = re.compile(r"\r\n?|\n")


@dataclass
class _PositionState(CodegenState):
    """libcst's PositionProvider, computed the same way (syntactic ranges, start/end
    hoisted from child statements) but kept as plain tuples: the provider builds two
    dataclass positions and a range per node, which made it ~7x the cost of codegen."""

    line: int = 1
    column: int = 0
    # id(node) -> range: libcst nodes hash in Python code, ids in C
    computed: Dict[int, Tuple[int, int, int, int]] = field(default_factory=dict)
    stack: List[Tuple[int, int]] = field(default_factory=list)

    def add_indent_tokens(self) -> None:
        self.tokens.extend(self.indent_tokens)
        for token in self.indent_tokens:
            self._advance(token)

    def add_token(self, value: str) -> None:
        self.tokens.append(value)
        self._advance(value)

    def _advance(self, value: str) -> None:
        if "\n" in value or "\r" in value:
            segments = _NEWLINE.split(value)
            self.line += len(segments) - 1
            self.column = len(segments[-1])
        else:
            self.column += len(value)

    def before_codegen(self, node: cst.CSTNode) -> None:
        self.stack.append((self.line, self.column))

    def after_codegen(self, node: cst.CSTNode) -> None:
        start = self.stack.pop()
        key = id(node)
        if key not in self.computed:  # a syntactic range recorded below takes precedence
            self.computed[key] = (start[0], start[1], self.line, self.column)

    def record_syntactic_position(self, node, *, start_node=None, end_node=None) -> "_SyntacticRange":
        return _SyntacticRange(self, node, start_node, end_node)


class _SyntacticRange:
    """``with state.record_syntactic_position(node):`` as a plain class (a generator-based
    context manager cost a third of computing positions)."""

    __slots__ = ("state", "node", "start_node", "end_node", "start")

    def __init__(self, state: _PositionState, node, start_node, end_node):
        self.state, self.node, self.start_node, self.end_node = state, node, start_node, end_node

    def __enter__(self) -> None:
        self.start = (self.state.line, self.state.column)

    def __exit__(self, *exc) -> bool:
        state = self.state
        start = state.computed[id(self.start_node)][:2] if self.start_node is not None else self.start
        end = state.computed[id(self.end_node)][2:] if self.end_node is not None else (state.line, state.column)
        state.computed[id(self.node)] = (start[0], start[1], end[0], end[1])
        return False


def _positions(module: cst.Module) -> Dict[int, Tuple[int, int, int, int]]:
    """id(node) -> (start line, start column, end line, end column), 0-based columns, of every node."""
    state = _PositionState(default_indent=module.default_indent, default_newline=module.default_newline)
    module._codegen(state)
    return state.computed


@lru_cache(maxsize=None)
def default_target() -> Tuple[int, int]:
    """The target when the settings name none: the newest TensorFlow the tables know."""
    return tables.newest_version()  # lists the data directory: once per process, not per question


@dataclass
class FileContext:
    module: cst.Module
    text: str
    filename: str
    settings: Settings
    resolution: Resolution
    diagnostics: List[Diagnostic] = field(default_factory=list)
    required_imports: List[RequiredImport] = field(default_factory=list)
    requirements: Set[str] = field(default_factory=set)
    current_statement: Optional[cst.CSTNode] = None  # module-level statement being transformed
    _statement_positions: Dict[cst.CSTNode, dict] = field(default_factory=dict)
    _offsets: Optional[Dict[cst.CSTNode, int]] = None
    _suppressions: Optional[Dict[int, Optional[Set[str]]]] = None
    _parents: Optional[Dict[int, cst.CSTNode]] = None
    # binding -> its new canonical qualname when the import statement is rewritten
    binding_renames: Dict[int, str] = field(default_factory=dict)
    # first line (1-based) of each module-level statement, when the caller knows them (the
    # prescreen, from Python's parser): spares generating the whole module to count lines
    statement_lines: Optional[List[int]] = None
    # explain mode (tf-upgrade check): every fix made or held back, by original position
    edits: Optional[List[Edit]] = None
    # id(ORIGINAL reference node) -> the name a reference hook renamed it to (tf.compat.v1.X...)
    renamed_to: Dict[int, str] = field(default_factory=dict)
    # TF 1.x or TF 2 (upgrader/dialect.py), decided before the transform
    dialect: Optional["Decision"] = None
    # rules' per-file scratch space (rules.api.FileContext.scratch)
    scratch: Dict[str, Any] = field(default_factory=dict)

    # ---- facts ---------------------------------------------------------
    @property
    def target(self) -> Tuple[int, int]:
        return self.settings.target_version or default_target()

    def exists(self, qualname: str) -> bool:
        """Is ``qualname`` (``tf.``-rooted) a public name in the target version?"""
        symbols = tables.symbols_for(self.target)
        return not symbols or qualname in symbols

    def qualname(self, node: cst.CSTNode) -> Optional[str]:
        """Canonical TF name of an ORIGINAL node (``tf.float32``), if it is one."""
        ref = self.resolution.references.get(node)
        return ref.qualname if ref is not None else None

    def parent(self, node: cst.CSTNode) -> Optional[cst.CSTNode]:
        """The node directly containing the ORIGINAL ``node`` (None for the module)."""
        known = self.resolution.parents.get(id(node))
        if known is not None:
            return known  # recorded by the resolver's walk: no second walk of the module
        if self._parents is None:
            parents: Dict[int, cst.CSTNode] = {}

            class _Parents(cst.CSTVisitor):
                def on_visit(self, n: cst.CSTNode) -> bool:
                    for child in n.children:
                        parents[id(child)] = n
                    return True

            self.module.visit(_Parents())
            self._parents = parents
        return self._parents.get(id(node))

    def is_called(self, node: cst.CSTNode) -> bool:
        """Is the ORIGINAL ``node`` the callee of a call (``node(...)``)?"""
        parent = self.parent(node)
        return isinstance(parent, cst.Call) and parent.func is node

    def code(self, node: cst.CSTNode) -> str:
        return _EMPTY_MODULE.code_for_node(node)

    # ---- positions & suppression ----------------------------------------
    def position(self, node: cst.CSTNode, statement: Optional[cst.CSTNode] = None) -> Tuple[int, int, int, int]:
        """(line, column, end_line, end_column), 1-based, of an ORIGINAL node.

        ``statement`` is the module-level statement containing the node (default:
        the one being transformed).  libcst's PositionProvider over a whole file
        costs several times the parse, so positions are computed for that one
        statement, offset by the line count of the code before it.
        """
        statement = statement or self.current_statement
        if statement is None:
            return (1, 1, 1, 1)
        cached = self._statement_positions.get(statement)
        if cached is None:
            mini = self.module.with_changes(header=[], body=[statement], footer=[])
            cached = _positions(mini)
            self._statement_positions[statement] = cached
        rng = cached.get(id(node))
        if rng is None:
            return (1, 1, 1, 1)
        offset = self._line_offset(statement)
        start_line, start_column, end_line, end_column = rng
        return (start_line + offset, start_column + 1, end_line + offset, end_column + 1)

    def line_of(self, node: cst.CSTNode) -> Optional[int]:
        """1-based line of an ORIGINAL node the resolver visited (a reference, a call)."""
        top, parents = node, self.resolution.parents
        while True:
            parent = parents.get(id(top))
            if parent is None or parent is self.module:
                break
            top = parent
        if top is node and parents.get(id(node)) is None:
            return None
        return self.position(node, top)[0]

    def _line_offset(self, statement: cst.CSTNode) -> int:
        """Lines before ``statement`` in the file (header and earlier statements)."""
        if self._offsets is None and self.statement_lines is not None \
                and len(self.statement_lines) == len(self.module.body):
            self._offsets = {stmt: first - 1 - len(stmt.leading_lines)
                             for stmt, first in zip(self.module.body, self.statement_lines)}
        if self._offsets is None:
            self._offsets = {}
            line = sum(self.module.code_for_node(h).count("\n") for h in self.module.header)
            for stmt in self.module.body:
                self._offsets[stmt] = line
                line += self.module.code_for_node(stmt).count("\n")
        return self._offsets.get(statement, 0)

    def suppressed(self, rule_id: str, node: cst.CSTNode, statement: Optional[cst.CSTNode] = None) -> bool:
        """``# tf-upgrade: ignore`` / ``ignore[RULE,...]`` on any line of the node or of the simple
        statement holding it: a comment at the end of a multi-line call (where formatters keep
        it) covers everything in that statement."""
        if "tf-upgrade:" not in self.text:
            return False
        if self._suppressions is None:
            self._suppressions = {}
            for i, line in enumerate(self.text.splitlines(), start=1):
                m = _SUPPRESS.search(line)
                if m:
                    ids = m.group(1)
                    self._suppressions[i] = (
                        None if ids is None else {s.strip() for s in ids.split(",") if s.strip()}
                    )
        if not self._suppressions:
            return False
        def hit(first: int, last: int) -> bool:
            for line in range(first, last + 1):
                ids = self._suppressions.get(line, False)
                if ids is None or (ids and any(rule_id.startswith(i) for i in ids)):
                    return True
            return False

        first, _, last, _ = self.position(node, statement)
        if hit(first, last):
            return True
        holder = self.parent(node)
        while holder is not None and not isinstance(holder, (cst.SimpleStatementLine, cst.BaseCompoundStatement)):
            holder = self.parent(holder)
        if isinstance(holder, cst.SimpleStatementLine):
            s_first, _, s_last, _ = self.position(holder, statement)
            if (s_first, s_last) != (first, last) and hit(s_first, s_last):
                return True
        return False

    # ---- output --------------------------------------------------------
    def report(self, rule: Rule, node: cst.CSTNode, message: str, *, severity: Optional[str] = None,
               hint: str = "", statement: Optional[cst.CSTNode] = None) -> None:
        """Report at an ORIGINAL node (``statement``: its module-level statement, if
        the report is made outside the transform of that statement)."""
        if not self.settings.enabled(rule.id):
            return
        if self.suppressed(rule.id, node, statement):
            self.note_edit(rule.id, node, "", statement, applied=False)
            return
        line, col, end_line, end_col = self.position(node, statement)
        self.diagnostics.append(Diagnostic(
            rule=rule.id, severity=severity or rule.severity, line=line, column=col,
            message=message, hint=hint, fix=rule.fix, path=self.filename,
            end_line=end_line, end_column=end_col))

    def note_edit(self, rule_id: str, node: cst.CSTNode, text: str, statement: Optional[cst.CSTNode] = None,
                  applied: bool = True) -> None:
        """Explain mode only: remember a fix (``text``: the code written for ORIGINAL ``node``)."""
        if self.edits is None:
            return
        line, col, end_line, end_col = self.position(node, statement)
        self.edits.append(Edit(rule_id, line, col, end_line, end_col, text, applied))

    def require_package(self, requirement: str) -> None:
        """Record that the converted file needs ``requirement`` (``absl-py``...)."""
        self.requirements.add(requirement)

    def require_import(self, module: str, name: Optional[str] = None, *, asname: Optional[str] = None) -> str:
        """Make sure the file imports ``module`` (or ``name`` from it); return the local name.

        An import the file has, or one already required, is reused whatever its local name;
        otherwise the new import binds ``asname`` when given (``from absl import flags as
        absl_flags`` where ``flags`` is taken)."""
        existing = self.existing_import(module, name)
        if existing is not None:
            return existing
        for req in self.required_imports:
            if req.module == module and req.name == name:
                return req.local
        req = RequiredImport(module, name, asname)
        if asname is None and name is None and module == "tensorflow":
            req.asname = "tf" if self._name_free("tf") else None
        self.required_imports.append(req)
        return req.local

    def _name_free(self, local: str) -> bool:
        res = self.resolution
        return local not in res.module_names and not any(b.name == local for b in res.bindings)

    def existing_import(self, module: str, name: Optional[str] = None) -> Optional[str]:
        """The local name of the file's module-level ``import module`` (``name`` None) or
        ``from module import name``, if it has one."""
        for stmt in self.module.body:
            if not isinstance(stmt, cst.SimpleStatementLine):
                continue
            for small in stmt.body:
                if name is None and isinstance(small, cst.Import):
                    for alias in small.names:
                        if dotted(alias.name) == module:
                            return alias.asname.name.value if alias.asname else module
                elif name is not None and isinstance(small, cst.ImportFrom) and small.module is not None \
                        and not small.relative and dotted(small.module) == module \
                        and not isinstance(small.names, cst.ImportStar):
                    for alias in small.names:
                        if dotted(alias.name) == name:
                            return alias.asname.name.value if alias.asname else name
        return None

    # ---- spelling names ------------------------------------------------
    def binding_qualname(self, b: Binding) -> str:
        return self.binding_renames.get(id(b), b.qualname)

    def spell(self, qualname: str, *, near: Optional[Binding] = None,
              import_from: Optional[str] = None) -> cst.BaseExpression:
        """An expression for ``qualname`` using this file's imports.

        ``tf.``-rooted names reuse the nearest fitting TensorFlow binding (the
        one the rewritten reference used, else the module-level one with the
        longest matching prefix), adding ``import tensorflow as tf`` if none
        fits.  Other names are imported: ``from <import_from> import <next>``
        or ``import <first component>``.
        """
        if qualname == "tf" or qualname.startswith("tf."):
            candidates = [near] if near is not None else []
            best = None
            for b in candidates + [b for b in self.resolution.bindings
                                   if b.module_level and b.name not in self.resolution.module_names]:
                bq = self.binding_qualname(b)
                if qualname == bq or qualname.startswith(bq + "."):
                    if b is near:
                        best = b
                        break
                    if best is None or len(bq) > len(self.binding_qualname(best)):
                        best = b
            if best is not None:
                bq = self.binding_qualname(best)
                return build_dotted(best.name + qualname[len(bq):])
            local = self.require_import("tensorflow")
            return build_dotted(local + qualname[2:])
        if import_from:
            rest = qualname[len(import_from) + 1:]
            first, _, tail = rest.partition(".")
            local = self.require_import(import_from, first)
            return build_dotted(local + ("." + tail if tail else ""))
        first = qualname.split(".")[0]
        self.require_import(first)
        return build_dotted(qualname)
