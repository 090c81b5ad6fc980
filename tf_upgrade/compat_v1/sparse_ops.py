"""Sparse tensors: `tf.SparseTensor`, `tf.sparse_placeholder`, sparse x dense matmul and arithmetic, and the
`tf.sparse` namespace.

A SparseTensor is three ordinary tensors (indices int64 [N, rank], values [N], dense_shape int64 [rank]);
the session feeds a `(indices, values, dense_shape)` tuple or `SparseTensorValue` to a sparse placeholder
and returns a `SparseTensorValue` for a fetched SparseTensor (session.py asks `is_sparse`).
Ops that return sparse results (retain, reorder, from_dense) are built from gather/where so their values
gradients come for free; the kernels that combine sparse and dense parts have gradients as in TF:
only the values and the dense operand get one, never indices or shapes.
"""
import collections

import numpy as np

from . import dtypes as _dt
from . import session as session_lib
from .graph import Tensor, constant_value, register_tensor_conversion_function, run_with_default_session
from .kernels import sparse_matmul
from .kernels.segment import segment_sum
from .namespace import export, export_value
from .ops import array_ops, indexing_ops, math_ops
from .ops import registry as R
from .ops.common import make, make_op, scope, tensor
from .shapes import TensorShape, as_shape

SparseTensorValue = collections.namedtuple("SparseTensorValue", ["indices", "values", "dense_shape"])
export_value(SparseTensorValue, "tf.SparseTensorValue", "tf.sparse.SparseTensorValue")


@export("tf.SparseTensor", "tf.sparse.SparseTensor")
class SparseTensor:
    """indices [N, rank] int64, values [N], dense_shape [rank] int64: the non-default entries of a dense tensor."""

    def __init__(self, indices, values, dense_shape):
        with scope(None, "SparseTensor"):
            self._indices = tensor(indices, dtype=_dt.int64, name="indices")
            self._values = tensor(values, name="values")
            self._dense_shape = tensor(dense_shape, dtype=_dt.int64, name="dense_shape")
        self._dense_shape_default = None
        ndims = self._indices._shape.with_rank(2).as_list()[1] if self._indices._shape.ndims else None
        self._values._shape.with_rank(1)
        self._dense_shape._shape.with_rank(1)
        if ndims is not None and self._dense_shape._shape.as_list()[0] not in (None, ndims):
            raise ValueError("indices and dense_shape disagree on the rank: %d vs %s"
                             % (ndims, self._dense_shape._shape.as_list()[0]))

    @classmethod
    def from_value(cls, value):
        if isinstance(value, SparseTensor):
            return value
        return cls(value.indices, value.values, value.dense_shape)

    indices = property(lambda self: self._indices)
    values = property(lambda self: self._values)
    dense_shape = property(lambda self: self._dense_shape)
    dtype = property(lambda self: self._values.dtype)
    op = property(lambda self: self._values.op)
    graph = property(lambda self: self._values.graph)

    @property
    def shape(self):
        known = constant_value(self._dense_shape)
        if known is not None:
            return TensorShape([int(d) if d >= 0 else None for d in known])
        if self._dense_shape_default is not None:
            return self._dense_shape_default
        return TensorShape(self._dense_shape._shape.as_list() and [None] * self._dense_shape._shape.as_list()[0]
                           if self._dense_shape._shape.is_fully_defined() else None)

    def get_shape(self):
        return self.shape

    def eval(self, feed_dict=None, session=None):
        return run_with_default_session(self, feed_dict, session, "SparseTensor.eval()")

    def consumers(self):
        return self._values.consumers()

    def __mul__(self, other):
        return _cwise("SparseDenseCwiseMul", self, other, "SparseDenseCwiseMul")

    def __truediv__(self, other):
        return _cwise("SparseDenseCwiseDiv", self, other, "SparseDenseCwiseDiv")

    __div__ = __truediv__

    def __repr__(self):
        return "SparseTensor(indices=%s, values=%s, dense_shape=%s)" % (self._indices, self._values,
                                                                       self._dense_shape)


def is_sparse(x):
    return isinstance(x, (SparseTensor, SparseTensorValue))


def _refuse_conversion(value, dtype=None, name=None, as_ref=False):
    raise TypeError("Failed to convert SparseTensor to a dense Tensor (%s): use tf.sparse.to_dense, or an op "
                    "that takes sparse input" % (value,))


register_tensor_conversion_function(SparseTensor, _refuse_conversion)


def _sparse(sp_input):
    if isinstance(sp_input, SparseTensor):
        return sp_input
    if isinstance(sp_input, SparseTensorValue):
        return SparseTensor.from_value(sp_input)
    raise TypeError("Input must be a SparseTensor, got %r" % (sp_input,))


@export("tf.sparse_placeholder", "tf.sparse.placeholder")
def sparse_placeholder(dtype, shape=None, name=None):
    """Three placeholders `name/indices`, `name/values`, `name/shape`; feed a (indices, values, shape) tuple."""
    sub = (lambda part: name + "/" + part) if name is not None else (lambda part: None)
    if shape is None:
        rank = None
        dense_shape = array_ops.placeholder(_dt.int64, [None], name=sub("shape"))
        default = None
    else:
        if isinstance(shape, Tensor):
            rank = shape._shape.as_list()[0]
            default = TensorShape(None if constant_value(shape) is None else list(constant_value(shape)))
            value = shape
        else:
            dims = [None if d is None or d == -1 else int(d) for d in as_shape(shape).as_list()]
            rank = len(dims)
            default = TensorShape(dims)
            value = tensor([-1 if d is None else d for d in dims], dtype=_dt.int64, name=sub("shape_default"))
        dense_shape = array_ops.placeholder_with_default(value, [rank], name=sub("shape"))
    result = SparseTensor(array_ops.placeholder(_dt.int64, [None, rank], name=sub("indices")),
                          array_ops.placeholder(dtype, [None], name=sub("values")), dense_shape)
    result._dense_shape_default = default
    return result


def expand_feed(feed_dict):
    """A feed dict whose SparseTensor keys are replaced by their three component tensors."""
    out = {}
    for key, value in feed_dict.items():
        if isinstance(key, SparseTensor):
            if isinstance(value, SparseTensor):
                raise TypeError("The value of a feed cannot be a tf.SparseTensor object.")
            if not isinstance(value, (tuple, list)) or len(value) != 3:
                raise TypeError("The value of a sparse feed must be a SparseTensorValue or a "
                                "(indices, values, dense_shape) tuple, got %r" % (value,))
            indices, values, dense_shape = value
            out[key.indices] = indices
            out[key.values] = values
            out[key.dense_shape] = dense_shape
        else:
            out[key] = value
    return out


def fetch_parts(sp):
    """How a fetched SparseTensor comes back: a SparseTensorValue of its fetched parts."""
    return SparseTensorValue(sp.indices, sp.values, sp.dense_shape)


# ---------------------------------------------------------------- kernels


def _index_columns(indices):
    return tuple(np.asarray(indices, dtype=np.intp).T)


def _matmul_factory(op, session):
    adjoint_a, adjoint_b = op.attrs["adjoint_a"], op.attrs["adjoint_b"]
    cached = [None]

    def kernel(a_indices, a_values, a_shape, b):
        if adjoint_b:
            b = np.conj(b.T) if b.dtype.kind == "c" else b.T
        n_rows, n_inner = (int(a_shape[1]), int(a_shape[0])) if adjoint_a else (int(a_shape[0]), int(a_shape[1]))
        if b.shape[0] != n_inner:
            raise ValueError("Cannot multiply A and B because inner dimension does not match: %d vs. %d"
                             % (n_inner, b.shape[0]))
        out_dtype = np.result_type(a_values, b)
        if len(a_values) == 0:
            return np.zeros((n_rows,) + b.shape[1:], dtype=out_dtype)
        columns = b.reshape(n_inner, -1)
        plan = cached[0]
        if plan is None or not plan.still_valid_for(a_indices, len(a_values)):
            plan = cached[0] = sparse_matmul.RowPlan(a_indices, adjoint_a, n_rows, n_inner, columns.shape[1])
        values = np.conj(a_values) if adjoint_a and a_values.dtype.kind == "c" else a_values
        out = sparse_matmul.matmul(plan, values, columns, out_dtype)
        return out.reshape((n_rows,) + b.shape[1:])

    return kernel


def _matmul_infer(op):
    a_indices, a_values, a_shape, b = op.inputs
    rows = constant_value(a_shape)
    a_dims = [None, None] if rows is None else [int(d) for d in rows]
    if op.attrs["adjoint_a"]:
        a_dims = a_dims[::-1]
    b_dims = b._shape.with_rank(2).as_list() if b._shape.ndims is not None else [None, None]
    if op.attrs["adjoint_b"]:
        b_dims = b_dims[::-1]
    return [(b.dtype, TensorShape([a_dims[0], b_dims[1]]))]


def _matmul_grad(op, g):
    a_indices, a_values, a_shape, b = op.inputs
    adj_a, adj_b = op.attrs["adjoint_a"], op.attrs["adjoint_b"]
    b_grad = make("SparseTensorDenseMatMul", [a_indices, a_values, a_shape, g],
                  {"adjoint_a": not adj_a, "adjoint_b": False})
    if adj_b:
        b_grad = array_ops.transpose(b_grad)
    rows = array_ops.reshape(array_ops.slice(a_indices, [0, 0], [-1, 1]), [-1])
    cols = array_ops.reshape(array_ops.slice(a_indices, [0, 1], [-1, 1]), [-1])
    g_rows = array_ops.gather(g, cols if adj_a else rows)
    b_rows = array_ops.gather(array_ops.transpose(b) if adj_b else b, rows if adj_a else cols)
    values_grad = math_ops.reduce_sum(g_rows * b_rows, axis=1)
    return [None, values_grad, None, b_grad]


R.register("SparseTensorDenseMatMul", kernel_factory=_matmul_factory, infer=_matmul_infer, grad=_matmul_grad)


@export("tf.sparse_tensor_dense_matmul")
def sparse_tensor_dense_matmul(sp_a, b, adjoint_a=False, adjoint_b=False, name=None):
    sp_a = _sparse(sp_a)
    with scope(name, "SparseTensorDenseMatMul") as s:
        b = tensor(b, dtype=sp_a.dtype, name="b")
    return make("SparseTensorDenseMatMul", [sp_a.indices, sp_a.values, sp_a.dense_shape, b],
                {"adjoint_a": bool(adjoint_a), "adjoint_b": bool(adjoint_b)}, s)


def _dense_at(dense, indices, shape):
    """The dense operand broadcast to the sparse tensor's shape, read at its indices."""
    full = np.broadcast_to(dense, tuple(int(d) for d in shape))
    return full[_index_columns(indices)] if len(indices) else np.zeros(0, dense.dtype)


def _check_broadcast(dense, shape):
    if dense.ndim > len(shape) or any(d not in (1, s) for d, s in zip(dense.shape[::-1], shape[::-1])):
        raise ValueError("Dense shape %s cannot be broadcast to the sparse shape %s; only dense-to-sparse "
                         "broadcasting is supported" % (list(dense.shape), list(shape)))


def _cwise_kernel(fn):
    def kernel(indices, values, shape, dense):
        _check_broadcast(dense, shape)
        return fn(values, _dense_at(dense, indices, shape))
    return kernel


def _cwise_grad(op, g, divide):
    indices, values, shape, dense = op.inputs
    at = indexing_ops.gather_nd(array_ops.broadcast_to(dense, shape), indices)
    if divide:
        values_grad = g / at
        scattered = -g * values / (at * at)
    else:
        values_grad = g * at
        scattered = g * values
    full = indexing_ops.scatter_nd(indices, scattered, shape)
    return [None, values_grad, None, array_ops.sum_to_shape_of(full, dense)]


R.register("SparseDenseCwiseMul", kernel=_cwise_kernel(np.multiply),
           infer=lambda op: [(op.inputs[1].dtype, op.inputs[1]._shape)],
           grad=lambda op, g: _cwise_grad(op, g, False))
R.register("SparseDenseCwiseDiv", kernel=_cwise_kernel(
    lambda x, y: np.true_divide(x, y) if x.dtype.kind in "fc" else np.floor_divide(x, y)),
    infer=lambda op: [(op.inputs[1].dtype, op.inputs[1]._shape)],
    grad=lambda op, g: _cwise_grad(op, g, True))


def _cwise(op_type, sp, dense, name):
    with scope(None, name) as s:
        dense = tensor(dense, dtype=sp.dtype, name="y")
        values = make(op_type, [sp.indices, sp.values, sp.dense_shape, dense], None, s)
    return SparseTensor(sp.indices, values, sp.dense_shape)


def _to_dense_kernel(indices, output_shape, values, default_value, validate_indices=True):
    shape = tuple(int(d) for d in np.reshape(output_shape, [-1]))
    out = np.full(shape, default_value, dtype=np.asarray(values).dtype)
    idx = np.asarray(indices)
    if idx.ndim < 2:
        idx = idx.reshape(-1, 1) if len(shape) == 1 else idx.reshape(1, -1)
    if idx.size == 0:
        return out
    if validate_indices and len(shape) and np.any((idx < 0) | (idx >= np.asarray(shape))):
        raise ValueError("sparse index out of bounds of the output shape %s" % (list(shape),))
    out[_index_columns(idx)] = values
    return out


def _to_dense_infer(op):
    from .graph import shape_from_tensor
    return [(op.inputs[2].dtype, shape_from_tensor(op.inputs[1]))]


def _to_dense_grad(op, g):
    indices = op.inputs[0]
    if indices._shape.ndims is not None and indices._shape.ndims < 2:
        indices = array_ops.reshape(indices, [-1, 1]) if op.inputs[1]._shape.num_elements() in (None, 1) \
            else array_ops.reshape(indices, [1, -1])
    values_grad = indexing_ops.gather_nd(g, indices)
    default_grad = math_ops.reduce_sum(g) - math_ops.reduce_sum(values_grad)
    if op.inputs[2]._shape.ndims == 0:
        values_grad = math_ops.reduce_sum(values_grad)
    return [None, None, values_grad, default_grad]


R.register("SparseToDense", kernel=_to_dense_kernel, infer=_to_dense_infer, grad=_to_dense_grad)


@export("tf.sparse_to_dense")
def sparse_to_dense(sparse_indices, output_shape, sparse_values, default_value=0, validate_indices=True,
                    name=None):
    with scope(name, "SparseToDense") as s:
        values = tensor(sparse_values, name="sparse_values")
        indices = tensor(sparse_indices, name="sparse_indices")
        shape = tensor(output_shape, dtype=indices.dtype, name="output_shape")
        default = tensor(default_value, dtype=values.dtype, name="default_value")
    return make("SparseToDense", [indices, shape, values, default], {"validate_indices": bool(validate_indices)}, s)


@export("tf.sparse_tensor_to_dense")
def sparse_tensor_to_dense(sp_input, default_value=0, validate_indices=True, name=None):
    sp = _sparse(sp_input)
    return sparse_to_dense(sp.indices, sp.dense_shape, sp.values, default_value, validate_indices,
                           name=name or "SparseToDense")


def _reduce_axes(axis, rank):
    if axis is None:
        return tuple(range(rank))
    axes = np.reshape(np.asarray(axis), [-1])
    return tuple(sorted({int(a) % rank for a in axes}))


def _reduce_kernel(indices, values, shape, axis, keep_dims, reducer):
    shape = tuple(int(d) for d in shape)
    axes = _reduce_axes(axis, len(shape))
    dense = np.full(shape, reducer.identity(values.dtype), dtype=values.dtype)
    if len(values):
        if reducer.fn is np.add:
            flat = np.ravel_multi_index(_index_columns(indices), shape) if shape else np.zeros(len(values), np.intp)
            dense = segment_sum(values, flat, int(np.prod(shape))).reshape(shape)
        else:
            reducer.fn.at(dense, _index_columns(indices), values)
    return reducer.fn.reduce(dense, axis=axes, keepdims=bool(keep_dims)) if axes else dense


class _Reducer:
    def __init__(self, fn, identity):
        self.fn = fn
        self.identity = identity


_SUM = _Reducer(np.add, lambda dt: 0)
_MAX = _Reducer(np.maximum, lambda dt: -np.inf if np.dtype(dt).kind == "f" else np.iinfo(dt).min)


def _reduce_infer(op):
    indices, values, shape = op.inputs[:3]
    dims = constant_value(shape)
    axes_value = constant_value(op.inputs[3]) if len(op.inputs) > 3 else None
    if len(op.inputs) == 3 and not op.attrs["keep_dims"]:
        return [(values.dtype, TensorShape([]))]
    if dims is None or (axes_value is None and len(op.inputs) > 3):
        return [(values.dtype, TensorShape(None))]
    axes = _reduce_axes(axes_value, len(dims))
    keep = op.attrs["keep_dims"]
    out = [1 if i in axes else int(d) for i, d in enumerate(dims)] if keep else \
        [int(d) for i, d in enumerate(dims) if i not in axes]
    return [(values.dtype, TensorShape(out))]


def _reduce_sum_grad(op, g):
    indices, values, shape = op.inputs[:3]
    kept = make("SparseReduceKeptShape", list(op.inputs[2:]))
    g_full = array_ops.broadcast_to(array_ops.reshape(g, kept), shape)
    return [None, indexing_ops.gather_nd(g_full, indices), None] + [None] * (len(op.inputs) - 3)


R.register("SparseReduceSum", kernel=lambda i, v, s, *a, keep_dims: _reduce_kernel(i, v, s, a[0] if a else None,
                                                                                   keep_dims, _SUM),
           infer=_reduce_infer, grad=_reduce_sum_grad)
R.register("SparseReduceMax", kernel=lambda i, v, s, *a, keep_dims: _reduce_kernel(i, v, s, a[0] if a else None,
                                                                                   keep_dims, _MAX),
           infer=_reduce_infer, grad=R.NO_GRADIENT)
R.register("SparseReduceKeptShape",
           kernel=lambda shape, *axis: np.array([1 if i in _reduce_axes(axis[0] if axis else None, len(shape)) else d
                                                for i, d in enumerate(shape)], dtype=np.int64).reshape(len(shape)),
           infer=lambda op: [(_dt.int64, TensorShape([op.inputs[0]._shape.as_list()[0]
                                                      if op.inputs[0]._shape.ndims else None]))],
           grad=R.NO_GRADIENT)


def _sparse_reduce(op_type, sp_input, axis, keepdims, reduction_axes, keep_dims, name):
    sp = _sparse(sp_input)
    axis = axis if axis is not None else reduction_axes
    keep = keepdims if keepdims is not None else bool(keep_dims)
    with scope(name, op_type) as s:
        axes = [] if axis is None else [tensor(axis, dtype=_dt.int32, name="reduction_axes")]
    return make(op_type, [sp.indices, sp.values, sp.dense_shape] + axes, {"keep_dims": keep}, s)


@export("tf.sparse_reduce_sum", "tf.sparse.reduce_sum")
def sparse_reduce_sum(sp_input, axis=None, keepdims=None, reduction_axes=None, keep_dims=None, name=None):
    return _sparse_reduce("SparseReduceSum", sp_input, axis, keepdims, reduction_axes, keep_dims, name)


@export("tf.sparse_reduce_max", "tf.sparse.reduce_max")
def sparse_reduce_max(sp_input, axis=None, keepdims=None, reduction_axes=None, keep_dims=None, name=None):
    return _sparse_reduce("SparseReduceMax", sp_input, axis, keepdims, reduction_axes, keep_dims, name)


@export("tf.sparse_retain", "tf.sparse.retain")
def sparse_retain(sp_input, to_retain):
    """The entries whose `to_retain` flag is True (values keep their gradient through a gather)."""
    sp = _sparse(sp_input)
    keep = tensor(to_retain, dtype=_dt.bool)
    keep._shape.with_rank(1)
    where_true = array_ops.reshape(array_ops.where(keep), [-1])
    return SparseTensor(array_ops.gather(sp.indices, where_true), array_ops.gather(sp.values, where_true),
                        sp.dense_shape)


R.register("SparseReorderPermutation",
           kernel=lambda indices, shape: (np.lexsort(np.asarray(indices).T[::-1]) if len(indices)
                                          else np.zeros(0, np.int64)).astype(np.int64),
           infer=lambda op: [(_dt.int64, TensorShape([op.inputs[0]._shape.as_list()[0]
                                                      if op.inputs[0]._shape.ndims else None]))],
           grad=R.NO_GRADIENT)


@export("tf.sparse_reorder", "tf.sparse.reorder")
def sparse_reorder(sp_input, name=None):
    """Indices in row-major order (values follow, with their gradient)."""
    sp = _sparse(sp_input)
    with scope(name, "SparseReorder"):
        perm = make("SparseReorderPermutation", [sp.indices, sp.dense_shape])
        return SparseTensor(array_ops.gather(sp.indices, perm), array_ops.gather(sp.values, perm),
                            sp.dense_shape)


@export("tf.sparse.from_dense")
def from_dense(tensor_, name=None):
    """The non-zero entries of a dense tensor (tf.sparse.from_dense)."""
    with scope(name, "dense_to_sparse"):
        x = tensor(tensor_)
        indices = array_ops.where(math_ops.not_equal(x, array_ops.zeros_like(x)))
        return SparseTensor(indices, indexing_ops.gather_nd(x, indices),
                            array_ops.shape(x, out_type=_dt.int64))


def _dense_add_infer(op):
    return [(op.inputs[3].dtype, op.inputs[3]._shape)]


def _dense_add_kernel(indices, values, shape, dense):
    out = np.array(dense, copy=True)
    if len(values):
        flat = np.ravel_multi_index(_index_columns(indices), out.shape)
        out.reshape(-1)[:] += segment_sum(values, flat, out.size).astype(out.dtype, copy=False)
    return out


R.register("SparseTensorDenseAdd", kernel=_dense_add_kernel, infer=_dense_add_infer,
           grad=lambda op, g: [None, indexing_ops.gather_nd(g, op.inputs[0]), None, g])


@export("tf.sparse_add")
def sparse_add(a, b, threshold=0, thresh=None, name=None):
    """sparse + dense -> dense (SparseTensorDenseAdd); sparse + sparse -> sparse (duplicates summed,
    entries with |value| < threshold dropped)."""
    if not is_sparse(a):
        a, b = b, a
    a = _sparse(a)
    if not is_sparse(b):
        with scope(name, "SparseTensorDenseAdd") as s:
            b = tensor(b, dtype=a.dtype, name="b")
        return make("SparseTensorDenseAdd", [a.indices, a.values, a.dense_shape, b], None, s)
    b = _sparse(b)
    threshold = thresh if thresh is not None else threshold
    with scope(name, "SparseAdd"):
        indices = array_ops.concat([a.indices, b.indices], 0)
        values = array_ops.concat([a.values, b.values], 0)
        keys = make("SparseAddSegments", [indices, a.dense_shape, values, tensor(threshold, dtype=a.dtype)])
        segment_ids, unique_indices, kept = keys.op.outputs
        summed = make("SparseSegmentSumByIds", [values, segment_ids, unique_indices])
        kept_idx = array_ops.reshape(array_ops.where(kept), [-1])
        return SparseTensor(array_ops.gather(unique_indices, kept_idx), array_ops.gather(summed, kept_idx),
                            a.dense_shape)


def _add_segments_kernel(indices, shape, values, threshold):
    """For the concatenated entries of two sparse tensors: which unique index each belongs to (row-major
    order), the unique indices, and which sums survive the threshold."""
    indices = np.asarray(indices, dtype=np.int64).reshape(-1, len(shape))
    if len(indices) == 0:
        return np.zeros(0, np.int64), indices, np.zeros(0, bool)
    flat = np.ravel_multi_index(_index_columns(indices), tuple(int(d) for d in shape))
    unique, segment_ids = np.unique(flat, return_inverse=True)
    sums = segment_sum(values, segment_ids, len(unique)) if values.dtype.kind == "f" else \
        np.bincount(segment_ids, weights=values, minlength=len(unique))
    kept = np.abs(sums) >= threshold if threshold > 0 else np.ones(len(unique), bool)
    unique_indices = np.stack(np.unravel_index(unique, tuple(int(d) for d in shape)), axis=1).astype(np.int64)
    return segment_ids.astype(np.int64).reshape(-1), unique_indices, kept


R.register("SparseAddSegments", kernel=_add_segments_kernel,
           infer=lambda op: [(_dt.int64, TensorShape([None])), (_dt.int64, TensorShape([None, None])),
                             (_dt.bool, TensorShape([None]))],
           grad=R.NO_GRADIENT)


def _segment_sum_kernel(values, segment_ids, unique_indices):
    return segment_sum(values, segment_ids, len(unique_indices))


R.register("SparseSegmentSumByIds", kernel=_segment_sum_kernel,
           infer=lambda op: [(op.inputs[0].dtype, TensorShape([None]))],
           grad=lambda op, g: [array_ops.gather(g, op.inputs[1]), None, None])


@export("tf.sparse_transpose", "tf.sparse.transpose")
def sparse_transpose(sp_input, perm=None, name=None):
    sp = _sparse(sp_input)
    with scope(name, "SparseTranspose"):
        rank = sp.dense_shape._shape.as_list()[0]
        if perm is None:
            if rank is None:
                raise ValueError("tf.sparse.transpose needs a known rank or an explicit perm")
            perm = list(range(rank))[::-1]
        perm_t = tensor(perm, dtype=_dt.int32, name="perm")
        indices = array_ops.transpose(array_ops.gather(array_ops.transpose(sp.indices), perm_t))
        shape = array_ops.gather(sp.dense_shape, perm_t)
        return sparse_reorder(SparseTensor(indices, sp.values, shape))


@export("tf.sparse_concat", "tf.sparse.concat")
def sparse_concat(axis, sp_inputs, name=None, expand_nonconcat_dim=False, concat_dim=None):
    """Concatenate sparse tensors along `axis` (other dimensions must agree)."""
    axis = concat_dim if concat_dim is not None else axis
    sps = [_sparse(s) for s in sp_inputs]
    with scope(name, "SparseConcat"):
        rank = sps[0].dense_shape._shape.as_list()[0]
        offsets, shifted = None, []
        for sp in sps:
            if offsets is None:
                shifted.append(sp.indices)
                offsets = array_ops.gather(sp.dense_shape, [axis])
            else:
                delta = array_ops.one_hot(axis, rank, dtype=_dt.int64) * offsets
                shifted.append(sp.indices + delta)
                offsets = offsets + array_ops.gather(sp.dense_shape, [axis])
        shape = sps[0].dense_shape + array_ops.one_hot(axis, rank, dtype=_dt.int64) * (
            offsets - array_ops.gather(sps[0].dense_shape, [axis]))
        return sparse_reorder(SparseTensor(array_ops.concat(shifted, 0),
                                           array_ops.concat([sp.values for sp in sps], 0), shape))


@export("tf.sparse_softmax", "tf.sparse.softmax")
def sparse_softmax(sp_input, name=None):
    """Softmax over the last dimension of the present entries (absent entries are not -inf logits: they are
    left out, as in TF)."""
    sp = sparse_reorder(_sparse(sp_input))
    with scope(name, "SparseSoftmax"):
        rows = make("SparseRowIds", [sp.indices, sp.dense_shape])
        n_rows = make("SparseRowCount", [sp.dense_shape])
        row_max = make("SparseRowMax", [sp.values, rows, n_rows])
        shifted = sp.values - array_ops.stop_gradient(array_ops.gather(row_max, rows))
        e = math_ops.exp(shifted)
        denom = make("SparseSegmentSumByCount", [e, rows, n_rows])
        return SparseTensor(sp.indices, e / array_ops.gather(denom, rows), sp.dense_shape)


def _row_ids_kernel(indices, shape):
    """Flat id of each entry's position with the last coordinate dropped."""
    indices = np.asarray(indices, dtype=np.int64).reshape(-1, len(shape))
    if len(shape) == 1:
        return np.zeros(len(indices), np.int64)
    return np.ravel_multi_index(_index_columns(indices[:, :-1]), tuple(int(d) for d in shape[:-1])).astype(np.int64)


def _row_max_kernel(values, rows, n_rows):
    out = np.full(int(n_rows), -np.inf, dtype=values.dtype)
    np.maximum.at(out, rows.astype(np.intp), values)
    return out


R.register("SparseRowIds", kernel=_row_ids_kernel, infer=lambda op: [(_dt.int64, TensorShape([None]))],
           grad=R.NO_GRADIENT)
R.register("SparseRowCount", kernel=lambda shape: np.int64(np.prod(shape[:-1])) if len(shape) > 1 else np.int64(1),
           infer=lambda op: [(_dt.int64, TensorShape([]))], grad=R.NO_GRADIENT)
R.register("SparseRowMax", kernel=_row_max_kernel, infer=lambda op: [(op.inputs[0].dtype, TensorShape([None]))],
           grad=R.NO_GRADIENT)
R.register("SparseSegmentSumByCount", kernel=lambda v, ids, n: segment_sum(v, ids, int(n)),
           infer=lambda op: [(op.inputs[0].dtype, TensorShape([None]))],
           grad=lambda op, g: [array_ops.gather(g, op.inputs[1]), None, None])


@export("tf.sparse_reshape", "tf.sparse.reshape")
def sparse_reshape(sp_input, shape, name=None):
    """Same entries, new dense shape (one -1 allowed), row-major order kept."""
    sp = _sparse(sp_input)
    with scope(name, "SparseReshape"):
        new_shape = tensor(shape, dtype=_dt.int64, name="shape")
        op = make_op("SparseReshapeIndices", [sp.indices, sp.dense_shape, new_shape])
        return SparseTensor(op.outputs[0], array_ops.identity(sp.values), op.outputs[1])


def _reshape_kernel(indices, shape, new_shape):
    shape = tuple(int(d) for d in shape)
    new_shape = [int(d) for d in new_shape]
    total = int(np.prod(shape))
    if -1 in new_shape:
        known = int(np.prod([d for d in new_shape if d != -1]))
        new_shape[new_shape.index(-1)] = total // known if known else 0
    if int(np.prod(new_shape)) != total:
        raise ValueError("Cannot reshape a tensor with %d elements to shape %s" % (total, new_shape))
    if len(indices) == 0:
        return np.zeros((0, len(new_shape)), np.int64), np.array(new_shape, np.int64)
    flat = np.ravel_multi_index(_index_columns(indices), shape)
    return (np.stack(np.unravel_index(flat, tuple(new_shape)), axis=1).astype(np.int64),
            np.array(new_shape, np.int64))


R.register("SparseReshapeIndices", kernel=_reshape_kernel,
           infer=lambda op: [(_dt.int64, TensorShape([None, op.inputs[2]._shape.as_list()[0]
                                                      if op.inputs[2]._shape.ndims else None])),
                             (_dt.int64, op.inputs[2]._shape)],
           grad=R.NO_GRADIENT)


@export("tf.sparse.matmul", "tf.sparse.sparse_dense_matmul")
def sparse_matmul_dense(a, b, **kwargs):
    """tf.sparse.matmul / tf.sparse.sparse_dense_matmul: either side may be the sparse one."""
    if is_sparse(a):
        return sparse_tensor_dense_matmul(a, b, **kwargs)
    # dense x sparse = (sparse^T x dense^T)^T
    adjoint_a = kwargs.pop("adjoint_a", False)
    adjoint_b = kwargs.pop("adjoint_b", False)
    name = kwargs.pop("name", None)
    out = sparse_tensor_dense_matmul(b, a, adjoint_a=not adjoint_b, adjoint_b=not adjoint_a, name=name)
    return array_ops.transpose(out)


# tf.sparse's own spellings
@export("tf.sparse.to_dense")
def to_dense(sp_input, default_value=None, validate_indices=True, name=None):
    return sparse_tensor_to_dense(sp_input, 0 if default_value is None else default_value, validate_indices, name)


@export("tf.sparse.add")
def sparse_namespace_add(a, b, threshold=0):
    return sparse_add(a, b, threshold)


# Session feeds and fetches SparseTensors through these hooks (session.py does not know this module).
session_lib._sparse_hooks.update(is_sparse=lambda x: isinstance(x, SparseTensor), expand_feed=expand_feed,
                                 fetch_parts=fetch_parts)
