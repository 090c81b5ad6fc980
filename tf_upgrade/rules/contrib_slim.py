"""``tf.contrib`` parts that moved with the same API: tf_slim, tf.signal, tf.nest.

``tf_slim`` is the standalone fork of ``tf.contrib.slim`` / ``tf.contrib.layers``
/ ``tf.contrib.framework`` (arg_scope, variables helpers), so uses become
``tf_slim`` uses name for name -- where tf_slim has the name (generated list
``rules/data/tf_slim.txt``).  ``import tensorflow.contrib.slim as slim``
becomes ``import tf_slim as slim`` and the code using ``slim`` stays as it is.
Everything else in ``tf.contrib`` is explained by ``contrib_replacements``.
"""
from __future__ import annotations

from typing import Optional, Tuple

import libcst as cst

from . import tables
from ._requirements import TF_SLIM, imports_package
from .contrib_replacements import lookup
from .registry import SPECIFIC, Rename, on_module, on_reference, rule
from .syntax import dotted

SLIM = rule(
    "TFU320", "contrib-to-tf-slim",
    "tf.contrib.slim / layers / framework / losses / metrics names become the tf_slim package's",
    why="tf_slim is tf.contrib.slim/layers split out of TensorFlow with the same API; it needs "
        "`pip install tf_slim` and runs in graph mode (tf.compat.v1) on TF 2.")
MOVED = rule(
    "TFU321", "contrib-moved",
    "tf.contrib parts that moved into core unchanged (signal, framework.nest, data -> data.experimental...)",
    why="tf.contrib.signal became tf.signal, tf.contrib.framework.nest tf.nest, most of tf.contrib.data "
        "tf.data.experimental, and single functions (is_tensor, argsort, recompute_grad...) core names, "
        "with the same signatures.")


# Converted to Keras by the initializers family (TFU210), which reports what it cannot convert.
OWNED_ELSEWHERE = frozenset({
    "tf.contrib.layers.xavier_initializer", "tf.contrib.layers.xavier_initializer_conv2d",
    "tf.contrib.layers.variance_scaling_initializer", "tf.contrib.layers.l1_regularizer",
    "tf.contrib.layers.l2_regularizer", "tf.contrib.layers.l1_l2_regularizer",
})


def _new_name(qualname: str, target) -> Optional[Tuple[str, object]]:
    """(new name, replacement) when ``qualname`` moves mechanically and exists there."""
    found = lookup(qualname)
    if found is None or found[1].new_name is None:
        return None
    key, rep = found
    new = rep.new_name + qualname[len(key):]
    if new.startswith("tf."):
        return (new, rep) if tables.availability(new, target) != "no" else None
    if new == rep.new_name:
        return new, rep  # the package/module itself
    return (new, rep) if tables.in_tf_slim(new) else None  # tf_slim.conv2d, or an attribute of it


def _rule_for(rep):
    return SLIM if rep.package == TF_SLIM else MOVED


@on_reference(SLIM, priority=SPECIFIC + 15, screen=lambda q, env: q.startswith("tf.contrib."))
def contrib_moved(ctx, ref) -> Optional[Rename]:
    q = ref.qualname
    if q in OWNED_ELSEWHERE:
        return None
    binding = ref.binding
    if binding.statement is not None and ref.node is not binding.alias \
            and _new_name(binding.qualname, ctx.target) is not None and binding.qualname.startswith("tf.contrib."):
        # used through an import that becomes `import tf_slim as slim`: the use itself stays
        own = _new_name(q, ctx.target)
        if own is None:
            return None  # a name tf_slim lacks: the contrib diagnostic explains it
        if own[0].startswith("tf."):
            return Rename(MOVED, own[0])  # moved into core (framework.is_tensor -> tf.is_tensor)
        return Rename(SLIM, None)
    moved = _new_name(q, ctx.target)
    if moved is None:
        return None
    new, rep = moved
    if binding.statement is None and not new.startswith("tf."):
        return None  # implicit binding (notebook cell): no contrib import to turn into a package import
    if not ctx.settings.enabled(_rule_for(rep).id):
        return None
    if rep.package:
        ctx.require_package(rep.package)
    if ref.node is binding.alias and "." not in new and isinstance(binding.statement, cst.ImportFrom):
        # `from tensorflow.contrib import slim` -> `import tf_slim as slim` (see below)
        ctx.scratch.setdefault("contrib_packages", {})[id(binding.alias)] = new
        return Rename(_rule_for(rep), None)
    return Rename(_rule_for(rep), new)


@on_module(SLIM)
def tf_slim_requirement(ctx, module: cst.Module) -> cst.Module:
    """Code that imports tf_slim needs it, converted in this run or an earlier one."""
    if imports_package(module, "tf_slim"):
        ctx.require_package(TF_SLIM)
    return module


@on_module(SLIM)
def from_contrib_import(ctx, module: cst.Module) -> cst.Module:
    """``from tensorflow.contrib import slim [as s]`` -> ``import tf_slim as slim``."""
    packages = ctx.scratch.get("contrib_packages")
    if not packages:
        return module
    # original alias -> new package; the transformer sees updated nodes, so match by text
    by_local = {}
    for b in ctx.resolution.bindings:
        if id(b.alias) in packages:
            by_local[(dotted(b.statement.module), b.name)] = packages[id(b.alias)]
    return module.visit(_FromImportToImport(by_local))


class _FromImportToImport(cst.CSTTransformer):
    def __init__(self, by_local):
        self.by_local = by_local

    def leave_SimpleStatementLine(self, original, updated):
        if len(updated.body) != 1 or not isinstance(updated.body[0], cst.ImportFrom):
            return updated
        stmt = updated.body[0]
        if stmt.module is None or isinstance(stmt.names, cst.ImportStar):
            return updated
        module = dotted(stmt.module)
        keep, new_lines = [], []
        for alias in stmt.names:
            local = alias.asname.name.value if alias.asname else alias.name.value
            package = self.by_local.get((module, local))
            if package is None:
                keep.append(alias)
                continue
            asname = None if package == local else cst.AsName(name=cst.Name(local))
            new_lines.append(cst.Import(names=[cst.ImportAlias(name=cst.Name(package), asname=asname)]))
        if not new_lines:
            return updated
        lines = []
        if keep:
            keep = [a.with_changes(comma=cst.MaybeSentinel.DEFAULT) for a in keep]
            lines.append(updated.with_changes(body=[stmt.with_changes(names=keep, lpar=None, rpar=None)]))
        for imp in new_lines:
            line = cst.SimpleStatementLine(body=[imp])
            if not lines:
                line = updated.with_changes(body=[imp])  # keeps the comments/blank lines above
            lines.append(line)
        return cst.FlattenSentinel(lines)
