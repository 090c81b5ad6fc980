"""Constants, placeholders and shape-manipulating ops (reshape, concat, slicing, gather ...)."""
import builtins

import numpy as np

from .. import dtypes as _dt
from .. import errors
from ..dtypes import tf_type_name
from ..graph import Tensor, make_constant, register_autopacking_function, shape_from_tensor
from ..kernels.segment import scatter_add_rows
from ..namespace import export, export_value
from ..shapes import Dimension, TensorShape, as_shape, shape_for_message, shape_of
from . import registry as R
from .common import int_tensor, make, make_op, normalize_axis, scope, static_ints, tensor

# ---------------------------------------------------------------- constants / feeds


def _const_infer(op):
    v = op.attrs["value"]
    return [(op.attrs["dtype"], shape_of(v.shape))]


def _const_kernel(op, session):
    value = op.attrs["value"]
    return lambda: value


R.register("Const", kernel_factory=_const_kernel, infer=_const_infer)


@export("tf.constant")
def constant(value, dtype=None, shape=None, name="Const", verify_shape=False):
    if isinstance(value, Tensor):
        raise TypeError("tf.constant expects a python/numpy value, got Tensor %s" % value.name)
    return make_constant(value, dtype, shape, name)


def _placeholder_infer(op):
    return [(op.attrs["dtype"], op.attrs["shape"])]


def _placeholder_kernel(op, session):
    dtype, shape = op.attrs["dtype"], op.attrs["shape"]

    def missing_feed():
        raise errors.InvalidArgumentError(
            None, op, "You must feed a value for placeholder tensor '%s' with dtype %s%s\n\t [[{{node %s}}]]"
            % (op.name, tf_type_name(dtype),
               "" if shape.ndims is None else " and shape " + shape_for_message(shape), op.name))
    return missing_feed


R.register("Placeholder", kernel_factory=_placeholder_kernel, infer=_placeholder_infer)


@export("tf.placeholder")
def placeholder(dtype, shape=None, name=None):
    return make("Placeholder", [], {"dtype": _dt.as_dtype(dtype), "shape": TensorShape(shape)}, name)


R.register("PlaceholderWithDefault", kernel=lambda x, shape: x,
           infer=lambda op: [(op.inputs[0].dtype, op.attrs["shape"])], grad=lambda op, g: [g])


@export("tf.placeholder_with_default")
def placeholder_with_default(input, shape, name=None):  # noqa: A002 - TF's argument name
    x = tensor(input)
    shape = as_shape(shape)
    if not shape.is_compatible_with(x._shape):
        raise ValueError("Shapes %s and %s are incompatible" % (x._shape, shape))
    return make("PlaceholderWithDefault", [x], {"shape": shape}, name)


# ---------------------------------------------------------------- identity-like

R.register("Identity", kernel=lambda x: x, infer=R.same_as_input, grad=lambda op, g: [g])
R.register("StopGradient", kernel=lambda x: x, infer=R.same_as_input, grad=R.NO_GRADIENT)


@export("tf.identity")
def identity(input, name=None):  # noqa: A002
    return make("Identity", [tensor(input)], None, name)


@export("tf.stop_gradient")
def stop_gradient(input, name=None):  # noqa: A002
    return make("StopGradient", [tensor(input)], None, name)


# ---------------------------------------------------------------- shapes


def _shape_kernel(x, out_type):
    return np.array(np.shape(x), dtype=out_type.as_numpy_dtype)


def _shape_infer(op):
    s = op.inputs[0]._shape
    return [(op.attrs["out_type"], TensorShape([s.ndims]))]


R.register("Shape", kernel=_shape_kernel, infer=_shape_infer, grad=R.NO_GRADIENT)
R.register("Size", kernel=lambda x, out_type: np.array(np.size(x), dtype=out_type.as_numpy_dtype),
           infer=lambda op: [(op.attrs["out_type"], TensorShape([]))], grad=R.NO_GRADIENT)
R.register("Rank", kernel=lambda x: np.array(np.ndim(x), dtype=np.int32), infer=R.fixed(_dt.int32, []),
           grad=R.NO_GRADIENT)


@export("tf.shape")
def shape(input, name=None, out_type=_dt.int32):  # noqa: A002
    return make("Shape", [tensor(input)], {"out_type": _dt.as_dtype(out_type)}, name)


@export("tf.size")
def size(input, name=None, out_type=_dt.int32):  # noqa: A002
    return make("Size", [tensor(input)], {"out_type": _dt.as_dtype(out_type)}, name)


@export("tf.rank")
def rank(input, name=None):  # noqa: A002
    return make("Rank", [tensor(input)], None, name)


def _reshape_kernel(x, shape):
    return np.reshape(x, shape)


def _reshape_infer(op):
    x, s = op.inputs
    target = shape_from_tensor(s)
    if target.ndims is not None and x._shape.is_fully_defined():
        dims = target.as_list()
        n = x._shape.num_elements()
        if dims.count(None) == 1:
            known = int(np.prod([d for d in dims if d is not None]))
            if known == 0 or n % known:
                raise ValueError("Cannot reshape a tensor with %d elements to shape %s" % (n, dims))
            dims[dims.index(None)] = n // known
        elif None not in dims and int(np.prod(dims)) != n:
            raise ValueError("Cannot reshape a tensor with %d elements to shape %s (%d elements)"
                             % (n, dims, int(np.prod(dims))))
        target = TensorShape(dims)
    return [(x.dtype, target)]


R.register("Reshape", kernel=_reshape_kernel, infer=_reshape_infer,
           grad=lambda op, g: [reshape(g, shape(op.inputs[0])), None])


def _with_int_inputs(op_type, x, int_args, attrs=None, name=None):
    """`op_type(x, *int consts)` with the consts named inside the op's scope ('Reshape/shape'), as TF does."""
    with scope(name, op_type) as s:
        x = tensor(x)
        ints = [int_tensor(v, arg_name) for arg_name, v in int_args]
    return make(op_type, [x] + ints, attrs, s)


@export("tf.reshape")
def reshape(tensor_, shape, name=None):
    return _with_int_inputs("Reshape", tensor_, [("shape", shape)], name=name)


def _squeeze_kernel(x, squeeze_dims):
    return np.squeeze(x, axis=squeeze_dims) if squeeze_dims else np.squeeze(x)


def _squeeze_infer(op):
    x = op.inputs[0]
    axes = op.attrs["squeeze_dims"]
    if x._shape.ndims is None:
        return [(x.dtype, TensorShape(None))]
    dims = x._shape.as_list()
    if axes:
        axes = {normalize_axis(a, len(dims)) for a in axes}
        for a in axes:
            if dims[a] not in (1, None):
                raise ValueError("Can not squeeze dim[%d], expected a dimension of 1, got %d" % (a, dims[a]))
        out = [d for i, d in enumerate(dims) if i not in axes]
    else:
        if None in dims:
            return [(x.dtype, TensorShape(None))]
        out = [d for d in dims if d != 1]
    return [(x.dtype, TensorShape(out))]


R.register("Squeeze", kernel=_squeeze_kernel, infer=_squeeze_infer,
           grad=lambda op, g: [reshape(g, shape(op.inputs[0]))])


@export("tf.squeeze")
def squeeze(input, axis=None, name=None, squeeze_dims=None):  # noqa: A002
    axis = squeeze_dims if axis is None else axis
    if isinstance(axis, int):
        axis = [axis]
    return make("Squeeze", [tensor(input)], {"squeeze_dims": tuple(axis or ())}, name)


def _expand_dims_infer(op):
    x, d = op.inputs
    axis = static_ints(d)
    if x._shape.ndims is None or axis is None:
        return [(x.dtype, TensorShape(None))]
    dims = x._shape.as_list()
    a = axis[0] if axis[0] >= 0 else axis[0] + len(dims) + 1
    return [(x.dtype, TensorShape(dims[:a] + [1] + dims[a:]))]


def _expand_dims_kernel(x, d):
    d = np.reshape(d, [-1])  # TF takes a scalar or a one-element vector (axis=[-1])
    if d.size != 1:
        raise errors.InvalidArgumentError(None, None, "'dim' must be a tensor with a single value")
    return np.expand_dims(x, int(d[0]))


R.register("ExpandDims", kernel=_expand_dims_kernel, infer=_expand_dims_infer,
           grad=lambda op, g: [reshape(g, shape(op.inputs[0])), None])


@export("tf.expand_dims")
def expand_dims(input, axis=None, name=None, dim=None):  # noqa: A002
    axis = dim if axis is None else axis
    if axis is None:
        raise ValueError("Must specify an axis argument to tf.expand_dims()")
    with scope(name, "ExpandDims") as s:
        x = tensor(input)
        d = int_tensor(axis, "dim")
    return make("ExpandDims", [x, d], None, s)


def _transpose_infer(op):
    x, p = op.inputs
    perm = static_ints(p)
    if x._shape.ndims is None or perm is None:
        return [(x.dtype, TensorShape(None if x._shape.ndims is None else [None] * x._shape.ndims))]
    dims = x._shape.as_list()
    return [(x.dtype, TensorShape([dims[i] for i in perm]))]


def _transpose_grad(op, g):
    perm = static_ints(op.inputs[1])
    inv = make("InvertPermutation", [op.inputs[1]]) if perm is None else list(np.argsort(perm))
    return [transpose(g, inv), None]


R.register("Transpose", kernel=lambda x, perm: np.transpose(x, perm), infer=_transpose_infer,
           grad=_transpose_grad)
R.register("InvertPermutation", kernel=lambda p: np.argsort(p).astype(p.dtype), infer=R.same_as_input,
           grad=R.NO_GRADIENT)


@export("tf.transpose")
def transpose(a, perm=None, name="transpose", conjugate=False):
    with scope(name, "transpose") as s:
        x = tensor(a, name="a")
        if perm is None:
            if x._shape.ndims is None:
                perm_t = make("ReversedRange", [rank(x)], None, "perm")
            else:
                perm_t = int_tensor(list(builtins.range(x._shape.ndims - 1, -1, -1)), "perm")
        else:
            perm_t = int_tensor(perm, "perm")
    return make("Transpose", [x, perm_t], None, s)


R.register("ReversedRange", kernel=lambda n: np.arange(int(n) - 1, -1, -1, dtype=np.int32),
           infer=R.fixed(_dt.int32, [None]), grad=R.NO_GRADIENT)

# ---------------------------------------------------------------- concat / stack / split


def _concat_infer(op):
    values, axis_t = op.inputs[:-1], op.inputs[-1]
    axis = static_ints(axis_t)
    ranks = {v._shape.ndims for v in values} - {None}
    if axis is None or not ranks:
        return [(values[0].dtype, TensorShape(None if not ranks else [None] * ranks.pop()))]
    if len(ranks) > 1:
        raise ValueError("Shapes of all inputs to concat must have the same rank, got %s"
                         % [str(v._shape) for v in values])
    n = ranks.pop()
    a = normalize_axis(axis[0], n)
    out = [None] * n
    total = 0
    for v in values:
        if v._shape.ndims is None:
            total = None
            continue
        dims = v._shape.as_list()
        for i in builtins.range(n):
            if i != a:
                if out[i] is not None and dims[i] is not None and out[i] != dims[i]:
                    raise ValueError("Dimension %d in both shapes must be equal, but are %d and %d. Shapes "
                                     "are %s and %s." % (i, out[i], dims[i], values[0]._shape, v._shape))
                out[i] = out[i] if out[i] is not None else dims[i]
        total = None if total is None or dims[a] is None else total + dims[a]
    out[a] = total
    return [(values[0].dtype, TensorShape(out))]


def _concat_kernel(*args):
    return np.concatenate(args[:-1], axis=int(args[-1]))


def _concat_grad(op, g):
    values, axis_t = op.inputs[:-1], op.inputs[-1]
    sizes = [_dim_size(v, axis_t) for v in values]
    return list(split(g, sizes, axis=axis_t)) + [None] if len(values) > 1 else [g, None]


def _dim_size(v, axis_t):
    """Size of `v` along the (possibly negative) axis, static when known."""
    axis = static_ints(axis_t)
    if axis is not None and v._shape.ndims is not None:
        d = v._shape.as_list()[normalize_axis(axis[0], v._shape.ndims)]
        if d is not None:
            return d
    return make("DimSize", [shape(v), axis_t])


R.register("DimSize", kernel=lambda s, a: s[int(a)], infer=lambda op: [(op.inputs[0].dtype, TensorShape([]))],
           grad=R.NO_GRADIENT)
R.register("ConcatV2", kernel=_concat_kernel, infer=_concat_infer, grad=_concat_grad)


def _tf0_axis(value):
    """Is `value` what TF 0.x passed first to concat/split (concat_dim, split_dim): a Python or numpy integer,
    or a scalar integer tensor? TF 1.x takes the tensor(s) first, so there such a value cannot stand."""
    if isinstance(value, (bool, np.bool_)):
        return False
    if isinstance(value, (int, np.integer)):
        return True
    return isinstance(value, Tensor) and value.dtype.is_integer and value._shape.ndims == 0


@export("tf.concat")
def concat(values, axis=None, name="concat", concat_dim=None):
    """TF 1.x's concat(values, axis); TF 0.x's concat(concat_dim, values) where the arguments say so (an
    integer first and a list second, or the concat_dim= keyword): TF 1.x itself rejects those calls."""
    if concat_dim is not None:
        if axis is not None:
            raise TypeError("concat() got both axis and TF 0.x's concat_dim")
        axis = concat_dim
    elif _tf0_axis(values) and isinstance(axis, (list, tuple)):
        values, axis = axis, values
    if axis is None:
        raise TypeError("concat() missing 1 required positional argument: 'axis'")
    values = list(values)
    if len(values) == 1:
        with scope(name, "concat") as s:
            int_tensor(axis, "axis")
        return identity(values[0], name=s)
    with scope(name, "concat") as s:
        ts = [tensor(v) for v in values]
        dtypes_ = {t.dtype for t in ts}
        if len(dtypes_) > 1:
            raise TypeError("Tensors in list passed to 'values' of 'ConcatV2' Op have types %s that "
                            "don't all match." % [t.dtype.name for t in ts])
        a = int_tensor(axis, "axis")
    return make("ConcatV2", ts + [a], None, s)


def _pack_infer(op):
    axis = op.attrs["axis"]
    shapes = [t._shape for t in op.inputs]
    merged = shapes[0]
    for s in shapes[1:]:
        if not merged.is_compatible_with(s):
            raise ValueError("Shapes must be equal rank and compatible, but are %s and %s" % (merged, s))
        merged = merged.merge_with(s)
    if merged.ndims is None:
        return [(op.inputs[0].dtype, TensorShape(None))]
    dims = merged.as_list()
    a = axis if axis >= 0 else axis + len(dims) + 1
    return [(op.inputs[0].dtype, TensorShape(dims[:a] + [len(shapes)] + dims[a:]))]


R.register("Pack", kernel=lambda *xs, axis: np.stack(xs, axis=axis), infer=_pack_infer,
           grad=lambda op, g: unstack(g, num=len(op.inputs), axis=op.attrs["axis"]))


@export("tf.stack")
def stack(values, axis=0, name="stack"):
    ts = [tensor(v) for v in values]
    if len({t.dtype for t in ts}) > 1:
        raise TypeError("Tensors passed to stack must share a dtype, got %s" % [t.dtype.name for t in ts])
    return make("Pack", ts, {"axis": axis}, name)


@export("tf.pack")
def pack(values, axis=0, name="pack"):
    """TF 0.x's name for tf.stack."""
    return stack(values, axis, name)


register_autopacking_function(stack)


def _unpack_infer(op):
    x = op.inputs[0]
    num, axis = op.attrs["num"], op.attrs["axis"]
    if x._shape.ndims is None:
        return [(x.dtype, TensorShape(None))] * num
    dims = x._shape.as_list()
    del dims[normalize_axis(axis, len(dims))]
    return [(x.dtype, TensorShape(dims))] * num


def _unpack_kernel(x, num, axis):
    return [np.take(x, i, axis=axis) for i in builtins.range(x.shape[axis])]


def _unpack_grad(op, *grads):
    grads = [g if g is not None else zeros_like(o) for g, o in zip(grads, op.outputs)]
    return [stack(grads, axis=op.attrs["axis"])]


R.register("Unpack", kernel=_unpack_kernel, infer=_unpack_infer, grad=_unpack_grad, list_outputs=True)


@export("tf.unstack")
def unstack(value, num=None, axis=0, name="unstack"):
    x = tensor(value)
    if num is None:
        if x._shape.ndims is None or x._shape.as_list()[axis] is None:
            raise ValueError("Cannot infer num from shape %s" % x._shape)
        num = x._shape.as_list()[axis]
    return make_op("Unpack", [x], {"num": num, "axis": axis}, name).outputs


@export("tf.unpack")
def unpack(value, num=None, axis=0, name="unpack"):
    """TF 0.x's name for tf.unstack."""
    return unstack(value, num, axis, name)


def _split_infer(op):
    x, axis_t = op.inputs[0], op.inputs[-1]
    sizes = op.attrs["sizes"]
    axis = static_ints(axis_t)
    if x._shape.ndims is None or axis is None:
        return [(x.dtype, TensorShape(None))] * len(sizes)
    dims = x._shape.as_list()
    a = normalize_axis(axis[0], len(dims))
    if dims[a] is not None and None not in sizes and sum(sizes) != dims[a]:
        raise ValueError("Sum of output sizes must match the size of the original Tensor along the "
                         "split axis (%d vs %d)" % (sum(sizes), dims[a]))
    out = []
    for s in sizes:
        d = list(dims)
        d[a] = s
        out.append((x.dtype, TensorShape(d)))
    return out


def _split_kernel(x, *rest, sizes):
    axis = int(rest[-1])
    if len(rest) == 2:
        sizes = [int(s) for s in rest[0]]
    elif None in sizes:
        n = len(sizes)
        if x.shape[axis] % n:
            raise ValueError("Number of ways to split should evenly divide the split dimension, but got "
                             "split_dim %d (size = %d) and num_split %d" % (axis, x.shape[axis], n))
        sizes = [x.shape[axis] // n] * n
    return np.split(x, np.cumsum(sizes)[:-1], axis=axis)


def _split_grad(op, *grads):
    grads = [g if g is not None else zeros_like(o) for g, o in zip(grads, op.outputs)]
    return [concat(grads, op.inputs[-1])] + [None] * (len(op.inputs) - 1)


R.register("Split", kernel=_split_kernel, infer=_split_infer, grad=_split_grad, list_outputs=True)


@export("tf.split")
def split(value=None, num_or_size_splits=None, axis=0, num=None, name="split", split_dim=None, num_split=None):
    """Split evenly (an int) or by sizes (a list, may hold one -1, or tensors).

    TF 0.x's split(split_dim, num_split, value[, name]) is taken where the arguments say so: an integer
    where TF 1.x wants the tensor and something else where it wants the axis, or the split_dim=/num_split=
    keywords. TF 1.x itself rejects those calls."""
    if split_dim is not None or num_split is not None:
        if split_dim is not None:
            axis = split_dim
        if num_split is not None:
            num_or_size_splits = num_split
    elif _tf0_axis(value) and not _tf0_axis(axis) and num_or_size_splits is not None:
        value, axis = axis, value
        if isinstance(num, str):  # 0.x's fourth positional parameter was the name
            num, name = None, num
    if value is None or num_or_size_splits is None:
        raise TypeError("split() needs value and num_or_size_splits")
    with scope(name, "split") as s:
        x = tensor(value)
        axis_t = int_tensor(axis, "split_dim")
        if isinstance(num_or_size_splits, Dimension):  # tf.split(x, x.shape[1] // k): a Dimension is a count
            num_or_size_splits = num_or_size_splits.value
        if isinstance(num_or_size_splits, (int, np.integer)):
            n = int(num_or_size_splits)
            dim = _static_dim(x, axis_t)
            sizes = [None] * n if dim is None else [dim // n] * n
            if dim is not None and dim % n:
                raise ValueError("Dimension size must be evenly divisible by %d but is %d" % (n, dim))
            inputs = [x, axis_t]
        else:
            parts = list(num_or_size_splits)
            static = [p if isinstance(p, (int, np.integer)) else None for p in parts]
            if -1 in static:
                dim = _static_dim(x, axis_t)
                i = static.index(-1)
                static[i] = None if dim is None else dim - (sum(static) + 1)
            sizes = static
            size_t = make("Pack", [int_tensor(p, "size") for p in parts], {"axis": 0}, "size_splits") \
                if any(isinstance(p, Tensor) for p in parts) else int_tensor(parts, "size_splits")
            inputs = [x, size_t, axis_t]
    return make_op("Split", inputs, {"sizes": sizes}, s).outputs


def _static_dim(x, axis_t):
    axis = static_ints(axis_t)
    if axis is None or x._shape.ndims is None:
        return None
    return x._shape.as_list()[normalize_axis(axis[0], x._shape.ndims)]


# ---------------------------------------------------------------- tile / pad / broadcast


def _tile_infer(op):
    x, m = op.inputs
    mult = static_ints(m)
    if x._shape.ndims is None:
        return [(x.dtype, TensorShape(None))]
    if mult is None:
        return [(x.dtype, TensorShape([None] * x._shape.ndims))]
    return [(x.dtype, TensorShape([None if d is None else d * k for d, k in zip(x._shape.as_list(), mult)]))]


def _tile_grad_kernel(g, multiples):
    mult = [int(k) for k in multiples]
    split_shape = []
    for k, d in zip(mult, g.shape):
        split_shape += [k, d // k]
    return g.reshape(split_shape).sum(axis=tuple(builtins.range(0, 2 * len(mult), 2)), dtype=g.dtype)


R.register("Tile", kernel=lambda x, m: np.tile(x, m), infer=_tile_infer,
           grad=lambda op, g: [make("TileGrad", [g, op.inputs[1]]), None])
R.register("TileGrad", kernel=_tile_grad_kernel,
           infer=lambda op: [(op.inputs[0].dtype, TensorShape(None if op.inputs[0]._shape.ndims is None
                                                              else [None] * op.inputs[0]._shape.ndims))],
           grad=lambda op, g: [tile(g, op.inputs[1]), None])


@export("tf.tile")
def tile(input, multiples, name=None):  # noqa: A002
    return _with_int_inputs("Tile", input, [("multiples", multiples)], name=name)


def _pad_infer(op):
    x, p = op.inputs[:2]
    pads = static_ints(p)
    if x._shape.ndims is None:
        return [(x.dtype, TensorShape(None))]
    if pads is None:
        return [(x.dtype, TensorShape([None] * x._shape.ndims))]
    return [(x.dtype, TensorShape([None if d is None else d + pads[2 * i] + pads[2 * i + 1]
                                   for i, d in enumerate(x._shape.as_list())]))]


def _pad_kernel(x, paddings, *constant, mode):
    kw = {"constant_values": constant[0]} if constant else {}
    return np.pad(x, paddings, mode={"CONSTANT": "constant", "REFLECT": "reflect",
                                     "SYMMETRIC": "symmetric"}[mode], **kw)


def _pad_grad(op, g):
    x, p = op.inputs[:2]
    begin = make("StridedSlice", [p] + [int_tensor(v, "s") for v in ([0, 0], [0, 1], [1, 1])],
                 {"begin_mask": 1, "end_mask": 1, "ellipsis_mask": 0, "new_axis_mask": 0,
                  "shrink_axis_mask": 2})
    return [slice(g, begin, shape(x)), None] + [None] * (len(op.inputs) - 2)


R.register("Pad", kernel=_pad_kernel, infer=_pad_infer, grad=_pad_grad)


@export("tf.pad")
def pad(tensor_, paddings, mode="CONSTANT", name=None, constant_values=0):
    with scope(name, "Pad") as s:
        x = tensor(tensor_)
        inputs = [x, int_tensor(paddings, "paddings")]
        if constant_values != 0:
            inputs.append(tensor(constant_values, dtype=x.dtype, name="constant_values"))
    return make("Pad", inputs, {"mode": mode.upper()}, s)


def _slice_infer(op):
    x, b, s = op.inputs
    sizes = static_ints(s)
    if x._shape.ndims is None:
        return [(x.dtype, TensorShape(None))]
    begin = static_ints(b)
    if sizes is None:
        return [(x.dtype, TensorShape([None] * x._shape.ndims))]
    dims = x._shape.as_list()
    out = []
    for i, sz in enumerate(sizes):
        if sz == -1:
            out.append(None if begin is None or dims[i] is None else dims[i] - begin[i])
        else:
            out.append(sz)
    return [(x.dtype, TensorShape(out))]


def _slice_kernel(x, begin, size):
    idx = tuple(np.s_[b:(None if s == -1 else b + s)] for b, s in zip(begin, size))
    return x[idx]


def _slice_grad(op, g):
    x, b, _ = op.inputs
    after = shape(x) - shape(g) - b
    return [pad(g, stack([b, after], axis=1)), None, None]


R.register("Slice", kernel=_slice_kernel, infer=_slice_infer, grad=_slice_grad)


@export("tf.slice")
def slice(input_, begin, size, name=None):  # noqa: A001 - TF's public name
    return _with_int_inputs("Slice", input_, [("begin", begin), ("size", size)], name=name)


def _sum_to_shape_kernel(g, shape):
    """Sum a broadcast result back to `shape` (the gradient of broadcasting)."""
    shape = tuple(int(d) for d in shape)
    if g.shape == shape:
        return g
    lead = g.ndim - len(shape)
    axes = tuple(builtins.range(lead)) + tuple(i + lead for i, d in enumerate(shape) if d == 1 and g.shape[i + lead] != 1)
    if axes:
        g = np.sum(g, axis=axes, dtype=g.dtype)
    return np.reshape(g, shape)


def _sum_to_shape_infer(op):
    if len(op.inputs) == 1:
        return [(op.inputs[0].dtype, TensorShape(op.attrs["shape"]))]
    return [(op.inputs[0].dtype, shape_from_tensor(op.inputs[1]))]


def _sum_to_shape_grad(op, g):
    return [broadcast_to(g, shape(op.inputs[0]))] + [None] * (len(op.inputs) - 1)


R.register("SumToShape", kernel=_sum_to_shape_kernel, infer=_sum_to_shape_infer, grad=_sum_to_shape_grad)


def sum_to_shape_of(grad, x):
    """The gradient of broadcasting `x` up to `grad`'s shape; no op when shapes are statically equal."""
    xs, gs = x._shape, grad._shape
    if xs.is_fully_defined():
        if gs.is_fully_defined() and xs.as_tuple() == gs.as_tuple():
            return grad
        return make("SumToShape", [grad], {"shape": xs.as_tuple()})
    return make("SumToShape", [grad, shape(x)])


def _broadcast_to_infer(op):
    return [(op.inputs[0].dtype, shape_from_tensor(op.inputs[1]))]


R.register("BroadcastTo", kernel=lambda x, s: np.broadcast_to(x, tuple(s)), infer=_broadcast_to_infer,
           grad=lambda op, g: [sum_to_shape_of(g, op.inputs[0]), None])


@export("tf.broadcast_to")
def broadcast_to(input, shape, name=None):  # noqa: A002
    return _with_int_inputs("BroadcastTo", input, [("shape", shape)], name=name)


# ---------------------------------------------------------------- fill / zeros / ones


def _fill_infer(op):
    return [(op.inputs[1].dtype, shape_from_tensor(op.inputs[0]))]


R.register("Fill", kernel=lambda dims, v: np.full(tuple(dims), v, dtype=v.dtype), infer=_fill_infer,
           grad=lambda op, g: [None, make("Sum", [g, make("ReversedRange", [rank(g)])], {"keep_dims": False})])


@export("tf.fill")
def fill(dims, value, name=None):
    return make("Fill", [int_tensor(dims, "dims"), tensor(value)], None, name)


def _filled(shape_, dtype, value, name):
    dtype = _dt.as_dtype(dtype)
    if isinstance(shape_, Tensor) or (isinstance(shape_, (list, tuple)) and any(isinstance(d, Tensor) for d in shape_)):
        with scope(name, name) as s:
            dims = int_tensor(shape_, "shape") if isinstance(shape_, Tensor) else \
                stack([int_tensor(d, "d") for d in shape_])
            v = make_constant(value, dtype, name="Const")
        return make("Fill", [dims, v], None, s)
    shape_ = as_shape(shape_).as_list()
    return make_constant(np.full(shape_, value, dtype=dtype.as_numpy_dtype), dtype, name=name)


@export("tf.zeros")
def zeros(shape, dtype=_dt.float32, name=None):
    return _filled(shape, dtype, 0, name or "zeros")


@export("tf.ones")
def ones(shape, dtype=_dt.float32, name=None):
    return _filled(shape, dtype, 1, name or "ones")


def _like_infer(op):
    return [(op.attrs.get("dtype") or op.inputs[0].dtype, op.inputs[0]._shape)]


R.register("ZerosLike", kernel=lambda x, dtype=None: np.zeros_like(x, dtype=None if dtype is None else dtype.as_numpy_dtype),
           infer=_like_infer, grad=R.NO_GRADIENT)
R.register("OnesLike", kernel=lambda x, dtype=None: np.ones_like(x, dtype=None if dtype is None else dtype.as_numpy_dtype),
           infer=_like_infer, grad=R.NO_GRADIENT)


@export("tf.zeros_like")
def zeros_like(tensor_, dtype=None, name=None, optimize=True):
    attrs = {"dtype": _dt.as_dtype(dtype)} if dtype is not None else None
    return make("ZerosLike", [tensor(tensor_)], attrs, name or "zeros_like")


@export("tf.ones_like")
def ones_like(tensor_, dtype=None, name=None, optimize=True):
    attrs = {"dtype": _dt.as_dtype(dtype)} if dtype is not None else None
    return make("OnesLike", [tensor(tensor_)], attrs, name or "ones_like")


# ---------------------------------------------------------------- cast


def _cast_grad(op, g):
    src = op.inputs[0].dtype
    if (src.is_floating or src.is_complex) and (op.attrs["DstT"].is_floating or op.attrs["DstT"].is_complex):
        return [cast(g, src)]
    return [None]


R.register("Cast", kernel=lambda x, DstT: np.asarray(x).astype(DstT.as_numpy_dtype),
           infer=lambda op: [(op.attrs["DstT"], op.inputs[0]._shape)], grad=_cast_grad)


@export("tf.cast", "tf.dtypes.cast")
def cast(x, dtype, name=None):
    dtype = _dt.as_dtype(dtype)
    x = tensor(x)
    if x.dtype == dtype and name is None:
        return x
    return make("Cast", [x], {"DstT": dtype}, name or "Cast")


@export("tf.to_float")
def to_float(x, name="ToFloat"):
    return cast(x, _dt.float32, name)


@export("tf.to_int32")
def to_int32(x, name="ToInt32"):
    return cast(x, _dt.int32, name)


@export("tf.to_int64")
def to_int64(x, name="ToInt64"):
    return cast(x, _dt.int64, name)


# ---------------------------------------------------------------- select / where


def _select_kernel(c, x, y):
    if c.ndim == 1 and x.ndim > 1:
        c = c.reshape((-1,) + (1,) * (x.ndim - 1))
    return np.where(c, x, y)


def _select_grad(op, g):
    c = op.inputs[0]
    z = zeros_like(g)
    return [None, make("Select", [c, g, z]), make("Select", [c, z, g])]


R.register("Select", kernel=_select_kernel,
           infer=lambda op: [(op.inputs[1].dtype, op.inputs[1]._shape.merge_with(op.inputs[2]._shape))],
           grad=_select_grad)
R.register("Where", kernel=lambda c: np.argwhere(c).astype(np.int64),
           infer=lambda op: [(_dt.int64, TensorShape([None, op.inputs[0]._shape.ndims]))], grad=R.NO_GRADIENT)


@export("tf.where")
def where(condition, x=None, y=None, name=None):
    c = tensor(condition)
    if x is None and y is None:
        return make("Where", [c], None, name)
    if x is None or y is None:
        raise ValueError("x and y must both be non-None or both be None.")
    from .common import binary_pair
    x, y = binary_pair(x, y)
    return make("Select", [c, x, y], None, name)


@export("tf.select")
def select(condition, t, e, name=None):
    """TF 0.x's name for the three-argument tf.where (its t and e are where's x and y)."""
    return where(condition, t, e, name=name)


# ---------------------------------------------------------------- range / one_hot / gather


def _range_kernel(start, limit, delta):
    return np.arange(start, limit, delta, dtype=np.result_type(start, limit, delta))


def _range_infer(op):
    vals = [static_ints(t) if t.dtype.is_integer else None for t in op.inputs]
    n = None
    if all(v is not None for v in vals):
        n = len(builtins.range(vals[0][0], vals[1][0], vals[2][0]))
    return [(op.inputs[0].dtype, TensorShape([n]))]


R.register("Range", kernel=_range_kernel, infer=_range_infer, grad=R.NO_GRADIENT)


@export("tf.range")
def range(start, limit=None, delta=1, dtype=None, name="range"):  # noqa: A001
    if limit is None:
        start, limit = 0, start
    with scope(name, "range") as s:
        vals = [start, limit, delta]
        ts = [v for v in vals if isinstance(v, Tensor)]
        if dtype is None:
            dtype = ts[0].dtype if ts else (_dt.float32 if any(isinstance(v, float) for v in vals) else _dt.int32)
        start_t, limit_t, delta_t = (tensor(v, dtype=dtype, name=n) if not isinstance(v, Tensor) else v
                                     for v, n in zip(vals, ("start", "limit", "delta")))
    return make("Range", [start_t, limit_t, delta_t], None, s)


def _one_hot_kernel(indices, depth, on, off, axis):
    depth = int(depth)
    idx = np.asarray(indices)
    hot = idx[..., None] == np.arange(depth)
    out = np.where(hot, on, off).astype(on.dtype)
    if axis != -1 and axis != idx.ndim:
        out = np.moveaxis(out, -1, axis)
    return out


def _one_hot_infer(op):
    idx, d, on = op.inputs[:3]
    depth = static_ints(d)
    if idx._shape.ndims is None:
        return [(on.dtype, TensorShape(None))]
    dims = idx._shape.as_list()
    axis = op.attrs["axis"]
    a = len(dims) if axis == -1 else axis
    return [(on.dtype, TensorShape(dims[:a] + [depth[0] if depth else None] + dims[a:]))]


R.register("OneHot", kernel=_one_hot_kernel, infer=_one_hot_infer, grad=R.NO_GRADIENT)


@export("tf.one_hot")
def one_hot(indices, depth, on_value=None, off_value=None, axis=None, dtype=None, name=None):
    with scope(name, "one_hot") as s:
        idx = tensor(indices)
        if dtype is None:
            dtype = on_value.dtype if isinstance(on_value, Tensor) else (
                off_value.dtype if isinstance(off_value, Tensor) else _dt.float32)
        on = tensor(1 if on_value is None else on_value, dtype=dtype, name="on_value")
        off = tensor(0 if off_value is None else off_value, dtype=dtype, name="off_value")
        d = int_tensor(depth, "depth")
    return make("OneHot", [idx, d, on, off], {"axis": -1 if axis is None else axis}, s)


def _gather_kernel(params, indices, axis):
    return np.take(params, indices, axis=int(axis))


def _gather_infer(op):
    p, i, a = op.inputs
    axis = static_ints(a)
    if p._shape.ndims is None or i._shape.ndims is None or axis is None:
        return [(p.dtype, TensorShape(None))]
    dims = p._shape.as_list()
    ax = normalize_axis(axis[0], len(dims))
    return [(p.dtype, TensorShape(dims[:ax] + i._shape.as_list() + dims[ax + 1:]))]


def _gather_grad_kernel(g, indices, params_shape, axis):
    """Dense gradient of gather: scatter-add `g` rows into zeros of the params' shape."""
    axis = int(axis)
    params_shape = tuple(int(d) for d in params_shape)
    moved_shape = (params_shape[axis],) + params_shape[:axis] + params_shape[axis + 1:]
    idx = np.asarray(indices).reshape(-1)
    gm = np.moveaxis(g, list(builtins.range(axis, axis + np.ndim(indices))), list(builtins.range(np.ndim(indices))))
    # rows of g gathered from the same index are summed (sorted segments, not np.add.at)
    summed = scatter_add_rows(moved_shape, idx, gm.reshape((idx.size,) + moved_shape[1:]))
    return np.moveaxis(summed, 0, axis) if axis else summed


R.register("GatherV2", kernel=_gather_kernel, infer=_gather_infer,
           grad=lambda op, g: [make("GatherGrad", [g, op.inputs[1], shape(op.inputs[0]), op.inputs[2]]), None, None])
R.register("GatherGrad", kernel=_gather_grad_kernel,
           infer=lambda op: [(op.inputs[0].dtype, shape_from_tensor(op.inputs[2]))],
           grad=lambda op, g: [make("GatherV2", [g, op.inputs[1], op.inputs[3]]), None, None, None])


@export("tf.gather")
def gather(params, indices, validate_indices=None, name=None, axis=0, batch_dims=0):
    with scope(name, "GatherV2") as s:
        p = tensor(params)
        i = tensor(indices)
        a = int_tensor(axis, "axis")
    return make("GatherV2", [p, i, a], None, s)


# ---------------------------------------------------------------- strided slice (tensor[...])

_SLICE_ATTRS = ("begin_mask", "end_mask", "ellipsis_mask", "new_axis_mask", "shrink_axis_mask")


def _slice_spec(ndim, begin, end, strides, masks):
    """Turn StridedSlice's begin/end/strides + bit masks into a numpy index tuple."""
    begin_mask, end_mask, ellipsis_mask, new_axis_mask, shrink_mask = masks
    idx = []
    for i, (b, e, s) in enumerate(zip(begin, end, strides)):
        bit = 1 << i
        if ellipsis_mask & bit:
            idx.append(Ellipsis)
        elif new_axis_mask & bit:
            idx.append(None)
        elif shrink_mask & bit:
            idx.append(int(b))
        else:
            idx.append(np.s_[None if begin_mask & bit else int(b):None if end_mask & bit else int(e):int(s)])
    return tuple(idx)


def _strided_slice_kernel(x, begin, end, strides, **masks):
    return x[_slice_spec(np.ndim(x), begin, end, strides, [masks[k] for k in _SLICE_ATTRS])]


def _strided_slice_infer(op):
    x, b, e, s = op.inputs
    vals = [static_ints(t) for t in (b, e, s)]
    if x._shape.ndims is None or any(v is None for v in vals):
        return [(x.dtype, TensorShape(None))]
    spec = _slice_spec(x._shape.ndims, *vals, [op.attrs[k] for k in _SLICE_ATTRS])
    # Index a dummy array of the static shape (unknown dims -> a size that reveals them).
    probe_dims = [d if d is not None else 7919 for d in x._shape.as_list()]
    probe = np.broadcast_to(np.empty((), np.int8), probe_dims)
    try:
        out = probe[spec].shape
    except IndexError as err:
        raise ValueError("slice index out of bounds for %s with shape %s: %s" % (op.name, x._shape, err)) from None
    unknown = _unknown_output_dims(spec, x._shape.as_list())
    return [(x.dtype, TensorShape([None if i in unknown else d for i, d in enumerate(out)]))]


def _unknown_output_dims(spec, dims):
    """Output positions whose size depends on an unknown input dim."""
    n_real = sum(1 for t in spec if t is not None and t is not Ellipsis)
    expanded = []
    for t in spec:
        if t is Ellipsis:
            expanded += [np.s_[:]] * (len(dims) - n_real)
        else:
            expanded.append(t)
    expanded += [np.s_[:]] * (len(dims) - sum(1 for t in expanded if t is not None))
    unknown, out_pos, in_pos = set(), 0, 0
    for t in expanded:
        if t is None:
            out_pos += 1
            continue
        if isinstance(t, builtins.slice):
            if dims[in_pos] is None:
                unknown.add(out_pos)
            out_pos += 1
        in_pos += 1
    return unknown


def _strided_slice_grad(op, g):
    x, b, e, s = op.inputs
    return [make("StridedSliceGrad", [shape(x), b, e, s, g], dict(op.attrs)), None, None, None]


def _strided_slice_grad_kernel(shape_, begin, end, strides, g, **masks):
    out = np.zeros(tuple(shape_), dtype=g.dtype)
    out[_slice_spec(len(shape_), begin, end, strides, [masks[k] for k in _SLICE_ATTRS])] = g
    return out


R.register("StridedSlice", kernel=_strided_slice_kernel, infer=_strided_slice_infer, grad=_strided_slice_grad)
R.register("StridedSliceGrad", kernel=_strided_slice_grad_kernel,
           infer=lambda op: [(op.inputs[4].dtype, shape_from_tensor(op.inputs[0]))],
           grad=lambda op, g: [None] * 4 + [make("StridedSlice", [g] + list(op.inputs[1:4]), dict(op.attrs))])


@export("tf.strided_slice")
def strided_slice(input_, begin, end, strides=None, begin_mask=0, end_mask=0, ellipsis_mask=0,
                  new_axis_mask=0, shrink_axis_mask=0, var=None, name=None):
    x = tensor(input_)
    if strides is None:
        strides = [1] * len(begin) if not isinstance(begin, Tensor) else ones_like(begin)
    with scope(name, "strided_slice") as s:
        ts = [int_tensor(v, "stack" if i == 0 else "stack_%d" % i) for i, v in enumerate((begin, end, strides))]
    attrs = dict(zip(_SLICE_ATTRS, (begin_mask, end_mask, ellipsis_mask, new_axis_mask, shrink_axis_mask)))
    return make("StridedSlice", [x] + ts, attrs, s)


def getitem(t, key):
    """`tensor[key]` -> StridedSlice, with TF's encoding of ints, slices, Ellipsis and newaxis."""
    if not isinstance(key, tuple):
        key = (key,)
    begin, end, strides = [], [], []
    masks = [0, 0, 0, 0, 0]
    for i, k in enumerate(key):
        bit = 1 << i
        if isinstance(k, builtins.slice):
            begin.append(0 if k.start is None else k.start)
            end.append(0 if k.stop is None else k.stop)
            strides.append(1 if k.step is None else k.step)
            if k.start is None:
                masks[0] |= bit
            if k.stop is None:
                masks[1] |= bit
        elif k is Ellipsis:
            begin.append(0), end.append(0), strides.append(1)
            masks[2] |= bit
        elif k is None:
            begin.append(0), end.append(0), strides.append(1)
            masks[3] |= bit
        elif isinstance(k, (int, np.integer)) or isinstance(k, Tensor):
            begin.append(k)
            end.append(k + 1)
            strides.append(1)
            masks[4] |= bit
        else:
            raise TypeError("Only integers, slices (`:`), ellipsis (`...`), tf.newaxis (`None`) and scalar "
                            "tf.int32/tf.int64 tensors are valid indices, got %r" % (k,))
    packed = [stack(v) if any(isinstance(e, Tensor) for e in v) else v for v in (begin, end, strides)]
    return strided_slice(t, *packed, *masks)


def _install_getitem(cls):
    cls.__getitem__ = getitem


_install_getitem(Tensor)
newaxis = None
export_value(newaxis, "tf.newaxis")
