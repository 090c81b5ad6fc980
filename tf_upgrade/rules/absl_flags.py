"""``tf.flags``, ``tf.app`` and ``tf.logging`` become absl's ``flags``, ``app`` and ``logging``.

TF 1.x's modules were thin wrappers of absl (``tf.flags`` is ``from absl.flags
import *``), so most uses map name for name.  The differences are handled, not
ignored:

* ``tf.flags.FLAGS`` parsed ``sys.argv`` on first access; absl's raises until
  flags are parsed.  Flags become absl only in modules that are not entry
  points, or that start through ``app.run`` (which parses); an entry point that
  reads flags without ``app.run`` keeps ``tf.compat.v1.flags`` and is told why.
  So does any module that reads a flag at import time, before ``app.run`` could
  parse (``lr = FLAGS.lr`` at module level, a default argument, a function called
  at module level or before ``app.run`` in the ``__main__`` block): found with
  Python's ``ast`` over the whole file, following calls of the module's own functions.
* ``tf.app.run()`` found ``main`` in ``__main__`` itself; ``absl.app.run``
  needs it passed.  (TF's run also tolerated unknown command-line flags.)
* TF log levels are Python's (INFO=20), absl's are its own (INFO=0): a level
  constant is converted only as the argument of a converted logging call, and
  ``set_verbosity(20)``-style calls keep ``tf.compat.v1.logging``.
  ``fatal`` (absl aborts the process, TF only logged) and ``vlog`` (different
  level scale) keep ``tf.compat.v1.logging`` too.

``tf.compat.v1.logging``/``flags``/``app.run`` spelled out in a file that is not TF 1.x code
(TF 2 code using the compat.v1 API on purpose, which TF 2.x still runs) are left as written:
converting working code would change which logger it writes to and when flags are parsed.

``from absl import flags`` etc. are added once, after the module's imports,
reusing an existing absl import; ``flags = tf.app.flags`` aliases are dropped
in favour of the import, and a clashing local name gets ``absl_flags``.
"""
from __future__ import annotations

import ast
from typing import Optional, Set

import libcst as cst

from ._requirements import ABSL, imports_package
from .api import CallSite
from .registry import SPECIFIC, Rename, on_call, on_module, on_reference, rule
from .syntax import fix_commas, keyword_arg

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
    cache = ctx.scratch.setdefault("module_level_bindings", {})
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
    if taken and ctx.existing_import("absl", name) is None:
        if _alias_of_module(ctx, name, modules):
            ctx.scratch.setdefault("absl_aliases", set()).add(name)
        else:  # spelled through this import (an import already required is reused)
            ctx.require_import("absl", name, asname=f"absl_{name}")
    rule_ = FLAGS if name == "flags" else APP_RUN if name == "app" else LOGGING
    return Rename(rule_, qualname, import_from="absl")


def _rewritten_binding(ref, modules) -> bool:
    """A use through an import we rewrite to absl (``from tensorflow import flags``)."""
    return ref.node is not ref.binding.alias and _member(ref.binding.qualname, modules) is not None


# ---- flags -------------------------------------------------------------------
def _parses_here(ctx) -> bool:
    """Does this module parse the command line itself (app.run, FLAGS(sys.argv), mark_as_parsed)?"""
    state = ctx.scratch
    if "flags_parsed_here" not in state:
        state["flags_parsed_here"] = any(q in APP_RUN_NAMES for q in ctx.resolution.all_qualnames()) \
            or "app.run(" in ctx.text or "FLAGS(sys.argv" in ctx.text or "mark_as_parsed" in ctx.text
    return state["flags_parsed_here"]


def _entry_point_without_parsing(ctx) -> bool:
    state = ctx.scratch
    if "flags_unparsed" not in state:
        entry = any(isinstance(s, cst.If) and "__name__" in ctx.code(s.test) for s in ctx.module.body)
        state["flags_unparsed"] = entry and not _parses_here(ctx)
    return state["flags_unparsed"]


# FlagValues attributes that are not flags: using them needs no parsed command line
_FLAG_VALUES_METHODS = frozenset({
    "mark_as_parsed", "is_parsed", "unparse_flags", "set_default", "flag_values_dict", "get_flag_value",
    "append_flag_values", "remove_flag_values", "register_flag_by_module", "find_module_defining_flag",
    "flags_by_module_dict", "key_flags_by_module_dict", "main_module_help", "module_help", "get_help",
    "read_flags_from_files", "set_gnu_getopt", "get_key_flags_for_module", "__call__", "__contains__",
    "__class__", "__dict__"})


class _ImportTimeReads:
    """Finds the first flag read that runs at import time, before anything parses the command line.

    Works on Python's ``ast`` of the whole file (the libcst tree may have left-out statements, and a
    ``FLAGS = tf.app.flags.FLAGS`` alias is no TensorFlow reference to the resolver)."""

    def __init__(self, tree: ast.Module):
        self.aliases: Set[str] = set()  # module-level names bound to a FLAGS object
        self.functions = {}
        for stmt in tree.body:
            if isinstance(stmt, ast.Assign) and isinstance(stmt.value, ast.Attribute) \
                    and stmt.value.attr == "FLAGS":
                self.aliases.update(t.id for t in stmt.targets if isinstance(t, ast.Name))
            elif isinstance(stmt, ast.ImportFrom) and any(a.name == "FLAGS" for a in stmt.names) \
                    and (stmt.module or "").startswith("tensorflow"):
                self.aliases.update(a.asname or a.name for a in stmt.names if a.name == "FLAGS")
            elif isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
                self.functions[stmt.name] = stmt
        self.visited: Set[str] = set()
        self.first_read: Optional[int] = None  # line
        self.parsed = False

    def _is_flags(self, node) -> bool:
        return (isinstance(node, ast.Name) and node.id in self.aliases) or \
            (isinstance(node, ast.Attribute) and node.attr == "FLAGS")

    def _parses(self, node) -> bool:
        """A call that parses the command line: app.run(...), FLAGS(argv), FLAGS.mark_as_parsed()."""
        if not isinstance(node, ast.Call):
            return False
        func = node.func
        if self._is_flags(func):
            return True
        if isinstance(func, ast.Attribute):
            if func.attr == "mark_as_parsed":
                return True
            if func.attr == "run" and isinstance(func.value, (ast.Name, ast.Attribute)):
                owner = func.value.id if isinstance(func.value, ast.Name) else func.value.attr
                return owner == "app"
        return False

    def _scan(self, node, calls: list) -> None:
        """Reads and calls of module functions in ``node``, without entering nested function bodies."""
        stack = [node]
        while stack and self.first_read is None:
            n = stack.pop()
            if isinstance(n, ast.Attribute) and isinstance(n.ctx, ast.Load) and self._is_flags(n.value) \
                    and n.attr not in _FLAG_VALUES_METHODS and not n.attr.startswith("_"):
                self.first_read = n.lineno
                return
            if isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id in self.functions:
                calls.append(n.func.id)
            if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
                # defaults and decorators run when the def runs; the body does not
                stack.extend(n.args.defaults + [d for d in n.args.kw_defaults if d is not None])
                stack.extend(getattr(n, "decorator_list", []))
                continue
            stack.extend(reversed(list(ast.iter_child_nodes(n))))

    def _call(self, name: str) -> None:
        if name in self.visited or self.first_read is not None:
            return
        self.visited.add(name)
        fn = self.functions[name]
        calls: list = []
        for stmt in fn.body:
            self._scan(stmt, calls)
        for c in calls:
            self._call(c)

    def run(self, body) -> None:
        """Module-level statements in order, until one parses the command line."""
        for stmt in body:
            if self.first_read is not None or self.parsed:
                return
            if isinstance(stmt, ast.If) and "__name__" in ast.dump(stmt.test):
                self.run(stmt.body)
                continue
            if isinstance(stmt, ast.ClassDef):
                self.run(stmt.body)  # a class body runs at import time
                continue
            if any(self._parses(n) for n in ast.walk(stmt)):
                self.parsed = True
                # what runs in the same statement before the parse (rare) is not followed
                return
            calls: list = []
            self._scan(stmt, calls)
            for c in calls:
                self._call(c)


def _import_time_read(ctx) -> Optional[int]:
    """Line of a flag read that runs before the command line is parsed (absl would raise), if any."""
    state = ctx.scratch
    if "flags_import_read" not in state:
        line = None
        if "FLAGS" in ctx.text:
            try:
                tree = ast.parse(ctx.text)
            except (SyntaxError, ValueError, MemoryError, RecursionError):
                tree = None
            if tree is not None:
                finder = _ImportTimeReads(tree)
                if finder.aliases or ".FLAGS." in ctx.text:
                    finder.run(tree.body)
                    line = finder.first_read
        state["flags_import_read"] = line
    return state["flags_import_read"]


def _keep_written(ctx, qualname: str) -> bool:
    """``tf.compat.v1.logging.info`` (or ``.flags``, ``.app.run``) spelled out in a file that is not
    TF 1.x code: TF 2 code calling the compat.v1 API on purpose, which TF 2.x still runs.  absl's
    versions log through another logger, parse flags at another time and reject unknown flags, so
    working code keeps what it wrote.  In a TF 1.x file (``import tensorflow.compat.v1 as tf``)
    the same names are its TF 1.x API and are converted like ``tf.logging``."""
    if not qualname.startswith("tf.compat.v1."):
        return False
    dialect = getattr(ctx, "dialect", None)
    return dialect is not None and dialect.dialect != "tf1"


def _keeps_compat_flags(ctx) -> bool:
    return _entry_point_without_parsing(ctx) or _import_time_read(ctx) is not None


@on_reference(FLAGS, priority=SPECIFIC + 10, screen=lambda q, env: _member(q, FLAG_MODULES) is not None,
              looks_up=("flags",))
def absl_flags(ctx, ref) -> Optional[Rename]:
    if _keep_written(ctx, ref.qualname):
        return None
    member = _member(ref.qualname, FLAG_MODULES)
    if _keeps_compat_flags(ctx):
        if not ctx.scratch.get("flags_reported"):
            ctx.scratch["flags_reported"] = True
            line = _import_time_read(ctx)
            if line is not None:
                ctx.report(FLAGS, ref.node, f"a flag is read at import time (line {line}), before app.run could "
                           "parse the command line: kept tf.compat.v1.flags, whose FLAGS parses sys.argv on "
                           "first access (absl's raises UnparsedFlagAccessError)", severity="info",
                           hint="read flags inside main() started by absl.app.run(main), then re-run tf-upgrade")
            else:
                ctx.report(FLAGS, ref.node, "flags are read without app.run parsing them: kept "
                           "tf.compat.v1.flags, whose FLAGS parses sys.argv on first access (absl's raises)",
                           severity="info", hint="start the program with absl.app.run(main), then re-run tf-upgrade")
        return None
    if not _parses_here(ctx) and "FLAGS" in ctx.text and not ctx.scratch.get("flags_reported"):
        # a library (or a script) whose flag reads rely on someone else parsing: TF 1.x's FLAGS
        # parsed sys.argv on the first read, absl's raises until the entry point parses
        ctx.scratch["flags_reported"] = True
        ctx.report(FLAGS, ref.node, "this module reads FLAGS but does not parse the command line: absl's FLAGS "
                   "raises UnparsedFlagAccessError until something does (TF 1.x's parsed sys.argv on the first "
                   "read)", severity="info",
                   hint="make sure the program starts through absl.app.run(main) (or calls FLAGS(sys.argv)) "
                        "before this module reads a flag")
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
    if not member.startswith("DEFINE") or _keeps_compat_flags(ctx) or _keep_written(ctx, call.qualname):
        return None
    if not any(a.keyword is not None and a.keyword.value in OLD_DEFINE_KEYWORDS for a in call.node.args):
        return None
    return call.with_args([a.with_changes(keyword=cst.Name(OLD_DEFINE_KEYWORDS[a.keyword.value]))
                           if a.keyword is not None and a.keyword.value in OLD_DEFINE_KEYWORDS else a
                           for a in call.node.args])


@on_module(FLAGS)
def drop_module_aliases(ctx, module: cst.Module) -> cst.Module:
    """``flags = tf.app.flags`` became ``flags = flags``: the absl import binds it now."""
    aliases = ctx.scratch.get("absl_aliases")
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
@on_call(APP_RUN, *APP_RUN_NAMES, looks_up=("main", "app"))
def absl_app_run(ctx, call):
    if call.has_star_args() or _keep_written(ctx, call.qualname):
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
@on_reference(LOGGING, priority=SPECIFIC + 10, screen=lambda q, env: _member(q, LOGGING_MODULES) in PLAIN_LOGGING,
              looks_up=("logging",))
def absl_logging(ctx, ref) -> Optional[Rename]:
    if _keep_written(ctx, ref.qualname):
        return None
    member = _member(ref.qualname, LOGGING_MODULES)
    if _member(ref.binding.qualname, LOGGING_MODULES) is not None:
        return None  # uses through `from tensorflow import logging` keep that (compat.v1) import
    return _absl(ctx, "logging", "absl.logging." + PLAIN_LOGGING[member], LOGGING_MODULES)


@on_call(LOGGING, *(m + "." + f for m in LOGGING_MODULES for f in LEVEL_LOGGING), looks_up=("logging",))
def absl_logging_with_level(ctx, call):
    if _keep_written(ctx, call.qualname):
        return None
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
