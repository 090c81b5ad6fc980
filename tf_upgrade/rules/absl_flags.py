"""``tf.flags``, ``tf.app`` and ``tf.logging`` become absl's ``flags``, ``app`` and ``logging``.

TF 1.x's modules were thin wrappers of absl (``tf.flags`` is ``from absl.flags
import *``), so most uses map name for name.  The differences are handled, not
ignored:

* ``tf.flags.FLAGS`` parsed ``sys.argv`` on first access; absl's raises until
  flags are parsed.  Flags become absl only in modules that are not entry
  points, or that start through ``app.run`` (which parses); an entry point that
  reads flags without ``app.run`` keeps ``tf.compat.v1.flags`` and is told why.
* ``tf.app.run()`` found ``main`` in ``__main__`` itself; ``absl.app.run``
  needs it passed.  (TF's run also tolerated unknown command-line flags.)
* TF log levels are Python's (INFO=20), absl's are its own (INFO=0): a level
  constant is converted only as the argument of a converted logging call, and
  ``set_verbosity(20)``-style calls keep ``tf.compat.v1.logging``.
  ``fatal`` (absl aborts the process, TF only logged) and ``vlog`` (different
  level scale) keep ``tf.compat.v1.logging`` too.

``from absl import flags`` etc. are added once, after the module's imports,
reusing an existing absl import; ``flags = tf.app.flags`` aliases are dropped
in favour of the import, and a clashing local name gets ``absl_flags``.
"""
from __future__ import annotations

from typing import Optional

import libcst as cst

from ..upgrader.context import CallSite, RequiredImport, fix_commas, keyword_arg
from ._requirements import ABSL, file_state, imports_package
from .registry import Rename, on_call, on_module, on_reference, rule

FLAGS = rule(
    "TFU310", "absl-flags", "tf.flags / tf.app.flags become absl.flags (`from absl import flags`)",
    why="tf.flags was absl.flags re-exported and is gone in TF 2. tf.flags.FLAGS parsed sys.argv on first "
        "access; absl's FLAGS needs app.run (or FLAGS(sys.argv)) first, so entry points that never parse "
        "keep tf.compat.v1.flags.")
APP_RUN = rule(
    "TFU311", "absl-app-run", "tf.app.run(main) becomes absl.app.run(main)",
    why="tf.app.run is gone in TF 2. absl.app.run needs main passed explicitly (tf.app.run looked it up in "
        "__main__) and rejects unknown command-line flags, which TF's parser passed on in argv.")
LOGGING = rule(
    "TFU312", "absl-logging", "tf.logging calls become absl.logging calls (levels converted with them)",
    why="tf.logging is gone in TF 2. Messages now go through absl's logger (not the 'tensorflow' Python "
        "logger), so set_verbosity no longer silences TensorFlow's own messages. TF levels are Python "
        "levels (INFO=20), absl levels differ (INFO=0): only literal tf.logging level constants passed to "
        "converted calls are converted; fatal (absl aborts) and vlog keep tf.compat.v1.logging.")

FLAG_MODULES = ("tf.flags", "tf.app.flags", "tf.compat.v1.flags", "tf.compat.v1.app.flags",
                "tf.python.platform.flags")
APP_RUN_NAMES = ("tf.app.run", "tf.compat.v1.app.run")
LOGGING_MODULES = ("tf.logging", "tf.compat.v1.logging")
# tf.logging function -> absl.logging function, where behaviour is the same.
PLAIN_LOGGING = {"debug": "debug", "info": "info", "warning": "warning", "warn": "warning",
                 "error": "error", "flush": "flush"}
# functions whose first argument is a level (parameter name), converted with it
LEVEL_LOGGING = {"set_verbosity": "v", "log": "level", "log_every_n": "level", "log_first_n": "level",
                 "log_if": "level"}
LEVELS = {"DEBUG": "DEBUG", "INFO": "INFO", "WARN": "WARNING", "ERROR": "ERROR", "FATAL": "FATAL"}
# tf.flags.DEFINE_* accepted these old keyword names; absl does not.
OLD_DEFINE_KEYWORDS = {"flag_name": "name", "default_value": "default", "docstring": "help"}


def _member(qualname: str, modules) -> Optional[str]:
    """``tf.app.flags.DEFINE_string`` -> ``DEFINE_string`` ('' for the module itself)."""
    for m in modules:
        if qualname == m:
            return ""
        if qualname.startswith(m + "."):
            return qualname[len(m) + 1:]
    return None


# ---- where the absl import comes from ----------------------------------------
def _module_level_bindings(module: cst.Module, name: str) -> list:
    """Module-level statements that bind ``name`` (imports, defs, assignments)."""
    out = []
    for stmt in module.body:
        if isinstance(stmt, (cst.FunctionDef, cst.ClassDef)) and stmt.name.value == name:
            out.append(stmt)
        elif isinstance(stmt, cst.SimpleStatementLine):
            for small in stmt.body:
                if isinstance(small, cst.Assign) and any(
                        isinstance(t.target, cst.Name) and t.target.value == name for t in small.targets):
                    out.append(small)
                elif isinstance(small, (cst.AnnAssign, cst.AugAssign)) and isinstance(small.target, cst.Name) \
                        and small.target.value == name:
                    out.append(small)
                elif isinstance(small, (cst.Import, cst.ImportFrom)) and not isinstance(small.names, cst.ImportStar):
                    for a in small.names:
                        local = a.asname.name.value if a.asname else (
                            a.name.value if isinstance(a.name, cst.Name) else None)
                        if local == name:
                            out.append(small)
        elif not isinstance(stmt, (cst.FunctionDef, cst.ClassDef)) and name in module.code_for_node(stmt):
            finder = _BindsName(name)
            stmt.visit(finder)
            if finder.found:  # if/try/for/with blocks at module level bind module names too
                out.append(stmt)
    return out


def _bindings_of(ctx, name: str) -> list:
    """:func:`_module_level_bindings` of the file being converted, found once per name (every
    flag use asks, and the search generates each module-level statement's code)."""
    cache = file_state(ctx).setdefault("module_level_bindings", {})
    if name not in cache:
        cache[name] = _module_level_bindings(ctx.module, name)
    return cache[name]


class _BindsName(cst.CSTVisitor):
    def __init__(self, name: str):
        self.name = name
        self.found = False

    def _check(self, node) -> None:
        if isinstance(node, cst.Name) and node.value == self.name:
            self.found = True
        elif isinstance(node, (cst.Tuple, cst.List)):
            for el in node.elements:
                self._check(el.value)

    def visit_AssignTarget(self, node):
        self._check(node.target)

    def visit_For(self, node):
        self._check(node.target)

    def visit_AsName(self, node):
        self._check(node.name)

    def visit_ImportAlias(self, node):
        if node.asname is None:
            self._check(node.name)

    def visit_FunctionDef(self, node):
        self._check(node.name)
        return False

    def visit_ClassDef(self, node):
        self._check(node.name)
        return False


def _alias_of_module(ctx, name: str, modules) -> bool:
    """``flags = tf.app.flags`` is the only module-level binding of ``name``."""
    found = _bindings_of(ctx, name)
    if len(found) != 1 or not isinstance(found[0], cst.Assign) or len(found[0].targets) != 1:
        return False
    return _member(ctx.qualname(found[0].value) or "", modules) == ""


def _absl(ctx, name: str, qualname: str, modules) -> Rename:
    """A Rename to ``absl.<name>...`` and the import it needs, named without clashes."""
    ctx.require_package(ABSL)
    taken = bool(_bindings_of(ctx, name)) or any(
        b.name == name and b.module_level for b in ctx.resolution.bindings)
    have = ctx._existing_import("absl", name) is not None or any(
        r.module == "absl" and r.name == name for r in ctx.required_imports)
    if taken and not have:
        if _alias_of_module(ctx, name, modules):
            file_state(ctx).setdefault("absl_aliases", set()).add(name)
        else:
            ctx.required_imports.append(RequiredImport("absl", name, f"absl_{name}"))
    rule_ = FLAGS if name == "flags" else APP_RUN if name == "app" else LOGGING
    return Rename(rule_, qualname, import_from="absl")


def _rewritten_binding(ref, modules) -> bool:
    """A use through an import we rewrite to absl (``from tensorflow import flags``)."""
    return ref.node is not ref.binding.alias and _member(ref.binding.qualname, modules) is not None


# ---- flags -------------------------------------------------------------------
def _entry_point_without_parsing(ctx) -> bool:
    state = file_state(ctx)
    if "flags_unparsed" not in state:
        entry = any(isinstance(s, cst.If) and "__name__" in ctx.code(s.test) for s in ctx.module.body)
        parses = any(q in APP_RUN_NAMES for q in ctx.resolution.all_qualnames()) \
            or "app.run(" in ctx.text or "FLAGS(sys.argv" in ctx.text or "mark_as_parsed" in ctx.text
        state["flags_unparsed"] = entry and not parses
    return state["flags_unparsed"]


@on_reference(FLAGS, priority=60, screen=lambda q, env: _member(q, FLAG_MODULES) is not None)
def absl_flags(ctx, ref) -> Optional[Rename]:
    member = _member(ref.qualname, FLAG_MODULES)
    if member is None:
        return None
    if _entry_point_without_parsing(ctx):
        if not file_state(ctx).get("flags_reported"):
            file_state(ctx)["flags_reported"] = True
            ctx.report(FLAGS, ref.node, "flags are read without app.run parsing them: kept tf.compat.v1.flags, "
                       "whose FLAGS parses sys.argv on first access (absl's raises)", severity="info",
                       hint="start the program with absl.app.run(main), then re-run tf-upgrade")
        return None
    if _rewritten_binding(ref, FLAG_MODULES):
        return Rename(FLAGS, None)
    if ref.node is ref.binding.alias:  # the import itself: `from tensorflow import flags`
        ctx.require_package(ABSL)
        return Rename(FLAGS, "absl.flags" + ("." + member if member else ""))
    return _absl(ctx, "flags", "absl.flags" + ("." + member if member else ""), FLAG_MODULES)


@on_call(FLAGS, "*", screen=lambda q, env, shape: bool(_member(q, FLAG_MODULES))
         and not shape.keywords.isdisjoint(OLD_DEFINE_KEYWORDS))
def old_define_keywords(ctx, call):
    member = _member(call.qualname, FLAG_MODULES)
    if not member or not member.startswith("DEFINE") or _entry_point_without_parsing(ctx):
        return None
    if not any(a.keyword is not None and a.keyword.value in OLD_DEFINE_KEYWORDS for a in call.node.args):
        return None
    return call.with_args([a.with_changes(keyword=cst.Name(OLD_DEFINE_KEYWORDS[a.keyword.value]))
                           if a.keyword is not None and a.keyword.value in OLD_DEFINE_KEYWORDS else a
                           for a in call.node.args])


@on_module(FLAGS)
def drop_module_aliases(ctx, module: cst.Module) -> cst.Module:
    """``flags = tf.app.flags`` became ``flags = flags``: the absl import binds it now."""
    aliases = file_state(ctx).get("absl_aliases")
    if not aliases:
        return module
    body = []
    carry = None  # blank lines/comments above a dropped statement stay in place
    for stmt in module.body:
        if isinstance(stmt, cst.SimpleStatementLine) and len(stmt.body) == 1 \
                and isinstance(stmt.body[0], cst.Assign) and len(stmt.body[0].targets) == 1:
            a = stmt.body[0]
            t, v = a.targets[0].target, a.value
            if isinstance(t, cst.Name) and isinstance(v, cst.Name) and t.value == v.value and t.value in aliases:
                carry = list(carry or []) + list(stmt.leading_lines)
                continue
        if carry is not None:
            stmt = stmt.with_changes(leading_lines=carry + list(stmt.leading_lines))
            carry = None
        body.append(stmt)
    return module.with_changes(body=body)


@on_module(FLAGS)
def absl_requirement(ctx, module: cst.Module) -> cst.Module:
    """Code that imports absl needs absl-py, converted in this run or an earlier one."""
    if imports_package(module, "absl"):
        ctx.require_package(ABSL)
    return module


# ---- app.run -------------------------------------------------------------------
@on_call(APP_RUN, *APP_RUN_NAMES)
def absl_app_run(ctx, call):
    if call.has_star_args():
        return None
    main = call.find("main", 0)
    argv = call.find("argv", 1)
    if main is None:
        if not _bindings_of(ctx, "main"):
            ctx.report(APP_RUN, call.original, "tf.app.run() without main and no module-level main(): "
                       "kept tf.compat.v1.app.run", hint="pass the main function: app.run(main)")
            return None
        main_value = cst.Name("main")
    else:
        main_value = main.value
    rename = _absl(ctx, "app", "absl.app.run", ("tf.app", "tf.compat.v1.app"))
    func = ctx.spell(rename.new_name, import_from="absl")
    args = [cst.Arg(value=main_value)]
    if argv is not None:
        args.append(keyword_arg("argv", argv.value))
    return cst.Call(func=func, args=fix_commas(args))


# ---- logging -------------------------------------------------------------------
@on_reference(LOGGING, priority=60, screen=lambda q, env: _member(q, LOGGING_MODULES) in PLAIN_LOGGING)
def absl_logging(ctx, ref) -> Optional[Rename]:
    member = _member(ref.qualname, LOGGING_MODULES)
    if member not in PLAIN_LOGGING or _member(ref.binding.qualname, LOGGING_MODULES) is not None:
        return None  # uses through `from tensorflow import logging` keep that (compat.v1) import
    return _absl(ctx, "logging", "absl.logging." + PLAIN_LOGGING[member], LOGGING_MODULES)


@on_call(LOGGING, *(m + "." + f for m in LOGGING_MODULES for f in LEVEL_LOGGING))
def absl_logging_with_level(ctx, call):
    member = _member(call.qualname, LOGGING_MODULES)
    if _member(call.reference_binding.qualname, LOGGING_MODULES) is not None:
        return None
    param = LEVEL_LOGGING[member]
    current = call.find(param, 0)
    original = CallSite(call.original, call.original, call.qualname).find(param, 0)
    if current is None or original is None:
        return None
    level = _member(ctx.qualname(original.value) or "", LOGGING_MODULES)
    if level not in LEVELS:
        ctx.report(LOGGING, call.original, f"{call.qualname}: the level is not a tf.logging constant, and absl "
                   "levels differ from TF's (Python's): kept tf.compat.v1.logging",
                   severity="info", hint="pass absl.logging.INFO etc. and call absl.logging by hand")
        return None
    rename = _absl(ctx, "logging", "absl.logging." + member, LOGGING_MODULES)
    func = ctx.spell(rename.new_name, import_from="absl")
    new_level = ctx.spell("absl.logging." + LEVELS[level], import_from="absl")
    args = [a.with_changes(value=new_level) if a is current else a for a in call.node.args]
    return call.node.with_changes(func=func, args=args)
