"""What is ``tf.X`` here?  One pass over a libcst module that answers it.

The resolver records every import that binds a TensorFlow module or symbol
(``import tensorflow as tf``, ``from tensorflow import nn as N``,
``import tensorflow.compat.v1 as tf``...) and every dotted reference rooted at
such a name.  Python's scoping decides what a name means, not its spelling: a
parameter, assignment, loop target, ``with``/``except`` target, comprehension
variable, nested ``def``/``class`` or non-TF import of the same name shadows the
TF binding in its function (for the whole function, as Python does); at module
level a rebinding takes effect from that statement on.

libcst's ``QualifiedNameProvider`` gives the same answers but builds a full
scope graph for every name in the file (about 6x the parse time); here only
names that some TensorFlow import bound are tracked, so the pass costs about
one traversal.

Qualified names are canonical: ``tensorflow`` is spelled ``tf`` (so
``import tensorflow.compat.v1 as v1; v1.placeholder`` is ``tf.compat.v1.placeholder``).
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Dict, FrozenSet, List, Optional, Sequence, Set, Tuple, Union

import libcst as cst

ROOT_MODULE = "tensorflow"


def canonical(module_path: str) -> Optional[str]:
    """``tensorflow.nn`` -> ``tf.nn``; ``None`` for non-TensorFlow paths."""
    if module_path == ROOT_MODULE:
        return "tf"
    if module_path.startswith(ROOT_MODULE + "."):
        return "tf" + module_path[len(ROOT_MODULE):]
    return None


def imported_as(module_path: str, v1_alias: bool) -> Optional[str]:
    """What importing ``module_path`` binds: :func:`canonical`, except that with
    ``upgrade_compat_v1_import`` (``v1_alias``) ``tensorflow.compat.v1`` reads as TF 1.x itself."""
    q = canonical(module_path)
    if q is not None and v1_alias and (q == "tf.compat.v1" or q.startswith("tf.compat.v1.")):
        q = "tf" + q[len("tf.compat.v1"):]
    return q


def dotted(node: cst.BaseExpression) -> Optional[str]:
    """``a.b.c`` for a chain of Name/Attribute nodes, else None."""
    parts = []
    while isinstance(node, cst.Attribute):
        parts.append(node.attr.value)
        node = node.value
    if not isinstance(node, cst.Name):
        return None
    parts.append(node.value)
    return ".".join(reversed(parts))


@dataclass
class Binding:
    """A local name bound by a TensorFlow import."""

    name: str  # local name, e.g. "tf"
    qualname: str  # canonical target, e.g. "tf", "tf.nn", "tf.compat.v1", "tf.log"
    statement: Optional[Union[cst.Import, cst.ImportFrom]]  # None: an implicit binding
    alias: Optional[cst.ImportAlias]
    module_level: bool
    written: str = ""  # canonical path as written (differs from qualname for compat.v1 read as TF 1.x)
    top: Optional[cst.CSTNode] = None  # the module-level statement containing the import


@dataclass
class Reference:
    """A maximal ``Name``/``Attribute`` chain whose root is a TF binding."""

    node: Union[cst.Name, cst.Attribute]
    binding: Binding
    qualname: str  # canonical, e.g. "tf.nn.dropout"

    @property
    def suffix(self) -> str:
        """The part written after the bound name (``"nn.dropout"``)."""
        return self.qualname[len(self.binding.qualname) + 1:]


class _Scope:
    __slots__ = ("kind", "parent", "local", "imports", "pending")

    def __init__(self, kind: str, parent: Optional["_Scope"]):
        self.kind = kind  # module | function | class | comprehension
        self.parent = parent
        self.local: Set[str] = set()  # names bound here other than TF imports
        self.imports: Dict[str, Binding] = {}  # TF imports made in this scope
        self.pending: List[tuple] = []  # (node, root, scope) decided when the scope closes


@dataclass
class Resolution:
    references: Dict[cst.CSTNode, Reference] = field(default_factory=dict)
    bindings: List[Binding] = field(default_factory=list)
    # module-level names bound to something other than a TF import, at any point
    module_names: Set[str] = field(default_factory=set)
    imports: List[Union[cst.Import, cst.ImportFrom]] = field(default_factory=list)
    # nodes (statements and expressions at any depth) that are or contain a TF reference/import
    # or a watched attribute name: the transformer walks only these
    hot: Set[cst.CSTNode] = field(default_factory=set)
    # id(node) -> the node containing it, for every node the resolver visited (all the
    # references among them): FileContext.parent answers from it without another walk
    parents: Dict[int, cst.CSTNode] = field(default_factory=dict)
    # qualnames of the references in functions/classes the prescreen left out of the parse
    # (no rule acts there; file-wide questions like "does it build graphs" still count them)
    omitted_qualnames: List[str] = field(default_factory=list)

    def all_qualnames(self) -> List[str]:
        """The qualname of every TF reference in the file, parsed or left out."""
        return [r.qualname for r in self.references.values()] + self.omitted_qualnames

    def module_binding_for(self, qualname: str) -> Optional[Binding]:
        """The module-level binding that best spells ``qualname`` (longest prefix)."""
        best = None
        for b in self.bindings:
            if not b.module_level or b.name in self.module_names:
                continue
            if qualname == b.qualname or qualname.startswith(b.qualname + "."):
                if best is None or len(b.qualname) > len(best.qualname):
                    best = b
        return best


def _target_names(node: cst.CSTNode) -> List[str]:
    """Names bound by an assignment/for/with target."""
    if isinstance(node, cst.Name):
        return [node.value]
    if isinstance(node, (cst.Tuple, cst.List)):
        out = []
        for el in node.elements:
            out.extend(_target_names(el.value))
        return out
    if isinstance(node, cst.StarredElement):
        return _target_names(node.value)
    return []


class _Resolver(cst.CSTVisitor):
    def __init__(self, v1_alias: bool, watched_attributes: FrozenSet[str] = frozenset()):
        super().__init__()
        self.watched = watched_attributes
        self.statements: List[cst.CSTNode] = []  # enclosing statements, outermost first
        self.path: List[cst.CSTNode] = []  # every enclosing node, outermost first
        # With upgrade_compat_v1_import, ``tensorflow.compat.v1`` is TF 1.x code.
        self.v1_alias = v1_alias
        self.result = Resolution()
        self.scope = _Scope("module", None)
        self.tracked: Set[str] = set()  # local names some TF import ever bound
        self.global_decls: List[Set[str]] = [set()]

    # ---- helpers -------------------------------------------------------
    def _canonical(self, module_path: str) -> Optional[str]:
        return imported_as(module_path, self.v1_alias)

    def _bind_tf(self, name: str, qualname: str, stmt, alias, written: str) -> None:
        self._mark_hot()
        module_level = self.scope.kind == "module"
        b = Binding(name, qualname, stmt, alias, module_level, written,
                    self.statements[0] if self.statements else None)
        self.result.bindings.append(b)
        self.tracked.add(name)
        scope = self._binding_scope(name)
        scope.imports[name] = b
        scope.local.discard(name)

    def _bind_other(self, name: str) -> None:
        scope = self._binding_scope(name)
        if scope.kind == "module":
            scope.imports.pop(name, None)
            if name in self.tracked:
                self.result.module_names.add(name)
        else:
            scope.local.add(name)

    def _binding_scope(self, name: str) -> _Scope:
        if name in self.global_decls[-1]:
            s = self.scope
            while s.parent is not None:
                s = s.parent
            return s
        return self.scope

    # ---- statement stack (decides what the transformer must walk) ------
    def walk(self, node: cst.CSTNode) -> None:
        """What ``node.visit(self)`` does for a visitor, without libcst rebuilding every node
        on the way back up (that rebuilding was most of this pass's cost)."""
        kind = type(node)
        if self.path:
            self.result.parents[id(node)] = self.path[-1]
        self.path.append(node)
        statement = kind in STATEMENT_TYPES
        if statement:
            self.statements.append(node)
        visit = _VISITS.get(kind, _UNKNOWN)
        if visit is _UNKNOWN:
            visit = _VISITS[kind] = getattr(type(self), "visit_" + kind.__name__, None)
        if visit is None or visit(self, node) is not False:
            for name in content_fields(kind):
                value = getattr(node, name)
                if type(value) in _SEQUENCES:
                    for item in value:
                        if is_node(item):
                            self.walk(item)
                elif is_node(value):
                    self.walk(value)
        self.path.pop()
        if statement:
            self.statements.pop()

    def _mark_hot(self) -> None:
        """The current node and all its ancestors: the transformer walks only these
        (rebuilding libcst nodes is most of its cost; cold subtrees are kept as they are)."""
        hot = self.result.hot
        for node in reversed(self.path):
            if node in hot:
                break  # its ancestors are hot already
            hot.add(node)

    implicit = False

    def add_implicit(self, name: str, qualname: str) -> None:
        """A binding no statement made (see IMPLICIT_BINDINGS)."""
        module = self.scope
        while module.parent is not None:
            module = module.parent
        b = Binding(name, qualname, None, None, True, qualname, None)
        self.result.bindings.append(b)
        self.tracked.add(name)
        module.imports[name] = b

    def _note(self, node, root: str) -> None:
        if root not in self.tracked:
            if not (self.implicit and root.startswith(IMPLICIT_PREFIX) and len(root) > len(IMPLICIT_PREFIX)
                    and root not in self.result.module_names):
                return
            self.add_implicit(root, "tf.contrib." + root[len(IMPLICIT_PREFIX):])
        self._mark_hot()
        if self.scope.kind == "module":
            b = self.scope.imports.get(root)
            if b is not None:
                self._record(node, b)
        else:
            # Function locals are known only once the whole body was seen.
            self.scope.pending.append((node, root, self.scope, self._snapshot(root)))

    def _snapshot(self, root: str) -> Optional[Binding]:
        s = self.scope
        while s.parent is not None:
            s = s.parent
        return s.imports.get(root)

    def _record(self, node, b: Binding) -> None:
        name = dotted(node)
        qual = b.qualname + name[len(b.name):]
        self.result.references[node] = Reference(node, b, qual)

    def _push(self, kind: str) -> None:
        self.scope = _Scope(kind, self.scope)
        self.global_decls.append(set())

    def _pop(self) -> None:
        scope = self.scope
        self.scope = scope.parent
        self.global_decls.pop()
        if self.scope.kind != "module":
            # An enclosing function may still bind the name later in its body.
            self.scope.pending.extend(scope.pending)
            return
        for node, root, origin, module_binding in scope.pending:
            b = self._lookup(root, origin, module_binding)
            if b is not None:
                self._record(node, b)

    def _lookup(self, root: str, scope: _Scope, module_binding: Optional[Binding]) -> Optional[Binding]:
        s = scope
        first = True
        while s is not None and s.kind != "module":
            if s.kind == "class" and not first:
                s = s.parent
                continue  # class bodies don't enclose their methods
            if root in s.imports:
                return s.imports[root]
            if root in s.local:
                return None
            first = False
            s = s.parent
        return module_binding

    # ---- imports -------------------------------------------------------
    def visit_Import(self, node: cst.Import) -> bool:
        for alias in node.names:
            full = dotted(alias.name) or ""
            if alias.asname is not None and isinstance(alias.asname.name, cst.Name):
                local = alias.asname.name.value
                q = self._canonical(full)
                if q is not None:
                    self._bind_tf(local, q, node, alias, canonical(full))
                else:
                    self._bind_other(local)
            else:
                local = full.split(".")[0]
                if local == ROOT_MODULE:
                    self._bind_tf(local, "tf", node, alias, "tf")
                else:
                    self._bind_other(local)
            if canonical(full) is not None:
                self.result.imports.append(node)
        return False

    def visit_ImportFrom(self, node: cst.ImportFrom) -> bool:
        module = dotted(node.module) if node.module is not None else None
        base = self._canonical(module) if module and not node.relative else None
        if base is not None:
            self.result.imports.append(node)
        if isinstance(node.names, cst.ImportStar):
            return False
        for alias in node.names:
            name = alias.name.value if isinstance(alias.name, cst.Name) else dotted(alias.name)
            local = alias.asname.name.value if alias.asname is not None else name
            if base is not None:
                self._bind_tf(local, f"{base}.{name}", node, alias, f"{canonical(module)}.{name}")
            else:
                self._bind_other(local)
        return False

    # ---- references ----------------------------------------------------
    def visit_Attribute(self, node: cst.Attribute) -> bool:
        if node.attr.value in self.watched:
            self._mark_hot()
        name = dotted(node)
        if name is None:
            return True
        self._note(node, name.split(".", 1)[0])
        return False

    def visit_Name(self, node: cst.Name) -> bool:
        self._note(node, node.value)
        return False

    # ---- bindings that shadow -----------------------------------------
    def _visit_targets(self, targets: Sequence[cst.CSTNode]) -> None:
        for t in targets:
            names = _target_names(t)
            for n in names:
                self._bind_other(n)
            if not names or isinstance(t, (cst.Tuple, cst.List)):
                # attribute/subscript targets read their base: visit as loads
                self._visit_non_name_parts(t)

    def _visit_non_name_parts(self, t: cst.CSTNode) -> None:
        if isinstance(t, (cst.Tuple, cst.List)):
            for el in t.elements:
                self._visit_non_name_parts(el.value)
        elif isinstance(t, cst.StarredElement):
            self._visit_non_name_parts(t.value)
        elif not isinstance(t, cst.Name):
            self.walk(t)

    def visit_Assign(self, node: cst.Assign) -> bool:
        self.walk(node.value)
        self._visit_targets([t.target for t in node.targets])
        return False

    def visit_AnnAssign(self, node: cst.AnnAssign) -> bool:
        self.walk(node.annotation)
        if node.value is not None:
            self.walk(node.value)
        self._visit_targets([node.target])
        return False

    def visit_AugAssign(self, node: cst.AugAssign) -> bool:
        self.walk(node.value)
        self._visit_targets([node.target])
        return False

    def visit_For(self, node: cst.For) -> bool:
        self.walk(node.iter)
        self._visit_targets([node.target])
        self.walk(node.body)
        if node.orelse is not None:
            self.walk(node.orelse)
        return False

    def visit_WithItem(self, node: cst.WithItem) -> bool:
        self.walk(node.item)
        if node.asname is not None:
            self._visit_targets([node.asname.name])
        return False

    def visit_ExceptHandler(self, node: cst.ExceptHandler) -> bool:
        if node.type is not None:
            self.walk(node.type)
        if node.name is not None:
            self._visit_targets([node.name.name])
        self.walk(node.body)
        return False

    def visit_NamedExpr(self, node: cst.NamedExpr) -> bool:
        self.walk(node.value)
        self._visit_targets([node.target])
        return False

    def visit_Del(self, node: cst.Del) -> bool:
        self._visit_targets([node.target])
        return False

    def visit_Global(self, node: cst.Global) -> bool:
        self.global_decls[-1].update(n.name.value for n in node.names)
        return False

    def visit_Nonlocal(self, node: cst.Nonlocal) -> bool:
        return False

    def visit_Arg(self, node: cst.Arg) -> bool:
        self.walk(node.value)  # the keyword Name is not a reference
        return False

    def _visit_params(self, params: cst.Parameters) -> None:
        """Defaults/annotations belong to the enclosing scope; names to the new one."""
        for p in (*params.posonly_params, *params.params, *params.kwonly_params):
            if p.default is not None:
                self.walk(p.default)
            if p.annotation is not None:
                self.walk(p.annotation)
        for p in (params.star_arg, params.star_kwarg):
            if isinstance(p, cst.Param) and p.annotation is not None:
                self.walk(p.annotation)

    def _param_names(self, params: cst.Parameters) -> List[str]:
        out = [p.name.value for p in (*params.posonly_params, *params.params, *params.kwonly_params)]
        for p in (params.star_arg, params.star_kwarg):
            if isinstance(p, cst.Param):
                out.append(p.name.value)
        return out

    def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
        for d in node.decorators:
            self.walk(d)
        self._visit_params(node.params)
        if node.returns is not None:
            self.walk(node.returns)
        self._bind_other(node.name.value)
        self._push("function")
        self.scope.local.update(self._param_names(node.params))
        self.walk(node.body)
        self._pop()
        return False

    def visit_Lambda(self, node: cst.Lambda) -> bool:
        self._visit_params(node.params)
        self._push("function")
        self.scope.local.update(self._param_names(node.params))
        self.walk(node.body)
        self._pop()
        return False

    def visit_ClassDef(self, node: cst.ClassDef) -> bool:
        for d in node.decorators:
            self.walk(d)
        for a in (*node.bases, *node.keywords):
            self.walk(a)
        self._bind_other(node.name.value)
        self._push("class")
        self.walk(node.body)
        self._pop()
        return False

    def _visit_comprehension(self, node) -> bool:
        self._push("function")
        fors = []
        f = node.for_in
        while f is not None:
            fors.append(f)
            f = f.inner_for_in
        for f in fors:
            self.scope.local.update(_target_names(f.target))
        for f in fors:
            self.walk(f.iter)
            for cond in f.ifs:
                self.walk(cond)
        if isinstance(node, cst.DictComp):
            self.walk(node.key)
            self.walk(node.value)
        else:
            self.walk(node.elt)
        self._pop()
        return False

    visit_ListComp = _visit_comprehension
    visit_SetComp = _visit_comprehension
    visit_GeneratorExp = _visit_comprehension
    visit_DictComp = _visit_comprehension


# ---- the walk ------------------------------------------------------------------
_UNKNOWN = object()
_VISITS: Dict[type, object] = {}  # node type -> _Resolver.visit_<Type> or None
_SEQUENCES = (list, tuple)
# Fields that hold only punctuation, whitespace and comments: never a name.
_NO_NAMES = frozenset({
    "lpar", "rpar", "leading_lines", "lines_after_decorators", "comma", "dot", "semicolon",
    "trailing_whitespace", "header", "footer", "equal", "colon", "lbracket", "rbracket", "lbrace",
    "rbrace", "newline", "operator", "asynchronous", "whitespace",
})
_FIELDS: Dict[type, Tuple[str, ...]] = {}
_NODE_TYPES: Dict[type, bool] = {}


def content_fields(kind: type) -> Tuple[str, ...]:
    names = _FIELDS.get(kind)
    if names is None:
        names = _FIELDS[kind] = tuple(f.name for f in dataclasses.fields(kind)
                                      if f.name not in _NO_NAMES and not f.name.startswith("whitespace_"))
    return names


def is_node(value) -> bool:
    kind = type(value)
    known = _NODE_TYPES.get(kind)
    if known is None:
        known = _NODE_TYPES[kind] = isinstance(value, cst.CSTNode)
    return known


# Concrete statement classes, matched by exact type: isinstance() against libcst's
# abstract base classes goes through ABCMeta and dominated the walk's cost.
STATEMENT_TYPES = frozenset(
    c for c in vars(cst).values()
    if isinstance(c, type) and issubclass(c, (cst.SimpleStatementLine, cst.BaseCompoundStatement)))


# Names that mean TensorFlow by convention in code that never imports it (a
# notebook cell, a snippet), used only when the module has no TensorFlow import
# at all (see resolve()); defined with the fast path that must agree with them.
from .fastpath import IMPLICIT_BINDINGS, IMPLICIT_PREFIX  # noqa: E402


def resolve(module: cst.Module, *, upgrade_compat_v1_import: bool = False,
            watched_attributes: FrozenSet[str] = frozenset(), implicit: bool = False) -> Resolution:
    """Bindings and references of every TensorFlow name in ``module``.

    ``watched_attributes``: attribute names (``make_one_shot_iterator``) whose
    statements must be walked even without a TF reference (method rules).
    """
    r = _Resolver(upgrade_compat_v1_import, watched_attributes)
    if implicit:
        r.implicit = True
        for name, qualname in IMPLICIT_BINDINGS.items():
            r.add_implicit(name, qualname)
    r.walk(module)
    return r.result
