"""``tf.metrics``: streaming metrics as (value, update_op) pairs over local variables.

Like TF1, each metric creates ``total``/``count`` style variables in the
LOCAL_VARIABLES and METRIC_VARIABLES collections (run
``tf.local_variables_initializer()``); ``update_op`` accumulates a batch and
returns the new value, ``value`` reads the current one.
"""
import importlib

from .graph import GraphKeys
from .namespace import install_unsupported_getattr, register_namespace


def _tf():
    return importlib.import_module("tf_upgrade.compat_v1")


def _local(name, dtype):
    tf = _tf()
    return tf.Variable(tf.zeros([], dtype), trainable=False, name=name,
                       collections=[GraphKeys.LOCAL_VARIABLES, GraphKeys.METRIC_VARIABLES])


def _weighted(values, weights):
    tf = _tf()
    values = tf.cast(tf.convert_to_tensor(values), tf.float32)
    if weights is None:
        return tf.reduce_sum(values), tf.cast(tf.size(values), tf.float32)
    w = tf.cast(weights, tf.float32) * tf.ones_like(values)
    return tf.reduce_sum(values * w), tf.reduce_sum(w)


def _collect(collections, value):
    tf = _tf()
    for c in collections or []:
        tf.add_to_collection(c, value)


def _mean_here(values, weights, metrics_collections, updates_collections):
    """The mean metric's variables and ops, inside an already opened metric scope."""
    tf = _tf()
    total = _local("total", tf.float32)
    count = _local("count", tf.float32)
    s, n = _weighted(values, weights)
    update_total = tf.assign_add(total, s)
    update_count = tf.assign_add(count, n)
    value = _safe_div(total, count)
    with tf.control_dependencies([update_total, update_count]):
        update_op = _safe_div(total.read_value(), count.read_value())
    _collect(metrics_collections, value)
    _collect(updates_collections, update_op)
    return value, update_op


def mean(values, weights=None, metrics_collections=None, updates_collections=None, name=None):
    tf = _tf()
    with tf.variable_scope(name, default_name="mean"):
        return _mean_here(values, weights, metrics_collections, updates_collections)


def _safe_div(a, b):
    tf = _tf()
    return tf.where(b > 0, a / tf.maximum(b, 1e-30), tf.zeros_like(a))


def _elementwise_metric(default_name, fn):
    def metric(labels, predictions, weights=None, metrics_collections=None, updates_collections=None, name=None):
        tf = _tf()
        with tf.variable_scope(name, default_name=default_name):
            values = fn(tf, tf.convert_to_tensor(labels), tf.convert_to_tensor(predictions))
            return _mean_here(values, weights, metrics_collections, updates_collections)
    metric.__name__ = default_name
    return metric


accuracy = _elementwise_metric(
    "accuracy", lambda tf, l, p: tf.cast(tf.equal(p, tf.cast(l, p.dtype)), tf.float32))
mean_squared_error = _elementwise_metric(
    "mean_squared_error", lambda tf, l, p: tf.squared_difference(tf.cast(p, tf.float32), tf.cast(l, tf.float32)))
mean_absolute_error = _elementwise_metric(
    "mean_absolute_error", lambda tf, l, p: tf.abs(tf.cast(p, tf.float32) - tf.cast(l, tf.float32)))


def root_mean_squared_error(labels, predictions, weights=None, metrics_collections=None,
                            updates_collections=None, name=None):
    tf = _tf()
    value, update = mean_squared_error(labels, predictions, weights, None, None,
                                       name or "root_mean_squared_error")
    value, update = tf.sqrt(value), tf.sqrt(update)
    _collect(metrics_collections, value)
    _collect(updates_collections, update)
    return value, update


__all__ = ["accuracy", "mean", "mean_absolute_error", "mean_squared_error", "root_mean_squared_error"]

register_namespace("tf.metrics", __import__(__name__, fromlist=["*"]))
install_unsupported_getattr(globals(), "tf.metrics")
