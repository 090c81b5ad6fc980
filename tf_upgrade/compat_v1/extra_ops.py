"""Ops part 2 needs that the core does not define: ``reverse``, ``tensordot``,
``clip_by_norm``, ``global_norm``, ``clip_by_global_norm``, ``TensorArray``-free helpers.

``clip_by_norm`` / ``clip_by_global_norm`` follow TensorFlow's formulas
(``global_norm = sqrt(2 * sum(l2_loss(t)))``, ``scale = clip_norm *
min(1/norm, 1/clip_norm)``) so the rounding matches.
"""
import importlib

import numpy as np

from .graph import convert_to_tensor, get_default_graph
from .ops import registry as R


def _tf():
    return importlib.import_module("tf_upgrade.compat_v1")


def _reverse_kernel(x, axes):
    return np.flip(x, axis=tuple(int(a) for a in np.reshape(axes, [-1]))).copy()


R.register("ReverseV2", kernel=_reverse_kernel,
           infer=lambda op: [(op.inputs[0].dtype, op.inputs[0]._shape)],
           grad=lambda op, g: [reverse(g, op.inputs[1]), None])


def reverse(tensor, axis, name=None):
    g = get_default_graph()
    t = convert_to_tensor(tensor)
    axes = convert_to_tensor(axis if not isinstance(axis, int) else [axis])
    return g.create_op("ReverseV2", [t, axes], {}, name=name or "ReverseV2").outputs[0]


reverse_v2 = reverse


def tensordot(a, b, axes, name=None):
    tf = _tf()
    with get_default_graph().name_scope(name or "Tensordot"):
        a = convert_to_tensor(a)
        b = convert_to_tensor(b, dtype=a.dtype)
        ra, rb = a.get_shape().ndims, b.get_shape().ndims
        if ra is None or rb is None:
            raise ValueError("tensordot needs inputs of known rank in the numpy runtime")
        if isinstance(axes, int):
            a_axes = list(range(ra - axes, ra))
            b_axes = list(range(axes))
        else:
            a_axes, b_axes = [list(np.atleast_1d(x)) for x in axes]
        a_axes = [x % ra for x in a_axes]
        b_axes = [x % rb for x in b_axes]
        a_free = [i for i in range(ra) if i not in a_axes]
        b_free = [i for i in range(rb) if i not in b_axes]
        sa = a.get_shape().as_list()
        sb = b.get_shape().as_list()
        dyn_a, dyn_b = tf.shape(a), tf.shape(b)

        def prod(shape, dyn, idx):
            if all(shape[i] is not None for i in idx):
                return int(np.prod([shape[i] for i in idx], dtype=np.int64))
            return tf.reduce_prod(tf.gather(dyn, idx)) if idx else 1

        at = a if a_free + a_axes == list(range(ra)) else tf.transpose(a, a_free + a_axes)
        bt = b if b_axes + b_free == list(range(rb)) else tf.transpose(b, b_axes + b_free)
        am = tf.reshape(at, tf.stack([prod(sa, dyn_a, a_free), prod(sa, dyn_a, a_axes)])
                        if any(sa[i] is None for i in range(ra)) else
                        [prod(sa, dyn_a, a_free), prod(sa, dyn_a, a_axes)])
        bm = tf.reshape(bt, [prod(sb, dyn_b, b_axes), prod(sb, dyn_b, b_free)]
                        if all(d is not None for d in sb) else tf.stack([prod(sb, dyn_b, b_axes),
                                                                          prod(sb, dyn_b, b_free)]))
        out = tf.matmul(am, bm)
        free_static = [sa[i] for i in a_free] + [sb[i] for i in b_free]
        if all(d is not None for d in free_static):
            return tf.reshape(out, free_static)
        parts = [tf.gather(dyn_a, a_free) if a_free else None, tf.gather(dyn_b, b_free) if b_free else None]
        res = tf.reshape(out, tf.concat([p for p in parts if p is not None], 0))
        res.set_shape(free_static)
        return res


def global_norm(t_list, name=None):
    tf = _tf()
    with get_default_graph().name_scope(name or "global_norm"):
        halves = [tf.nn.l2_loss(convert_to_tensor(t)) for t in t_list if t is not None]
        half = tf.reduce_sum(tf.stack(halves))
        return tf.sqrt(half * tf.constant(2.0, dtype=half.dtype), name="global_norm")


def clip_by_global_norm(t_list, clip_norm, use_norm=None, name=None):
    tf = _tf()
    t_list = list(t_list)
    with get_default_graph().name_scope(name or "clip_by_global_norm"):
        norm = use_norm if use_norm is not None else global_norm(t_list)
        clip = convert_to_tensor(clip_norm, dtype=norm.dtype)
        one = tf.constant(1.0, dtype=norm.dtype)
        scale = clip * tf.minimum(one / norm, one / clip)
        out = [None if t is None else tf.identity(convert_to_tensor(t) * tf.cast(scale, convert_to_tensor(t).dtype))
               for t in t_list]
    return out, norm


def clip_by_norm(t, clip_norm, axes=None, name=None):
    tf = _tf()
    with get_default_graph().name_scope(name or "clip_by_norm"):
        t = convert_to_tensor(t)
        l2sum = tf.reduce_sum(t * t, axes, keepdims=True)
        pred = l2sum > 0
        l2sum_safe = tf.where(pred, l2sum, tf.ones_like(l2sum))
        l2norm = tf.where(pred, tf.sqrt(l2sum_safe), l2sum)
        clip = convert_to_tensor(clip_norm, dtype=t.dtype)
        return tf.identity(t * clip / tf.maximum(l2norm, clip))


def clip_by_average_norm(t, clip_norm, name=None):
    tf = _tf()
    t = convert_to_tensor(t)
    n = tf.cast(tf.size(t), t.dtype)
    l2norm_inv = tf.rsqrt(tf.reduce_sum(t * t))
    clip = convert_to_tensor(clip_norm, dtype=t.dtype)
    return tf.identity(t * clip * tf.minimum(l2norm_inv * n, 1.0 / clip))


def embedding_lookup(params, ids, partition_strategy="mod", name=None, validate_indices=True, max_norm=None):
    """Single-shard ``tf.nn.embedding_lookup`` (a gather on axis 0; ``max_norm`` clips rows)."""
    tf = _tf()
    if isinstance(params, (list, tuple)):
        if len(params) != 1:
            raise NotImplementedError("sharded embedding_lookup (a list of several params) is not supported")
        params = params[0]
    with get_default_graph().name_scope(name or "embedding_lookup"):
        out = tf.gather(params, ids)
        if max_norm is not None:
            out = clip_by_norm(out, max_norm, axes=[out.get_shape().ndims - 1])
        return out


def _reverse_sequence_kernel(x, lengths, seq_axis, batch_axis):
    out = np.array(x, copy=True)
    for b, n in enumerate(np.asarray(lengths).reshape(-1)):
        idx = [slice(None)] * x.ndim
        idx[batch_axis] = b
        idx[seq_axis] = slice(0, int(n))
        src = x[tuple(idx)]
        out[tuple(idx)] = np.flip(src, axis=seq_axis - (1 if batch_axis < seq_axis else 0))
    return out


R.register("ReverseSequence", kernel=_reverse_sequence_kernel,
           infer=lambda op: [(op.inputs[0].dtype, op.inputs[0]._shape)],
           grad=lambda op, g: [reverse_sequence(g, op.inputs[1], op.attrs["seq_axis"], op.attrs["batch_axis"]),
                               None])


def reverse_sequence(input, seq_lengths, seq_axis=None, batch_axis=None, name=None, seq_dim=None,  # noqa: A002
                     batch_dim=None):
    seq_axis = seq_axis if seq_axis is not None else seq_dim
    batch_axis = batch_axis if batch_axis is not None else (batch_dim if batch_dim is not None else 0)
    g = get_default_graph()
    x = convert_to_tensor(input)
    return g.create_op("ReverseSequence", [x, convert_to_tensor(seq_lengths)],
                       {"seq_axis": int(seq_axis), "batch_axis": int(batch_axis)},
                       name=name or "ReverseSequence").outputs[0]


def conv1d(value=None, filters=None, stride=None, padding=None, use_cudnn_on_gpu=None, data_format=None, name=None,
           input=None, dilations=None):  # noqa: A002
    """NWC conv1d as TF does it: expand to NHWC, conv2d, squeeze."""
    tf = _tf()
    from .layers import nn_ops
    value = value if value is not None else input
    with get_default_graph().name_scope(name or "conv1d"):
        x = tf.expand_dims(convert_to_tensor(value), 1)
        f = tf.expand_dims(convert_to_tensor(filters), 0)
        s = stride if isinstance(stride, int) else stride[-2] if len(stride) == 3 else stride[0]
        d = 1 if dilations is None else (dilations if isinstance(dilations, int) else dilations[-2])
        y = nn_ops.conv2d(x, f, strides=[1, 1, s, 1], padding=padding, dilations=[1, 1, d, 1])
        return tf.squeeze(y, [1])


def local_response_normalization(input, depth_radius=5, bias=1.0, alpha=1.0, beta=0.5, name=None):  # noqa: A002
    """``sqr_sum[..., d] = sum(input[..., d-r:d+r+1] ** 2)``; ``output = input / (bias + alpha * sqr_sum) ** beta``
    (the window sum is a matmul with a band matrix, so the gradient comes for free)."""
    tf = _tf()
    with tf.name_scope(name or "LRN"):
        x = convert_to_tensor(input)
        c = x.get_shape().as_list()[-1]
        idx = np.arange(c)
        band = (np.abs(idx[:, None] - idx[None, :]) <= depth_radius).astype(x.dtype.as_numpy_dtype)
        sqr_sum = tf.tensordot(tf.square(x), tf.constant(band), [[x.get_shape().ndims - 1], [0]])
        return x * tf.pow(bias + alpha * sqr_sum, -beta)


lrn = local_response_normalization
