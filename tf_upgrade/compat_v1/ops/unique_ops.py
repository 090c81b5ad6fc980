"""`tf.unique` / `tf.unique_with_counts` (1-D: the distinct values in order of first appearance, each
element's index among them, and how often each occurs) and `tf.batch_gather`."""
import sys

import numpy as np

from ..dtypes import DType as _DType
from ..namespace import export
from ..shapes import TensorShape
from . import array_ops, math_ops
from . import registry as R
from .common import make_op, scope, tensor

_dt = sys.modules[_DType.__module__]  # the dtypes module (the package attribute `dtypes` is tf.dtypes)


def _unique_kernel(x, out_idx, with_counts):
    values, first, inverse, counts = np.unique(x, return_index=True, return_inverse=True, return_counts=True)
    order = np.argsort(first, kind="stable")  # np.unique sorts; TF keeps first-appearance order
    rank = np.empty_like(order)
    rank[order] = np.arange(len(order))
    idx_dtype = out_idx.as_numpy_dtype
    outs = [values[order], rank[inverse.reshape(-1)].astype(idx_dtype)]
    if with_counts:
        outs.append(counts[order].astype(idx_dtype))
    return outs


def _unique_infer(op):
    x = op.inputs[0]
    if x.shape.ndims not in (None, 1):
        raise ValueError("unique expects a 1D vector, got shape %s" % x.shape)
    out = [(x.dtype, TensorShape([None])), (op.attrs["out_idx"], x.shape)]
    if op.attrs["with_counts"]:
        out.append((op.attrs["out_idx"], TensorShape([None])))
    return out


R.register("Unique", kernel=_unique_kernel, infer=_unique_infer, grad=R.NO_GRADIENT)


@export("tf.unique")
def unique(x, out_idx=_dt.int32, name=None):
    op = make_op("Unique", [tensor(x)], {"out_idx": _dt.as_dtype(out_idx), "with_counts": False}, name or "Unique")
    return tuple(op.outputs)


@export("tf.unique_with_counts")
def unique_with_counts(x, out_idx=_dt.int32, name=None):
    op = make_op("Unique", [tensor(x)], {"out_idx": _dt.as_dtype(out_idx), "with_counts": True},
                 name or "UniqueWithCounts")
    return tuple(op.outputs)


@export("tf.batch_gather")
def batch_gather(params, indices, name=None):
    """out[b..., k] = params[b..., indices[b..., k]]: a gather per batch entry, where the batch axes are all
    but the last axis of `indices` (built from reshape + offset + gather, so it has gather's gradient)."""
    with scope(name, "BatchGather"):
        params = tensor(params, name="params")
        indices = tensor(indices, name="indices")
        rank = indices.shape.ndims
        if rank is None:
            raise ValueError("batch_gather does not allow indices with unknown shape.")
        if rank == 1:
            return array_ops.gather(params, indices)
        p_shape = array_ops.shape(params)
        i_shape = array_ops.shape(indices)
        batch = math_ops.reduce_prod(i_shape[:rank - 1])
        n = p_shape[rank - 1]
        flat_params = array_ops.reshape(params, array_ops.concat([[batch * n], p_shape[rank:]], 0))
        offsets = array_ops.reshape(array_ops.range(batch) * n, [-1, 1])
        flat_indices = array_ops.reshape(indices, array_ops.stack([batch, -1])) + \
            array_ops.cast(offsets, indices.dtype)
        gathered = array_ops.gather(flat_params, flat_indices)
        out = array_ops.reshape(gathered, array_ops.concat([i_shape, p_shape[rank:]], 0))
        if params.shape.ndims is not None:
            out.set_shape(indices.shape.concatenate(params.shape[rank:]))
        return out


@export("tf.dimension_value", "tf.compat.dimension_value")
def dimension_value(dimension):
    """A Dimension's int value (or None); ints and None pass through."""
    return getattr(dimension, "value", dimension)
