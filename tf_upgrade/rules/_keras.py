"""Which Keras converted tf.keras code is for (shared by the keras3_* rule families).

From TF 2.16 ``tf.keras`` is Keras 3.  ``Settings.keras`` says what the user
wants there: ``"keras3"`` (the default) converts Keras 2 idioms to Keras 3
ones; ``"tf_keras"`` keeps Keras 2 code, which then runs on the ``tf_keras``
package with ``TF_USE_LEGACY_KERAS=1``.  Below 2.16 ``tf.keras`` is Keras 2
and none of this applies.

These are target-version fixes: Keras 2 code reads the same in a TF 1.x file
and in a TF 2.0-2.15 file, so the rules apply in every dialect.
"""
from __future__ import annotations

from typing import Optional, Tuple

import libcst as cst

from .syntax import dotted

KERAS3_FROM = (2, 16)

# The Keras 2 optimizer classes (OptimizerV2: tf.keras.optimizers.* in TF 1.13-2.10,
# tf.keras.optimizers.legacy.* in TF 2.11-2.15) and their default learning rates.
KERAS2_OPTIMIZERS = {
    "SGD": 0.01, "Adam": 0.001, "RMSprop": 0.001, "Adagrad": 0.001, "Adadelta": 0.001,
    "Adamax": 0.001, "Nadam": 0.001, "Ftrl": 0.001,
}


def keras3(settings, target: Tuple[int, int]) -> bool:
    """Is tf.keras code being converted for Keras 3?"""
    return tuple(target) >= KERAS3_FROM and getattr(settings, "keras", None) != "tf_keras"


def keeps_keras2(settings, target: Tuple[int, int]) -> bool:
    """Does tf.keras code stay Keras 2 on a Keras 3 TensorFlow (served by tf_keras)?"""
    return tuple(target) >= KERAS3_FROM and getattr(settings, "keras", None) == "tf_keras"


def is_keras(qualname: str) -> bool:
    return qualname == "tf.keras" or qualname.startswith("tf.keras.")


def is_base_class(ctx, node: cst.CSTNode) -> bool:
    """Is the ORIGINAL reference ``node`` a base of a class statement (``class X(node):``)?"""
    arg = ctx.parent(node)
    if not isinstance(arg, cst.Arg) or arg.keyword is not None:
        return False
    owner = ctx.parent(arg)
    return isinstance(owner, cst.ClassDef) and any(a is arg for a in owner.bases)


def feature_check(ctx, node: cst.CSTNode, qualname: str) -> Optional[str]:
    """The test of a version check that guards the ORIGINAL reference ``node`` (``qualname``),
    if one does: ``hasattr(tf.keras.optimizers, "legacy")`` or
    ``importlib.util.find_spec("tensorflow.keras.optimizers.legacy")`` in the test of an
    enclosing ``if``/conditional expression, or on the left of an ``and``/``or`` it is on the
    right of.  Such code picks what exists on the TensorFlow it runs on: renaming the guarded
    name changes which branch means what (Keras 3 has no ``optimizers.experimental``, so
    ``hasattr(...) and isinstance(o, ...experimental.Optimizer)`` is False there as written)."""
    child, parent = node, ctx.parent(node)
    while parent is not None and not isinstance(parent, (cst.FunctionDef, cst.ClassDef, cst.Module, cst.Lambda)):
        test = None
        if isinstance(parent, cst.BooleanOperation) and child is parent.right:
            test = parent.left
        elif isinstance(parent, (cst.If, cst.IfExp, cst.While)) and child is not parent.test:
            test = parent.test
        if test is not None and _checks_for(ctx, test, qualname):
            return ctx.code(test).strip()
        child, parent = parent, ctx.parent(parent)
    return None


class _ChecksFor(cst.CSTVisitor):
    def __init__(self, ctx, qualname: str):
        self.ctx, self.qualname, self.found = ctx, qualname, False

    def _covers(self, checked: Optional[str]) -> bool:
        return bool(checked) and (self.qualname == checked or self.qualname.startswith(checked + "."))

    def visit_Call(self, node: cst.Call) -> None:
        func = dotted(node.func) or ""
        args = [a for a in node.args if a.keyword is None]
        if func.rsplit(".", 1)[-1] == "hasattr" and len(args) == 2 \
                and isinstance(args[1].value, cst.SimpleString):
            owner = self.ctx.qualname(args[0].value)
            if owner is not None and self._covers(f"{owner}.{args[1].value.evaluated_value}"):
                self.found = True
        elif func.rsplit(".", 1)[-1] == "find_spec" and args and isinstance(args[0].value, cst.SimpleString):
            module = args[0].value.evaluated_value
            if isinstance(module, str) and (module == "tensorflow" or module.startswith("tensorflow.")):
                self.found = self.found or self._covers("tf" + module[len("tensorflow"):])


def _checks_for(ctx, test: cst.CSTNode, qualname: str) -> bool:
    finder = _ChecksFor(ctx, qualname)
    test.visit(finder)
    return finder.found
