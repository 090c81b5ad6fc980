"""Index-driven ops: gather_nd / scatter_nd, boolean_mask, top_k, sequence_mask, eye."""
import numpy as np

from .. import dtypes as _dt
from ..graph import make_constant, shape_from_tensor
from ..kernels.segment import segment_sum
from ..namespace import export
from ..shapes import TensorShape
from . import array_ops, math_ops
from . import registry as R
from .common import int_tensor, make, make_op, scope, static_ints, tensor


def _nd_index(indices):
    idx = np.asarray(indices)
    return tuple(np.moveaxis(idx, -1, 0))


def _gather_nd_infer(op):
    p, i = op.inputs
    if p._shape.ndims is None or i._shape.ndims is None or i._shape.as_list()[-1] is None:
        return [(p.dtype, TensorShape(None))]
    k = i._shape.as_list()[-1]
    return [(p.dtype, TensorShape(i._shape.as_list()[:-1] + p._shape.as_list()[k:]))]


def _scatter_nd_kernel(indices, updates, shape):
    shape = tuple(int(d) for d in shape)
    idx = np.asarray(indices)
    k = idx.shape[-1]
    lead = shape[:k]
    if idx.size and (np.any(idx < 0) or np.any(idx >= np.asarray(lead))):
        raise ValueError("indices %s out of bounds for shape %s" % (idx.reshape(-1, k)[0].tolist(), list(shape)))
    flat = np.ravel_multi_index(tuple(idx.reshape(-1, k).T), lead) if k else np.zeros(int(np.prod(idx.shape[:-1])), np.intp)
    rows = np.asarray(updates).reshape((flat.size,) + shape[k:])
    return segment_sum(rows, flat, int(np.prod(lead))).reshape(shape)


R.register("GatherNd", kernel=lambda p, i: p[_nd_index(i)], infer=_gather_nd_infer,
           grad=lambda op, g: [make("ScatterNd", [op.inputs[1], g, array_ops.shape(op.inputs[0])]), None])
R.register("ScatterNd", kernel=_scatter_nd_kernel,
           infer=lambda op: [(op.inputs[1].dtype, shape_from_tensor(op.inputs[2]))],
           grad=lambda op, g: [None, make("GatherNd", [g, op.inputs[0]]), None])


@export("tf.gather_nd")
def gather_nd(params, indices, name=None, batch_dims=0):
    if batch_dims:
        raise NotImplementedError("tf.gather_nd(batch_dims != 0) is not implemented by the numpy runtime")
    return make("GatherNd", [tensor(params), tensor(indices)], None, name)


@export("tf.scatter_nd")
def scatter_nd(indices, updates, shape, name=None):
    return make("ScatterNd", [tensor(indices), tensor(updates), int_tensor(shape, "shape")], None, name)


@export("tf.boolean_mask")
def boolean_mask(tensor_, mask, name="boolean_mask", axis=None):
    """Entries of `tensor_` where `mask` is True (mask covers the leading dims, or starts at `axis`)."""
    with scope(name, "boolean_mask") as s:
        x = tensor(tensor_)
        m = tensor(mask)
        k = m._shape.ndims
        if k is None:
            raise ValueError("Number of mask dimensions must be specified, even if some dimensions are None.")
        axis = axis or 0
        lead = array_ops.shape(x)[:axis]
        flat = array_ops.reshape(x, array_ops.concat(
            [lead, [-1], array_ops.shape(x)[axis + k:]], 0)) if k > 1 else x
        idx = array_ops.reshape(array_ops.where(array_ops.reshape(m, [-1])), [-1])
        return array_ops.gather(flat, idx, axis=axis, name=s)


def _top_k_kernel(x, k, sorted):
    k = int(k)
    idx = np.argsort(-x, axis=-1, kind="stable")[..., :k]
    return np.take_along_axis(x, idx, axis=-1), idx.astype(np.int32)


def _top_k_infer(op):
    x, k = op.inputs
    kv = static_ints(k)
    dims = None if x._shape.ndims is None else x._shape.as_list()[:-1] + [kv[0] if kv else None]
    return [(x.dtype, TensorShape(dims)), (_dt.int32, TensorShape(dims))]


def _take_last_kernel(x, idx):
    return np.take_along_axis(x, idx.astype(np.intp), axis=-1)


def _put_last_kernel(g, idx, shape):
    """Scatter-add g into zeros along the last axis (repeated indices accumulate)."""
    out = np.zeros(tuple(int(d) for d in shape), dtype=g.dtype)
    leading = tuple(np.indices(idx.shape, sparse=True)[:-1])
    np.add.at(out, leading + (idx.astype(np.intp),), g)
    return out


R.register("TopKV2", kernel=_top_k_kernel, infer=_top_k_infer,
           grad=lambda op, g_values, g_idx: [None if g_values is None else make(
               "PutAlongLastAxis", [g_values, op.outputs[1], array_ops.shape(op.inputs[0])]), None])
R.register("TakeAlongLastAxis", kernel=_take_last_kernel,
           infer=lambda op: [(op.inputs[0].dtype, op.inputs[1]._shape)],
           grad=lambda op, g: [make("PutAlongLastAxis", [g, op.inputs[1], array_ops.shape(op.inputs[0])]), None])
R.register("PutAlongLastAxis", kernel=_put_last_kernel,
           infer=lambda op: [(op.inputs[0].dtype, shape_from_tensor(op.inputs[2]))],
           grad=lambda op, g: [make("TakeAlongLastAxis", [g, op.inputs[1]]), None, None])


@export("tf.math.top_k", "tf.nn.top_k")
def top_k(input, k=1, sorted=True, name=None):  # noqa: A002 - TF's argument names
    """(values, indices) of the k largest entries along the last axis (ties: lower index first)."""
    return tuple(make_op("TopKV2", [tensor(input), int_tensor(k, "k")], {"sorted": sorted}, name or "TopKV2").outputs)


@export("tf.sequence_mask")
def sequence_mask(lengths, maxlen=None, dtype=_dt.bool, name=None):
    with scope(name, "SequenceMask") as s:
        lengths = tensor(lengths)
        if maxlen is None:
            maxlen = math_ops.reduce_max(lengths)
        maxlen = array_ops.cast(tensor(maxlen), lengths.dtype)
        row = array_ops.range(tensor(0, dtype=lengths.dtype), maxlen, tensor(1, dtype=lengths.dtype))
        mask = math_ops.less(row, array_ops.expand_dims(lengths, -1))
        return array_ops.cast(mask, dtype, name=s) if _dt.as_dtype(dtype) != _dt.bool else \
            array_ops.identity(mask, name=s)


@export("tf.eye")
def eye(num_rows, num_columns=None, batch_shape=None, dtype=_dt.float32, name=None):
    m = np.eye(num_rows, num_columns, dtype=_dt.as_dtype(dtype).as_numpy_dtype)
    if batch_shape:
        m = np.broadcast_to(m, tuple(batch_shape) + m.shape).copy()
    return make_constant(m, dtype, name=name or "eye")
