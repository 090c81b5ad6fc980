"""TF 1 graph code on TF 2's eager default: entry points switch to graph mode once.

Converted code that keeps TF 1 graph semantics (placeholders, ``Session``,
``Saver``, queue runners, ``FileWriter``) dies at its first placeholder under
TF 2's eager execution.  A script (``if __name__ == "__main__"``, ``app.run``,
or graph building at module level) gets ``tf.compat.v1.disable_eager_execution()``
once, right after its imports.  A library module cannot decide that for its
callers: it gets a warning at its first graph-only use instead.  Only calls at
module level make a script (a module-level alias such as ``writer =
tf.summary.FileWriter`` builds nothing), and a package's ``__init__.py`` or a
module with relative imports is a library unless it has a ``__main__`` block.
"""
from __future__ import annotations

from typing import List, Optional, Tuple

import libcst as cst

from . import tf0_names
from .registry import OBSERVE, ONCE, Rename, on_module, on_reference, rule

ENTRY = rule(
    "TFU340", "graph-mode-entry-point",
    "a script building TF 1 graphs gets tf.compat.v1.disable_eager_execution() after its imports",
    meaning_differs=True,
    why="TF 2 runs eagerly: tf.compat.v1.placeholder, Session.run, Saver and FileWriter need graph mode, "
        "which must be chosen before any graph is built.",
    depends=("TFU104",))
LIBRARY = rule(
    "TFU341", "graph-mode-library", "a library module that builds TF 1 graphs: its callers must enable graph mode",
    fix="manual", severity="warning",
    why="Only the program's entry point can switch eager execution off (or build inside "
        "tf.Graph().as_default()); a library module doing it at import time would surprise other code.")

# TF 1.x names (without "tf.") whose use needs graph mode.
GRAPH_ONLY = frozenset({
    "placeholder", "placeholder_with_default", "sparse_placeholder", "Session", "InteractiveSession",
    "train.Saver", "summary.FileWriter", "summary.FileWriterCache", "train.MonitoredTrainingSession",
    "train.MonitoredSession", "train.SingularMonitoredSession", "train.Supervisor",
    "train.start_queue_runners", "train.QueueRunner", "train.import_meta_graph",
    "global_variables_initializer", "initialize_all_variables", "local_variables_initializer",
    "variables_initializer", "tables_initializer", "train.string_input_producer",
    "train.input_producer", "train.batch", "train.shuffle_batch",
    # symbolic gradients raise under eager execution (TF 1 optimizers are left out: built for
    # Keras' compile() they run eagerly, and TFU216 converts them there)
    "gradients", "hessians",
})
# TF 2 has these under the same names: they raise only when run eagerly, and TF 2 code calls them
# inside tf.function.  In a file that reads as TF 2 they say nothing about graph mode.
TF2_TOO = frozenset({"tf.gradients", "tf.hessians"})
# The file already chose an execution mode.
MODE_SWITCHES = frozenset({"disable_eager_execution", "disable_v2_behavior", "enable_eager_execution",
                           "enable_v2_behavior"})


def _v1_name(qualname: str) -> str:
    """``tf.compat.v1.placeholder`` / ``tf.placeholder`` -> ``placeholder`` (TF 0.x names by their new name)."""
    qualname = tf0_names.new_name(qualname)
    for prefix in ("tf.compat.v1.", "tf."):
        if qualname.startswith(prefix):
            return qualname[len(prefix):]
    return qualname


class _ModuleLevelRefs(cst.CSTVisitor):
    """Calls of TF names in code that runs at import time (not inside def/class/lambda).  Only
    calls: ``writer_cls = tf.summary.FileWriter`` (tflearn's trainer.py) builds no graph."""

    def __init__(self, refs):
        self.refs = refs
        self.found: List[str] = []

    def visit_FunctionDef(self, node):
        return False

    def visit_ClassDef(self, node):
        return False

    def visit_Lambda(self, node):
        return False

    def on_visit(self, node):
        if isinstance(node, cst.Call):
            ref = self.refs.get(node.func)
            if ref is not None:
                self.found.append(ref.qualname)
        return super().on_visit(node)


def _runs_in_the_output(ctx, qualname: str) -> bool:
    """Will this use be runnable TF 2 code after the rewrite?  ``tf.placeholder`` is only if
    TFU104 turns it into ``tf.compat.v1.placeholder``; left as it is (the rule ignored) it
    fails whatever the execution mode, and graph mode is not what it needs."""
    if qualname.startswith("tf.compat.v1.") or ctx.exists(qualname):
        return True
    return ctx.settings.enabled("TFU104")


def _analyse(ctx) -> Tuple[bool, bool, bool]:
    """(uses graph-only API, is an entry point, already chooses a mode), cached per file."""
    state = ctx.scratch
    if "graph" not in state:
        names = {_v1_name(q) for q in ctx.resolution.all_qualnames()
                 if _runs_in_the_output(ctx, q) and not _tf2_use(ctx, q)}
        needs = bool(names & GRAPH_ONLY)
        chosen = bool(names & MODE_SWITCHES)
        entry = False
        # Code with no TensorFlow import of its own (a snippet; notebooks are converted as a
        # whole, imports included) is not a program's entry point.
        imports_tf = any(b.statement is not None for b in ctx.resolution.bindings)
        # a package's __init__ and modules with relative imports are imported, not run
        package_module = ctx.filename.replace("\\", "/").rsplit("/", 1)[-1] == "__init__.py" or any(
            isinstance(small, cst.ImportFrom) and small.relative
            for stmt in ctx.module.body if isinstance(stmt, cst.SimpleStatementLine) for small in stmt.body)
        if needs and not chosen and imports_tf:
            for stmt in ctx.module.body:
                if isinstance(stmt, cst.If) and "__name__" in ctx.code(stmt.test):
                    entry = True
                    break
                if isinstance(stmt, (cst.FunctionDef, cst.ClassDef)) or package_module:
                    continue
                finder = _ModuleLevelRefs(ctx.resolution.references)
                stmt.visit(finder)
                if any(_v1_name(q) in GRAPH_ONLY or _v1_name(q) == "app.run" for q in finder.found):
                    entry = True
                    break
        state["graph"] = (needs, entry, chosen)
    return state["graph"]


def _tf2_use(ctx, qualname: str) -> bool:
    decision = getattr(ctx, "dialect", None)
    return qualname in TF2_TOO and decision is not None and decision.dialect == "tf2"


# ONCE (the first use is enough) except for the names TF 2 has too: in a TF 2 file the first
# graph-only use may come after them
@on_reference(LIBRARY, priority=OBSERVE,
              screen=lambda q, env: _v1_name(q) in GRAPH_ONLY and (True if q in TF2_TOO else ONCE))
def library_builds_graphs(ctx, ref) -> Optional[Rename]:
    """Observer: reports once at a library module's first graph-only use, then lets others rename."""
    if _tf2_use(ctx, ref.qualname):
        return None
    needs, entry, chosen = _analyse(ctx)
    state = ctx.scratch
    if needs and not entry and not chosen and not state.get("graph_reported"):
        state["graph_reported"] = True
        ctx.report(LIBRARY, ref.node, f"this module builds TF 1 graphs ({ref.qualname}), which fails under "
                   "TF 2's eager execution", hint="its program must call tf.compat.v1.disable_eager_execution() "
                   "at start-up, or build inside `with tf.Graph().as_default():`")
    return None


def _after_imports(body) -> int:
    """Index just after the module's import block (docstring, imports, simple set-up lines)."""
    index = 0
    for i, stmt in enumerate(body):
        if isinstance(stmt, cst.SimpleStatementLine):
            if all(isinstance(s, (cst.Import, cst.ImportFrom)) for s in stmt.body):
                index = i + 1
            elif i == 0 and isinstance(stmt.body[0], cst.Expr) and isinstance(
                    stmt.body[0].value, (cst.SimpleString, cst.ConcatenatedString)):
                index = 1
            continue  # os.environ[...] = ..., sys.path.insert(...) between imports
        if isinstance(stmt, cst.Try) and all(
                isinstance(s, cst.SimpleStatementLine) and all(isinstance(x, (cst.Import, cst.ImportFrom))
                                                               for x in s.body) for s in stmt.body.body):
            index = i + 1
            continue
        break
    return index


@on_module(ENTRY)
def disable_eager_in_entry_point(ctx, module: cst.Module) -> cst.Module:
    needs, entry, chosen = _analyse(ctx)
    if not (needs and entry) or chosen:
        return module
    call = cst.Call(func=ctx.spell("tf.compat.v1.disable_eager_execution"))
    body = list(module.body)
    at = _after_imports(body)
    line = cst.SimpleStatementLine(body=[cst.Expr(call)])
    if at < len(body) and body[at].leading_lines:
        line = line.with_changes(leading_lines=[cst.EmptyLine()])  # set apart from the imports
    return module.with_changes(body=body[:at] + [line] + body[at:])
