"""``tf.train.ExponentialMovingAverage`` and ``tf.nn.local_response_normalization`` (``lrn``)."""
import importlib

import numpy as np

from .graph import GraphKeys, Tensor, convert_to_tensor, get_default_graph


def _tf():
    return importlib.import_module("tf_upgrade.compat_v1")


class ExponentialMovingAverage:
    """Shadow variables ``<var>/ExponentialMovingAverage`` updated by
    ``shadow -= (shadow - value) * (1 - decay)``; with ``num_updates`` the decay is
    ``min(decay, (1 + num_updates) / (10 + num_updates))``.  Averages of tensors start at zero
    (zero-debiased only with ``zero_debias=True``), as in TF."""

    def __init__(self, decay, num_updates=None, zero_debias=False, name="ExponentialMovingAverage"):
        self._decay = decay
        self._num_updates = num_updates
        self._zero_debias = zero_debias
        self._name = name
        self._averages = {}

    @property
    def name(self):
        return self._name

    def _shadow_name(self, var):
        return var.op.name + "/" + self._name

    def apply(self, var_list=None):
        tf = _tf()
        if var_list is None:
            var_list = tf.trainable_variables()
        var_list = list(var_list)
        g = get_default_graph()
        for v in var_list:
            if v in self._averages:
                raise ValueError("Moving average already computed for: %s" % v.name)
            with g.control_dependencies(None):
                init = tf.zeros(v.get_shape().as_list(), v.dtype.base_dtype) if isinstance(v, Tensor) \
                    else v.initialized_value()
                self._averages[v] = _exact_variable(tf, init, self._shadow_name(v))
            if not isinstance(v, Tensor):
                g.add_to_collection(GraphKeys.MOVING_AVERAGE_VARIABLES, v)
        with tf.name_scope(self._name):
            decay = tf.convert_to_tensor(self._decay, dtype=tf.float32, name="decay")
            if self._num_updates is not None:
                n = tf.cast(self._num_updates, tf.float32)
                decay = tf.minimum(decay, (1.0 + n) / (10.0 + n))
            updates = []
            for v in var_list:
                value = v if isinstance(v, Tensor) else v.read_value()
                avg = self._averages[v]
                one_minus = 1.0 - tf.cast(decay, avg.dtype.base_dtype)
                if isinstance(v, Tensor) and self._zero_debias:
                    updates.append(self._debiased_update(tf, avg, value, one_minus))
                else:
                    updates.append(tf.assign_sub(avg, (avg - value) * one_minus))
            return tf.group(*updates, name=self._name)

    def _debiased_update(self, tf, avg, value, one_minus):
        with get_default_graph().control_dependencies(None):
            biased = _exact_variable(tf, tf.zeros(avg.get_shape().as_list(), avg.dtype.base_dtype),
                                     avg.op.name + "/biased")
            step = _exact_variable(tf, tf.zeros([], avg.dtype.base_dtype), avg.op.name + "/local_step")
        new_biased = tf.assign_sub(biased, (biased - value) * one_minus)
        new_step = tf.assign_add(step, 1.0)
        with tf.control_dependencies([new_biased, new_step]):
            unbiased = new_biased / (1.0 - tf.pow(1.0 - one_minus, new_step))
            return tf.assign(avg, unbiased)

    def average(self, var):
        return self._averages.get(var)

    def average_name(self, var):
        return self._shadow_name(var)

    def variables_to_restore(self, moving_avg_variables=None):
        """{checkpoint name: variable} that loads the averages into the model variables."""
        tf = _tf()
        if moving_avg_variables is None:
            moving_avg_variables = tf.trainable_variables() + tf.moving_average_variables()
        name_map = {self.average_name(v): v for v in moving_avg_variables}
        moving_names = {v.name for v in moving_avg_variables}
        for v in tf.global_variables():
            if v.name not in moving_names and v.op.name not in name_map:
                name_map[v.op.name] = v
        return name_map


def _exact_variable(tf, initial_value, name):
    """A non-trainable global variable named exactly ``name`` (no enclosing scopes)."""
    return tf.Variable(initial_value, trainable=False, name=name + "/")


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
