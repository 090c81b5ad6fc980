"""How TensorFlow is imported: reading ``tensorflow.compat.v1`` code as TF 1.x.

With ``upgrade_compat_v1_import`` the code behind ``import tensorflow.compat.v1
as tf`` is upgraded like TF 1.x code, so the import itself must become
``import tensorflow as tf`` (and ``from tensorflow.compat.v1 import log`` becomes
``from tensorflow.math import log``): otherwise TF 2 names would be looked up in
the v1 namespace.
"""
from __future__ import annotations

from typing import Optional

import libcst as cst

from .dialect import exists_in_tf2
from .registry import IMPORTS, Rename, on_module, on_reference, rule
from .renames import longest_known_rename


def _imports_only(qualname, env) -> bool:
    """Screen (registry.py): these hooks act on import statements only, never on a use."""
    return env.imported


COMPAT_IMPORT = rule(
    "TFU120", "compat-v1-import-upgrade",
    "with --upgrade-compat-v1-import, `import tensorflow.compat.v1 as tf` becomes `import tensorflow as tf`",
    modes=("default",),
    why="The code is upgraded to TF 2 names, which live in the main tensorflow namespace.")


@on_reference(COMPAT_IMPORT, priority=IMPORTS, screen=_imports_only)
def compat_v1_import(ctx, ref) -> Optional[Rename]:
    b = ref.binding
    if not b.written or b.written == b.qualname or not b.written.startswith("tf.compat.v1"):
        return None  # tensorflow.compat.v2 (read as the TF 2 API itself) is kept as written
    found = longest_known_rename(b.qualname)
    new = b.qualname if found is None else found[1] + b.qualname[len(found[0]):]
    return Rename(COMPAT_IMPORT, new)


SAFETY = rule(
    "TFU121", "safety-mode-import", "with --mode safety, TensorFlow imports become tensorflow.compat.v1 and nothing else changes",
    modes=("safety",), meaning_differs=True,
    why="The quickest way to run TF 1.x code on TF 2: the same names from tf.compat.v1, with TF 1.x behaviour "
        "switched on by tf.disable_v2_behavior() where the file builds graphs.")
IMPORT_RENAME = rule(
    "TFU122", "import-rename-v2", "with --import-rename, `import tensorflow as tf` becomes `import tensorflow.compat.v2 as tf`",
    meaning_differs=True,
    why="Pins the upgraded file to the TF 2 API even when TF 1.x behaviour is enabled elsewhere in the program "
        "(tensorflow.compat.v2 is the TF 2 API in every 1.15+ and 2.x release).")
V1_BEHAVIOUR = rule(
    "TFU123", "safety-disable-v2-behavior",
    "in safety mode, a file building TF 1.x graphs gets tf.disable_v2_behavior() after its TensorFlow import",
    modes=("safety",), meaning_differs=True,
    why="tf.compat.v1 names alone still run eagerly with resource variables: placeholders and Sessions need "
        "TF 1.x behaviour switched on before the graph is built.")

# Imports TF's own tool leaves alone: not part of the versioned API, or already versioned.
UNVERSIONED = ("tf.contrib", "tf.compat", "tf.python", "tf.core", "tf.flags", "tf.tools", "tf.examples")


def _unversioned(qualname: str) -> bool:
    return any(qualname == p or qualname.startswith(p + ".") for p in UNVERSIONED)


def _module_path(qualname: str) -> str:
    return "tensorflow" + qualname[2:]


def _binds_root_through_submodule(b) -> bool:
    """``import tensorflow.keras`` binds ``tensorflow`` itself: rewriting that statement would drop the
    submodule import it exists for, so it is left alone."""
    return isinstance(b.statement, cst.Import) and b.alias.asname is None and isinstance(b.alias.name, cst.Attribute)


@on_reference(SAFETY, priority=IMPORTS, screen=_imports_only)
def safety_import(ctx, ref) -> Optional[Rename]:
    b = ref.binding
    if _unversioned(b.qualname) or _binds_root_through_submodule(b):
        return None
    target = "tf.compat.v1" + b.qualname[2:]
    if b.qualname != "tf" and not ctx.exists(target):
        return None
    return Rename(SAFETY, _module_path(target))


@on_reference(IMPORT_RENAME, priority=IMPORTS + 1, screen=_imports_only)
def import_rename(ctx, ref) -> Optional[Rename]:
    b = ref.binding
    if not ctx.settings.import_rename or _unversioned(b.qualname) \
            or (b.written and b.written != b.qualname) or _binds_root_through_submodule(b):
        return None
    # `tensorflow.compat.v2.X` is `tf.X`: references keep their spelling through the binding.  An
    # imported TF 1.x name is renamed first (`from tensorflow import random_normal` ->
    # `from tensorflow.compat.v2.random import normal`): compat.v2 has only TF 2's names, and a
    # second run reads compat.v2 as TF 2's tf and would rename it then.
    q = b.qualname
    found = longest_known_rename(q)
    if found is not None and not exists_in_tf2(found[0]):
        q = found[1] + q[len(found[0]):]
        if q.startswith("tf.compat.v1"):
            return Rename(IMPORT_RENAME, _module_path(q))
    return Rename(IMPORT_RENAME, _module_path("tf.compat.v2" + q[2:]))


GRAPH_BUILDING = frozenset({
    "tf.placeholder", "tf.placeholder_with_default", "tf.sparse_placeholder", "tf.Session", "tf.InteractiveSession",
    "tf.get_variable", "tf.variable_scope", "tf.global_variables_initializer", "tf.train.start_queue_runners",
    "tf.train.MonitoredTrainingSession", "tf.train.MonitoredSession", "tf.get_default_graph",
})
MODE_SWITCHES = {"disable_v2_behavior", "disable_eager_execution", "enable_eager_execution", "enable_v2_behavior"}


@on_module(V1_BEHAVIOUR)
def disable_v2_behavior(ctx, module):
    qualnames = ctx.resolution.all_qualnames()
    if not any(q in GRAPH_BUILDING for q in qualnames):
        return module
    if any(q.rsplit(".", 1)[-1] in MODE_SWITCHES for q in qualnames):
        return module  # the program already chose its behaviour
    body = list(module.body)
    if len(body) != len(ctx.module.body):
        return module  # statements were split or merged: positions no longer line up
    for i, stmt in enumerate(ctx.module.body):
        binding = _tf_root_import(ctx, stmt)
        if binding is None:
            continue
        call = cst.parse_statement(f"{binding.name}.disable_v2_behavior()\n")
        j = i + 1
        while j < len(body) and _is_import(body[j]):
            j += 1  # after the whole import block
        return module.with_changes(body=body[:j] + [call] + body[j:])
    return module


def _is_import(stmt) -> bool:
    return isinstance(stmt, cst.SimpleStatementLine) and all(
        isinstance(s, (cst.Import, cst.ImportFrom)) for s in stmt.body)


def _tf_root_import(ctx, stmt):
    """The module-level binding of the whole TF API (now compat.v1) made by ``stmt``."""
    if not _is_import(stmt):
        return None
    for b in ctx.resolution.bindings:
        if b.module_level and b.qualname == "tf" and b.name != "tensorflow" and any(
                b.statement is s for s in stmt.body):
            return b
    return None
