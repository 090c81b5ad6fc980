"""`tf.IndexedSlices`: rows `values` at `indices` of a tensor of shape `dense_shape`. Ops that take a
tensor get the dense form (converted like TF does, summing rows that share an index)."""
import sys

from .dtypes import DType as _DType
from .graph import convert_to_tensor, register_tensor_conversion_function
from .namespace import export

_dt = sys.modules[_DType.__module__]  # the dtypes module (the package attribute `dtypes` is tf.dtypes)


@export("tf.IndexedSlices")
class IndexedSlices:
    def __init__(self, values, indices, dense_shape=None):
        self._values = values
        self._indices = indices
        self._dense_shape = dense_shape

    values = property(lambda self: self._values)
    indices = property(lambda self: self._indices)
    dense_shape = property(lambda self: self._dense_shape)
    dtype = property(lambda self: self._values.dtype)
    name = property(lambda self: self._values.name)
    op = property(lambda self: self._values.op)
    graph = property(lambda self: self._values.graph)
    device = property(lambda self: "")

    def get_shape(self):
        from .graph import constant_value
        from .shapes import TensorShape
        if self._dense_shape is None:
            return TensorShape(None)
        known = constant_value(self._dense_shape)
        if known is not None:
            return TensorShape([int(d) for d in known])
        return TensorShape([None] + self._values.get_shape().as_list()[1:]) \
            if self._values.get_shape().ndims is not None else TensorShape(None)

    shape = property(get_shape)

    def __neg__(self):
        from .ops import math_ops
        return IndexedSlices(math_ops.negative(self._values), self._indices, self._dense_shape)

    def __repr__(self):
        return "IndexedSlices(indices=%s, values=%s%s)" % (
            self._indices, self._values,
            "" if self._dense_shape is None else ", dense_shape=%s" % (self._dense_shape,))


@export("tf.IndexedSlicesValue")
class IndexedSlicesValue:
    """What a session hands back for fetched IndexedSlices parts (numpy arrays)."""

    def __init__(self, values, indices, dense_shape=None):
        self.values, self.indices, self.dense_shape = values, indices, dense_shape


def _to_dense(value, dtype=None, name=None, as_ref=False):
    from .ops import array_ops, indexing_ops
    if value.dense_shape is None:
        raise ValueError("Tensor conversion requested for IndexedSlices without dense_shape: %s" % (value,))
    if dtype is not None and _dt.as_dtype(dtype) != value.dtype:
        raise ValueError("Tensor conversion requested dtype %s for IndexedSlices with dtype %s"
                         % (_dt.as_dtype(dtype).name, value.dtype.name))
    indices = array_ops.expand_dims(convert_to_tensor(value.indices), -1)
    return indexing_ops.scatter_nd(indices, value.values, value.dense_shape, name=name)


register_tensor_conversion_function(IndexedSlices, _to_dense)
