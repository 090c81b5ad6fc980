"""Rule records and the hooks rule modules register with the engine.

A rule module (one per transform family, e.g. ``dropout.py``) declares its
:class:`Rule` records with :func:`rule` and attaches functions to the engine's
hook points with the decorators below.  The engine (``tf_upgrade.upgrader``)
calls those functions; rules never read files or know about the CLI.

Hook points, in the order the engine applies them for one node:

* ``on_reference(rule)``: every resolved TensorFlow reference (``tf.log``,
  ``nn.dropout`` bound through ``from tensorflow import nn``...).  Returns a
  :class:`Rename`, or ``None`` to let lower-priority hooks try.  The first hook
  that answers wins, so specific mappings (contrib -> tf_slim) come before the
  generic table rename and the "removed module" error.
* ``on_call(rule, "tf.nn.dropout", ...)``: a call whose callee resolves to one
  of the given TF 1.x names.  Returns the replacement expression or ``None``.
* ``on_method(rule, "make_one_shot_iterator", ...)``: ``<anything>.name(...)``
  calls whose receiver is not a resolved TensorFlow name.
* ``on_module(rule)``: once per file after the node rules, with the new module.

Screens: ``on_reference`` takes an optional ``screen(qualname, target) -> bool``
that is False only when the hook can do nothing (no edit, no report, no
recorded state) for a use of that TF name (imports are always converted whole);
``on_call`` takes ``screen(qualname, env, shape)`` with the call's
:class:`CallShape`; ``env`` is a :class:`ScreenEnv` (target version, settings).  The prescreen (``upgrader/prescreen.py``) uses the screens to
leave whole functions and classes out of the libcst parse; a hook without a
screen counts as interested in every name, which is always correct, only slower.
A reference screen may answer :data:`ONCE`: the hook acts on such a use only
the first time in a file (a once-per-file report); later uses may be left out.
It may answer :data:`STOP`: the hook answers such a use without any effect,
which ends the chain (the hooks after it are not asked, so their screens are not
either).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Dict, FrozenSet, List, NamedTuple, Optional, Tuple

FIX_CLASSES = ("safe", "unsafe", "manual")
SEVERITIES = ("error", "warning", "info")


@dataclass(frozen=True)
class Rule:
    """What a rule is, as shown by ``--list-rules`` and the reports."""

    id: str  # "TFU201"
    name: str  # "dropout-keep-prob"
    summary: str  # one line: what it does
    fix: str = "safe"  # safe | unsafe | manual (diagnostic only)
    severity: str = "info"  # severity of the diagnostics it emits by default
    why: str = ""  # a few lines: why the change is needed / why it is risky
    family: str = ""  # the rules module that defines it
    # Versions the rule's output needs, as (major, minor) bounds; None = any.
    min_target: Optional[Tuple[int, int]] = None
    max_target: Optional[Tuple[int, int]] = None
    # Upgrade modes (Settings.mode) the rule runs in; "safety" only switches imports.
    modes: Tuple[str, ...] = ("default",)
    # Rules whose fixes this one relies on (TFU340 is for the tf.compat.v1 code TFU104 writes):
    # `tf-upgrade rule ID` says so; selecting an id still runs exactly that rule.
    depends: Tuple[str, ...] = ()
    # What it rewrites means different things in TF 1.x and TF 2 code (dropout's second
    # argument, tf.strings.split's result...): the engine applies it only where the file is
    # TF 1.x (upgrader/dialect.py) or the site is TF 1.x by itself (a name or keyword TF 2
    # does not have), reports it (TFU130) where the dialect is mixed or unknown, and skips
    # it in TF 2 code.  False: the rule means the same in every dialect.
    meaning_differs: bool = False

    def applies_to(self, target: Tuple[int, int]) -> bool:
        if self.min_target is not None and target < self.min_target:
            return False
        if self.max_target is not None and target > self.max_target:
            return False
        return True


ONCE = "once"  # screens' answers: see the module docstring
STOP = "stop"


class ScreenEnv(NamedTuple):
    """What a screen may ask besides the name: the target version, the run's settings, and
    whether this use of the name is the callee of a call (``tf.nn.dropout(...)``)."""

    target: Tuple[int, int]
    settings: object  # upgrader.result.Settings
    called: bool = False


class CallShape(NamedTuple):
    """What a call screen knows of a call: how many positional arguments (``*args`` counts as
    one), which keywords, and whether ``*args``/``**kwargs`` hide more."""

    positional: int
    keywords: FrozenSet[str]
    star: bool
    double_star: bool


@dataclass(frozen=True)
class Rename:
    """Answer of a reference hook: spell the reference as ``new_name``.

    ``new_name`` is a canonical ``tf.``-rooted name (or any dotted module path
    when ``module`` is given, e.g. ``absl.flags`` with module ``absl``); the
    engine spells it with the file's own import aliases, adding an import when
    none fits.  ``message`` optionally adds a diagnostic next to the edit.
    """

    rule: Rule
    new_name: Optional[str]  # None: leave the code, only report
    message: str = ""
    severity: Optional[str] = None
    hint: str = ""
    import_from: Optional[str] = None  # e.g. "absl": spell via `from absl import flags`
    # Python source of a value that replaces the reference itself (``"train"`` for a constant whose value
    # never changes); takes the place of ``new_name``, never used for an import
    expression: Optional[str] = None


@dataclass
class Registry:
    rules: Dict[str, Rule] = field(default_factory=dict)
    reference_hooks: List[Tuple[int, Rule, Callable]] = field(default_factory=list)
    # hook -> screen (see the module docstring); hooks without one: always interested
    screens: Dict[Callable, Callable] = field(default_factory=dict)
    call_hooks: Dict[str, List[Tuple[Rule, Callable]]] = field(default_factory=dict)
    call_priority: Dict[Tuple[str, Callable], int] = field(default_factory=dict)
    method_hooks: Dict[str, List[Tuple[Rule, Callable]]] = field(default_factory=dict)
    module_hooks: List[Tuple[Rule, Callable]] = field(default_factory=list)

    def add(self, r: Rule) -> Rule:
        if r.id in self.rules and self.rules[r.id] != r:
            raise ValueError(f"rule id {r.id} defined twice ({self.rules[r.id].name}, {r.name})")
        if r.fix not in FIX_CLASSES or r.severity not in SEVERITIES:
            raise ValueError(f"rule {r.id}: bad fix class or severity")
        self.rules[r.id] = r
        return r


REGISTRY = Registry()


def rule(id: str, name: str, summary: str, **kwargs) -> Rule:
    """Declare a rule; ``family`` defaults to the calling module's short name."""
    if "family" not in kwargs:
        import sys

        caller = sys._getframe(1).f_globals.get("__name__", "")
        kwargs["family"] = caller.rsplit(".", 1)[-1]
    return REGISTRY.add(Rule(id=id, name=name, summary=summary, **kwargs))


def on_reference(r: Rule, priority: int = 50, screen: Optional[Callable] = None):
    """Register ``fn(ctx, ref) -> Rename | None``; lower priority runs first."""

    def deco(fn):
        REGISTRY.reference_hooks.append((priority, r, fn))
        REGISTRY.reference_hooks.sort(key=lambda item: item[0])
        if screen is not None:
            REGISTRY.screens[fn] = screen
        return fn

    return deco


def on_call(r: Rule, *qualnames: str, priority: int = 50, screen: Optional[Callable] = None):
    """Register ``fn(ctx, call) -> cst.BaseExpression | None`` for TF 1.x names.

    Generic (``"*"``) and name-specific hooks of a call run together, lowest
    ``priority`` first (registration order among equals).  A hook that changes
    the callee (``tf.x`` -> ``tf.compat.v1.x``) ends the chain: hooks keyed on
    the old name no longer describe the call.
    """

    def deco(fn):
        for q in qualnames:
            REGISTRY.call_hooks.setdefault(q, []).append((r, fn))
            REGISTRY.call_priority[(q, fn)] = priority
        if screen is not None:
            REGISTRY.screens[fn] = screen
        return fn

    return deco


def on_method(r: Rule, *method_names: str):
    """Register ``fn(ctx, call) -> cst.BaseExpression | None`` for ``x.name(...)``."""

    def deco(fn):
        for m in method_names:
            REGISTRY.method_hooks.setdefault(m, []).append((r, fn))
        return fn

    return deco


def on_module(r: Rule):
    """Register ``fn(ctx, module) -> module`` run once per changed file."""

    def deco(fn):
        REGISTRY.module_hooks.append((r, fn))
        return fn

    return deco
