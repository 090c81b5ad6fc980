"""Conv2D / Conv2DBackpropInput / Conv2DBackpropFilter / MaxPool / AvgPool ops, NHWC.

``tf.nn.conv2d``, ``conv2d_transpose``, ``max_pool``, ``avg_pool`` (``SAME`` /
``VALID``, any strides) with gradients, registered in the op registry.
"""
import sys

import numpy as np

from ..dtypes import DType as _DType
from ..graph import Tensor, constant_value, convert_to_tensor, get_default_graph
from ..kernels import nn as K
from ..namespace import export
from ..ops import array_ops
from ..ops import registry as R
from ..shapes import TensorShape

_dt = sys.modules[_DType.__module__]  # the dtypes module (package attr `dtypes` is tf.dtypes)


def _hw(v):
    return K.strides_hw(v)


def _check_format(data_format):
    if data_format not in (None, "NHWC", b"NHWC"):
        raise NotImplementedError("only data_format='NHWC' is supported by the numpy runtime (got %r)"
                                  % (data_format,))


def _spatial(shape, kh, kw, strides, padding, dilations=(1, 1)):
    if shape.ndims is None:
        return TensorShape([None, None, None, None])
    n, h, w, _ = shape.as_list()
    sh, sw = strides
    oh = K.out_size_and_pad(h, kh, sh, padding, dilations[0])[0] if h is not None else None
    ow = K.out_size_and_pad(w, kw, sw, padding, dilations[1])[0] if w is not None else None
    return n, oh, ow


def _conv_infer(op):
    x, f = op.inputs
    fs = f._shape.as_list() if f._shape.ndims is not None else [None] * 4
    kh, kw = fs[0], fs[1]
    if kh is None or kw is None or x._shape.ndims is None:
        return [(x.dtype, TensorShape([None, None, None, fs[3]]))]
    n, oh, ow = _spatial(x._shape, kh, kw, op.attrs["strides"], op.attrs["padding"], op.attrs["dilations"])
    return [(x.dtype, TensorShape([n, oh, ow, fs[3]]))]


def _conv_kernel(x, f, strides, padding, dilations):
    return K.conv2d(x, f, strides, padding, dilations)


def _conv_grad(op, g):
    x, f = op.inputs
    a = op.attrs
    return [_make("Conv2DBackpropInput", [_shape_of(x), f, g], a),
            _make("Conv2DBackpropFilter", [x, _shape_of(f), g], a)]


def _shape_of(t):
    if t._shape.is_fully_defined():
        return convert_to_tensor(np.array(t._shape.as_list(), np.int32))
    return array_ops.shape(t)


def _make(op_type, inputs, attrs, name=None):
    return get_default_graph().create_op(op_type, inputs, dict(attrs), name=name).outputs[0]


def _shape_input_infer(shape_index, dtype_index):
    """Output shape given by a (maybe constant) shape input, dtype from another input."""
    def infer(op):
        v = constant_value(op.inputs[shape_index])
        shape = TensorShape([int(d) for d in v]) if v is not None else TensorShape([None] * 4)
        return [(op.inputs[dtype_index].dtype, shape)]
    return infer


_bi_infer = _shape_input_infer(0, 2)
_bf_infer = _shape_input_infer(1, 0)


def _bi_kernel(sizes, f, g, strides, padding, dilations):
    return K.conv2d_backprop_input(sizes, f, g, strides, padding, dilations)


def _bi_grad(op, grad):
    sizes, f, g = op.inputs
    a = op.attrs
    return [None, _make("Conv2DBackpropFilter", [grad, _shape_of(f), g], a),
            _make("Conv2D", [grad, f], a)]


def _bf_kernel(x, sizes, g, strides, padding, dilations):
    return K.conv2d_backprop_filter(x, sizes, g, strides, padding, dilations)


R.register("Conv2D", kernel=_conv_kernel, infer=_conv_infer, grad=_conv_grad)
R.register("Conv2DBackpropInput", kernel=_bi_kernel, infer=_bi_infer, grad=_bi_grad)
R.register("Conv2DBackpropFilter", kernel=_bf_kernel, infer=_bf_infer)


def _pool_infer(op):
    x = op.inputs[0]
    kh, kw = op.attrs["ksize"]
    if x._shape.ndims is None:
        return [(x.dtype, TensorShape([None] * 4))]
    n, oh, ow = _spatial(x._shape, kh, kw, op.attrs["strides"], op.attrs["padding"])
    return [(x.dtype, TensorShape([n, oh, ow, x._shape.as_list()[3]]))]


def _maxpool_grad(op, g):
    x = op.inputs[0]
    return [_make("MaxPoolGrad", [x, op.outputs[0], g], op.attrs)]


def _avgpool_grad(op, g):
    return [_make("AvgPoolGrad", [_shape_of(op.inputs[0]), g], op.attrs)]


R.register("MaxPool", kernel=lambda x, ksize, strides, padding: K.max_pool(x, ksize, strides, padding),
           infer=_pool_infer, grad=_maxpool_grad)
R.register("MaxPoolGrad", kernel=lambda x, y, g, ksize, strides, padding: K.max_pool_grad(x, g, ksize, strides, padding),
           infer=R.same_as_input)
R.register("AvgPool", kernel=lambda x, ksize, strides, padding: K.avg_pool(x, ksize, strides, padding),
           infer=_pool_infer, grad=_avgpool_grad)
R.register("AvgPoolGrad", kernel=lambda s, g, ksize, strides, padding: K.avg_pool_grad(s, g, ksize, strides, padding),
           infer=_shape_input_infer(0, 1))


def _padding(padding):
    p = padding.decode() if isinstance(padding, bytes) else str(padding)
    return p.upper()


def _conv_attrs(strides, padding, dilations):
    return {"strides": _hw(strides), "padding": _padding(padding),
            "dilations": _hw(dilations) if dilations is not None else (1, 1)}


@export("tf.nn.conv2d")
def conv2d(input, filter=None, strides=None, padding=None, use_cudnn_on_gpu=True,  # noqa: A002
           data_format="NHWC", dilations=None, name=None, filters=None):
    _check_format(data_format)
    filter = filter if filter is not None else filters
    with get_default_graph().name_scope(name or "Conv2D") as scope:
        x = convert_to_tensor(input)
        f = convert_to_tensor(filter, dtype=x.dtype)
        return _make("Conv2D", [x, f], _conv_attrs(strides, padding, dilations), name=scope)


@export("tf.nn.conv2d_transpose")
def conv2d_transpose(value=None, filter=None, output_shape=None, strides=None, padding="SAME",  # noqa: A002
                     data_format="NHWC", name=None, input=None, filters=None, dilations=None):
    _check_format(data_format)
    value = value if value is not None else input
    filter = filter if filter is not None else filters
    with get_default_graph().name_scope(name or "conv2d_transpose") as scope:
        x = convert_to_tensor(value)
        f = convert_to_tensor(filter, dtype=x.dtype)
        if isinstance(output_shape, Tensor):
            sizes = output_shape
        elif isinstance(output_shape, (list, tuple)) and any(isinstance(d, Tensor) for d in output_shape):
            sizes = array_ops.stack([array_ops.cast(d, _dt.int32) if isinstance(d, Tensor) else d
                                     for d in output_shape])
        else:
            sizes = convert_to_tensor(np.array(output_shape, np.int32))
        out = _make("Conv2DBackpropInput", [sizes, f, x], _conv_attrs(strides, padding, dilations),
                    name=scope)
        if constant_value(sizes) is None and isinstance(output_shape, (list, tuple)):
            out.set_shape([d if isinstance(d, int) else None for d in output_shape])
        return out


def _pool(op_type, value, ksize, strides, padding, data_format, name, default):
    _check_format(data_format)
    with get_default_graph().name_scope(name or default) as scope:
        x = convert_to_tensor(value)
        attrs = {"ksize": _hw(ksize), "strides": _hw(strides), "padding": _padding(padding)}
        return _make(op_type, [x], attrs, name=scope)


@export("tf.nn.max_pool", "tf.nn.max_pool2d")
def max_pool(value=None, ksize=None, strides=None, padding=None, data_format="NHWC", name=None, input=None):  # noqa: A002
    return _pool("MaxPool", value if value is not None else input, ksize, strides, padding, data_format, name,
                 "MaxPool")


@export("tf.nn.avg_pool", "tf.nn.avg_pool2d")
def avg_pool(value=None, ksize=None, strides=None, padding=None, data_format="NHWC", name=None, input=None):  # noqa: A002
    return _pool("AvgPool", value if value is not None else input, ksize, strides, padding, data_format, name,
                 "AvgPool")


max_pool2d = max_pool
avg_pool2d = avg_pool


@export("tf.nn.conv1d")
def conv1d(value=None, filters=None, stride=None, padding=None, use_cudnn_on_gpu=None, data_format=None, name=None,
           input=None, dilations=None):  # noqa: A002
    """NWC conv1d as TF does it: expand to NHWC, conv2d, squeeze."""
    value = value if value is not None else input
    with get_default_graph().name_scope(name or "conv1d"):
        x = array_ops.expand_dims(convert_to_tensor(value), 1)
        f = array_ops.expand_dims(convert_to_tensor(filters), 0)
        s = stride if isinstance(stride, int) else stride[-2] if len(stride) == 3 else stride[0]
        d = 1 if dilations is None else (dilations if isinstance(dilations, int) else dilations[-2])
        y = conv2d(x, f, strides=[1, 1, s, 1], padding=padding, dilations=[1, 1, d, 1])
        return array_ops.squeeze(y, [1])
