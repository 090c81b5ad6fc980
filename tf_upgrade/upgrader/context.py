"""The engine's :class:`FileContext`: what a rule hook sees of the file being upgraded.

Hooks get this object instead of the engine itself, so a rule can ask "what
does this node refer to", "spell ``tf.cast`` in this file", "report this here"
or "this file now needs ``from absl import flags``" without knowing how names
are resolved or how edits are assembled.  It implements the protocol rules are
written against, :class:`tf_upgrade.rules.api.FileContext`, and delegates the
work: ``positions.py`` (where a node is), ``suppression.py`` (ignore comments),
``required_imports.py`` (imports found and asked for), ``spelling.py`` (which
binding writes a TF name).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Dict, List, Optional, Set, Tuple

import libcst as cst

from ..rules import tables
from ..rules.registry import Rule
from ..rules.syntax import build_dotted
from .dialect import Decision
from .positions import UNKNOWN, Range, StatementPositions
from .required_imports import RequiredImport, find_import
from .resolve import Binding, Resolution
from .result import Diagnostic, Edit, Settings
from .spelling import is_tf, through_bindings
from .suppression import MARKER, Suppressions

_EMPTY_MODULE = cst.Module(body=[])


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
    _positions: Optional[StatementPositions] = None
    _suppressions: Optional[Suppressions] = None
    _parents: Optional[Dict[int, cst.CSTNode]] = None

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
    def position(self, node: cst.CSTNode, statement: Optional[cst.CSTNode] = None) -> Range:
        """(line, column, end_line, end_column), 1-based, of an ORIGINAL node.

        ``statement`` is the module-level statement containing the node (default:
        the one being transformed): positions are computed for that one statement
        (``positions.py``), offset by the line count of the code before it.
        """
        statement = statement or self.current_statement
        if statement is None:
            return UNKNOWN
        if self._positions is None:
            self._positions = StatementPositions(self.module, self.statement_lines)
        return self._positions.of(node, statement)

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

    def suppressed(self, rule_id: str, node: cst.CSTNode, statement: Optional[cst.CSTNode] = None) -> bool:
        """``# tf-upgrade: ignore`` / ``ignore[RULE,...]`` on any line of the node or of the simple
        statement holding it: a comment at the end of a multi-line call (where formatters keep
        it) covers everything in that statement."""
        if MARKER not in self.text:
            return False
        if self._suppressions is None:
            self._suppressions = Suppressions(self.text)
        comments = self._suppressions
        if not comments:
            return False
        first, _, last, _ = self.position(node, statement)
        if comments.covers(rule_id, first, last):
            return True
        holder = self.parent(node)
        while holder is not None and not isinstance(holder, (cst.SimpleStatementLine, cst.BaseCompoundStatement)):
            holder = self.parent(holder)
        if isinstance(holder, cst.SimpleStatementLine):
            s_first, _, s_last, _ = self.position(holder, statement)
            if (s_first, s_last) != (first, last) and comments.covers(rule_id, s_first, s_last):
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

    # ---- imports -------------------------------------------------------
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

    def existing_import(self, module: str, name: Optional[str] = None) -> Optional[str]:
        """The local name of the file's module-level ``import module`` (``name`` None) or
        ``from module import name``, if it has one."""
        return find_import(self.module, module, name)

    def _name_free(self, local: str) -> bool:
        res = self.resolution
        return local not in res.module_names and not any(b.name == local for b in res.bindings)

    # ---- spelling names ------------------------------------------------
    def binding_qualname(self, b: Binding) -> str:
        return self.binding_renames.get(id(b), b.qualname)

    def spell(self, qualname: str, *, near: Optional[Binding] = None,
              import_from: Optional[str] = None) -> cst.BaseExpression:
        """An expression for ``qualname`` using this file's imports.

        ``tf.``-rooted names reuse the nearest fitting TensorFlow binding (the
        one the rewritten reference used, else the module-level one with the
        longest matching prefix: ``spelling.py``), adding ``import tensorflow as tf``
        if none fits.  Other names are imported: ``from <import_from> import <next>``
        or ``import <first component>``.
        """
        if is_tf(qualname):
            res = self.resolution
            local = through_bindings(qualname, [b for b in res.bindings
                                                if b.module_level and b.name not in res.module_names],
                                     self.binding_qualname, near)
            if local is None:
                local = self.require_import("tensorflow") + qualname[2:]
            return build_dotted(local)
        if import_from:
            rest = qualname[len(import_from) + 1:]
            first, _, tail = rest.partition(".")
            local = self.require_import(import_from, first)
            return build_dotted(local + ("." + tail if tail else ""))
        first = qualname.split(".")[0]
        self.require_import(first)
        return build_dotted(qualname)
