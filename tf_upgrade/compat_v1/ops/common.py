"""Helpers shared by the op modules: creating ops, converting arguments, shared inference."""
import numpy as np

from .. import dtypes as _dt
from ..graph import Tensor, constant_value, convert_to_tensor, get_default_graph, unwrap_dimensions
from ..shapes import Dimension, TensorShape, broadcast_shapes


def make(op_type, inputs, attrs=None, name=None):
    """Create one op in the default graph and return its single output."""
    return get_default_graph().create_op(op_type, inputs, attrs, name).outputs[0]


def make_op(op_type, inputs, attrs=None, name=None):
    return get_default_graph().create_op(op_type, inputs, attrs, name)


def scope(name, default_name):
    """`with scope(name, "Default") as s:` -> the op created last uses name=s (TF's wrapper pattern)."""
    return get_default_graph().name_scope(name if name is not None else default_name)


def tensor(value, dtype=None, name=None):
    return convert_to_tensor(value, dtype=dtype, name=name)


def int_tensor(value, name):
    """Shape/axis arguments: python ints -> int32 Const (as TF does), tensors kept."""
    if isinstance(value, Tensor) or (isinstance(value, (list, tuple)) and _has_tensor(value)):
        return convert_to_tensor(value, name=name)
    value = unwrap_dimensions(value)
    return convert_to_tensor(value, dtype=_dt.int32 if _fits_int32(value) else _dt.int64, name=name)


def _has_tensor(values):
    return any(not isinstance(v, (int, np.integer, Dimension)) for v in values)


def _fits_int32(value):
    arr = np.asarray(value)
    return arr.size == 0 or (arr.dtype.kind in "iub" and arr.min() >= -2**31 and arr.max() < 2**31)


def static_ints(t):
    """The python ints in a shape/axis tensor if known at graph-build time, else None."""
    v = constant_value(t)
    return None if v is None else [int(x) for x in np.reshape(v, [-1])]


_PLAIN_VALUES = (int, float, complex, np.ndarray, np.generic)


def binary_pair(x, y):
    """Convert two operands TF1-style: the tensor side fixes the dtype of the python side."""
    if isinstance(x, Tensor):
        y = convert_to_tensor(y, dtype=x.dtype, name="y") if not isinstance(y, Tensor) else y
    elif isinstance(y, Tensor):
        x = convert_to_tensor(x, dtype=y.dtype, name="x")
    elif isinstance(x, _PLAIN_VALUES) and not isinstance(y, _PLAIN_VALUES):  # 2.0 * variable
        y = convert_to_tensor(y, name="y")
        x = convert_to_tensor(x, dtype=y.dtype, name="x")
    else:
        x = convert_to_tensor(x, name="x")
        y = convert_to_tensor(y, dtype=x.dtype, name="y")
    return x, y


def check_same_dtype(op_type, x, y):
    if x.dtype != y.dtype:
        raise TypeError("Input 'y' of '%s' Op has type %s that does not match type %s of argument 'x' "
                        "(x: %s, y: %s)." % (op_type, y.dtype.name, x.dtype.name, x.name, y.name))


def broadcast_infer(op):
    x, y = op.inputs
    return [(x.dtype, broadcast_shapes(x._shape, y._shape))]


def broadcast_bool_infer(op):
    x, y = op.inputs
    return [(_dt.bool, broadcast_shapes(x._shape, y._shape))]


def normalize_axis(axis, ndims):
    return axis + ndims if axis < 0 and ndims is not None else axis


def reduced_shape(shape, axes, keep_dims):
    """Static shape of a reduction over `axes` (None = all)."""
    if shape.ndims is None:
        return TensorShape(None) if not (axes is None and not keep_dims) else TensorShape([])
    dims = shape.as_list()
    if axes is None:
        return TensorShape([1] * len(dims) if keep_dims else [])
    axes = {normalize_axis(a, len(dims)) for a in axes}
    if keep_dims:
        return TensorShape([1 if i in axes else d for i, d in enumerate(dims)])
    return TensorShape([d for i, d in enumerate(dims) if i not in axes])


def float_like(t):
    return t.dtype.is_floating or t.dtype.is_complex
