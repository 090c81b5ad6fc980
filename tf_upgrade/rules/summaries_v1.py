"""TF 1 summary ops keep their TF 1 meaning: ``tf.summary.scalar`` -> ``tf.compat.v1.summary.scalar``.

TF 2 reused the names ``tf.summary.scalar/histogram/image/audio/text`` for
different functions (``(name, data, step)``, writing to a default writer; the
full set comes from the ``tensorboard`` package).  The TF 1 ops returned a
serialized Summary tensor for ``merge_all`` and a ``FileWriter``; that is
``tf.compat.v1.summary``, which is part of TensorFlow itself (no tensorboard
package needed).
"""
from __future__ import annotations

from typing import Optional

from .registry import Rename, on_reference, rule

SUMMARY = rule(
    "TFU350", "summary-v1-ops", "TF 1 summary ops (tf.summary.scalar...) become tf.compat.v1.summary ops",
    why="TF 2's tf.summary.scalar etc. share the TF 1 names but take (name, data, step) and write to a "
        "default writer; the TF 1 graph ops are tf.compat.v1.summary.*.",
    meaning_differs=True)

REUSED_NAMES = ("scalar", "histogram", "image", "audio", "text")


@on_reference(SUMMARY, priority=60, screen=lambda q, env: q.startswith("tf.summary."))
def summary_v1(ctx, ref) -> Optional[Rename]:
    q = ref.qualname
    if not q.startswith("tf.summary.") or q[len("tf.summary."):] not in REUSED_NAMES:
        return None
    return Rename(SUMMARY, "tf.compat.v1" + q[2:])
