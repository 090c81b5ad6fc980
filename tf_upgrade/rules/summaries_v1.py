"""TF 1 summary ops keep their TF 1 meaning: ``tf.summary.scalar`` -> ``tf.compat.v1.summary.scalar``.

TF 2 reused the names ``tf.summary.scalar/histogram/image/audio/text`` for
different functions (``(name, data, step)``, writing to a default writer; the
full set comes from the ``tensorboard`` package).  A call passing a keyword only
TF 2's ops take (``step=``, ``data=``...) is TF 2 already and stays.  The TF 1 ops returned a
serialized Summary tensor for ``merge_all`` and a ``FileWriter``; that is
``tf.compat.v1.summary``, which is part of TensorFlow itself (no tensorboard
package needed).
"""
from __future__ import annotations

from typing import Optional

import libcst as cst

from .registry import SPECIFIC, Rename, on_reference, rule

SUMMARY = rule(
    "TFU350", "summary-v1-ops", "TF 1 summary ops (tf.summary.scalar...) become tf.compat.v1.summary ops",
    why="TF 2's tf.summary.scalar etc. share the TF 1 names but take (name, data, step) and write to a "
        "default writer; the TF 1 graph ops are tf.compat.v1.summary.*.",
    meaning_differs=True)

REUSED_NAMES = ("scalar", "histogram", "image", "audio", "text")
# keywords only TF 2's ops take: such a call is already TF 2 (e.g. converted from tf.contrib.summary)
V2_KEYWORDS = frozenset({"step", "data", "description", "buckets", "encoding"})


def _v2_call(ctx, node) -> bool:
    call = ctx.parent(node)
    return isinstance(call, cst.Call) and call.func is node and any(
        a.keyword is not None and a.keyword.value in V2_KEYWORDS for a in call.args)


@on_reference(SUMMARY, priority=SPECIFIC + 10, screen=lambda q, env: q.startswith("tf.summary."))
def summary_v1(ctx, ref) -> Optional[Rename]:
    q = ref.qualname
    if q[len("tf.summary."):] not in REUSED_NAMES:
        return None
    if _v2_call(ctx, ref.node):
        return None
    return Rename(SUMMARY, "tf.compat.v1" + q[2:])
