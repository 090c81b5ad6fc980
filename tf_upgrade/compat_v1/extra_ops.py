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


# ---- sampled losses (word2vec-style training) -----------------------------------------------

def _log_uniform_probs(ids, range_max):
    ids = np.asarray(ids, dtype=np.float64)
    return (np.log(ids + 2.0) - np.log(ids + 1.0)) / np.log(range_max + 1.0)


def _sampler_kernel(op, session):
    a = op.attrs
    gen = session.random_generator(op)

    def kernel(true_classes):
        n, rmax = a["num_sampled"], a["range_max"]
        tries = 0
        picked = []
        seen = set()
        while len(picked) < n:
            # log-uniform (Zipfian) draw: floor(exp(u * log(range_max + 1))) - 1
            k = int(np.exp(gen.random() * np.log(rmax + 1.0))) - 1
            k = min(max(k, 0), rmax - 1)
            tries += 1
            if a["unique"]:
                if k in seen:
                    continue
                seen.add(k)
            picked.append(k)
        sampled = np.array(picked, np.int64)

        def expected(ids):
            p = _log_uniform_probs(ids, rmax)
            if a["unique"]:
                return (-np.expm1(tries * np.log1p(-p))).astype(np.float32)
            return (p * n).astype(np.float32)
        return [sampled, expected(np.asarray(true_classes)), expected(sampled)]
    return kernel


R.register("LogUniformCandidateSampler", kernel_factory=_sampler_kernel, stateful=True, grad=R.NO_GRADIENT,
           infer=lambda op: [(_int64(), _shape([op.attrs["num_sampled"]])),
                             (_float32(), op.inputs[0]._shape), (_float32(), _shape([op.attrs["num_sampled"]]))])


def _int64():
    return _tf().int64


def _float32():
    return _tf().float32


def _shape(dims):
    return _tf().TensorShape(dims)


def _accidental_hits_kernel(true_classes, sampled):
    t = np.asarray(true_classes).reshape(len(true_classes), -1)
    hits = (t[:, :, None] == np.asarray(sampled)[None, None, :]).any(axis=1)
    return np.where(hits, np.float32(-np.finfo(np.float32).max), np.float32(0.0)).astype(np.float32)


R.register("AccidentalHitsMask", kernel=_accidental_hits_kernel, grad=R.NO_GRADIENT,
           infer=lambda op: [(_float32(), _shape([op.inputs[0]._shape.as_list()[0] if op.inputs[0]._shape.ndims
                                                  else None, op.inputs[1]._shape.as_list()[0]]))])


def log_uniform_candidate_sampler(true_classes, num_true, num_sampled, unique, range_max, seed=None, name=None):
    g = get_default_graph()
    tc = _tf().cast(convert_to_tensor(true_classes), _tf().int64)
    op = g.create_op("LogUniformCandidateSampler", [tc],
                     {"num_true": int(num_true), "num_sampled": int(num_sampled), "unique": bool(unique),
                      "range_max": int(range_max), "seed": seed or 0, "seed2": 0},
                     name=name or "LogUniformCandidateSampler")
    return tuple(op.outputs)


def _sampled_logits(weights, biases, labels, inputs, num_sampled, num_classes, num_true, sampled_values,
                    remove_accidental_hits):
    tf = _tf()
    labels = tf.cast(convert_to_tensor(labels), tf.int64)
    inputs = convert_to_tensor(inputs)
    if sampled_values is None:
        sampled_values = log_uniform_candidate_sampler(labels, num_true, num_sampled, True, num_classes)
    sampled, true_expected, sampled_expected = [tf.stop_gradient(t) for t in sampled_values]
    labels_flat = tf.reshape(labels, [-1])
    all_ids = tf.concat([labels_flat, sampled], 0)
    all_w = embedding_lookup(weights, all_ids)
    all_b = embedding_lookup(biases, all_ids)
    n_true = tf.shape(labels_flat)[0]
    dim = tf.shape(all_w)[1]
    true_w = tf.reshape(tf.slice(all_w, [0, 0], tf.stack([n_true, dim])), tf.stack([-1, num_true, dim]))
    sampled_w = tf.slice(all_w, tf.stack([n_true, 0]), [-1, -1])
    true_b = tf.reshape(tf.slice(all_b, [0], tf.stack([n_true])), [-1, num_true])
    sampled_b = tf.slice(all_b, tf.stack([n_true]), [-1])
    true_logits = tf.reduce_sum(tf.expand_dims(inputs, 1) * true_w, 2) + true_b
    sampled_logits = tf.matmul(inputs, sampled_w, transpose_b=True) + sampled_b
    if remove_accidental_hits:
        sampled_logits = sampled_logits + get_default_graph().create_op(
            "AccidentalHitsMask", [labels, sampled], {}, name="compute_accidental_hits").outputs[0]
    true_logits = true_logits - tf.log(true_expected)
    sampled_logits = sampled_logits - tf.log(sampled_expected)
    logits = tf.concat([true_logits, sampled_logits], 1)
    out_labels = tf.concat([tf.ones_like(true_logits) / num_true, tf.zeros_like(sampled_logits)], 1)
    return logits, out_labels


def nce_loss(weights, biases, labels, inputs, num_sampled, num_classes, num_true=1, sampled_values=None,
             remove_accidental_hits=False, partition_strategy="mod", name="nce_loss"):
    """Noise-contrastive estimation with a log-uniform sampler (numpy random stream, not TF's)."""
    tf = _tf()
    with tf.name_scope(name):
        logits, labels_ = _sampled_logits(weights, biases, labels, inputs, num_sampled, num_classes, num_true,
                                          sampled_values, remove_accidental_hits)
        losses = tf.nn.sigmoid_cross_entropy_with_logits(labels=labels_, logits=logits)
        return tf.reduce_sum(losses, 1)


def sampled_softmax_loss(weights, biases, labels, inputs, num_sampled, num_classes, num_true=1,
                         sampled_values=None, remove_accidental_hits=True, partition_strategy="mod",
                         name="sampled_softmax_loss", seed=None):
    tf = _tf()
    with tf.name_scope(name):
        logits, labels_ = _sampled_logits(weights, biases, labels, inputs, num_sampled, num_classes, num_true,
                                          sampled_values, remove_accidental_hits)
        return tf.nn.softmax_cross_entropy_with_logits_v2(labels=tf.stop_gradient(labels_), logits=logits)
