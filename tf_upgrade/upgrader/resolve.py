"""What is ``tf.X`` here?  One pass over a libcst module that answers it.

The resolver records every import that binds a TensorFlow module or symbol
(``import tensorflow as tf``, ``from tensorflow import nn as N``,
``import tensorflow.compat.v1 as tf``...), every plain assignment of such a
name to another (``layers = tf.layers``, ``tfe = tf.contrib.eager``: an
*assigned alias*, followed like an import alias), and every dotted reference
rooted at one of them, in every position Python evaluates an expression:
default values, annotations, decorators, class bases and keywords, assignment,
augmented, annotated and ``del`` targets (``tf.GraphKeys.KEY = 'k'`` reads
``tf``), comprehensions, lambdas, f-strings, ``match`` subjects and patterns,
``with`` items and ``except`` types.

Python's scoping decides what a name means, not its spelling:

* a function's locals are decided for the whole function (a parameter,
  assignment, loop/``with``/``except`` target, nested ``def``/``class`` or
  non-TF import of the same name shadows the TF binding everywhere in it), so
  references in functions are decided when the outermost function closes;
* module and class bodies run top to bottom: a rebinding takes effect from that
  statement on, and a class body's names are not visible to the functions and
  comprehensions nested in it;
* a comprehension is a scope of its own whose first iterable is evaluated in
  the enclosing scope; a walrus inside it binds in the enclosing function;
* defaults, annotations and decorators belong to the scope around the ``def``;
* ``global`` and ``nonlocal`` move a name's bindings to the scope they name.

libcst's ``QualifiedNameProvider`` gives the same answers but builds a full
scope graph for every name in the file (about 6x the parse time); here only
names that some TensorFlow import or alias bound are tracked, so the pass costs
about one traversal.

Qualified names are canonical: ``tensorflow`` is spelled ``tf`` (so
``import tensorflow.compat.v1 as v1; v1.placeholder`` is ``tf.compat.v1.placeholder``), except
that ``tensorflow.compat.v2`` is TF 2's API itself: ``import tensorflow.compat.v2 as tf;
tf.keras.layers.Dense`` is ``tf.keras.layers.Dense``, so the rules see TF 2 code written that way
as they see it through ``import tensorflow`` (the binding's ``written`` keeps the spelling).
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Dict, FrozenSet, List, Optional, Set, Tuple, Union

import libcst as cst

from ..rules.syntax import dotted

ROOT_MODULE = "tensorflow"


def canonical(module_path: str) -> Optional[str]:
    """``tensorflow.nn`` -> ``tf.nn``; ``None`` for non-TensorFlow paths."""
    if module_path == ROOT_MODULE:
        return "tf"
    if module_path.startswith(ROOT_MODULE + "."):
        return "tf" + module_path[len(ROOT_MODULE):]
    return None


V1_ALIAS_NAME = "tf"


def imported_as(module_path: str, v1_alias: bool, asname: Optional[str] = None,
                from_import: bool = False) -> Optional[str]:
    """What importing ``module_path`` binds: :func:`canonical`, except that with
    ``upgrade_compat_v1_import`` (``v1_alias``) ``import tensorflow.compat.v1 as tf`` and the
    from-imports of ``tensorflow.compat.v1`` read as TF 1.x itself.  An ``import ... as`` under any
    other name (``tf_v1``, ``tfv1``) names the v1 API on purpose, next to TF 2 code, and stays."""
    q = canonical(module_path)
    if q is not None and (q == "tf.compat.v2" or q.startswith("tf.compat.v2.")):
        return "tf" + q[len("tf.compat.v2"):]  # the TF 2 API itself, spelled for TF 1.15 too
    if q is None or not v1_alias or not (q == "tf.compat.v1" or q.startswith("tf.compat.v1.")):
        return q
    if from_import or (q == "tf.compat.v1" and asname == V1_ALIAS_NAME):
        return "tf" + q[len("tf.compat.v1"):]
    return q


@dataclass(eq=False)
class Binding:
    """A local name bound by a TensorFlow import, or assigned a TensorFlow name."""

    name: str  # local name, e.g. "tf"
    qualname: str  # canonical target, e.g. "tf", "tf.nn", "tf.compat.v1", "tf.log"
    # the import (None: an implicit binding); for an assigned alias the Assign/AnnAssign,
    # or None when the name it copies is itself an implicit binding
    statement: Optional[Union[cst.Import, cst.ImportFrom, cst.Assign, cst.AnnAssign]]
    alias: Optional[cst.ImportAlias]  # the import's alias node (None for implicit bindings and aliases)
    module_level: bool
    written: str = ""  # canonical path as written (differs from qualname for compat.v1 read as TF 1.x)
    top: Optional[cst.CSTNode] = None  # the module-level statement containing the import
    # an assigned alias (`layers = tf.layers`): the value expression, itself a reference
    value: Optional[cst.BaseExpression] = None


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
    __slots__ = ("kind", "parent", "local", "imports", "aliases", "pending", "globals", "nonlocals")

    def __init__(self, kind: str, parent: Optional["_Scope"]):
        self.kind = kind  # module | function | class | comprehension
        self.parent = parent
        self.local: Set[str] = set()  # names bound here other than TF imports and aliases
        self.imports: Dict[str, Binding] = {}  # TF imports made in this scope (module, class: aliases too)
        # function scopes: the aliases assigned to each name (flow-insensitive, checked on lookup)
        self.aliases: Dict[str, List[Binding]] = {}
        # (node, root, scope to look up from, module binding when seen, lookup scope is the
        # innermost one) decided when the outermost function closes
        self.pending: List[tuple] = []
        self.globals: Set[str] = set()
        self.nonlocals: Set[str] = set()


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
    # id(value node) -> the assigned aliases it defines (`layers = tf.layers`: the `tf.layers` node)
    alias_values: Dict[int, List[Binding]] = field(default_factory=dict)

    def all_qualnames(self) -> List[str]:
        """The qualname of every TF reference in the file, parsed or left out."""
        return [r.qualname for r in self.references.values()] + self.omitted_qualnames

    def module_binding_for(self, qualname: str) -> Optional[Binding]:
        """The module-level import binding that best spells ``qualname`` (longest prefix)."""
        best = None
        for b in self.bindings:
            if not b.module_level or b.name in self.module_names or b.value is not None:
                continue
            if qualname == b.qualname or qualname.startswith(b.qualname + "."):
                if best is None or len(b.qualname) > len(best.qualname):
                    best = b
        return best


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
        self.module = self.scope
        self.tracked: Set[str] = set()  # local names some TF import or alias ever bound
        # id(alias binding) -> how to resolve its value, for aliases assigned in functions
        self.unresolved: Dict[int, tuple] = {}

    # ---- helpers -------------------------------------------------------
    def _canonical(self, module_path: str, asname: Optional[str] = None) -> Optional[str]:
        return imported_as(module_path, self.v1_alias, asname)

    def _bind_tf(self, name: str, qualname: str, stmt, alias, written: str) -> None:
        self._mark_hot()
        scope = self._binding_scope(name)
        b = Binding(name, qualname, stmt, alias, scope.kind == "module", written,
                    self.statements[0] if self.statements else None)
        self.result.bindings.append(b)
        self.tracked.add(name)
        scope.imports[name] = b
        scope.local.discard(name)
        scope.aliases.pop(name, None)

    def _bind_other(self, name: str, scope: Optional[_Scope] = None) -> None:
        scope = scope or self._binding_scope(name)
        if scope.kind == "module" or scope.kind == "class":
            # runs top to bottom: the TF binding ends here
            scope.imports.pop(name, None)
            if scope.kind == "module":
                if name in self.tracked:
                    self.result.module_names.add(name)
                return
        scope.local.add(name)

    def _binding_scope(self, name: str) -> _Scope:
        """The scope a binding of ``name`` made here belongs to (``global``/``nonlocal``)."""
        s = self.scope
        if name in s.globals:
            return self.module
        if name in s.nonlocals:
            p = s.parent
            while p is not None and p.kind != "module":
                if p.kind == "function" and (name in p.local or name in p.imports or name in p.aliases):
                    return p
                p = p.parent
        return s

    # ---- the walk (decides what the transformer must walk) -------------
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

    def _enter(self, node: cst.CSTNode) -> None:
        """A visit_* method descends into ``node`` by hand: keep the path (and parents) whole,
        so that marking a reference hot marks every node the transformer must walk to reach it."""
        self.result.parents[id(node)] = self.path[-1]
        self.path.append(node)

    def _leave(self) -> None:
        self.path.pop()

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
        b = Binding(name, qualname, None, None, True, qualname, None)
        self.result.bindings.append(b)
        self.tracked.add(name)
        self.module.imports[name] = b

    # ---- references ----------------------------------------------------
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
            return
        how = self._how(root)
        if how is not None:
            self.scope.pending.append((node, root) + how)

    def _how(self, root: str) -> Optional[tuple]:
        """How ``root``, read here (not at module level), is to be looked up when the
        enclosing functions' locals are known: (scope, module binding now, innermost); None
        when it is certainly not a TF name."""
        s = self.scope
        if s.kind == "class":
            # a class body runs top to bottom, and sees enclosing functions but not classes
            b = s.imports.get(root)
            if b is not None:
                return (None, b, True)
            if root in s.local:
                return None
            return (s.parent, self.module.imports.get(root), False)
        return (s, self.module.imports.get(root), True)

    def _lookup(self, root: str, scope: Optional[_Scope], module_binding: Optional[Binding],
                innermost: bool) -> Optional[Binding]:
        s = scope
        while s is not None and s.kind != "module":
            if s.kind == "class":
                if innermost and root in s.imports:
                    return self._resolved(s.imports[root])
                s, innermost = s.parent, False
                continue  # class bodies don't enclose their functions and comprehensions
            innermost = False
            aliases = s.aliases.get(root)
            if aliases:
                if root in s.local or root in s.imports:
                    return None  # also bound otherwise in this function: which one depends on the flow
                first = self._resolved(aliases[0])
                if first is None or any(self._resolved(a) is None or a.qualname != first.qualname
                                        for a in aliases[1:]):
                    return None
                return first
            if root in s.imports:
                return s.imports[root]
            if root in s.local:
                return None
            s = s.parent
        return self._resolved(module_binding) if module_binding is not None else None

    def _resolved(self, b: Binding) -> Optional[Binding]:
        """``b``, with an alias assigned in a function resolved first (None: it copies no TF name)."""
        how = self.unresolved.pop(id(b), None)
        if how is not None:
            node, root = how[:2]
            target = self._lookup(root, *how[2:])
            if target is None:
                b.qualname = ""
            else:
                b.qualname = b.written = target.qualname + dotted(node)[len(root):]
                if target.statement is None:
                    b.statement = None
                self.result.bindings.append(b)
        return b if b.qualname else None

    def _record(self, node, b: Binding) -> None:
        if b.value is not None and type(node) is cst.Name:
            parent = self.result.parents.get(id(node))
            if type(parent) is not cst.Call or parent.func is not node:
                # `threshold = tf.logging.INFO; f(threshold)`: a variable holding a TF object is
                # followed where it is used as that object (`K.x`, `log(x)`), not passed as a value
                return
        name = dotted(node)
        qual = b.qualname + name[len(b.name):]
        self.result.references[node] = Reference(node, b, qual)

    def _push(self, kind: str) -> None:
        self.scope = _Scope(kind, self.scope)

    def _pop(self) -> None:
        scope = self.scope
        self.scope = scope.parent
        if self.scope.kind != "module":
            # An enclosing function may still bind the name later in its body.
            self.scope.pending.extend(scope.pending)
            return
        for entry in scope.pending:
            b = self._lookup(*entry[1:])
            if b is not None:
                self._record(entry[0], b)

    # ---- imports -------------------------------------------------------
    def visit_Import(self, node: cst.Import) -> bool:
        for alias in node.names:
            full = dotted(alias.name) or ""
            if alias.asname is not None and isinstance(alias.asname.name, cst.Name):
                local = alias.asname.name.value
                q = self._canonical(full, local)
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
        base = imported_as(module, self.v1_alias, from_import=True) if module and not node.relative else None
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

    # ---- assigned aliases ----------------------------------------------
    def _bind_alias(self, name: str, value: cst.BaseExpression, root: str, stmt) -> bool:
        """``name = <value>`` where ``value`` is a dotted name rooted at a tracked name:
        bind ``name`` like an import of what ``value`` means.  False: not an alias here."""
        scope = self.scope
        if self._binding_scope(name) is not scope or name in scope.nonlocals:
            return False  # `global K; K = tf.keras.backend`: runs later, whenever it runs
        b = Binding(name, "", stmt, None, scope.kind == "module", "",
                    self.statements[0] if self.statements else None, value)
        if scope.kind == "module":
            origin = scope.imports.get(root)
            if origin is None:
                return False
            b.qualname = b.written = origin.qualname + dotted(value)[len(root):]
            if origin.statement is None:
                b.statement = None
            self.result.bindings.append(b)
            scope.imports[name] = b
            self.result.module_names.add(name)  # not an import: never used to spell other names
        else:
            how = self._how(root)
            if how is None:
                return False
            self.unresolved[id(b)] = (value, root) + how
            if scope.kind == "class":
                scope.imports[name] = b
                scope.local.discard(name)
            else:
                scope.aliases.setdefault(name, []).append(b)
        self.tracked.add(name)
        self.result.alias_values.setdefault(id(value), []).append(b)
        return True

    def _alias_root(self, value: Optional[cst.BaseExpression]) -> Optional[str]:
        if type(value) is cst.Name:
            root = value.value
        elif type(value) is cst.Attribute:
            name = dotted(value)
            if name is None:
                return None
            root = name.partition(".")[0]
        else:
            return None
        return root if root in self.tracked else None

    # ---- names in load position ---------------------------------------
    def visit_Attribute(self, node: cst.Attribute) -> bool:
        if node.attr.value in self.watched:
            self._mark_hot()
        name = dotted(node)
        if name is not None:
            self._note(node, name.split(".", 1)[0])
        else:
            self.walk(node.value)  # `f().tf`: the attribute's name is no reference
        return False

    def visit_Name(self, node: cst.Name) -> bool:
        self._note(node, node.value)
        return False

    def visit_Arg(self, node: cst.Arg) -> bool:
        self.walk(node.value)  # the keyword Name is not a reference
        return False

    # ---- targets -------------------------------------------------------
    def _store(self, t: cst.CSTNode, scope: Optional[_Scope] = None) -> None:
        """An assignment/loop/``with``/``except``/``del``/walrus target: names are bound,
        attributes and subscripts read their base (``tf.GraphKeys.KEY = 'k'`` is a reference)."""
        kind = type(t)
        if kind is cst.Name:
            self._bind_other(t.value, scope)
        elif kind is cst.Tuple or kind is cst.List:
            self._enter(t)
            for el in t.elements:
                self._enter(el)
                self._store(el.value, scope)
                self._leave()
            self._leave()
        elif kind is cst.StarredElement:
            self._enter(t)
            self._store(t.value, scope)
            self._leave()
        else:
            self.walk(t)

    def visit_Assign(self, node: cst.Assign) -> bool:
        self.walk(node.value)
        root = self._alias_root(node.value) if len(node.targets) == 1 else None
        for t in node.targets:
            self._enter(t)
            if root is None or type(t.target) is not cst.Name \
                    or not self._bind_alias(t.target.value, node.value, root, node):
                self._store(t.target)
            self._leave()
        return False

    def visit_AnnAssign(self, node: cst.AnnAssign) -> bool:
        self.walk(node.annotation)
        root = None
        if node.value is not None:
            self.walk(node.value)
            root = self._alias_root(node.value)
        if root is None or type(node.target) is not cst.Name \
                or not self._bind_alias(node.target.value, node.value, root, node):
            self._store(node.target)
        return False

    def visit_AugAssign(self, node: cst.AugAssign) -> bool:
        self.walk(node.value)
        self._store(node.target)
        return False

    def visit_Del(self, node: cst.Del) -> bool:
        self._store(node.target)
        return False

    def visit_For(self, node: cst.For) -> bool:
        self.walk(node.iter)
        self._store(node.target)
        self.walk(node.body)
        if node.orelse is not None:
            self.walk(node.orelse)
        return False

    def visit_WithItem(self, node: cst.WithItem) -> bool:
        self.walk(node.item)
        if node.asname is not None:
            self._enter(node.asname)
            self._store(node.asname.name)
            self._leave()
        return False

    def visit_ExceptHandler(self, node: cst.ExceptHandler) -> bool:
        if node.type is not None:
            self.walk(node.type)
        if node.name is not None:
            self._enter(node.name)
            self._store(node.name.name)
            self._leave()
        self.walk(node.body)
        return False

    visit_ExceptStarHandler = visit_ExceptHandler

    def visit_NamedExpr(self, node: cst.NamedExpr) -> bool:
        self.walk(node.value)
        # in a comprehension, `:=` binds in the enclosing function (or module)
        scope = self.scope
        while scope.kind == "comprehension":
            scope = scope.parent
        if type(node.target) is cst.Name and scope is not self.scope:
            name = node.target.value
            if name in scope.globals:
                scope = self.module
            self._bind_other(name, scope)
        else:
            self._store(node.target)
        return False

    def visit_Global(self, node: cst.Global) -> bool:
        self.scope.globals.update(n.name.value for n in node.names)
        return False

    def visit_Nonlocal(self, node: cst.Nonlocal) -> bool:
        self.scope.nonlocals.update(n.name.value for n in node.names)
        return False

    # ---- match ---------------------------------------------------------
    def visit_MatchAs(self, node) -> bool:
        if node.pattern is not None:
            self.walk(node.pattern)
        if node.name is not None:
            self._bind_other(node.name.value)
        return False

    def visit_MatchStar(self, node) -> bool:
        if node.name is not None:
            self._bind_other(node.name.value)
        return False

    def visit_MatchMapping(self, node) -> bool:
        for el in node.elements:
            self.walk(el)
        if node.rest is not None:
            self._bind_other(node.rest.value)
        return False

    def visit_MatchKeywordElement(self, node) -> bool:
        self.walk(node.pattern)  # `Point(x=0)`: the keyword is an attribute name
        return False

    # ---- functions, lambdas, classes -----------------------------------
    def visit_Param(self, node: cst.Param) -> bool:
        """Defaults and annotations are evaluated where the ``def`` is; the name is the new scope's."""
        if node.annotation is not None:
            self.walk(node.annotation)
        if node.default is not None:
            self.walk(node.default)
        return False

    def _param_names(self, params: cst.Parameters) -> List[str]:
        out = [p.name.value for p in (*params.posonly_params, *params.params, *params.kwonly_params)]
        for p in (params.star_arg, params.star_kwarg):
            if isinstance(p, cst.Param):
                out.append(p.name.value)
        return out

    def _type_parameters(self, node) -> List[str]:
        """PEP 695 ``def f[T: tf.Tensor]``: bounds are read here, the names bound in the new scope."""
        tp = getattr(node, "type_parameters", None)
        if tp is None:
            return []
        self.walk(tp)
        return [p.param.name.value for p in tp.params]

    def visit_TypeVar(self, node) -> bool:
        if node.bound is not None:
            self.walk(node.bound)
        return False

    def visit_TypeParam(self, node) -> bool:
        self.walk(node.param)
        if getattr(node, "default", None) is not None:
            self.walk(node.default)
        return False

    def visit_ParamSpec(self, node) -> bool:
        return False

    visit_TypeVarTuple = visit_ParamSpec

    def visit_TypeAlias(self, node) -> bool:
        names = self._type_parameters(node)
        self._bind_other(node.name.value)
        self._push("function")
        self.scope.local.update(names)
        self.walk(node.value)
        self._pop()
        return False

    def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
        for d in node.decorators:
            self.walk(d)
        names = self._type_parameters(node)
        self.walk(node.params)
        if node.returns is not None:
            self.walk(node.returns)
        self._bind_other(node.name.value)
        self._push("function")
        self.scope.local.update(self._param_names(node.params))
        self.scope.local.update(names)
        self.walk(node.body)
        self._pop()
        return False

    def visit_Lambda(self, node: cst.Lambda) -> bool:
        self.walk(node.params)
        self._push("function")
        self.scope.local.update(self._param_names(node.params))
        self.walk(node.body)
        self._pop()
        return False

    def visit_ClassDef(self, node: cst.ClassDef) -> bool:
        for d in node.decorators:
            self.walk(d)
        names = self._type_parameters(node)
        for a in (*node.bases, *node.keywords):
            self.walk(a)
        self._bind_other(node.name.value)
        self._push("class")
        self.scope.local.update(names)
        self.walk(node.body)
        self._pop()
        return False

    # ---- comprehensions --------------------------------------------------
    def _visit_comprehension(self, node) -> bool:
        first = node.for_in
        self._enter(first)
        self.walk(first.iter)  # evaluated in the enclosing scope, before the comprehension's
        self._leave()
        self._push("comprehension")
        self._comp_for(first, outermost=True)
        if type(node) is cst.DictComp:
            self.walk(node.key)
            self.walk(node.value)
        else:
            self.walk(node.elt)
        self._pop()
        return False

    def _comp_for(self, f: cst.CompFor, outermost: bool = False) -> None:
        self._enter(f)
        if not outermost:
            self.walk(f.iter)
        self._store(f.target)
        for cond in f.ifs:
            self.walk(cond)
        if f.inner_for_in is not None:
            self._comp_for(f.inner_for_in)
        self._leave()

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
    for aliases in list(r.result.alias_values.values()):
        for b in aliases:
            r._resolved(b)  # aliases no reference went through: still listed with the bindings
    return r.result
