"""``tf.layers``: Dense, Conv2D, Conv2DTranspose, pooling, Flatten, Dropout, BatchNormalization.

Each call opens ``tf.variable_scope(name, default_name=<layer base name>)`` so
variables get TF1's names (``dense/kernel:0``, ``dense_1/bias:0``,
``conv2d/kernel:0``, ``batch_normalization/moving_mean:0``) and ops land in
the same name scope (``dense/BiasAdd:0``), which keeps checkpoints and
``get_tensor_by_name`` compatible with programs written for TensorFlow.
"""

import numpy as np

from .. import graph as graph_lib
from .. import initializers
from .. import variables as variables_lib
from ..control_flow import ops as cf_ops
from ..dtypes import float32
from ..graph import Tensor, convert_to_tensor
from ..namespace import export
from ..ops import array_ops, math_ops
from ..ops import nn_ops as nn_ops_lib
from ..ops.linalg_ops import tensordot
from . import nn_ops as conv_ops


def _pair(v, what):
    if isinstance(v, (list, tuple)):
        if len(v) != 2:
            raise ValueError("%s must have 2 elements, got %r" % (what, v))
        return int(v[0]), int(v[1])
    return int(v), int(v)


def _padding(p):
    p = str(p).lower()
    if p not in ("same", "valid"):
        raise ValueError("padding must be 'same' or 'valid', got %r" % p)
    return p.upper()


def _check_channels_last(data_format):
    if data_format not in (None, "channels_last"):
        raise NotImplementedError("only data_format='channels_last' is supported by the numpy runtime")


@export("tf.layers.Layer")
class Layer:
    """Minimal TF1 ``tf.layers.Layer``: variable scope on first call, reused afterwards."""

    _base_name = "layer"

    def __init__(self, trainable=True, name=None, dtype=None, _reuse=None, _scope=None, **kwargs):
        self.trainable = trainable
        self._name = name
        self.dtype = dtype
        self._reuse = _reuse
        self._scope = None
        self.built = False
        self._trainable_weights = []
        self._non_trainable_weights = []
        self._updates = []
        self._losses = []

    @property
    def name(self):
        return self._name if self._name is not None else self._base_name

    @property
    def scope_name(self):
        return self._scope.name if self._scope is not None else None

    @property
    def variables(self):
        return self.weights

    @property
    def weights(self):
        return self._trainable_weights + self._non_trainable_weights

    @property
    def trainable_weights(self):
        return list(self._trainable_weights)

    trainable_variables = trainable_weights

    @property
    def non_trainable_weights(self):
        return list(self._non_trainable_weights)

    @property
    def updates(self):
        return list(self._updates)

    @property
    def losses(self):
        return list(self._losses)

    def add_weight(self, name, shape, dtype=None, initializer=None, regularizer=None, trainable=True,
                   constraint=None):
        trainable = trainable and self.trainable
        v = variables_lib.get_variable(name, shape=shape, dtype=dtype or self.dtype or float32, initializer=initializer,
                            regularizer=regularizer, trainable=trainable, constraint=constraint)
        (self._trainable_weights if trainable else self._non_trainable_weights).append(v)
        return v

    def add_update(self, op):
        self._updates.append(op)
        if not getattr(self, "_in_place", False):
            graph_lib.add_to_collection(graph_lib.GraphKeys.UPDATE_OPS, op)

    def build(self, input_shape):
        self.built = True

    def call(self, inputs, **kwargs):
        return inputs

    def __call__(self, inputs, *args, **kwargs):
        if self._scope is None:
            with variables_lib.variable_scope(self._name, default_name=self._base_name, reuse=self._reuse) as vs:
                self._scope = vs
                self._name = vs.name.split("/")[-1]
                return self._build_and_call(inputs, *args, **kwargs)
        with variables_lib.variable_scope(self._scope, reuse=True):
            return self._build_and_call(inputs, *args, **kwargs)

    def _build_and_call(self, inputs, *args, **kwargs):
        if not isinstance(inputs, (list, tuple)):
            inputs = convert_to_tensor(inputs)
        if not self.built:
            if self.dtype is None and isinstance(inputs, Tensor) and inputs.dtype.is_floating:
                self.dtype = inputs.dtype.base_dtype  # TF 1.x layers take their dtype from the first input
            self.build(inputs.get_shape() if isinstance(inputs, Tensor) else None)
            self.built = True
        return self.call(inputs, *args, **kwargs)

    apply = __call__


def _activate(activation, x):
    return activation(x) if activation is not None else x


class _KernelLayer(Layer):
    """Dense and the convolutions: a kernel, an optional bias, activation and regularizers,
    with the same options and TF1's weight names (``kernel``, ``bias``)."""

    def __init__(self, activation=None, use_bias=True, kernel_initializer=None, bias_initializer=None,
                 kernel_regularizer=None, bias_regularizer=None, activity_regularizer=None,
                 kernel_constraint=None, bias_constraint=None, trainable=True, name=None, **kwargs):
        super().__init__(trainable=trainable, name=name, **kwargs)
        self.activation = activation
        self.use_bias = use_bias
        self.kernel_initializer = kernel_initializer
        self.bias_initializer = bias_initializer
        self.kernel_regularizer = kernel_regularizer
        self.bias_regularizer = bias_regularizer
        self.activity_regularizer = activity_regularizer
        self.kernel_constraint = kernel_constraint
        self.bias_constraint = bias_constraint

    def _add_kernel_and_bias(self, kernel_shape, units):
        self.kernel = self.add_weight("kernel", kernel_shape, initializer=self.kernel_initializer,
                                      regularizer=self.kernel_regularizer, constraint=self.kernel_constraint)
        self.bias = None
        if self.use_bias:
            self.bias = self.add_weight("bias", [units],
                                        initializer=self.bias_initializer or initializers.zeros_initializer(),
                                        regularizer=self.bias_regularizer, constraint=self.bias_constraint)
        self.built = True

    def _finish(self, out):
        """bias, activation, activity regularizer: the tail every kernel layer shares."""
        if self.use_bias:
            out = nn_ops_lib.bias_add(out, self.bias)
        out = _activate(self.activation, out)
        if self.activity_regularizer is not None:
            graph_lib.add_to_collection(graph_lib.GraphKeys.REGULARIZATION_LOSSES, self.activity_regularizer(out))
        return out


@export("tf.layers.Dense")
class Dense(_KernelLayer):
    _base_name = "dense"

    def __init__(self, units, activation=None, use_bias=True, kernel_initializer=None,
                 bias_initializer=None, kernel_regularizer=None, bias_regularizer=None,
                 activity_regularizer=None, kernel_constraint=None, bias_constraint=None, trainable=True,
                 name=None, **kwargs):
        super().__init__(activation, use_bias, kernel_initializer, bias_initializer, kernel_regularizer,
                         bias_regularizer, activity_regularizer, kernel_constraint, bias_constraint,
                         trainable=trainable, name=name, **kwargs)
        self.units = int(units)

    def build(self, input_shape):
        last = input_shape.as_list()[-1] if input_shape.ndims else None
        if last is None:
            raise ValueError("The last dimension of the inputs to `Dense` should be defined. Found `None`.")
        self._add_kernel_and_bias([last, self.units], self.units)

    def call(self, inputs):
        rank = inputs.get_shape().ndims
        if rank is not None and rank > 2:
            out = tensordot(inputs, self.kernel, [[rank - 1], [0]])
            shape = inputs.get_shape().as_list()
            out.set_shape(shape[:-1] + [self.units])
        else:
            out = math_ops.matmul(inputs, self.kernel)
        return self._finish(out)


@export("tf.layers.Conv2D")
class Conv2D(_KernelLayer):
    _base_name = "conv2d"

    def __init__(self, filters, kernel_size, strides=(1, 1), padding="valid", data_format="channels_last",
                 dilation_rate=(1, 1), activation=None, use_bias=True, kernel_initializer=None,
                 bias_initializer=None, kernel_regularizer=None, bias_regularizer=None,
                 activity_regularizer=None, kernel_constraint=None, bias_constraint=None, trainable=True,
                 name=None, **kwargs):
        super().__init__(activation, use_bias, kernel_initializer, bias_initializer, kernel_regularizer,
                         bias_regularizer, activity_regularizer, kernel_constraint, bias_constraint,
                         trainable=trainable, name=name, **kwargs)
        _check_channels_last(data_format)
        self.filters = int(filters)
        self.kernel_size = _pair(kernel_size, "kernel_size")
        self.strides = _pair(strides, "strides")
        self.padding = _padding(padding)
        self.dilation_rate = _pair(dilation_rate, "dilation_rate")

    def _kernel_shape(self, in_channels):
        return list(self.kernel_size) + [in_channels, self.filters]

    def build(self, input_shape):
        channels = input_shape.as_list()[-1] if input_shape.ndims else None
        if channels is None:
            raise ValueError("The channel dimension of the inputs should be defined. Found `None`.")
        self._add_kernel_and_bias(self._kernel_shape(channels), self.filters)

    def _conv(self, inputs):
        return conv_ops.conv2d(inputs, self.kernel, strides=[1, self.strides[0], self.strides[1], 1],
                             padding=self.padding, dilations=[1, self.dilation_rate[0], self.dilation_rate[1], 1])

    def call(self, inputs):
        return self._finish(self._conv(inputs))


@export("tf.layers.Conv2DTranspose")
class Conv2DTranspose(Conv2D):
    _base_name = "conv2d_transpose"

    def _kernel_shape(self, in_channels):
        return list(self.kernel_size) + [self.filters, in_channels]

    def _out_len(self, size, k, s):
        if size is None:
            return None
        if self.padding == "VALID":
            return size * s + max(k - s, 0)
        return size * s

    def _conv(self, inputs):
        shape = inputs.get_shape().as_list()
        dyn = array_ops.shape(inputs)
        h = self._out_len(shape[1], self.kernel_size[0], self.strides[0])
        w = self._out_len(shape[2], self.kernel_size[1], self.strides[1])
        if h is None or w is None:
            raise ValueError("conv2d_transpose needs static spatial dimensions in the numpy runtime")
        out_shape = array_ops.stack([dyn[0], h, w, self.filters])
        out = conv_ops.conv2d_transpose(inputs, self.kernel, out_shape,
                                        strides=[1, self.strides[0], self.strides[1], 1], padding=self.padding)
        out.set_shape([shape[0], h, w, self.filters])
        return out


@export("tf.layers.Conv1D")
class Conv1D(Conv2D):
    """NWC 1-D convolution; kernel shape [width, in_channels, filters]."""
    _base_name = "conv1d"

    def __init__(self, filters, kernel_size, strides=1, padding="valid", data_format="channels_last",
                 dilation_rate=1, **kwargs):
        k = kernel_size[0] if isinstance(kernel_size, (list, tuple)) else kernel_size
        st = strides[0] if isinstance(strides, (list, tuple)) else strides
        dl = dilation_rate[0] if isinstance(dilation_rate, (list, tuple)) else dilation_rate
        super().__init__(filters, (1, k), strides=(1, st), padding=padding, data_format=data_format,
                         dilation_rate=(1, dl), **kwargs)

    def _kernel_shape(self, in_channels):
        return [self.kernel_size[1], in_channels, self.filters]

    def _conv(self, inputs):
        return conv_ops.conv1d(inputs, self.kernel, stride=self.strides[1], padding=self.padding,
                            dilations=self.dilation_rate[1])


class _Pooling2D(Layer):
    def __init__(self, pool_size, strides, padding="valid", data_format="channels_last", name=None, **kwargs):
        super().__init__(name=name, **kwargs)
        _check_channels_last(data_format)
        self.pool_size = _pair(pool_size, "pool_size")
        self.strides = _pair(strides, "strides")
        self.padding = _padding(padding)

    def call(self, inputs):
        fn = conv_ops.max_pool if self._op == "max" else conv_ops.avg_pool
        return fn(inputs, ksize=[1, self.pool_size[0], self.pool_size[1], 1],
                  strides=[1, self.strides[0], self.strides[1], 1], padding=self.padding)


@export("tf.layers.MaxPooling2D")
class MaxPooling2D(_Pooling2D):
    _base_name = "max_pooling2d"
    _op = "max"


@export("tf.layers.AveragePooling2D")
class AveragePooling2D(_Pooling2D):
    _base_name = "average_pooling2d"
    _op = "avg"


@export("tf.layers.Flatten")
class Flatten(Layer):
    _base_name = "flatten"

    def call(self, inputs):
        shape = inputs.get_shape().as_list()
        rest = shape[1:]
        if all(d is not None for d in rest):
            out = array_ops.reshape(inputs, [-1, int(np.prod(rest, dtype=np.int64))])
            out.set_shape([shape[0], int(np.prod(rest, dtype=np.int64))])
            return out
        return array_ops.reshape(inputs, array_ops.stack([array_ops.shape(inputs)[0], -1]))


@export("tf.layers.Dropout")
class Dropout(Layer):
    _base_name = "dropout"

    def __init__(self, rate=0.5, noise_shape=None, seed=None, name=None, **kwargs):
        super().__init__(name=name, **kwargs)
        self.rate = rate
        self.noise_shape = noise_shape
        self.seed = seed

    def call(self, inputs, training=False):

        def dropped():
            return nn_ops_lib.dropout(inputs, rate=self.rate, noise_shape=self.noise_shape, seed=self.seed)

        if isinstance(training, (bool, np.bool_)) or training is None:
            return dropped() if training else array_ops.identity(inputs)
        return cf_ops.cond(convert_to_tensor(training), dropped, lambda: array_ops.identity(inputs))


@export("tf.layers.BatchNormalization")
class BatchNormalization(Layer):
    _base_name = "batch_normalization"
    _beta_first = False

    def __init__(self, axis=-1, momentum=0.99, epsilon=1e-3, center=True, scale=True,
                 beta_initializer=None, gamma_initializer=None, moving_mean_initializer=None,
                 moving_variance_initializer=None, beta_regularizer=None, gamma_regularizer=None,
                 beta_constraint=None, gamma_constraint=None, renorm=False, fused=None, trainable=True,
                 virtual_batch_size=None, adjustment=None, name=None, **kwargs):
        super().__init__(trainable=trainable, name=name, **kwargs)
        if renorm or virtual_batch_size or adjustment:
            raise NotImplementedError("batch renormalization / virtual batches are not supported")
        self.axis = axis
        self.momentum = momentum
        self.epsilon = epsilon
        self.center = center
        self.scale = scale
        self.beta_initializer = beta_initializer
        self.gamma_initializer = gamma_initializer
        self.moving_mean_initializer = moving_mean_initializer
        self.moving_variance_initializer = moving_variance_initializer
        self.beta_regularizer = beta_regularizer
        self.gamma_regularizer = gamma_regularizer
        self.beta_constraint = beta_constraint
        self.gamma_constraint = gamma_constraint

    def build(self, input_shape):
        ndims = input_shape.ndims
        axis = self.axis if isinstance(self.axis, int) else self.axis[0]
        self._axis = axis % ndims
        dim = input_shape.as_list()[self._axis]
        if dim is None:
            raise ValueError("Input has undefined `axis` dimension.")
        param = [dim]
        def gamma():
            return self.add_weight("gamma", param,
                                   initializer=self.gamma_initializer or initializers.ones_initializer(),
                                   regularizer=self.gamma_regularizer, constraint=self.gamma_constraint) \
                if self.scale else None

        def beta():
            return self.add_weight("beta", param, initializer=self.beta_initializer or initializers.zeros_initializer(),
                                   regularizer=self.beta_regularizer, constraint=self.beta_constraint) \
                if self.center else None
        if self._beta_first:  # contrib.layers.batch_norm creates beta before gamma
            self.beta, self.gamma = beta(), gamma()
        else:
            self.gamma, self.beta = gamma(), beta()
        self.moving_mean = self.add_weight("moving_mean", param, trainable=False,
                                           initializer=self.moving_mean_initializer or initializers.zeros_initializer())
        self.moving_variance = self.add_weight("moving_variance", param, trainable=False,
                                               initializer=(self.moving_variance_initializer
                                                            or initializers.ones_initializer()))
        self._fused = ndims == 4 and self._axis == 3
        self.built = True

    def call(self, inputs, training=False):
        ndims = inputs.get_shape().ndims
        axes = [i for i in range(ndims) if i != self._axis]
        bshape = [1] * ndims
        bshape[self._axis] = -1

        def bcast(v):
            return v if ndims == 2 and self._axis == 1 else array_ops.reshape(v, bshape)

        batch_mean, batch_var = nn_ops_lib.moments(inputs, axes)
        static = isinstance(training, (bool, np.bool_)) or training is None
        if static:
            if training:
                mean, var = batch_mean, batch_var
            else:
                mean, var = self.moving_mean, self.moving_variance
        else:
            training = convert_to_tensor(training)
            mean = cf_ops.cond(training, lambda: batch_mean, lambda: array_ops.identity(self.moving_mean))
            var = cf_ops.cond(training, lambda: batch_var, lambda: array_ops.identity(self.moving_variance))
        inv = math_ops.rsqrt(var + self.epsilon)
        if self.gamma is not None:
            inv = inv * self.gamma
        out = (inputs - bcast(mean)) * bcast(inv)
        if self.beta is not None:
            out = out + bcast(self.beta)
        if static and not training:
            return out
        # moving statistics (the fused kernel's running variance uses the unbiased estimate)
        if self._fused:
            n = array_ops.cast(math_ops.reduce_prod(array_ops.gather(array_ops.shape(inputs), axes)), batch_var.dtype)
            update_var = batch_var * n / math_ops.maximum(n - 1.0, 1.0)
        else:
            update_var = batch_var
        if static:
            momentum = self.momentum
            new_mean, new_var = batch_mean, update_var
        else:
            momentum = cf_ops.cond(training, lambda: array_ops.constant(self.momentum, inputs.dtype),
                               lambda: array_ops.constant(1.0, inputs.dtype))
            new_mean = cf_ops.cond(training, lambda: batch_mean, lambda: array_ops.identity(self.moving_mean))
            new_var = cf_ops.cond(training, lambda: update_var, lambda: array_ops.identity(self.moving_variance))
        for var_, value, nm in ((self.moving_mean, new_mean, "AssignMovingAvg"),
                                (self.moving_variance, new_var, "AssignMovingAvg_1")):
            with graph_lib.name_scope(nm):
                delta = (var_ - array_ops.stop_gradient(value)) * (1.0 - momentum)
                self.add_update(var_.assign_sub(delta))
        return out


def _call(layer_cls, inputs, name, reuse, call_kwargs=None, **kwargs):
    layer = layer_cls(name=name, _reuse=reuse, **kwargs)
    return layer(inputs, **(call_kwargs or {}))


@export("tf.layers.dense")
def dense(inputs, units, activation=None, use_bias=True, kernel_initializer=None, bias_initializer=None,
          kernel_regularizer=None, bias_regularizer=None, activity_regularizer=None, kernel_constraint=None,
          bias_constraint=None, trainable=True, name=None, reuse=None):
    return _call(Dense, inputs, name, reuse, units=units, activation=activation, use_bias=use_bias,
                 kernel_initializer=kernel_initializer, bias_initializer=bias_initializer,
                 kernel_regularizer=kernel_regularizer, bias_regularizer=bias_regularizer,
                 activity_regularizer=activity_regularizer, kernel_constraint=kernel_constraint,
                 bias_constraint=bias_constraint, trainable=trainable)


@export("tf.layers.conv2d")
def conv2d(inputs, filters, kernel_size, strides=(1, 1), padding="valid", data_format="channels_last",
           dilation_rate=(1, 1), activation=None, use_bias=True, kernel_initializer=None,
           bias_initializer=None, kernel_regularizer=None, bias_regularizer=None, activity_regularizer=None,
           kernel_constraint=None, bias_constraint=None, trainable=True, name=None, reuse=None):
    return _call(Conv2D, inputs, name, reuse, filters=filters, kernel_size=kernel_size, strides=strides,
                 padding=padding, data_format=data_format, dilation_rate=dilation_rate, activation=activation,
                 use_bias=use_bias, kernel_initializer=kernel_initializer, bias_initializer=bias_initializer,
                 kernel_regularizer=kernel_regularizer, bias_regularizer=bias_regularizer,
                 kernel_constraint=kernel_constraint, bias_constraint=bias_constraint, trainable=trainable)


@export("tf.layers.conv2d_transpose")
def conv2d_transpose(inputs, filters, kernel_size, strides=(1, 1), padding="valid", data_format="channels_last",
                     activation=None, use_bias=True, kernel_initializer=None, bias_initializer=None,
                     kernel_regularizer=None, bias_regularizer=None, activity_regularizer=None,
                     kernel_constraint=None, bias_constraint=None, trainable=True, name=None, reuse=None):
    return _call(Conv2DTranspose, inputs, name, reuse, filters=filters, kernel_size=kernel_size, strides=strides,
                 padding=padding, data_format=data_format, activation=activation, use_bias=use_bias,
                 kernel_initializer=kernel_initializer, bias_initializer=bias_initializer,
                 kernel_regularizer=kernel_regularizer, bias_regularizer=bias_regularizer,
                 kernel_constraint=kernel_constraint, bias_constraint=bias_constraint, trainable=trainable)


@export("tf.layers.conv1d")
def conv1d(inputs, filters, kernel_size, strides=1, padding="valid", data_format="channels_last", dilation_rate=1,
           activation=None, use_bias=True, kernel_initializer=None, bias_initializer=None, kernel_regularizer=None,
           bias_regularizer=None, activity_regularizer=None, kernel_constraint=None, bias_constraint=None,
           trainable=True, name=None, reuse=None):
    return _call(Conv1D, inputs, name, reuse, filters=filters, kernel_size=kernel_size, strides=strides,
                 padding=padding, data_format=data_format, dilation_rate=dilation_rate, activation=activation,
                 use_bias=use_bias, kernel_initializer=kernel_initializer, bias_initializer=bias_initializer,
                 kernel_regularizer=kernel_regularizer, bias_regularizer=bias_regularizer,
                 kernel_constraint=kernel_constraint, bias_constraint=bias_constraint, trainable=trainable)


@export("tf.layers.max_pooling2d")
def max_pooling2d(inputs, pool_size, strides, padding="valid", data_format="channels_last", name=None):
    return _call(MaxPooling2D, inputs, name, None, pool_size=pool_size, strides=strides, padding=padding,
                 data_format=data_format)


@export("tf.layers.average_pooling2d")
def average_pooling2d(inputs, pool_size, strides, padding="valid", data_format="channels_last", name=None):
    return _call(AveragePooling2D, inputs, name, None, pool_size=pool_size, strides=strides, padding=padding,
                 data_format=data_format)


@export("tf.layers.flatten")
def flatten(inputs, name=None, data_format="channels_last"):
    return _call(Flatten, inputs, name, None)


@export("tf.layers.dropout")
def dropout(inputs, rate=0.5, noise_shape=None, seed=None, training=False, name=None):
    return _call(Dropout, inputs, name, None, call_kwargs={"training": training}, rate=rate,
                 noise_shape=noise_shape, seed=seed)


@export("tf.layers.batch_normalization")
def batch_normalization(inputs, axis=-1, momentum=0.99, epsilon=1e-3, center=True, scale=True,
                        beta_initializer=None, gamma_initializer=None, moving_mean_initializer=None,
                        moving_variance_initializer=None, beta_regularizer=None, gamma_regularizer=None,
                        beta_constraint=None, gamma_constraint=None, training=False, trainable=True, name=None,
                        reuse=None, renorm=False, renorm_clipping=None, renorm_momentum=0.99, fused=None,
                        virtual_batch_size=None, adjustment=None):
    return _call(BatchNormalization, inputs, name, reuse, call_kwargs={"training": training}, axis=axis,
                 momentum=momentum, epsilon=epsilon, center=center, scale=scale,
                 beta_initializer=beta_initializer, gamma_initializer=gamma_initializer,
                 moving_mean_initializer=moving_mean_initializer,
                 moving_variance_initializer=moving_variance_initializer, beta_regularizer=beta_regularizer,
                 gamma_regularizer=gamma_regularizer, beta_constraint=beta_constraint,
                 gamma_constraint=gamma_constraint, trainable=trainable, renorm=renorm,
                 virtual_batch_size=virtual_batch_size, adjustment=adjustment)


Convolution2D = Conv2D
Convolution2DTranspose = Conv2DTranspose
Deconvolution2D = Conv2DTranspose
MaxPool2D = MaxPooling2D
AveragePooling2D = AveragePooling2D
AvgPool2D = AveragePooling2D
BatchNorm = BatchNormalization


class _ContribBatchNorm(BatchNormalization):
    _base_name = "BatchNorm"
    _beta_first = True


@export("tf.contrib.layers.batch_norm")
def contrib_batch_norm(inputs, decay=0.999, center=True, scale=False, epsilon=0.001, activation_fn=None,
                       param_initializers=None, param_regularizers=None, updates_collections="update_ops",
                       is_training=True, reuse=None, variables_collections=None, outputs_collections=None,
                       trainable=True, batch_weights=None, fused=None, data_format="NHWC",
                       zero_debias_moving_mean=False, scope=None, renorm=False, renorm_clipping=None,
                       renorm_decay=0.99, adjustment=None):
    """``tf.contrib.layers.batch_norm``: variables under ``BatchNorm/``; ``updates_collections=None``
    applies the moving-average updates in place (the output depends on them)."""
    if data_format != "NHWC":
        raise NotImplementedError("only data_format='NHWC' is supported by the numpy runtime")
    inits = param_initializers or {}
    layer = _ContribBatchNorm(momentum=decay, epsilon=epsilon, center=center, scale=scale,
                              beta_initializer=inits.get("beta"), gamma_initializer=inits.get("gamma"),
                              moving_mean_initializer=inits.get("moving_mean"),
                              moving_variance_initializer=inits.get("moving_variance"), trainable=trainable,
                              name=scope, _reuse=reuse)
    layer._in_place = updates_collections is None
    out = layer(inputs, training=is_training)
    if layer._in_place and layer.updates:
        with graph_lib.control_dependencies(layer.updates):
            out = array_ops.identity(out)
    if activation_fn is not None:
        out = activation_fn(out)
    return out
