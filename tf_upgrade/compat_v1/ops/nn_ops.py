"""tf.nn core: activations, softmax, bias_add, l2_loss, cross-entropies, dropout."""
import numpy as np

from .. import dtypes as _dt
from .. import tf0
from ..namespace import export, user_site
from ..shapes import TensorShape
from . import array_ops, math_ops, random_ops
from . import registry as R
from .common import make, make_op, scope, tensor

relu, sigmoid, tanh, softplus = math_ops.relu, math_ops.sigmoid, math_ops.tanh, math_ops.softplus


def _softmax_kernel(x):
    e = np.exp(x - np.max(x, axis=-1, keepdims=True))
    return e / np.sum(e, axis=-1, keepdims=True)


def _log_softmax_kernel(x):
    shifted = x - np.max(x, axis=-1, keepdims=True)
    return shifted - np.log(np.sum(np.exp(shifted), axis=-1, keepdims=True))


def _sum_last(t):
    return math_ops.reduce_sum(t, -1, keepdims=True)


R.register("Softmax", kernel=_softmax_kernel, infer=R.same_as_input,
           grad=lambda op, g: [(g - _sum_last(g * op.outputs[0])) * op.outputs[0]])
R.register("LogSoftmax", kernel=_log_softmax_kernel, infer=R.same_as_input,
           grad=lambda op, g: [g - _sum_last(g) * math_ops.exp(op.outputs[0])])


def _on_axis(op_type, logits, axis, name):
    x = tensor(logits)
    if axis in (None, -1) or (x._shape.ndims is not None and axis == x._shape.ndims - 1):
        return make(op_type, [x], None, name)
    with scope(name, op_type) as s:
        moved = array_ops.transpose(x, _swap_last(x._shape.ndims, axis))
        out = make(op_type, [moved])
    return array_ops.transpose(out, _swap_last(x._shape.ndims, axis), name=s)


def _swap_last(ndims, axis):
    perm = list(range(ndims))
    axis %= ndims
    perm[axis], perm[-1] = perm[-1], perm[axis]
    return perm


@export("tf.math.softmax", "tf.nn.softmax")
def softmax(logits, axis=None, name=None, dim=None):
    return _on_axis("Softmax", logits, dim if axis is None else axis, name)


@export("tf.math.log_softmax", "tf.nn.log_softmax")
def log_softmax(logits, axis=None, name=None, dim=None):
    return _on_axis("LogSoftmax", logits, dim if axis is None else axis, name)


# ---- bias_add

def _bias_add_kernel(x, b, data_format):
    if data_format == "NCHW" and x.ndim > 2:
        return x + b.reshape((-1,) + (1,) * (x.ndim - 2))
    return x + b


def _bias_add_grad_kernel(g, data_format):
    if data_format == "NCHW" and g.ndim > 2:
        return np.sum(g, axis=(0,) + tuple(range(2, g.ndim)), dtype=g.dtype)
    return np.sum(g.reshape(-1, g.shape[-1]), axis=0, dtype=g.dtype)


def _bias_add_grad_infer(op):
    g = op.inputs[0]
    if g._shape.ndims is None:
        return [(g.dtype, TensorShape([None]))]
    axis = 1 if op.attrs["data_format"] == "NCHW" and g._shape.ndims > 2 else -1
    return [(g.dtype, TensorShape([g._shape.as_list()[axis]]))]


R.register("BiasAdd", kernel=_bias_add_kernel, infer=lambda op: [(op.inputs[0].dtype, op.inputs[0]._shape)],
           grad=lambda op, g: [g, make("BiasAddGrad", [g], {"data_format": op.attrs["data_format"]})])
R.register("BiasAddGrad", kernel=_bias_add_grad_kernel, infer=_bias_add_grad_infer,
           grad=lambda op, gg: [_bias_add_grad_grad(op, gg)])


def _bias_add_grad_grad(op, gg):
    g = op.inputs[0]
    return make("BiasAdd", [array_ops.zeros_like(g), gg], {"data_format": op.attrs["data_format"]})


@export("tf.nn.bias_add")
def bias_add(value, bias, data_format=None, name=None):
    with scope(name, "BiasAdd") as s:
        x = tensor(value, name="input")
        b = tensor(bias, dtype=x.dtype, name="bias")
    return make("BiasAdd", [x, b], {"data_format": data_format or "NHWC"}, s)


# ---- l2_loss

R.register("L2Loss", kernel=lambda x: np.asarray(np.sum(np.square(x), dtype=x.dtype) / 2, dtype=x.dtype),
           infer=lambda op: [(op.inputs[0].dtype, TensorShape([]))],
           grad=lambda op, g: [op.inputs[0] * g])


@export("tf.nn.l2_loss")
def l2_loss(t, name=None):
    return make("L2Loss", [tensor(t)], None, name)


# ---- cross-entropies

def _softmax_xent_kernel(logits, labels):
    log_p = _log_softmax_kernel(logits)
    loss = -np.sum(labels * log_p, axis=-1, dtype=logits.dtype)
    return loss, np.exp(log_p) - labels


def _xent_infer(op):
    logits = op.inputs[0]
    s = logits._shape.merge_with(op.inputs[1]._shape) if op.type == "SoftmaxCrossEntropyWithLogits" \
        else logits._shape
    batch = TensorShape(None) if s.ndims is None else TensorShape(s.as_list()[:-1])
    return [(logits.dtype, batch), (logits.dtype, s)]


def _expand_last(t):
    return array_ops.expand_dims(t, -1)


def _softmax_xent_grad(op, g_loss, g_backprop):
    logits = op.inputs[0]
    grad = None if g_loss is None else _expand_last(g_loss) * op.outputs[1]
    g_labels = None if g_loss is None else _expand_last(g_loss) * -log_softmax(logits)
    if g_backprop is not None:
        # backprop = softmax(logits) - labels: push g_backprop through softmax's Jacobian.
        p = softmax(logits)
        through = (g_backprop - _sum_last(g_backprop * p)) * p
        grad = through if grad is None else grad + through
        g_labels = -g_backprop if g_labels is None else g_labels - g_backprop
    return [grad, g_labels]


def _sparse_xent_kernel(logits, labels):
    log_p = _log_softmax_kernel(logits)
    n = logits.shape[-1]
    if np.any((labels < 0) | (labels >= n)):
        bad = labels[(labels < 0) | (labels >= n)][0]
        raise ValueError("Received a label value of %d which is outside the valid range of [0, %d)." % (bad, n))
    picked = np.take_along_axis(log_p, labels[..., None].astype(np.intp), axis=-1)[..., 0]
    backprop = np.exp(log_p)
    np.put_along_axis(backprop, labels[..., None].astype(np.intp),
                      np.take_along_axis(backprop, labels[..., None].astype(np.intp), axis=-1) - 1, axis=-1)
    return -picked, backprop


def _sparse_xent_grad(op, g_loss, g_backprop):
    logits = op.inputs[0]
    grad = None if g_loss is None else _expand_last(g_loss) * op.outputs[1]
    if g_backprop is not None:
        p = softmax(logits)
        through = (g_backprop - _sum_last(g_backprop * p)) * p
        grad = through if grad is None else grad + through
    return [grad, None]


R.register("SoftmaxCrossEntropyWithLogits", kernel=_softmax_xent_kernel, infer=_xent_infer, grad=_softmax_xent_grad)
R.register("SparseSoftmaxCrossEntropyWithLogits", kernel=_sparse_xent_kernel, infer=_xent_infer,
           grad=_sparse_xent_grad)


def _check_pair(labels, logits, fn_name, sentinel=None):
    """(labels, logits) of a cross entropy call. TF 1.x refused positional arguments here (its `_sentinel`):
    TF 0.x read them as (logits, labels), TF 2 reads them as (labels, logits), so a positional call is read
    only on the user's word that the program is TF 0.x code (`--tf0`), and refused otherwise."""
    if sentinel is not None:
        site = user_site()
        at = " (called at %s)" % site if site else ""
        if tf0.declared() and logits is None:
            return labels, sentinel  # TF 0.x's (logits, labels[, ...])
        raise ValueError("Only call `%s` with named arguments (labels=..., logits=..., ...)%s: TF 1.x refused "
                         "positional arguments here, and so does this runtime, since TF 0.x read them as "
                         "(logits, labels) and TF 2 reads them as (labels, logits). If the program is TF 0.x "
                         "code, run it with `python -m tf_upgrade.compat_v1 --tf0` to read them as TF 0.x did"
                         % (fn_name, at))
    if labels is None or logits is None:
        raise ValueError("Only call `%s` with named arguments (labels=..., logits=..., ...)" % fn_name)
    return labels, logits


@export("tf.nn.softmax_cross_entropy_with_logits_v2")
def softmax_cross_entropy_with_logits_v2(_sentinel=None, labels=None, logits=None, dim=-1, name=None, axis=None):
    labels, logits = _check_pair(labels, logits, "softmax_cross_entropy_with_logits_v2", _sentinel)
    axis = dim if axis is None else axis
    with scope(name, "softmax_cross_entropy_with_logits") as s:
        logits = tensor(logits, name="logits")
        labels = tensor(labels, dtype=logits.dtype, name="labels")
        if axis not in (-1, None) and logits._shape.ndims is not None and axis != logits._shape.ndims - 1:
            perm = _swap_last(logits._shape.ndims, axis)
            logits, labels = array_ops.transpose(logits, perm), array_ops.transpose(labels, perm)
        if logits._shape.is_compatible_with(labels._shape) is False:
            raise ValueError("logits and labels must be broadcastable: logits_size=%s labels_size=%s"
                             % (logits._shape, labels._shape))
    return make_op("SoftmaxCrossEntropyWithLogits", [logits, labels], None, s).outputs[0]


@export("tf.nn.softmax_cross_entropy_with_logits")
def softmax_cross_entropy_with_logits(_sentinel=None, labels=None, logits=None, dim=-1, name=None, axis=None):
    """The v1 op: no gradient flows into labels."""
    labels, logits = _check_pair(labels, logits, "softmax_cross_entropy_with_logits", _sentinel)
    with scope(name, "softmax_cross_entropy_with_logits_sg") as s:
        labels = array_ops.stop_gradient(labels, name="labels_stop_gradient")
    return softmax_cross_entropy_with_logits_v2(labels=labels, logits=logits, dim=dim, axis=axis, name=s)


@export("tf.nn.sparse_softmax_cross_entropy_with_logits")
def sparse_softmax_cross_entropy_with_logits(_sentinel=None, labels=None, logits=None, name=None):
    labels, logits = _check_pair(labels, logits, "sparse_softmax_cross_entropy_with_logits", _sentinel)
    with scope(name, "SparseSoftmaxCrossEntropyWithLogits") as s:
        labels = tensor(labels)
        logits = tensor(logits)
        if not labels.dtype.is_integer:
            raise ValueError("labels must be int32 or int64, got %s" % labels.dtype.name)
        if labels._shape.ndims is not None and logits._shape.ndims is not None and \
                labels._shape.ndims != logits._shape.ndims - 1:
            raise ValueError("Rank mismatch: Rank of labels (received %d) should equal rank of logits minus 1 "
                             "(received %d)." % (labels._shape.ndims, logits._shape.ndims))
    return make_op("SparseSoftmaxCrossEntropyWithLogits", [logits, labels], None, s).outputs[0]


@export("tf.nn.sigmoid_cross_entropy_with_logits")
def sigmoid_cross_entropy_with_logits(_sentinel=None, labels=None, logits=None, name=None, targets=None):
    """max(x, 0) - x * z + log(1 + exp(-|x|)), built from the same ops as TF (so gradients match).
    `targets=` is TF 0.x's keyword for the labels."""
    if targets is not None:
        if labels is not None:
            raise ValueError("sigmoid_cross_entropy_with_logits got both labels and TF 0.x's targets")
        labels = targets
    labels, logits = _check_pair(labels, logits, "sigmoid_cross_entropy_with_logits", _sentinel)
    with scope(name, "logistic_loss") as s:
        logits = tensor(logits, name="logits")
        labels = tensor(labels, dtype=logits.dtype, name="labels")
        logits._shape.assert_is_compatible_with(labels._shape)
        zeros = array_ops.zeros_like(logits)
        cond = math_ops.greater_equal(logits, zeros)
        relu_logits = array_ops.where(cond, logits, zeros)
        neg_abs_logits = array_ops.where(cond, -logits, logits)
        return math_ops.add(relu_logits - logits * labels, math_ops.log1p(math_ops.exp(neg_abs_logits)), name=s)


@export("tf.nn.weighted_cross_entropy_with_logits")
def weighted_cross_entropy_with_logits(labels=None, logits=None, pos_weight=None, name=None, targets=None):
    labels = targets if labels is None else labels
    with scope(name, "logistic_loss") as s:
        logits = tensor(logits)
        labels = tensor(labels, dtype=logits.dtype)
        log_weight = 1.0 + (pos_weight - 1.0) * labels
        return math_ops.add((1.0 - labels) * logits,
                            log_weight * (math_ops.log1p(math_ops.exp(-math_ops.abs(logits)))
                                          + relu(-logits)), name=s)


# ---- dropout

@export("tf.nn.dropout")
def dropout(x, keep_prob=None, noise_shape=None, seed=None, name=None, rate=None):
    """Keeps each element with probability keep_prob (= 1 - rate) and scales kept ones by 1/keep_prob."""
    if keep_prob is None and rate is None:
        raise ValueError("You must provide a rate to dropout.")
    with scope(name, "dropout") as s:
        x = tensor(x, name="x")
        if keep_prob is not None:
            keep = tensor(keep_prob, dtype=x.dtype, name="keep_prob")
            rate_t = math_ops.subtract(tensor(1.0, dtype=x.dtype), keep, name="rate")
        else:
            rate_t = tensor(rate, dtype=x.dtype, name="rate")
            keep = math_ops.subtract(tensor(1.0, dtype=x.dtype), rate_t)
        shape = noise_shape if noise_shape is not None else array_ops.shape(x)
        random = random_ops.random_uniform(shape, seed=seed, dtype=x.dtype)
        keep_mask = math_ops.greater_equal(random, rate_t)
        scaled = x * math_ops.reciprocal(keep)
        return math_ops.multiply(scaled, array_ops.cast(keep_mask, x.dtype), name=s)


# ---- more activations

@export("tf.nn.relu6")
def relu6(features, name=None):
    with scope(name, "Relu6") as s:
        x = tensor(features)
        return math_ops.minimum(relu(x), tensor(6.0, dtype=x.dtype), name=s)


@export("tf.nn.leaky_relu")
def leaky_relu(features, alpha=0.2, name=None):
    with scope(name, "LeakyRelu") as s:
        x = tensor(features)
        return math_ops.maximum(x * alpha, x, name=s)


@export("tf.nn.elu")
def elu(features, name=None):
    with scope(name, "Elu") as s:
        x = tensor(features)
        neg = math_ops.exp(math_ops.minimum(x, array_ops.zeros_like(x))) - 1.0
        return array_ops.where(math_ops.greater(x, array_ops.zeros_like(x)), x, neg, name=s)


@export("tf.math.l2_normalize", "tf.nn.l2_normalize")
def l2_normalize(x, axis=None, epsilon=1e-12, name=None, dim=None):
    axis = dim if axis is None else axis
    with scope(name, "l2_normalize") as s:
        x = tensor(x)
        sq = math_ops.reduce_sum(math_ops.square(x), axis, keepdims=True)
        inv = math_ops.rsqrt(math_ops.maximum(sq, tensor(epsilon, dtype=x.dtype)))
        return math_ops.multiply(x, inv, name=s)


@export("tf.nn.moments")
def moments(x, axes, shift=None, name=None, keep_dims=None, keepdims=None):
    keep = bool(keepdims if keepdims is not None else keep_dims)
    with scope(name, "moments"):
        x = tensor(x)
        mean = math_ops.reduce_mean(x, axes, keepdims=True, name="mean")
        variance = math_ops.reduce_mean(math_ops.squared_difference(x, array_ops.stop_gradient(mean)), axes,
                                        keepdims=True, name="variance")
        if not keep:
            mean = array_ops.squeeze(mean, axes)
            variance = array_ops.squeeze(variance, axes)
        return mean, variance


@export("tf.nn.zero_fraction")
def zero_fraction(value, name=None):
    with scope(name, "zero_fraction"):
        x = tensor(value)
        return math_ops.reduce_mean(array_ops.cast(math_ops.equal(x, array_ops.zeros_like(x)), _dt.float32))


@export("tf.math.in_top_k", "tf.nn.in_top_k")
def in_top_k(predictions, targets, k, name=None):
    return make("InTopK", [tensor(predictions), tensor(targets)], {"k": k}, name)


def _in_top_k_kernel(pred, targets, k):
    target_scores = np.take_along_axis(pred, targets[:, None].astype(np.intp), axis=1)
    return np.sum(pred > target_scores, axis=1) < k


R.register("InTopK", kernel=_in_top_k_kernel, infer=lambda op: [(_dt.bool, op.inputs[1]._shape)],
           grad=R.NO_GRADIENT)


@export("tf.nn.batch_normalization")
def batch_normalization(x, mean, variance, offset, scale, variance_epsilon, name=None):
    """(x - mean) * scale / sqrt(variance + eps) + offset, in TF's operation order."""
    with scope(name, "batchnorm") as s:
        x = tensor(x)
        inv = math_ops.rsqrt(variance + variance_epsilon)
        if scale is not None:
            inv = inv * scale
        shift = offset - mean * inv if offset is not None else -mean * inv
        return math_ops.add(x * array_ops.cast(inv, x.dtype), array_ops.cast(shift, x.dtype), name=s)


@export("tf.nn.xw_plus_b")
def xw_plus_b(x, weights, biases, name=None):
    with scope(name, "xw_plus_b") as s:
        return bias_add(math_ops.matmul(x, weights), biases, name=s)
