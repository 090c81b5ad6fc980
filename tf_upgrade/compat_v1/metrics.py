"""``tf.metrics``: streaming metrics as (value, update_op) pairs over local variables.

Like TF1, each metric creates ``total``/``count`` style variables in the
LOCAL_VARIABLES and METRIC_VARIABLES collections (run
``tf.local_variables_initializer()``); ``update_op`` accumulates a batch and
returns the new value, ``value`` reads the current one.
"""

import sys

from . import graph as graph_lib
from . import variables
from .dtypes import float32
from .graph import GraphKeys
from .namespace import export_namespace
from .ops import array_ops, math_ops, state_ops


def _local(name, dtype):
    return variables.Variable(array_ops.zeros([], dtype), trainable=False, name=name,
                       collections=[GraphKeys.LOCAL_VARIABLES, GraphKeys.METRIC_VARIABLES])


def _weighted(values, weights):
    values = array_ops.cast(graph_lib.convert_to_tensor(values), float32)
    if weights is None:
        return math_ops.reduce_sum(values), array_ops.cast(array_ops.size(values), float32)
    w = array_ops.cast(weights, float32) * array_ops.ones_like(values)
    return math_ops.reduce_sum(values * w), math_ops.reduce_sum(w)


def _collect(collections, value):
    for c in collections or []:
        graph_lib.add_to_collection(c, value)


def _mean_here(values, weights, metrics_collections, updates_collections):
    """The mean metric's variables and ops, inside an already opened metric scope."""
    total = _local("total", float32)
    count = _local("count", float32)
    s, n = _weighted(values, weights)
    update_total = state_ops.assign_add(total, s)
    update_count = state_ops.assign_add(count, n)
    value = _safe_div(total, count)
    with graph_lib.control_dependencies([update_total, update_count]):
        update_op = _safe_div(total.read_value(), count.read_value())
    _collect(metrics_collections, value)
    _collect(updates_collections, update_op)
    return value, update_op


def mean(values, weights=None, metrics_collections=None, updates_collections=None, name=None):
    with variables.variable_scope(name, default_name="mean"):
        return _mean_here(values, weights, metrics_collections, updates_collections)


def _safe_div(a, b):
    return array_ops.where(b > 0, a / math_ops.maximum(b, 1e-30), array_ops.zeros_like(a))


def _elementwise_metric(default_name, fn):
    def metric(labels, predictions, weights=None, metrics_collections=None, updates_collections=None, name=None):
        with variables.variable_scope(name, default_name=default_name):
            values = fn(graph_lib.convert_to_tensor(labels), graph_lib.convert_to_tensor(predictions))
            return _mean_here(values, weights, metrics_collections, updates_collections)
    metric.__name__ = default_name
    return metric


accuracy = _elementwise_metric(
    "accuracy", lambda labels, p: array_ops.cast(math_ops.equal(p, array_ops.cast(labels, p.dtype)), float32))
mean_squared_error = _elementwise_metric(
    "mean_squared_error",
    lambda labels, p: math_ops.squared_difference(array_ops.cast(p, float32), array_ops.cast(labels, float32)))
mean_absolute_error = _elementwise_metric(
    "mean_absolute_error",
    lambda labels, p: math_ops.abs(array_ops.cast(p, float32) - array_ops.cast(labels, float32)))


def root_mean_squared_error(labels, predictions, weights=None, metrics_collections=None,
                            updates_collections=None, name=None):
    value, update = mean_squared_error(labels, predictions, weights, None, None,
                                       name or "root_mean_squared_error")
    value, update = math_ops.sqrt(value), math_ops.sqrt(update)
    _collect(metrics_collections, value)
    _collect(updates_collections, update)
    return value, update


__all__ = ["accuracy", "mean", "mean_absolute_error", "mean_squared_error", "root_mean_squared_error"]

export_namespace(sys.modules[__name__], "tf.metrics")
