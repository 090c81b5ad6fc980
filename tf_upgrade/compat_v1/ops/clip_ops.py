"""`tf.clip_by_norm`, `tf.global_norm`, `tf.clip_by_global_norm`, `tf.clip_by_average_norm`.

They follow TensorFlow's formulas (``global_norm = sqrt(2 * sum(l2_loss(t)))``, ``scale = clip_norm *
min(1/norm, 1/clip_norm)``) so the rounding matches.
"""
from ..graph import convert_to_tensor, get_default_graph
from ..namespace import export
from . import array_ops, math_ops
from . import nn_ops as nn_ops_lib


@export("tf.global_norm")
def global_norm(t_list, name=None):
    with get_default_graph().name_scope(name or "global_norm"):
        halves = [nn_ops_lib.l2_loss(convert_to_tensor(t)) for t in t_list if t is not None]
        half = math_ops.reduce_sum(array_ops.stack(halves))
        return math_ops.sqrt(half * array_ops.constant(2.0, dtype=half.dtype), name="global_norm")


@export("tf.clip_by_global_norm")
def clip_by_global_norm(t_list, clip_norm, use_norm=None, name=None):
    t_list = list(t_list)
    with get_default_graph().name_scope(name or "clip_by_global_norm"):
        norm = use_norm if use_norm is not None else global_norm(t_list)
        clip = convert_to_tensor(clip_norm, dtype=norm.dtype)
        one = array_ops.constant(1.0, dtype=norm.dtype)
        scale = clip * math_ops.minimum(one / norm, one / clip)
        out = [None if t is None else
               array_ops.identity(convert_to_tensor(t) * array_ops.cast(scale, convert_to_tensor(t).dtype))
               for t in t_list]
    return out, norm


@export("tf.clip_by_norm")
def clip_by_norm(t, clip_norm, axes=None, name=None):
    with get_default_graph().name_scope(name or "clip_by_norm"):
        t = convert_to_tensor(t)
        l2sum = math_ops.reduce_sum(t * t, axes, keepdims=True)
        pred = l2sum > 0
        l2sum_safe = array_ops.where(pred, l2sum, array_ops.ones_like(l2sum))
        l2norm = array_ops.where(pred, math_ops.sqrt(l2sum_safe), l2sum)
        clip = convert_to_tensor(clip_norm, dtype=t.dtype)
        return array_ops.identity(t * clip / math_ops.maximum(l2norm, clip))


@export("tf.clip_by_average_norm")
def clip_by_average_norm(t, clip_norm, name=None):
    t = convert_to_tensor(t)
    n = array_ops.cast(array_ops.size(t), t.dtype)
    l2norm_inv = math_ops.rsqrt(math_ops.reduce_sum(t * t))
    clip = convert_to_tensor(clip_norm, dtype=t.dtype)
    return array_ops.identity(t * clip * math_ops.minimum(l2norm_inv * n, 1.0 / clip))
