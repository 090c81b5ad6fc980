"""``tf.contrib``: the commonly used pieces of ``contrib.layers``, ``contrib.rnn`` and ``contrib.framework``."""
import math
import sys
import types

import numpy as np

from . import graph, initializers, variables
from .control_flow import nest as _nest
from .dtypes import float32
from .layers import nn_ops as conv_ops
from .namespace import export, export_namespace, export_value
from .ops import array_ops, math_ops, nn_ops, random_ops
from .ops.linalg_ops import tensordot


def _fans(shape):
    if len(shape) == 0:
        return 1.0, 1.0
    if len(shape) == 1:
        return float(shape[0]), float(shape[0])
    if len(shape) == 2:
        return float(shape[0]), float(shape[1])
    receptive = float(np.prod(shape[:-2]))
    return shape[-2] * receptive, shape[-1] * receptive


@export("tf.contrib.layers.variance_scaling_initializer")
def variance_scaling_initializer(factor=2.0, mode="FAN_IN", uniform=False, seed=None, dtype=None):
    """contrib.layers' variance scaling (note: different constants from core TF's)."""
    if mode not in ("FAN_IN", "FAN_OUT", "FAN_AVG"):
        raise TypeError("Unknown mode %s [FAN_IN, FAN_OUT, FAN_AVG]" % mode)

    def init(shape, dtype=None, partition_info=None):
        dtype = dtype or float32
        fan_in, fan_out = _fans([int(d) for d in shape])
        n = {"FAN_IN": fan_in, "FAN_OUT": fan_out, "FAN_AVG": (fan_in + fan_out) / 2.0}[mode]
        if uniform:
            limit = math.sqrt(3.0 * factor / n)
            return random_ops.random_uniform(shape, -limit, limit, dtype=dtype, seed=seed)
        return random_ops.truncated_normal(shape, 0.0, math.sqrt(1.3 * factor / n), dtype=dtype, seed=seed)
    return init


@export("tf.contrib.layers.xavier_initializer", "tf.contrib.layers.xavier_initializer_conv2d")
def xavier_initializer(uniform=True, seed=None, dtype=None):
    return variance_scaling_initializer(factor=1.0, mode="FAN_AVG", uniform=uniform, seed=seed, dtype=dtype)


xavier_initializer_conv2d = xavier_initializer


@export("tf.contrib.layers.l2_regularizer")
def l2_regularizer(scale, scope=None):
    if scale == 0.0:
        return lambda weights: None

    def l2(weights):
        with graph.name_scope(scope or "l2_regularizer"):
            return math_ops.multiply(array_ops.constant(scale, dtype=weights.dtype.base_dtype), nn_ops.l2_loss(weights),
                               name="value")
    return l2


@export("tf.contrib.layers.l1_regularizer")
def l1_regularizer(scale, scope=None):
    if scale == 0.0:
        return lambda weights: None

    def l1(weights):
        with graph.name_scope(scope or "l1_regularizer"):
            return math_ops.multiply(array_ops.constant(scale, dtype=weights.dtype.base_dtype),
                               math_ops.reduce_sum(math_ops.abs(weights)), name="value")
    return l1


@export("tf.contrib.layers.sum_regularizer")
def sum_regularizer(regularizer_list, scope=None):
    def reg(weights):
        losses = [r(weights) for r in regularizer_list]
        losses = [x for x in losses if x is not None]
        return math_ops.add_n(losses) if losses else None
    return reg


@export("tf.contrib.layers.apply_regularization")
def apply_regularization(regularizer, weights_list=None):
    if weights_list is None:
        weights_list = graph.get_collection(graph.GraphKeys.WEIGHTS)
    losses = [regularizer(w) for w in weights_list]
    losses = [x for x in losses if x is not None]
    total = math_ops.add_n(losses)
    graph.add_to_collection(graph.GraphKeys.REGULARIZATION_LOSSES, total)
    return total


def _model_var(name, shape, initializer, regularizer, trainable, collections):
    cols = [graph.GraphKeys.GLOBAL_VARIABLES, graph.GraphKeys.MODEL_VARIABLES] + list(collections or [])
    return variables.get_variable(name, shape, initializer=initializer, regularizer=regularizer, trainable=trainable,
                           collections=cols)


_DEFAULT = object()


@export("tf.contrib.layers.fully_connected")
def fully_connected(inputs, num_outputs, activation_fn=_DEFAULT, normalizer_fn=None, normalizer_params=None,
                    weights_initializer=None, weights_regularizer=None, biases_initializer=_DEFAULT,
                    biases_regularizer=None, reuse=None, variables_collections=None, outputs_collections=None,
                    trainable=True, scope=None):
    """contrib's defaults: relu activation and zero biases (``biases_initializer=None`` drops them)."""
    if activation_fn is _DEFAULT:
        activation_fn = math_ops.relu
    if biases_initializer is _DEFAULT:
        biases_initializer = initializers.zeros_initializer()
    with variables.variable_scope(scope, default_name="fully_connected", reuse=reuse):
        x = graph.convert_to_tensor(inputs)
        depth = x.get_shape().as_list()[-1]
        w = _model_var("weights", [depth, num_outputs], weights_initializer or xavier_initializer(),
                       weights_regularizer, trainable, variables_collections)
        graph.add_to_collection(graph.GraphKeys.WEIGHTS, w)
        if x.get_shape().ndims > 2:
            out = tensordot(x, w, [[x.get_shape().ndims - 1], [0]])
        else:
            out = math_ops.matmul(x, w)
        if normalizer_fn is not None:
            out = normalizer_fn(out, **(normalizer_params or {}))
        elif biases_initializer is not None:
            b = _model_var("biases", [num_outputs], biases_initializer, biases_regularizer, trainable,
                           variables_collections)
            graph.add_to_collection(graph.GraphKeys.BIASES, b)
            out = nn_ops.bias_add(out, b)
        if activation_fn is not None:
            out = activation_fn(out)
        for c in outputs_collections or []:
            graph.add_to_collection(c, out)
        return out


@export("tf.contrib.layers.flatten")
def flatten(inputs, outputs_collections=None, scope=None):
    with graph.name_scope(scope or "Flatten"):
        x = graph.convert_to_tensor(inputs)
        shape = x.get_shape().as_list()
        if all(d is not None for d in shape[1:]):
            out = array_ops.reshape(x, [-1, int(np.prod(shape[1:]))])
            out.set_shape([shape[0], int(np.prod(shape[1:]))])
            return out
        return array_ops.reshape(x, array_ops.stack([array_ops.shape(x)[0], -1]))


def _pair(value, what):
    if isinstance(value, int):
        return value, value
    value = tuple(int(v) for v in value)
    if len(value) != 2:
        raise ValueError("The `%s` argument must be an int or a list of 2 ints; received: %r" % (what, value))
    return value


def _add_to_collections(var, variables_collections, key):
    """contrib's _add_variable_to_collections: a list names collections for every variable, a dict per kind."""
    if isinstance(variables_collections, dict):
        variables_collections = variables_collections.get(key)
    for c in variables_collections or []:
        if var not in graph.get_collection(c):
            graph.add_to_collection(c, var)


@export("tf.contrib.layers.conv2d", "tf.contrib.layers.convolution2d")
def convolution2d(inputs, num_outputs, kernel_size, stride=1, padding="SAME", data_format=None, rate=1,
                  activation_fn=_DEFAULT, normalizer_fn=None, normalizer_params=None, weights_initializer=None,
                  weights_regularizer=None, biases_initializer=_DEFAULT, biases_regularizer=None, reuse=None,
                  variables_collections=None, outputs_collections=None, trainable=True, scope=None):
    """contrib.layers' 2-D convolution: variables '<scope>/weights' and '<scope>/biases' (model variables; scope
    'Conv' by default, made unique), dilation by `rate`, a normalizer_fn in place of the biases, relu by
    default (``activation_fn=None`` for none)."""
    if activation_fn is _DEFAULT:
        activation_fn = math_ops.relu
    if biases_initializer is _DEFAULT:
        biases_initializer = initializers.zeros_initializer()
    if data_format not in (None, "NHWC", "NCHW"):
        raise ValueError("Invalid data_format: %r" % (data_format,))
    kh, kw = _pair(kernel_size, "kernel_size")
    sh, sw = _pair(stride, "strides")
    rh, rw = _pair(rate, "dilation_rate")
    if max(sh, sw) > 1 and max(rh, rw) > 1:
        raise ValueError("strides > 1 not supported in conjunction with dilation_rate > 1")
    if str(padding).upper() not in ("SAME", "VALID"):
        raise ValueError("The `padding` argument must be one of 'valid', 'same'. Received: %s" % (padding,))
    with variables.variable_scope(scope, default_name="Conv", reuse=reuse):
        x = graph.convert_to_tensor(inputs)
        if x.get_shape().ndims != 4:
            raise ValueError("Convolution expects input with rank 4, got %s" % (x.get_shape().ndims,))
        depth = x.get_shape().as_list()[1 if data_format == "NCHW" else -1]
        w = _model_var("weights", [kh, kw, depth, num_outputs], weights_initializer or xavier_initializer(),
                       weights_regularizer, trainable, None)
        _add_to_collections(w, variables_collections, "weights")
        out = conv_ops.conv2d(x, w, [1, sh, sw, 1], str(padding).upper(), data_format=data_format or "NHWC",
                              dilations=[1, rh, rw, 1])
        if normalizer_fn is None and biases_initializer is not None:
            b = _model_var("biases", [num_outputs], biases_initializer, biases_regularizer, trainable, None)
            _add_to_collections(b, variables_collections, "biases")
            out = nn_ops.bias_add(out, b)
        if normalizer_fn is not None:
            out = normalizer_fn(out, **(normalizer_params or {}))
        if activation_fn is not None:
            out = activation_fn(out)
        for c in outputs_collections or []:
            graph.add_to_collection(c, out)
        return out


@export("tf.contrib.layers.max_pool2d")
def _max_pool2d(inputs, kernel_size, stride=2, padding="VALID", scope=None, **kwargs):
    kh, kw = (kernel_size, kernel_size) if isinstance(kernel_size, int) else kernel_size
    sh, sw = (stride, stride) if isinstance(stride, int) else stride
    with graph.name_scope(scope or "MaxPool2D"):
        return conv_ops.max_pool(inputs, [1, kh, kw, 1], [1, sh, sw, 1], padding.upper())


@export("tf.contrib.layers.layer_norm")
def layer_norm(inputs, center=True, scale=True, activation_fn=None, reuse=None, variables_collections=None,
               outputs_collections=None, trainable=True, begin_norm_axis=1, begin_params_axis=-1, scope=None):
    """contrib.layers.layer_norm: moments over axes begin_norm_axis.., then beta/gamma over the axes from
    begin_params_axis (variables 'LayerNorm/beta', 'LayerNorm/gamma'; variance epsilon 1e-12, as TF's)."""
    with variables.variable_scope(scope, default_name="LayerNorm", reuse=reuse) as sc:
        x = graph.convert_to_tensor(inputs)
        shape = x.get_shape()
        rank = shape.ndims
        if rank is None:
            raise ValueError("Inputs %s has undefined rank." % x.name)
        norm_axis = begin_norm_axis + rank if begin_norm_axis < 0 else begin_norm_axis
        if begin_params_axis >= rank or norm_axis >= rank:
            raise ValueError("begin_params_axis (%d) and begin_norm_axis (%d) must be < rank(inputs) (%d)"
                             % (begin_params_axis, begin_norm_axis, rank))
        params_shape = shape[begin_params_axis:]
        if not params_shape.is_fully_defined():
            raise ValueError("Inputs %s: shape(inputs)[%s:] is not fully defined: %s"
                             % (x.name, begin_params_axis, shape))
        collections = variables_collections if isinstance(variables_collections, (list, tuple)) else None
        beta = gamma = None
        if center:
            beta = _model_var("beta", params_shape, initializers.zeros_initializer(), None, trainable,
                              (variables_collections or {}).get("beta") if isinstance(variables_collections, dict)
                              else collections)
        if scale:
            gamma = _model_var("gamma", params_shape, initializers.ones_initializer(), None, trainable,
                               (variables_collections or {}).get("gamma")
                               if isinstance(variables_collections, dict) else collections)
        mean, variance = nn_ops.moments(x, list(range(norm_axis, rank)), keep_dims=True)
        out = nn_ops.batch_normalization(x, mean, variance, offset=beta, scale=gamma, variance_epsilon=1e-12)
        out.set_shape(shape)
        if activation_fn is not None:
            out = activation_fn(out)
        for c in outputs_collections or []:
            graph.add_to_collection(c, out)
        del sc
        return out


# tf.contrib.framework.nest: the old spellings of tf.nest
nest = types.SimpleNamespace(flatten=_nest.flatten, pack_sequence_as=_nest.pack_sequence_as,
                             map_structure=_nest.map_structure, is_sequence=_nest.is_sequence)
export_value(nest, "tf.contrib.framework.nest")

# This module is tf.contrib: `from tensorflow.contrib import rnn` (and `from tf_upgrade.compat_v1.contrib import
# rnn`) find the sub-namespaces the exports build on it (contrib.layers, contrib.rnn, ...).
__all__ = []
export_namespace(sys.modules[__name__], "tf.contrib")
