"""How a TensorFlow name is written in a file: through which of its bindings.

``tf.math.log`` in a file with ``import tensorflow as tf`` and ``from tensorflow import math
as M`` is ``M.log``: the longest binding whose name the qualname lies under wins, and the
binding the rewritten reference was reached through (``near``) wins over all.  A binding's
name is the one its import will have after the rewrite (``binding_renames``).  Aliases
(``layers = tf.layers``) spell only the uses written through them, never other names.
"""
from __future__ import annotations

from typing import Callable, Iterable, Optional

from .resolve import Binding


def is_tf(qualname: str) -> bool:
    """A canonical TensorFlow name (``tf``, ``tf.nn``), not another package (``tf_slim``)."""
    return qualname == "tf" or qualname.startswith("tf.")


def through_bindings(qualname: str, bindings: Iterable[Binding], binding_qualname: Callable[[Binding], str],
                     near: Optional[Binding] = None) -> Optional[str]:
    """The dotted source for ``tf.``-rooted ``qualname`` through the best of ``bindings`` (the
    file's module-level TF bindings; ``near`` first), or None when none of them fits."""
    best = None
    for b in ([near] if near is not None else []) + list(bindings):
        bq = binding_qualname(b)
        if qualname == bq or qualname.startswith(bq + "."):
            if b is near:
                best = b
                break
            if best is None or len(bq) > len(binding_qualname(best)):
                best = b
    if best is None:
        return None
    return best.name + qualname[len(binding_qualname(best)):]
