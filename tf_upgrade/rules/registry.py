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
* ``on_attribute(rule, "value")``: ``<anything>.name`` on such a receiver in a module
  that uses TensorFlow (``x.shape[0].value``; the hook checks the receiver's shape and
  is also offered ``x.name(...)``'s callee); the resolver
  and the prescreen keep the statements that use the name (``ActiveHooks.watched``).
* ``on_module(rule)``: once per file after the node rules, with the new module.

Each registration is one :class:`Hook` record (rule, function, priority,
screen, keys).  Priorities come in named bands (:data:`OBSERVE` ...
:data:`FALLBACK` for references, :data:`AS_WRITTEN` ... :data:`AFTER_ARGUMENTS`
for calls); a hook's place inside its band is an offset (``SPECIFIC + 5``).

Screens: a hook may have a ``screen`` that is False only when the hook can do
nothing (no edit, no report, no recorded state).  Reference screens are
``screen(qualname, env)``: ``env`` is a :class:`ScreenEnv` (target version,
settings, whether the name is called, whether it is an import statement's own
name); call screens are ``screen(qualname, env, shape)`` with the call's
:class:`CallShape` as written.  The engine asks the screen before the hook (a
hook need not repeat its screen's checks), and the prescreen
(``upgrader/prescreen.py``) asks it to leave whole functions and statements out
of the libcst parse; a hook without a screen is offered everything, which is
always correct, only slower.  A reference screen may answer :data:`ONCE`: the
hook acts on such a use only the first time in a file (a once-per-file report);
later uses may be left out.  It may answer :data:`STOP`: the hook answers such
a use without any effect, which ends the chain (the hooks after it are not
asked, so their screens are not either).

What the engine must know before it can ask a hook comes from the registrations
too: ``on_method(..., without_import=True)`` names methods only TensorFlow
objects have (looked for in files that never import TensorFlow; the list ships
as ``data/methods_without_import.json``, written by ``tools/gen_rule_docs.py``,
so the files layer can read it without loading the rules), and
``looks_up=("main", ...)`` names the module-level names a hook reads by name
(the prescreen always parses their definitions).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Dict, FrozenSet, Iterable, List, NamedTuple, Optional, Tuple

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

    def active(self, settings, target: Tuple[int, int]) -> bool:
        """Does this rule run at all with these settings (select/ignore, mode) and target version?"""
        return settings.enabled(self.id) and self.applies_to(target) and settings.mode in self.modes


# Priority bands.  Reference hooks run lowest first and the first that answers wins:
OBSERVE = 1  # observers: report and let the hooks after them answer (graph-building libraries)
IMPORTS = 10  # conversions of import statements themselves (compat.v1 <-> TF 2 imports)
SPELLING = 30  # names TF 2 spells otherwise on purpose, settled before anything else reads them
SPECIFIC = 50  # hand-written answers for particular names (the default)
TABLE = 80  # the generated rename tables
FALLBACK = 95  # what nothing above converted: removed modules, private modules, unknown names
# Call hooks all run, lowest first (a hook that changes the callee ends the chain):
AS_WRITTEN = 5  # hooks that read or replace the call as the user wrote it, before arguments move
ARGUMENT_REWRITES = 50  # generic argument rewrites: positional -> keyword, renamed keywords (the default)
AFTER_ARGUMENTS = 60  # hooks that read the arguments by their TF 2 keywords


ONCE = "once"  # screens' answers: see the module docstring
STOP = "stop"


class ScreenEnv(NamedTuple):
    """What a screen may ask besides the name: the target version, the run's settings, and
    whether this use of the name is the callee of a call (``tf.nn.dropout(...)``)."""

    target: Tuple[int, int]
    settings: object  # upgrader.result.Settings
    called: bool = False
    # the import statement's own name (`from tensorflow import log`), not a use of it; only the
    # engine asks this (the prescreen always parses imports)
    imported: bool = False


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


@dataclass(frozen=True, eq=False)
class Hook:
    """One registration: what the engine calls, for which rule, when, and what it needs."""

    kind: str  # "reference" | "call" | "method" | "attribute" | "module"
    rule: Rule
    fn: Callable
    priority: int = SPECIFIC
    screen: Optional[Callable] = None  # see the module docstring; None: offered everything
    keys: Tuple[str, ...] = ()  # call: TF 1.x names ("*": every call); method/attribute: attribute names
    without_import: bool = False  # method hooks: also in modules that bind no TensorFlow name
    looks_up: FrozenSet[str] = frozenset()  # module-level names the hook reads by name

    @property
    def name(self) -> str:
        """``module.function``, for messages."""
        return f"{self.fn.__module__}.{self.fn.__qualname__}"


@dataclass
class Registry:
    rules: Dict[str, Rule] = field(default_factory=dict)
    hooks: List[Hook] = field(default_factory=list)  # in registration order
    _active: Dict[tuple, "ActiveHooks"] = field(default_factory=dict, repr=False)

    def add(self, r: Rule) -> Rule:
        if r.id in self.rules and self.rules[r.id] != r:
            raise ValueError(f"rule id {r.id} defined twice ({self.rules[r.id].name}, {r.name})")
        if r.fix not in FIX_CLASSES or r.severity not in SEVERITIES:
            raise ValueError(f"rule {r.id}: bad fix class or severity")
        self.rules[r.id] = r
        return r

    def add_hook(self, hook: Hook) -> Hook:
        if hook.kind not in ("reference", "call", "method", "attribute", "module"):
            raise ValueError(f"{hook.name}: unknown hook kind {hook.kind!r}")
        self.hooks.append(hook)
        self._active.clear()
        return hook

    def of_kind(self, kind: str) -> List[Hook]:
        """Hooks of one kind, lowest priority first (registration order among equals)."""
        return sorted((h for h in self.hooks if h.kind == kind), key=lambda h: h.priority)

    def active(self, settings, target: Tuple[int, int]) -> "ActiveHooks":
        """The hooks of the rules that run with these settings, indexed as the engine asks (cached)."""
        key = (settings, target)
        found = self._active.get(key)
        if found is None:
            if len(self._active) >= 16:
                self._active.clear()
            found = self._active[key] = ActiveHooks(self, settings, target)
        return found


class ActiveHooks:
    """One run's hooks (their rules :meth:`Rule.active`), as the engine and the prescreen ask for them."""

    def __init__(self, registry: Registry, settings, target: Tuple[int, int]):
        live = [h for h in registry.hooks if h.rule.active(settings, target)]
        by_priority = sorted(live, key=lambda h: h.priority)
        self.env = ScreenEnv(target, settings)
        self.called_env = ScreenEnv(target, settings, called=True)
        self.import_env = ScreenEnv(target, settings, imported=True)
        self.reference: List[Hook] = [h for h in by_priority if h.kind == "reference"]
        self.generic_calls: List[Hook] = [h for h in by_priority if h.kind == "call" and "*" in h.keys]
        self.named_calls: Dict[str, List[Hook]] = {}
        self.methods: Dict[str, List[Hook]] = {}
        self.attributes: Dict[str, List[Hook]] = {}
        for h in live:
            if h.kind == "call":
                for q in h.keys:
                    if q != "*":
                        self.named_calls.setdefault(q, []).append(h)
            elif h.kind == "method":
                for m in h.keys:
                    self.methods.setdefault(m, []).append(h)
            elif h.kind == "attribute":
                for a in h.keys:
                    self.attributes.setdefault(a, []).append(h)
        self.module: List[Hook] = [h for h in live if h.kind == "module"]
        # methods whose hooks also run in a module that binds no TensorFlow name
        self.methods_without_import: FrozenSet[str] = frozenset(
            m for m, hooks in self.methods.items() if any(h.without_import for h in hooks))
        self.looked_up: FrozenSet[str] = frozenset(n for h in live for n in h.looks_up)
        # attribute names a method or attribute hook acts on: the resolver and the prescreen keep their uses
        self.watched: FrozenSet[str] = frozenset(self.methods) | frozenset(self.attributes)
        self._calls: Dict[str, List[Hook]] = {}
        self._references: Dict[Tuple[str, ScreenEnv], List[Hook]] = {}

    def calls(self, qualname: str) -> List[Hook]:
        """Generic and name-specific call hooks of a callee, merged by priority (generic first among equals)."""
        hooks = self._calls.get(qualname)
        if hooks is None:
            merged = self.generic_calls + self.named_calls.get(qualname, [])
            hooks = self._calls[qualname] = sorted(merged, key=lambda h: h.priority)
        return hooks

    def references(self, qualname: str, env: ScreenEnv) -> List[Hook]:
        """The reference hooks whose screens let such a use (or import: ``env``) through, in order."""
        key = (qualname, env)
        hooks = self._references.get(key)
        if hooks is None:
            hooks = self._references[key] = [h for h in self.reference
                                              if h.screen is None or h.screen(qualname, env)]
        return hooks


REGISTRY = Registry()


def rule(id: str, name: str, summary: str, **kwargs) -> Rule:
    """Declare a rule; ``family`` defaults to the calling module's short name."""
    if "family" not in kwargs:
        import sys

        caller = sys._getframe(1).f_globals.get("__name__", "")
        kwargs["family"] = caller.rsplit(".", 1)[-1]
    return REGISTRY.add(Rule(id=id, name=name, summary=summary, **kwargs))


def _register(kind: str, r: Rule, keys: Tuple[str, ...] = (), **options):
    def deco(fn):
        looks_up = options.pop("looks_up", ())
        REGISTRY.add_hook(Hook(kind, r, fn, keys=keys, looks_up=frozenset(looks_up), **options))
        return fn

    return deco


def on_reference(r: Rule, priority: int = SPECIFIC, screen: Optional[Callable] = None,
                 looks_up: Iterable[str] = ()):
    """Register ``fn(ctx, ref) -> Rename | None``; lower priority runs first, the first answer wins."""
    return _register("reference", r, priority=priority, screen=screen, looks_up=looks_up)


def on_call(r: Rule, *qualnames: str, priority: int = ARGUMENT_REWRITES, screen: Optional[Callable] = None,
            looks_up: Iterable[str] = ()):
    """Register ``fn(ctx, call) -> cst.BaseExpression | None`` for TF 1.x names.

    Generic (``"*"``) and name-specific hooks of a call run together, lowest
    ``priority`` first (registration order among equals).  A hook that changes
    the callee (``tf.x`` -> ``tf.compat.v1.x``) ends the chain: hooks keyed on
    the old name no longer describe the call.
    """
    return _register("call", r, qualnames, priority=priority, screen=screen, looks_up=looks_up)


def on_method(r: Rule, *method_names: str, without_import: bool = False, looks_up: Iterable[str] = ()):
    """Register ``fn(ctx, call) -> cst.BaseExpression | None`` for ``x.name(...)``.

    ``without_import=True``: the methods exist only on TensorFlow objects, so the hook runs also
    in a module that binds no TensorFlow name (it got its dataset from elsewhere); other method
    hooks run only in modules that use TensorFlow.
    """
    return _register("method", r, method_names, without_import=without_import, looks_up=looks_up)


def on_attribute(r: Rule, *names: str, looks_up: Iterable[str] = ()):
    """Register ``fn(ctx, node: cst.Attribute) -> cst.BaseExpression | None`` for ``<expr>.name`` on a
    receiver that is no TensorFlow name, in modules that use TensorFlow: e.g. ``x.shape[0].value``.
    The engine does not tell reads from callees (``x.name(...)``); the hook's own checks do.  The first
    hook that answers wins."""
    return _register("attribute", r, names, looks_up=looks_up)


def on_module(r: Rule, looks_up: Iterable[str] = ()):
    """Register ``fn(ctx, module) -> module`` run once per changed file."""
    return _register("module", r, looks_up=looks_up)
