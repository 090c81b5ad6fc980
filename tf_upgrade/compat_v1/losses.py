"""`tf.losses`: weighted losses added to the LOSSES collection (TF1 semantics)."""
import sys

from . import dtypes as _dt
from .graph import GraphKeys, convert_to_tensor, get_default_graph
from .namespace import export_namespace
from .ops import array_ops, math_ops, nn_ops
from .ops.common import scope


class Reduction:
    NONE = "none"
    SUM = "weighted_sum"
    SUM_OVER_BATCH_SIZE = "weighted_sum_over_batch_size"
    MEAN = "weighted_mean"
    SUM_BY_NONZERO_WEIGHTS = "weighted_sum_by_nonzero_weights"
    SUM_OVER_NONZERO_WEIGHTS = SUM_BY_NONZERO_WEIGHTS

    @classmethod
    def all(cls):
        return (cls.NONE, cls.SUM, cls.MEAN, cls.SUM_OVER_BATCH_SIZE, cls.SUM_BY_NONZERO_WEIGHTS)


def _num_present(losses, weights):
    present = array_ops.where(math_ops.equal(weights, 0.0), array_ops.zeros_like(weights),
                              array_ops.ones_like(weights))
    present = present * array_ops.ones_like(losses)
    return math_ops.reduce_sum(present, name="num_present")


def _safe_div(num, den, name="value"):
    return array_ops.where(math_ops.greater(den, 0.0), math_ops.truediv(num, math_ops.maximum(den, 1e-30)),
                           array_ops.zeros_like(num), name=name)


def compute_weighted_loss(losses, weights=1.0, scope_=None, loss_collection=GraphKeys.LOSSES,
                          reduction=Reduction.SUM_BY_NONZERO_WEIGHTS, scope=None):
    with _scope(scope if scope is not None else scope_, "weighted_loss"):
        losses = convert_to_tensor(losses)
        weights = array_ops.cast(convert_to_tensor(weights), losses.dtype)
        weighted = math_ops.multiply(losses, weights)
        if reduction == Reduction.NONE:
            loss = weighted
        else:
            loss = math_ops.reduce_sum(weighted)
            if reduction == Reduction.MEAN:
                loss = _safe_div(loss, math_ops.reduce_sum(array_ops.ones_like(losses) * weights))
            elif reduction == Reduction.SUM_BY_NONZERO_WEIGHTS:
                loss = _safe_div(loss, _num_present(losses, weights))
            elif reduction == Reduction.SUM_OVER_BATCH_SIZE:
                loss = _safe_div(loss, array_ops.cast(array_ops.size(losses), losses.dtype))
        if loss_collection:
            get_default_graph().add_to_collection(loss_collection, loss)
        return loss


def _scope(name, default):
    return scope(name, default)


def _loss(default_name, compute):
    """Build a TF1 loss: per-element losses from `compute`, then weighting and reduction."""
    def loss_fn(labels, predictions, weights=1.0, scope=None, loss_collection=GraphKeys.LOSSES,
                reduction=Reduction.SUM_BY_NONZERO_WEIGHTS, **kw):
        if labels is None or predictions is None:
            raise ValueError("labels and predictions must not be None.")
        with _scope(scope, default_name) as s:
            predictions = convert_to_tensor(predictions)
            labels = array_ops.cast(convert_to_tensor(labels), predictions.dtype)
            predictions._shape.assert_is_compatible_with(labels._shape)
            losses = compute(labels, predictions, **kw)
            return compute_weighted_loss(losses, weights, s, loss_collection=loss_collection, reduction=reduction)
    loss_fn.__name__ = default_name
    return loss_fn


mean_squared_error = _loss("mean_squared_error", lambda y, p: math_ops.squared_difference(p, y))
absolute_difference = _loss("absolute_difference", lambda y, p: math_ops.abs(math_ops.subtract(p, y)))


def _log_loss(y, p, epsilon=1e-7):
    return -math_ops.multiply(y, math_ops.log(p + epsilon)) - math_ops.multiply(1.0 - y, math_ops.log(1.0 - p + epsilon))


def _huber(y, p, delta=1.0):
    err = math_ops.abs(math_ops.subtract(p, y))
    quad = math_ops.minimum(err, delta)
    return 0.5 * quad * quad + delta * (err - quad)


def _hinge(y, logits):
    signs = 2.0 * y - 1.0
    return nn_ops.relu(1.0 - signs * logits)


log_loss = _loss("log_loss", _log_loss)
huber_loss = _loss("huber_loss", _huber)
hinge_loss = _loss("hinge_loss", _hinge)


def _cross_entropy(default_name, labels, logits, weights, smooth, scope, loss_collection, reduction, per_example):
    """Shared body of the cross-entropy losses: cast labels, optional label smoothing, weight and reduce."""
    with _scope(scope, default_name) as s:
        logits = convert_to_tensor(logits)
        labels = convert_to_tensor(labels)
        if smooth is not None:
            labels = smooth(array_ops.cast(labels, logits.dtype))
        losses = per_example(labels, logits)
        return compute_weighted_loss(losses, weights, s, loss_collection=loss_collection, reduction=reduction)


def softmax_cross_entropy(onehot_labels, logits, weights=1.0, label_smoothing=0, scope=None,
                          loss_collection=GraphKeys.LOSSES, reduction=Reduction.SUM_BY_NONZERO_WEIGHTS):
    def smooth(labels):
        n = array_ops.cast(array_ops.shape(labels)[-1], labels.dtype)
        return labels * (1.0 - label_smoothing) + label_smoothing / n if label_smoothing > 0 else labels

    return _cross_entropy(
        "softmax_cross_entropy_loss", onehot_labels, logits, weights, smooth, scope, loss_collection, reduction,
        lambda y, x: nn_ops.softmax_cross_entropy_with_logits_v2(labels=array_ops.stop_gradient(y), logits=x,
                                                                 name="xentropy"))


def sparse_softmax_cross_entropy(labels, logits, weights=1.0, scope=None, loss_collection=GraphKeys.LOSSES,
                                 reduction=Reduction.SUM_BY_NONZERO_WEIGHTS):
    return _cross_entropy(
        "sparse_softmax_cross_entropy_loss", labels, logits, weights, None, scope, loss_collection, reduction,
        lambda y, x: nn_ops.sparse_softmax_cross_entropy_with_logits(labels=y, logits=x, name="xentropy"))


def sigmoid_cross_entropy(multi_class_labels, logits, weights=1.0, label_smoothing=0, scope=None,
                          loss_collection=GraphKeys.LOSSES, reduction=Reduction.SUM_BY_NONZERO_WEIGHTS):
    def smooth(labels):
        return labels * (1.0 - label_smoothing) + 0.5 * label_smoothing if label_smoothing > 0 else labels

    return _cross_entropy(
        "sigmoid_cross_entropy_loss", multi_class_labels, logits, weights, smooth, scope, loss_collection, reduction,
        lambda y, x: nn_ops.sigmoid_cross_entropy_with_logits(labels=y, logits=x, name="xentropy"))


def add_loss(loss, loss_collection=GraphKeys.LOSSES):
    if loss_collection:
        get_default_graph().add_to_collection(loss_collection, loss)


def get_losses(scope=None, loss_collection=GraphKeys.LOSSES):
    return get_default_graph().get_collection(loss_collection, scope)


def get_regularization_losses(scope=None):
    return get_default_graph().get_collection(GraphKeys.REGULARIZATION_LOSSES, scope)


def get_regularization_loss(scope=None, name="total_regularization_loss"):
    losses = get_regularization_losses(scope)
    if losses:
        return math_ops.add_n(losses, name=name)
    return convert_to_tensor(0.0, dtype=_dt.float32)


def get_total_loss(add_regularization_losses=True, name="total_loss", scope=None):
    losses = get_losses(scope) + (get_regularization_losses(scope) if add_regularization_losses else [])
    return math_ops.add_n(losses, name=name)


__all__ = ["Reduction", "absolute_difference", "add_loss", "compute_weighted_loss", "get_losses",
           "get_regularization_loss", "get_regularization_losses", "get_total_loss", "hinge_loss", "huber_loss",
           "log_loss", "mean_squared_error", "sigmoid_cross_entropy", "softmax_cross_entropy",
           "sparse_softmax_cross_entropy"]

export_namespace(sys.modules[__name__], "tf.losses")
