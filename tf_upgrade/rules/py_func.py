"""``tf.py_func`` is ``tf.numpy_function`` in TF 2 (same arguments, same numpy-in/numpy-out behaviour)."""
from __future__ import annotations

from typing import Optional

from .registry import SPECIFIC, Rename, on_reference, rule

PY_FUNC = rule(
    "TFU402", "py-func", "tf.py_func becomes tf.numpy_function (a Python call inside the graph: not portable)",
    severity="warning",
    why="tf.numpy_function is TF 2's name for tf.py_func. Either runs Python in the TensorFlow runtime: the "
        "graph cannot be saved to a SavedModel or run without the Python process, and holds the GIL.")


@on_reference(PY_FUNC, priority=SPECIFIC + 10, screen=lambda q, env: q == "tf.py_func")
def py_func(ctx, ref) -> Optional[Rename]:
    if not ctx.exists("tf.numpy_function"):
        return None
    return Rename(PY_FUNC, "tf.numpy_function", message="tf.py_func runs Python inside the graph: "
                  "the model cannot be exported to a SavedModel or served without Python",
                  hint="replace with TensorFlow ops where possible")
