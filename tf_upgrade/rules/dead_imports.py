"""TensorFlow imports left without a use after the rewrite are removed.

``from tensorflow.compat.v1 import gfile`` whose every ``gfile.X`` became
``tf.io.gfile.x``, or ``from tensorflow.estimator import ModeKeys`` whose
constants became strings, would still import (and on TF 2.16+ fail to import)
a module nothing uses.  Only imports that had uses before the rewrite and have
none after it go; an import that was unused to begin with is the user's.  A
plain ``import tensorflow`` / ``import tensorflow as tf`` always stays (importing
TensorFlow has effects).  Uses the prescreen left out of the parse count as
uses, a name listed in a string (``__all__``) keeps its import, and so does a
name still used in the rewritten code (comparisons by name, not by binding).
"""
from __future__ import annotations

from typing import Set

import libcst as cst

from .registry import on_module, rule

DEAD = rule(
    "TFU233", "dead-imports",
    "a TensorFlow import whose every use was rewritten away is removed",
    why="After the rewrite such an import only loads a module nothing uses, and a TF 1.x-only module "
        "(tf.estimator, tf.contrib) fails to import on current TensorFlow.")


class _NamesUsed(cst.CSTVisitor):
    """Every ``Name`` read or bound outside import statements (not attribute names)."""

    def __init__(self):
        self.names: Set[str] = set()

    def visit_Import(self, node):
        return False

    def visit_ImportFrom(self, node):
        return False

    def visit_Attribute(self, node):
        node.value.visit(self)  # `x.gfile` does not use a name `gfile`
        return False

    def visit_Name(self, node):
        self.names.add(node.value)


def _dead_locals(ctx, module: cst.Module) -> Set[str]:
    res = ctx.resolution
    candidates = {}
    for b in res.bindings:
        if b.alias is None or not b.module_level or b.qualname == "tf" or b.name in res.module_names:
            continue
        if not isinstance(b.statement, cst.ImportFrom) and b.alias.asname is None:
            continue  # `import tensorflow.x` binds `tensorflow`
        candidates[b.name] = b
    if not candidates:
        return set()
    used_before = {r.binding.name for r in res.references.values()
                   if r.binding.name in candidates and r.node is not r.binding.alias}
    dead = set()
    finder = None
    for name in used_before:
        b = candidates[name]
        if any(q == b.qualname or q.startswith(b.qualname + ".") for q in res.omitted_qualnames):
            continue
        if f'"{name}"' in ctx.text or f"'{name}'" in ctx.text:
            continue
        if finder is None:
            finder = _NamesUsed()
            module.visit(finder)
        if name not in finder.names:
            dead.add(name)
    return dead


class _DropAliases(cst.CSTTransformer):
    def __init__(self, dead: Set[str]):
        self.dead = dead
        self.carry = None  # comments/blank lines above a removed statement

    def _local(self, alias: cst.ImportAlias) -> str:
        if alias.asname is not None and isinstance(alias.asname.name, cst.Name):
            return alias.asname.name.value
        node = alias.name
        while isinstance(node, cst.Attribute):
            node = node.value
        return node.value

    def leave_SimpleStatementLine(self, original, updated):
        body = []
        changed = False
        for small in updated.body:
            if isinstance(small, (cst.Import, cst.ImportFrom)) and not isinstance(small.names, cst.ImportStar):
                keep = [a for a in small.names if self._local(a) not in self.dead]
                if len(keep) != len(small.names):
                    changed = True
                    if not keep:
                        continue
                    keep[-1] = keep[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
                    small = small.with_changes(names=keep)
            body.append(small)
        if body:
            if self.carry is not None:
                updated = updated.with_changes(leading_lines=self.carry + list(updated.leading_lines))
                self.carry = None
            return updated.with_changes(body=body) if changed else updated
        self.carry = list(self.carry or []) + list(updated.leading_lines)
        return cst.RemovalSentinel.REMOVE

    def on_visit(self, node):
        # only module-level statements hold the imports this rule removes
        return isinstance(node, (cst.Module, cst.SimpleStatementLine))


@on_module(DEAD)
def remove_dead_imports(ctx, module: cst.Module) -> cst.Module:
    if not ctx.settings.enabled(DEAD.id):
        return module
    dead = _dead_locals(ctx, module)
    if not dead:
        return module
    return module.visit(_DropAliases(dead))
