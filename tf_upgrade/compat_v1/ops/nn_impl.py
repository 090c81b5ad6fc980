"""`tf.nn` functions composed from other ops: `embedding_lookup`, `local_response_normalization` (`lrn`),
`log_uniform_candidate_sampler` and the sampled losses built on it (`nce_loss`, `sampled_softmax_loss`)."""
import numpy as np

from ..dtypes import float32, int64
from ..graph import convert_to_tensor, get_default_graph, name_scope
from ..namespace import export
from ..shapes import TensorShape
from . import array_ops, math_ops
from . import nn_ops as nn_ops_lib
from . import registry as R
from .clip_ops import clip_by_norm
from .linalg_ops import tensordot


@export("tf.nn.embedding_lookup")
def embedding_lookup(params, ids, partition_strategy="mod", name=None, validate_indices=True, max_norm=None):
    """Single-shard ``tf.nn.embedding_lookup`` (a gather on axis 0; ``max_norm`` clips rows)."""
    if isinstance(params, (list, tuple)):
        if len(params) != 1:
            raise NotImplementedError("sharded embedding_lookup (a list of several params) is not supported")
        params = params[0]
    with get_default_graph().name_scope(name or "embedding_lookup"):
        out = array_ops.gather(params, ids)
        if max_norm is not None:
            out = clip_by_norm(out, max_norm, axes=[out.get_shape().ndims - 1])
        return out


@export("tf.nn.local_response_normalization", "tf.nn.lrn")
def local_response_normalization(input, depth_radius=5, bias=1.0, alpha=1.0, beta=0.5, name=None):  # noqa: A002
    """``sqr_sum[..., d] = sum(input[..., d-r:d+r+1] ** 2)``; ``output = input / (bias + alpha * sqr_sum) ** beta``
    (the window sum is a matmul with a band matrix, so the gradient comes for free)."""
    with name_scope(name or "LRN"):
        x = convert_to_tensor(input)
        c = x.get_shape().as_list()[-1]
        idx = np.arange(c)
        band = (np.abs(idx[:, None] - idx[None, :]) <= depth_radius).astype(x.dtype.as_numpy_dtype)
        sqr_sum = tensordot(math_ops.square(x), array_ops.constant(band), [[x.get_shape().ndims - 1], [0]])
        return x * math_ops.pow(bias + alpha * sqr_sum, -beta)


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
           infer=lambda op: [(int64, TensorShape([op.attrs["num_sampled"]])),
                             (float32, op.inputs[0]._shape), (float32, TensorShape([op.attrs["num_sampled"]]))])


def _accidental_hits_kernel(true_classes, sampled):
    t = np.asarray(true_classes).reshape(len(true_classes), -1)
    hits = (t[:, :, None] == np.asarray(sampled)[None, None, :]).any(axis=1)
    return np.where(hits, np.float32(-np.finfo(np.float32).max), np.float32(0.0)).astype(np.float32)


R.register("AccidentalHitsMask", kernel=_accidental_hits_kernel, grad=R.NO_GRADIENT,
           infer=lambda op: [(float32, TensorShape([op.inputs[0]._shape.as_list()[0] if op.inputs[0]._shape.ndims
                                                  else None, op.inputs[1]._shape.as_list()[0]]))])


@export("tf.nn.log_uniform_candidate_sampler")
def log_uniform_candidate_sampler(true_classes, num_true, num_sampled, unique, range_max, seed=None, name=None):
    g = get_default_graph()
    tc = array_ops.cast(convert_to_tensor(true_classes), int64)
    op = g.create_op("LogUniformCandidateSampler", [tc],
                     {"num_true": int(num_true), "num_sampled": int(num_sampled), "unique": bool(unique),
                      "range_max": int(range_max), "seed": seed or 0, "seed2": 0},
                     name=name or "LogUniformCandidateSampler")
    return tuple(op.outputs)


def _sampled_logits(weights, biases, labels, inputs, num_sampled, num_classes, num_true, sampled_values,
                    remove_accidental_hits):
    labels = array_ops.cast(convert_to_tensor(labels), int64)
    inputs = convert_to_tensor(inputs)
    if sampled_values is None:
        sampled_values = log_uniform_candidate_sampler(labels, num_true, num_sampled, True, num_classes)
    sampled, true_expected, sampled_expected = [array_ops.stop_gradient(t) for t in sampled_values]
    labels_flat = array_ops.reshape(labels, [-1])
    all_ids = array_ops.concat([labels_flat, sampled], 0)
    all_w = embedding_lookup(weights, all_ids)
    all_b = embedding_lookup(biases, all_ids)
    n_true = array_ops.shape(labels_flat)[0]
    dim = array_ops.shape(all_w)[1]
    true_w = array_ops.reshape(array_ops.slice(all_w, [0, 0], array_ops.stack([n_true, dim])),
                               array_ops.stack([-1, num_true, dim]))
    sampled_w = array_ops.slice(all_w, array_ops.stack([n_true, 0]), [-1, -1])
    true_b = array_ops.reshape(array_ops.slice(all_b, [0], array_ops.stack([n_true])), [-1, num_true])
    sampled_b = array_ops.slice(all_b, array_ops.stack([n_true]), [-1])
    true_logits = math_ops.reduce_sum(array_ops.expand_dims(inputs, 1) * true_w, 2) + true_b
    sampled_logits = math_ops.matmul(inputs, sampled_w, transpose_b=True) + sampled_b
    if remove_accidental_hits:
        sampled_logits = sampled_logits + get_default_graph().create_op(
            "AccidentalHitsMask", [labels, sampled], {}, name="compute_accidental_hits").outputs[0]
    true_logits = true_logits - math_ops.log(true_expected)
    sampled_logits = sampled_logits - math_ops.log(sampled_expected)
    logits = array_ops.concat([true_logits, sampled_logits], 1)
    out_labels = array_ops.concat([array_ops.ones_like(true_logits) / num_true,
                                   array_ops.zeros_like(sampled_logits)], 1)
    return logits, out_labels


@export("tf.nn.nce_loss")
def nce_loss(weights, biases, labels, inputs, num_sampled, num_classes, num_true=1, sampled_values=None,
             remove_accidental_hits=False, partition_strategy="mod", name="nce_loss"):
    """Noise-contrastive estimation with a log-uniform sampler (numpy random stream, not TF's)."""
    with name_scope(name):
        logits, labels_ = _sampled_logits(weights, biases, labels, inputs, num_sampled, num_classes, num_true,
                                          sampled_values, remove_accidental_hits)
        losses = nn_ops_lib.sigmoid_cross_entropy_with_logits(labels=labels_, logits=logits)
        return math_ops.reduce_sum(losses, 1)


@export("tf.nn.sampled_softmax_loss")
def sampled_softmax_loss(weights, biases, labels, inputs, num_sampled, num_classes, num_true=1,
                         sampled_values=None, remove_accidental_hits=True, partition_strategy="mod",
                         name="sampled_softmax_loss", seed=None):
    with name_scope(name):
        logits, labels_ = _sampled_logits(weights, biases, labels, inputs, num_sampled, num_classes, num_true,
                                          sampled_values, remove_accidental_hits)
        return nn_ops_lib.softmax_cross_entropy_with_logits_v2(labels=array_ops.stop_gradient(labels_), logits=logits)
