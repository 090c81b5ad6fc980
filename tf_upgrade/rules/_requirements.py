"""What converted code needs beyond TensorFlow itself, shared by the TFU3xx families.

Requirements are recorded on the file's context (``ctx.require_package``) and
end up in ``UpgradeResult.requirements`` and the run summary.  Environment
settings the code needs are recorded the same way, spelled ``NAME=value``.
"""
from __future__ import annotations

ABSL = "absl-py"
TF_SLIM = "tf_slim"
LEGACY_KERAS_ENV = "TF_USE_LEGACY_KERAS=1"


def tf_keras(target) -> str:
    """tf_keras releases track TensorFlow's: 2.21 needs tf_keras 2.21.x."""
    return f"tf_keras~={target[0]}.{target[1]}.0"


def imports_package(module, package: str) -> bool:
    """Does the module import ``package`` (or a submodule) at module level?  Requirements
    follow what the code uses, so a second run over converted code still lists them."""
    import libcst as cst

    def top(node) -> str:
        while isinstance(node, cst.Attribute):
            node = node.value
        return node.value if isinstance(node, cst.Name) else ""

    statements = []
    for stmt in module.body:
        if isinstance(stmt, cst.Try):
            statements.extend(stmt.body.body)
        else:
            statements.append(stmt)
    for stmt in statements:
        if not isinstance(stmt, cst.SimpleStatementLine):
            continue
        for small in stmt.body:
            if isinstance(small, cst.Import) and any(top(a.name) == package for a in small.names):
                return True
            if isinstance(small, cst.ImportFrom) and not small.relative and small.module is not None \
                    and top(small.module) == package:
                return True
    return False


def needs_tf_keras(ctx, once: str) -> bool:
    """Record that the converted file needs tf_keras serving Keras (the package and
    TF_USE_LEGACY_KERAS=1); True the first time ``once`` is asked in this file, when the
    caller says why (one diagnostic per file and reason, not one per use)."""
    ctx.require_package(tf_keras(ctx.target))
    ctx.require_package(LEGACY_KERAS_ENV)
    if ctx.scratch.get(once):
        return False
    ctx.scratch[once] = True
    return True


def require_tf_keras(ctx, rule, node, name: str) -> None:
    """``name`` loads only with tf_keras serving Keras: record it, say so once per file."""
    if not needs_tf_keras(ctx, "tf_keras_reported"):
        return
    major, minor = ctx.target
    ctx.report(rule, node, f"{name} exists in TensorFlow {major}.{minor} only with the tf_keras package "
               f"installed and TF_USE_LEGACY_KERAS=1 set (Keras 3 has no TF 1 layers)",
               hint=f"pip install '{tf_keras(ctx.target)}' and set TF_USE_LEGACY_KERAS=1 before "
               "importing tensorflow; or port to Keras layers")
