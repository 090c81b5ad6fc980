"""What a rule hook is given: the file context it may ask and act through, and the call site.

Rules depend on this module, never on the engine: ``upgrader/context.py`` implements
:class:`FileContext` (``tests/test_architecture.py`` checks that it has every member
declared here, and that no module under ``rules/`` imports the upgrader or the CLI).
:class:`CallSite` is concrete: the engine builds one per call it offers to the call and
method hooks, and a rule may build one over another node (``CallSite(call.original,
call.original, call.qualname)`` reads the arguments as written).

A hook sees ORIGINAL nodes (what the resolver saw: ``ref.node``, ``call.original``)
and, for calls, the CURRENT node (``call.node``: the call after the hooks before it).
Questions about names, positions and parents are asked of original nodes.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Dict, Iterable, List, Optional, Protocol, Sequence, Tuple, runtime_checkable

import libcst as cst

from .registry import Rule
from .syntax import fix_commas


class Binding(Protocol):
    """A local name bound to a TensorFlow module or symbol (``tf``, ``layers = tf.layers``)."""

    name: str  # the local name: "tf"
    qualname: str  # canonical TF name it binds: "tf", "tf.compat.v1", "tf.nn"
    alias: Optional[cst.CSTNode]  # the import alias or assignment target; None when implicit
    module_level: bool


class Reference(Protocol):
    """A resolved use of a TensorFlow name: what an ``on_reference`` hook is asked about."""

    node: cst.BaseExpression  # the ORIGINAL Name/Attribute chain
    binding: Binding
    qualname: str  # canonical: "tf.nn.dropout"


class Resolution(Protocol):
    """The file's TensorFlow bindings and references (``upgrader/resolve.py``)."""

    bindings: List[Any]  # of Binding
    references: Dict[cst.CSTNode, Any]  # ORIGINAL node -> Reference

    def all_qualnames(self) -> Iterable[str]:
        """Every referenced TF name, also in code the prescreen left out of the parse."""


class Settings(Protocol):
    """The run's settings, as far as rules read them."""

    unsafe_fixes: bool
    import_rename: bool

    def enabled(self, rule_id: str) -> bool:
        """Is the rule selected (``--select``/``--ignore``)?"""


@runtime_checkable
class FileContext(Protocol):
    """What a hook may ask about the file being upgraded, and what it may do to it."""

    module: cst.Module  # the parsed module (ORIGINAL nodes)
    text: str  # the file's source, for comment and substring checks
    filename: str
    settings: Settings
    resolution: Resolution
    dialect: Any  # the file's dialect decision: .dialect is "tf1", "tf2", "mixed" or "unknown"
    # id(ORIGINAL reference node) -> the name a reference hook renamed it to
    renamed_to: Dict[int, str]
    # per-file scratch space for rules that decide something once per file; keys are the
    # rule module's own ("flags_reported"), values anything
    scratch: Dict[str, Any]

    @property
    def target(self) -> Tuple[int, int]:
        """The TensorFlow version the output is for, ``(2, 21)``."""

    def exists(self, qualname: str) -> bool:
        """Is ``qualname`` (``tf.``-rooted) a public name in the target version?"""

    def qualname(self, node: cst.CSTNode) -> Optional[str]:
        """Canonical TF name of an ORIGINAL node (``tf.float32``), if it is one."""

    def parent(self, node: cst.CSTNode) -> Optional[cst.CSTNode]:
        """The node directly containing the ORIGINAL ``node`` (None for the module)."""

    def is_called(self, node: cst.CSTNode) -> bool:
        """Is the ORIGINAL ``node`` the callee of a call (``node(...)``)?"""

    def code(self, node: cst.CSTNode) -> str:
        """The source code of any node."""

    def position(self, node: cst.CSTNode, statement: Optional[cst.CSTNode] = None) -> Tuple[int, int, int, int]:
        """(line, column, end_line, end_column), 1-based, of an ORIGINAL node."""

    def report(self, rule: Rule, node: cst.CSTNode, message: str, *, severity: Optional[str] = None,
               hint: str = "", statement: Optional[cst.CSTNode] = None) -> None:
        """A diagnostic of ``rule`` at an ORIGINAL node (honours select/ignore and suppressions)."""

    def require_package(self, requirement: str) -> None:
        """The converted file needs ``requirement`` (a pip requirement, or ``NAME=value`` setting)."""

    def require_import(self, module: str, name: Optional[str] = None, *, asname: Optional[str] = None) -> str:
        """Make sure the file imports ``module`` (or ``name`` from it); return the local name."""

    def existing_import(self, module: str, name: Optional[str] = None) -> Optional[str]:
        """The local name of a module-level ``import module`` / ``from module import name``, if any."""

    def spell(self, qualname: str, *, near: Optional[Binding] = None,
              import_from: Optional[str] = None) -> cst.BaseExpression:
        """An expression for ``qualname`` using this file's imports (adding one if needed)."""


@dataclass
class CallSite:
    """A call being upgraded: the original node, the current node, the callee's TF name."""

    original: cst.Call
    node: cst.Call
    qualname: str  # "" for a method hook's call (the receiver is not a TF name)
    reference_binding: Optional[Binding] = None

    @property
    def args(self) -> Sequence[cst.Arg]:
        return self.node.args

    def has_star_args(self) -> bool:
        return any(a.star for a in self.node.args)

    def positional(self) -> List[cst.Arg]:
        return [a for a in self.node.args if a.keyword is None and not a.star]

    def keyword(self, name: str) -> Optional[cst.Arg]:
        for a in self.node.args:
            if a.keyword is not None and a.keyword.value == name:
                return a
        return None

    def find(self, name: str, position: Optional[int] = None) -> Optional[cst.Arg]:
        """The argument for parameter ``name`` (keyword, or positional at ``position``)."""
        kw = self.keyword(name)
        if kw is not None:
            return kw
        if position is None:
            return None
        index = 0
        for a in self.node.args:
            if a.star:
                return None  # *args hides where positions land
            if a.keyword is not None:
                break
            if index == position:
                return a
            index += 1
        return None

    def with_args(self, args: Sequence[cst.Arg]) -> cst.Call:
        return self.node.with_changes(args=fix_commas(args))


__all__ = ["Binding", "CallSite", "FileContext", "Reference", "Resolution", "Settings"]
