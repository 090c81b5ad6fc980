"""Symbol renames from the generated tables, and what happens to names with none.

``tf.log`` becomes ``tf.math.log``; a TF 1.x symbol with no TF 2 endpoint
becomes ``tf.compat.v1.<name>``.  Matching is by the longest known prefix of
the reference, so ``tf.GraphKeys.TRAINABLE_VARIABLES`` renames its
``tf.GraphKeys`` part and keeps the attribute access.  A rename whose output
is missing from the target version's symbol set is not applied: the use gets
an error instead.  References nothing knows about are reported, never guessed.
"""
from __future__ import annotations

from typing import Optional

from . import contrib_replacements, tables
from .dialect import COMPAT_V2_EXTRAS, exists_in_tf2
from .registry import FALLBACK, STOP, TABLE, Rename, Rule, on_reference, rule

RENAME = rule(
    "TFU101", "symbol-rename", "a TF 1.x name whose TF 2 name differs is renamed (tf.log -> tf.math.log)",
    why="TF 2 moved many symbols into submodules; the generated table maps every TF 1.x name to its TF 2 one.")
COMPAT = rule(
    "TFU104", "compat-v1-fallback", "a TF 1.x symbol with no TF 2 equivalent is spelled tf.compat.v1.<name>",
    why="tf.compat.v1 keeps the TF 1.x behaviour; porting to a TF 2 idiom needs a person or a specific rule.")
REUSED = rule(
    "TFU261", "rename-of-reused-name",
    "a TF 1.x name that TF 2 reuses for something else (tf.losses.mean_squared_error) is renamed in TF 1.x code only",
    meaning_differs=True,
    why="TF 2 exports Keras's losses and metrics as tf.losses/tf.metrics: tf.losses.mean_squared_error is a "
        "scalar weighted loss in TF 1.x and Keras's per-example loss in TF 2.0-2.15; tf.metrics.* return a "
        "(value, update_op) pair in TF 1.x and a tensor in TF 2. Spelling the TF 1.x function tf.compat.v1.* "
        "is right in TF 1.x code and changes what TF 2 code computes.")
MISSING = rule(
    "TFU105", "missing-in-target", "a rename whose output does not exist in the target TensorFlow version",
    fix="manual", severity="error",
    why="The TF 2 name was removed in later releases (e.g. tf.estimator in 2.16); the code cannot run there.")
REMOVED_MODULE = rule(
    "TFU110", "contrib-removed", "tf.contrib was removed in TensorFlow 2.0; uses without a mapping are reported",
    fix="manual", severity="error", modes=("default", "safety"),
    why="tf.contrib had no stable API; most of it moved to separate packages (tf_slim, tensorflow_addons) or Keras.")
UNKNOWN = rule(
    "TFU111", "unknown-symbol", "a tf.* reference that is in no TensorFlow 1.x or 2.x API table",
    fix="manual", severity="warning",
    why="A typo, a private symbol or something from a TF version we don't ship tables for.")
PRIVATE = rule(
    "TFU112", "private-api", "tensorflow.python.* and other private modules are not a stable API",
    fix="manual", severity="warning",
    why="Private modules are reorganised between releases without notice; use the public tf.* name.")


def _known(name: str, ctx) -> bool:
    return name in tables.v1_symbols() or name in tables.symbols_for(ctx.target)


def longest_known_rename(qualname: str):
    """(prefix, new prefix) for the longest prefix of ``qualname`` with a rename, else None."""
    symbols, modules = tables.symbol_renames(), tables.module_renames()
    parts = qualname.split(".")
    for i in range(len(parts), 1, -1):
        prefix = ".".join(parts[:i])
        new = symbols.get(prefix) or modules.get(prefix)
        if new:
            return prefix, new
    return None


def _may_rename(q: str, env) -> bool:
    return not (q.startswith("tf.compat.") or q.startswith("tf.contrib")) and longest_known_rename(q) is not None


def _table_rename(ctx, ref, kind: Rule) -> Optional[Rename]:
    """The table's answer for ``ref`` if it is ``kind``'s: a rename of a name TF 2 also has
    (``REUSED``), else one to tf.compat.v1 (``COMPAT``) or to a TF 2 name (``RENAME``); the
    other kinds are left to the other rules' hooks."""
    q = ref.qualname
    if q.startswith("tf.compat.") or q.startswith("tf.contrib"):
        return None
    parts = q.split(".")
    symbols, modules = tables.symbol_renames(), tables.module_renames()
    for i in range(len(parts), 1, -1):
        prefix = ".".join(parts[:i])
        new = symbols.get(prefix) or modules.get(prefix)
        if new and prefix in COMPAT_V2_EXTRAS and (ref.binding.written or "").startswith("tf.compat.v2"):
            return None  # tensorflow.compat.v2 has it
        if new:
            r = REUSED if exists_in_tf2(prefix) else COMPAT if new.startswith("tf.compat.v1.") else RENAME
            if r is not kind:
                return None
            if not ctx.exists(new):
                major, minor = ctx.target
                return Rename(MISSING, None, severity="error",
                              message=f"{prefix} becomes {new}, which does not exist in TensorFlow {major}.{minor}",
                              hint="target an older TensorFlow (--target-version) or port this code by hand")
            return Rename(r, new + q[len(prefix):])
        if _known(prefix, ctx):
            return None
    return None


# Three hooks, not one: `--ignore TFU101` must leave the tf.compat.v1 fallback (TFU104) on, and
# `--select TFU104` must run it alone; a name TF 2 reuses (TFU261) is renamed only where the
# engine's dialect gate lets a meaning_differs rule apply (TF 1.x code), and left to the
# TF 2 reading (keras3_removed: tf.losses is tf.keras.losses) elsewhere.
@on_reference(RENAME, priority=TABLE, screen=_may_rename)
def rename_symbol(ctx, ref) -> Optional[Rename]:
    return _table_rename(ctx, ref, RENAME)


@on_reference(COMPAT, priority=TABLE, screen=_may_rename)
def compat_v1_fallback(ctx, ref) -> Optional[Rename]:
    return _table_rename(ctx, ref, COMPAT)


@on_reference(REUSED, priority=TABLE, screen=_may_rename)
def reused_name_rename(ctx, ref) -> Optional[Rename]:
    return _table_rename(ctx, ref, REUSED)


def _removed_module(q: str, env=None) -> bool:
    return q == "tf.contrib" or q.startswith("tf.contrib.") or q.startswith("tf.examples.tutorials")


@on_reference(REMOVED_MODULE, priority=FALLBACK, screen=_removed_module)
def removed_contrib(ctx, ref) -> Optional[Rename]:
    q = ref.qualname
    moved = contrib_replacements.package_name(q)
    # names the modern replacement
    message, hint = contrib_replacements.explain(q, in_package=moved is None or tables.in_tf_slim(moved))
    return Rename(REMOVED_MODULE, None, message=message, hint=hint)


# The tensorflow wheel's internal packages: tensorflow.python and its siblings (tools/docs'
# doc_controls, compiler/tf2xla, lite/python's interpreter, dtensor/python...) that TF 2 code
# imports; they are in no API table, but they are no misspelt API names either.
PRIVATE_PACKAGES = ("tf.python", "tf.core", "tf.compiler", "tf.tools", "tf.tsl", "tf.dtensor", "tf.security",
                    "tf.include", "tf.xla_aot_runtime_src", "tf.lite.python", "tf.lite.toco", "tf.lite.tools",
                    "tf.lite.testing")


def _private(q: str, env=None) -> bool:
    return any(q == p or q.startswith(p + ".") for p in PRIVATE_PACKAGES)


@on_reference(PRIVATE, priority=FALLBACK + 1, screen=lambda q, env: _private(q) and STOP)
def private_module(ctx, ref) -> Optional[Rename]:
    # Report once per import, not at every use of the imported name.
    if ref.node is ref.binding.alias:
        return Rename(PRIVATE, None, message=f"{ref.qualname} is a private TensorFlow module",
                      hint="use the public tf.* API; private modules change between releases")
    return Rename(PRIVATE, None)


def _unknown_part(q: str, target) -> Optional[str]:
    """The first part of ``q`` that neither TF 1.x nor ``target`` has, if any."""
    if q.startswith("tf.compat.") or not tables.v1_symbols():
        return None
    parts = q.split(".")
    if any(p.startswith("__") for p in parts):
        return None  # tf.__version__, tf.nn.__name__: module attributes, in no API table
    for i in range(len(parts), 0, -1):
        prefix = ".".join(parts[:i])
        if prefix == "tf" or prefix in tables.v1_symbols() or prefix in tables.symbols_for(target):
            if i == len(parts):
                return None
            # the known prefix is a module: the next part should have been known too
            if prefix == "tf" or tables.is_namespace(prefix) or tables.is_namespace(prefix, target):
                return ".".join(parts[:i + 1])
            return None  # attribute of a known object (tf.float32.max)
    return None


@on_reference(UNKNOWN, priority=FALLBACK + 4, screen=lambda q, env: _unknown_part(q, env.target) is not None)
def unknown_symbol(ctx, ref) -> Optional[Rename]:
    missing = _unknown_part(ref.qualname, ctx.target)
    return Rename(UNKNOWN, None, message=f"{missing} is not part of the TensorFlow 1.x or "
                  f"{ctx.target[0]}.{ctx.target[1]} API", hint="check the spelling or port by hand")
