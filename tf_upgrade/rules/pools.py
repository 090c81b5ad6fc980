"""``tf.nn.max_pool`` / ``tf.nn.avg_pool`` keep their fixed rank: ``max_pool2d`` / ``avg_pool2d``.

TF 1.x's ``tf.nn.max_pool(value, ksize, strides, padding)`` was the 2-D
(NHWC/NCHW) pooling op.  TF 2 reused the name for the N-D ``max_pool_v2``,
which picks the op from the input's rank and fails when the rank is unknown
(a placeholder of ``shape=None``, a ``tf.py_function`` result...).  TF 2
exports the same 2-D op as ``max_pool2d`` / ``avg_pool2d``: those are the
names that keep TF 1.x's behaviour on every input.  The 1-D and 3-D functions
(``max_pool1d``, ``max_pool3d``, ``avg_pool1d``, ``avg_pool3d``) kept their
names and meaning, and TF 1.x's ``max_pool_v2`` / ``avg_pool_v2`` were already
the N-D ones (the generated table renames them to ``max_pool`` / ``avg_pool``).
"""
from __future__ import annotations

from typing import Optional

from .registry import SPECIFIC, Rename, on_reference, rule

POOL = rule(
    "TFU226", "pool-fixed-rank",
    "tf.nn.max_pool / avg_pool become tf.nn.max_pool2d / avg_pool2d (TF 2's name for the same 2-D op)",
    why="In TF 2, tf.nn.max_pool and tf.nn.avg_pool are N-D functions that need the input's rank and fail "
        "on inputs of unknown rank; TF 1.x's functions of those names were the 2-D ops, exported in TF 2 as "
        "max_pool2d and avg_pool2d.",
    meaning_differs=True)

FIXED_RANK = {"tf.nn.max_pool": "tf.nn.max_pool2d", "tf.nn.avg_pool": "tf.nn.avg_pool2d"}


@on_reference(POOL, priority=SPECIFIC + 20, screen=lambda q, env: q in FIXED_RANK)
def pool_2d(ctx, ref) -> Optional[Rename]:
    new = FIXED_RANK[ref.qualname]
    if not ctx.exists(new):
        return None
    return Rename(POOL, new)
