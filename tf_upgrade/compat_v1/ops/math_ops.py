"""Elementwise math, matmul, reductions, comparisons and the Tensor operator overloads."""
import numpy as np

from .. import dtypes as _dt
from ..graph import Tensor, get_default_graph, make_constant
from ..kernels import parallel
from ..namespace import export, export_value
from ..shapes import TensorShape, broadcast_shapes
from . import array_ops
from . import registry as R
from .common import (
    binary_pair,
    broadcast_bool_infer,
    broadcast_infer,
    check_same_dtype,
    int_tensor,
    make,
    reduced_shape,
    scope,
    static_ints,
    tensor,
)

sum_to = array_ops.sum_to_shape_of

# ---------------------------------------------------------------- binary elementwise


_PY_VALUES = (int, float, np.ndarray, np.generic)


def _binary(op_type, x, y, name, default_name):
    """TF1's binary wrapper: the op gets a scope of its own when a python value becomes a Const ('add/y')."""
    if x.__class__ is Tensor:
        if y.__class__ is Tensor:
            check_same_dtype(op_type, x, y)
            return make(op_type, [x, y], None, name or default_name)
        if isinstance(y, _PY_VALUES):  # fast path for `t + 1.0` (no name-scope context manager)
            s = _own_scope(name or default_name)
            return make(op_type, [x, make_constant(y, x.dtype, name=s + "/y/")], None, s + "/")
    with scope(name, default_name) as s:
        x, y = binary_pair(x, y)
    check_same_dtype(op_type, x, y)
    return make(op_type, [x, y], None, s)


def _own_scope(name):
    """The unique scope name `name_scope(name)` would enter, without entering it."""
    return name[:-1] if name.endswith("/") else get_default_graph().unique_name(name)


def _div_kernel(x, y):
    return np.true_divide(x, y) if x.dtype.kind in "fc" else np.floor_divide(x, y)


# numpy's float power takes its slow general path even for small integer exponents (x**3 in gelu was half
# of a BERT forward pass); products and sqrt give the same values within an ulp.
_SMALL_POWERS = {2.0: np.square, 3.0: lambda x: x * x * x, 4.0: lambda x: np.square(np.square(x)),
                 1.0: np.copy, 0.5: np.sqrt, -1.0: np.reciprocal,
                 -2.0: lambda x: np.reciprocal(np.square(x)), -0.5: lambda x: np.reciprocal(np.sqrt(x))}


def _pow_kernel(x, y):
    if y.ndim == 0 and x.dtype.kind == "f" and y.dtype == x.dtype:
        fast = _SMALL_POWERS.get(float(y))
        if fast is not None:
            return fast(x)
    return np.power(x, y)


def _pow_grad(op, g):
    x, y = op.inputs
    z = op.outputs[0]
    gx = g * y * pow(x, y - array_ops.ones_like(y))
    safe_log = array_ops.where(greater(x, array_ops.zeros_like(x)), log(x), array_ops.zeros_like(x))
    gy = g * z * safe_log
    return [sum_to(gx, x), sum_to(gy, y)]


def _max_min_grad(op, g, mask_type):
    x, y = op.inputs
    mask = make(mask_type, [x, y])
    zeros = array_ops.zeros_like(g)
    xg = make("SelectV2", [mask, g, zeros])
    yg = make("SelectV2", [mask, zeros, g])
    return [sum_to(xg, x), sum_to(yg, y)]


def _div_grad(op, g):
    x, y = op.inputs
    return [sum_to(g / y, x), sum_to(g * ((-x / y) / y), y)]


def _sq_diff_grad(op, g):
    x, y = op.inputs
    d = g * (2.0 * (x - y))
    return [sum_to(d, x), sum_to(-d, y)]


_BINARY = {
    "AddV2": (np.add, lambda op, g: [sum_to(g, op.inputs[0]), sum_to(g, op.inputs[1])]),
    "Sub": (np.subtract, lambda op, g: [sum_to(g, op.inputs[0]), sum_to(-g, op.inputs[1])]),
    "Mul": (np.multiply, lambda op, g: [sum_to(g * op.inputs[1], op.inputs[0]),
                                        sum_to(op.inputs[0] * g, op.inputs[1])]),
    "RealDiv": (np.true_divide, _div_grad),
    "Div": (_div_kernel, _div_grad),
    "FloorDiv": (np.floor_divide, R.NO_GRADIENT),
    "FloorMod": (np.mod, R.NO_GRADIENT),
    "Pow": (_pow_kernel, _pow_grad),
    "Maximum": (np.maximum, lambda op, g: _max_min_grad(op, g, "GreaterEqual")),
    "Minimum": (np.minimum, lambda op, g: _max_min_grad(op, g, "LessEqual")),
    "SquaredDifference": (lambda x, y: np.square(x - y), _sq_diff_grad),
}
for _t, (_k, _g) in _BINARY.items():
    R.register(_t, kernel=_k, infer=broadcast_infer, grad=_g)
R.REGISTRY["Add"] = R.REGISTRY["AddV2"]

_COMPARE = {"Equal": np.equal, "NotEqual": np.not_equal, "Less": np.less, "LessEqual": np.less_equal,
            "Greater": np.greater, "GreaterEqual": np.greater_equal, "LogicalAnd": np.logical_and,
            "LogicalOr": np.logical_or}
for _t, _k in _COMPARE.items():
    R.register(_t, kernel=_k, infer=broadcast_bool_infer, grad=R.NO_GRADIENT)


def _binary_fn(op_type, default_name):
    """A public `fn(x, y, name=None)` for a broadcasting binary op."""
    def fn(x, y, name=None):
        return _binary(op_type, x, y, name, default_name)
    fn.__name__ = default_name.lower()
    return fn


add, subtract, multiply = _binary_fn("AddV2", "Add"), _binary_fn("Sub", "Sub"), _binary_fn("Mul", "Mul")
export_value(subtract, "tf.subtract", "tf.math.subtract", "tf.sub")  # tf.sub, tf.mul: TF 0.x's names
export_value(multiply, "tf.multiply", "tf.math.multiply", "tf.mul")
export_value(add, "tf.add", "tf.math.add")
div, floordiv, floormod = _binary_fn("Div", "div"), _binary_fn("FloorDiv", "floordiv"), _binary_fn("FloorMod", "floormod")
export_value(floormod, "tf.floormod", "tf.mod", "tf.math.floormod", "tf.math.mod")
export_value(floordiv, "tf.floordiv", "tf.math.floordiv")
export_value(div, "tf.div")
pow, maximum, minimum = _binary_fn("Pow", "Pow"), _binary_fn("Maximum", "Maximum"), _binary_fn("Minimum", "Minimum")  # noqa: A001
export_value(pow, "tf.pow", "tf.math.pow")
export_value(minimum, "tf.minimum", "tf.math.minimum")
export_value(maximum, "tf.maximum", "tf.math.maximum")
squared_difference = _binary_fn("SquaredDifference", "SquaredDifference")
export_value(squared_difference, "tf.squared_difference", "tf.math.squared_difference")
equal, not_equal, less, less_equal = (_binary_fn(t, t) for t in ("Equal", "NotEqual", "Less", "LessEqual"))
export_value(not_equal, "tf.not_equal", "tf.math.not_equal")
export_value(less_equal, "tf.less_equal", "tf.math.less_equal")
export_value(less, "tf.less", "tf.math.less")
export_value(equal, "tf.equal", "tf.math.equal")
greater, greater_equal = _binary_fn("Greater", "Greater"), _binary_fn("GreaterEqual", "GreaterEqual")
export_value(greater_equal, "tf.greater_equal", "tf.math.greater_equal")
export_value(greater, "tf.greater", "tf.math.greater")
logical_and, logical_or = _binary_fn("LogicalAnd", "LogicalAnd"), _binary_fn("LogicalOr", "LogicalOr")
export_value(logical_or, "tf.logical_or", "tf.math.logical_or")
export_value(logical_and, "tf.logical_and", "tf.math.logical_and")


def _float_operands(x, y):
    """truediv casts integer operands to floating point, like TF1 (int32 -> float64)."""
    x, y = binary_pair(x, y)
    if x.dtype.is_integer:
        target = _dt.float32 if x.dtype.size <= 2 else _dt.float64
        x, y = array_ops.cast(x, target), array_ops.cast(y, target)
    return x, y


@export("tf.realdiv", "tf.truediv", "tf.math.truediv")
def truediv(x, y, name=None):
    with scope(name, "truediv") as s:
        x, y = _float_operands(x, y)
    check_same_dtype("RealDiv", x, y)
    return make("RealDiv", [x, y], None, s)


@export("tf.divide", "tf.math.divide")
def divide(x, y, name=None):
    return truediv(x, y, name)


@export("tf.logical_xor", "tf.math.logical_xor")
def logical_xor(x, y, name="LogicalXor"):
    with scope(name, "LogicalXor") as s:
        return logical_and(logical_or(x, y), logical_not(logical_and(x, y)), name=s)


def _select_v2_infer(op):
    c, x, y = op.inputs
    return [(x.dtype, broadcast_shapes(c._shape, broadcast_shapes(x._shape, y._shape)))]


R.register("SelectV2", kernel=np.where, infer=_select_v2_infer,
           grad=lambda op, g: [None,
                               sum_to(make("SelectV2", [op.inputs[0], g, array_ops.zeros_like(g)]), op.inputs[1]),
                               sum_to(make("SelectV2", [op.inputs[0], array_ops.zeros_like(g), g]), op.inputs[2])])

# ---------------------------------------------------------------- unary elementwise


def _relu_grad_kernel(g, y):
    return g * (y > 0)


def _sigmoid(x):
    # Split by sign so large |x| neither overflows nor loses precision.
    out = np.empty_like(x)
    pos = x >= 0
    out[pos] = 1 / (1 + np.exp(-x[pos]))
    e = np.exp(x[~pos])
    out[~pos] = e / (1 + e)
    return out


def _sigmoid_kernel(x):
    if np.ndim(x) == 0:
        return _sigmoid(np.asarray(x).reshape(1)).reshape(())
    return _sigmoid(x)


def _softplus(x):
    return np.logaddexp(x, 0).astype(x.dtype)


_UNARY = {
    "Neg": (np.negative, lambda op, g: [-g]),
    "Square": (np.square, lambda op, g: [g * (2.0 * op.inputs[0])]),
    "Sqrt": (np.sqrt, lambda op, g: [make("SqrtGrad", [op.outputs[0], g])]),
    "Rsqrt": (lambda x: 1 / np.sqrt(x), lambda op, g: [g * (-0.5 * op.outputs[0] * op.outputs[0] * op.outputs[0])]),
    "Exp": (np.exp, lambda op, g: [g * op.outputs[0]]),
    "Log": (np.log, lambda op, g: [g * reciprocal(op.inputs[0])]),
    "Log1p": (np.log1p, lambda op, g: [g * reciprocal(1.0 + op.inputs[0])]),
    "Abs": (np.abs, lambda op, g: [g * sign(op.inputs[0])]),
    "Sign": (np.sign, lambda op, g: [array_ops.zeros_like(op.inputs[0])]),
    "Reciprocal": (np.reciprocal, lambda op, g: [-g * op.outputs[0] * op.outputs[0]]),
    "Relu": (lambda x: np.maximum(x, 0, dtype=x.dtype), lambda op, g: [make("ReluGrad", [g, op.outputs[0]])]),
    "Sigmoid": (_sigmoid_kernel, lambda op, g: [make("SigmoidGrad", [op.outputs[0], g])]),
    "Tanh": (np.tanh, lambda op, g: [make("TanhGrad", [op.outputs[0], g])]),
    "Softplus": (_softplus, lambda op, g: [g * sigmoid(op.inputs[0])]),
    "Sin": (np.sin, lambda op, g: [g * cos(op.inputs[0])]),
    "Cos": (np.cos, lambda op, g: [-g * sin(op.inputs[0])]),
    "Floor": (np.floor, R.NO_GRADIENT),
    "Ceil": (np.ceil, R.NO_GRADIENT),
    "Round": (np.round, R.NO_GRADIENT),
    "IsNan": (np.isnan, R.NO_GRADIENT),
    "IsFinite": (np.isfinite, R.NO_GRADIENT),
    "LogicalNot": (np.logical_not, R.NO_GRADIENT),
}
for _t, (_k, _g) in _UNARY.items():
    R.register(_t, kernel=_k, infer=R.same_as_input, grad=_g)
for _t in ("IsNan", "IsFinite"):
    R.REGISTRY[_t].infer = lambda op: [(_dt.bool, op.inputs[0]._shape)]

# Fused gradient kernels (one numpy pass instead of several ops); each differentiable again.
R.register("ReluGrad", kernel=_relu_grad_kernel, infer=R.same_as_input,
           grad=lambda op, gg: [make("ReluGrad", [gg, op.inputs[1]]), array_ops.zeros_like(op.inputs[1])])
R.register("SigmoidGrad", kernel=lambda y, g: g * (y * (1 - y)),
           infer=lambda op: [(op.inputs[1].dtype, op.inputs[1]._shape)],
           grad=lambda op, gg: [gg * op.inputs[1] * (1.0 - 2.0 * op.inputs[0]),
                                make("SigmoidGrad", [op.inputs[0], gg])])
R.register("TanhGrad", kernel=lambda y, g: g * (1 - y * y),
           infer=lambda op: [(op.inputs[1].dtype, op.inputs[1]._shape)],
           grad=lambda op, gg: [gg * op.inputs[1] * (-2.0 * op.inputs[0]), make("TanhGrad", [op.inputs[0], gg])])
R.register("SqrtGrad", kernel=lambda y, g: g * 0.5 / y,
           infer=lambda op: [(op.inputs[1].dtype, op.inputs[1]._shape)],
           grad=lambda op, gg: [-gg * op.inputs[1] * 0.5 / (op.inputs[0] * op.inputs[0]),
                                make("SqrtGrad", [op.inputs[0], gg])])


def _unary(op_type):
    def fn(x, name=None):
        return make(op_type, [tensor(x)], None, name)
    fn.__name__ = op_type.lower()
    return fn


negative, square, sqrt, rsqrt, exp, log, log1p = (_unary(t) for t in
                                                   ("Neg", "Square", "Sqrt", "Rsqrt", "Exp", "Log", "Log1p"))
export_value(square, "tf.square", "tf.math.square")
export_value(sqrt, "tf.sqrt", "tf.math.sqrt")
export_value(rsqrt, "tf.rsqrt", "tf.math.rsqrt")
export_value(negative, "tf.negative", "tf.math.negative", "tf.neg")  # tf.neg: TF 0.x's name
export_value(log1p, "tf.log1p", "tf.math.log1p")
export_value(log, "tf.log", "tf.math.log")
export_value(exp, "tf.exp", "tf.math.exp")
sign, reciprocal, sigmoid, tanh, softplus = (_unary(t) for t in
                                             ("Sign", "Reciprocal", "Sigmoid", "Tanh", "Softplus"))
export_value(softplus, "tf.math.softplus", "tf.nn.softplus")
export_value(tanh, "tf.tanh", "tf.math.tanh", "tf.nn.tanh")
export_value(sign, "tf.sign", "tf.math.sign")
export_value(sigmoid, "tf.sigmoid", "tf.math.sigmoid", "tf.nn.sigmoid")
export_value(reciprocal, "tf.reciprocal", "tf.math.reciprocal", "tf.inv")  # tf.inv: TF 0.x's name


# |x| of a complex tensor is real: TF builds a ComplexAbs op there, whose output dtype is the real one of the
# input's precision. (This runtime has no tf.complex to build its gradient from: differentiating through it
# raises "No gradient defined" rather than giving a wrong gradient.)
R.register("ComplexAbs", kernel=lambda x: np.abs(x).astype(np.float64 if x.dtype == np.complex128 else np.float32),
           infer=lambda op: [(_dt.float64 if op.inputs[0].dtype == _dt.complex128 else _dt.float32,
                              op.inputs[0]._shape)])


def abs(x, name=None):  # noqa: A001
    x = tensor(x)
    return make("ComplexAbs" if x.dtype.is_complex else "Abs", [x], None, name)


export_value(abs, "tf.abs", "tf.math.abs")


@export("tf.complex_abs")
def complex_abs(x, name=None):
    """TF 0.x's |x| of a complex tensor (TF 1.0 folded it into tf.abs)."""
    x = tensor(x)
    if not x.dtype.is_complex:
        raise TypeError("complex_abs takes a complex64 or complex128 tensor, got %s" % x.dtype.name)
    return make("ComplexAbs", [x], None, name)
sin, cos, floor, ceil, round, is_nan, is_finite = (_unary(t) for t in  # noqa: A001
                                                   ("Sin", "Cos", "Floor", "Ceil", "Round", "IsNan", "IsFinite"))
export_value(sin, "tf.sin", "tf.math.sin")
export_value(round, "tf.round", "tf.math.round")
export_value(is_nan, "tf.is_nan", "tf.math.is_nan")
export_value(is_finite, "tf.is_finite", "tf.math.is_finite")
export_value(floor, "tf.floor", "tf.math.floor")
export_value(cos, "tf.cos", "tf.math.cos")
export_value(ceil, "tf.ceil", "tf.math.ceil")
logical_not, relu = _unary("LogicalNot"), _unary("Relu")
export_value(relu, "tf.nn.relu")
export_value(logical_not, "tf.logical_not", "tf.math.logical_not")

# ---------------------------------------------------------------- matmul


def _matmul_kernel(a, b, transpose_a, transpose_b):
    return parallel.matmul(a.T if transpose_a else a, b.T if transpose_b else b)


def _matmul_infer(op):
    a, b = op.inputs
    ta, tb = op.attrs["transpose_a"], op.attrs["transpose_b"]
    sa, sb = a._shape, b._shape
    if sa.ndims not in (None, 2) or sb.ndims not in (None, 2):
        raise ValueError("Shape must be rank 2 but is rank %d" % (sa.ndims if sa.ndims != 2 else sb.ndims))
    da = sa.as_list() if sa.ndims else [None, None]
    db = sb.as_list() if sb.ndims else [None, None]
    m, ka = (da[1], da[0]) if ta else (da[0], da[1])
    kb, n = (db[1], db[0]) if tb else (db[0], db[1])
    if ka is not None and kb is not None and ka != kb:
        raise ValueError("Dimensions must be equal, but are %d and %d" % (ka, kb))
    return [(a.dtype, TensorShape([m, n]))]


def _matmul_grad(op, g):
    a, b = op.inputs
    ta, tb = op.attrs["transpose_a"], op.attrs["transpose_b"]
    if not ta and not tb:
        return [matmul(g, b, transpose_b=True), matmul(a, g, transpose_a=True)]
    if not ta and tb:
        return [matmul(g, b), matmul(g, a, transpose_a=True)]
    if ta and not tb:
        return [matmul(b, g, transpose_b=True), matmul(a, g)]
    return [matmul(b, g, transpose_a=True, transpose_b=True), matmul(g, a, transpose_a=True, transpose_b=True)]


R.register("MatMul", kernel=_matmul_kernel, infer=_matmul_infer, grad=_matmul_grad)


def _batch_matmul_kernel(a, b, adj_x, adj_y):
    return parallel.matmul(np.swapaxes(a, -1, -2) if adj_x else a, np.swapaxes(b, -1, -2) if adj_y else b)


def _batch_matmul_infer(op):
    a, b = op.inputs
    if a._shape.ndims is None or b._shape.ndims is None:
        return [(a.dtype, TensorShape(None))]
    da, db = a._shape.as_list(), b._shape.as_list()
    m = da[-1] if op.attrs["adj_x"] else da[-2]
    n = db[-2] if op.attrs["adj_y"] else db[-1]
    batch = broadcast_shapes(TensorShape(da[:-2]), TensorShape(db[:-2]))
    return [(a.dtype, batch.concatenate([m, n]))]


def _batch_matmul_grad(op, g):
    a, b = op.inputs
    adj_x, adj_y = op.attrs["adj_x"], op.attrs["adj_y"]
    if not adj_x and not adj_y:
        ga, gb = _bmm(g, b, False, True), _bmm(a, g, True, False)
    elif not adj_x and adj_y:
        ga, gb = _bmm(g, b, False, False), _bmm(g, a, True, False)
    elif adj_x and not adj_y:
        ga, gb = _bmm(b, g, False, True), _bmm(a, g, False, False)
    else:
        ga, gb = _bmm(b, g, True, True), _bmm(g, a, True, True)
    return [sum_to(ga, a), sum_to(gb, b)]


def _bmm(a, b, adj_x, adj_y):
    return make("BatchMatMulV2", [a, b], {"adj_x": adj_x, "adj_y": adj_y})


R.register("BatchMatMulV2", kernel=_batch_matmul_kernel, infer=_batch_matmul_infer, grad=_batch_matmul_grad)


@export("tf.matmul")
def matmul(a, b, transpose_a=False, transpose_b=False, adjoint_a=False, adjoint_b=False,
           a_is_sparse=False, b_is_sparse=False, name=None):
    with scope(name, "MatMul") as s:
        a, b = binary_pair(a, b)
    check_same_dtype("MatMul", a, b)
    ta, tb = transpose_a or adjoint_a, transpose_b or adjoint_b
    if (a._shape.ndims or 2) > 2 or (b._shape.ndims or 2) > 2:
        return make("BatchMatMulV2", [a, b], {"adj_x": ta, "adj_y": tb}, s)
    return make("MatMul", [a, b], {"transpose_a": ta, "transpose_b": tb}, s)


@export("tf.batch_matmul")
def batch_matmul(x, y, adj_x=False, adj_y=False, name=None):
    """TF 0.x's batched product: TF 1.0 folded it into tf.matmul (adj_x/adj_y are adjoint_a/adjoint_b)."""
    return matmul(x, y, adjoint_a=adj_x, adjoint_b=adj_y, name=name)


# ---------------------------------------------------------------- add_n / clip


R.register("AddN", kernel=lambda *xs: np.sum(xs, axis=0, dtype=xs[0].dtype) if len(xs) > 2 else
           (xs[0] + xs[1] if len(xs) == 2 else xs[0]),
           infer=lambda op: [(op.inputs[0].dtype, _merged_shape(op.inputs))],
           grad=lambda op, g: [g] * len(op.inputs))


def _merged_shape(ts):
    s = ts[0]._shape
    for t in ts[1:]:
        s = s.merge_with(t._shape)
    return s


@export("tf.add_n", "tf.math.add_n")
def add_n(inputs, name=None):
    ts = [tensor(x) for x in inputs]
    if len(ts) == 1 and name is None:
        return ts[0]
    return make("AddN", ts, None, name or "AddN")


@export("tf.clip_by_value")
def clip_by_value(t, clip_value_min, clip_value_max, name=None):
    with scope(name, "clip_by_value") as s:
        t = tensor(t, name="t")
        lo = minimum(t, clip_value_max)
    return _binary("Maximum", lo, tensor(clip_value_min, dtype=t.dtype), s, None)


# ---------------------------------------------------------------- reductions


def _axes(axes):
    return tuple(int(a) for a in np.reshape(axes, [-1]))


def _reduction_infer(op):
    x, a = op.inputs
    axes = static_ints(a)
    if axes is None:
        out = TensorShape(None if not op.attrs["keep_dims"] or x._shape.ndims is None else [None] * x._shape.ndims)
    else:
        out = reduced_shape(x._shape, axes, op.attrs["keep_dims"])
    return [(x.dtype, out)]


def _mean_kernel(x, axes, keep_dims):
    axes = _axes(axes)
    if x.dtype.kind in "iu":
        n = int(np.prod([x.shape[a] for a in axes])) if axes else 1
        s = np.sum(x, axis=axes, keepdims=keep_dims, dtype=np.int64)
        return (np.sign(s) * (np.abs(s) // max(n, 1))).astype(x.dtype)
    return np.mean(x, axis=axes, keepdims=keep_dims, dtype=x.dtype)


def _reducer(fn, with_dtype):
    if with_dtype:
        return lambda x, axes, keep_dims: fn(x, axis=_axes(axes), keepdims=keep_dims, dtype=x.dtype)
    return lambda x, axes, keep_dims: fn(x, axis=_axes(axes), keepdims=keep_dims)


def _keepdims_shape(op):
    """Shape of the reduction output with reduced dims kept as 1 (static when possible)."""
    x, a = op.inputs
    axes = static_ints(a)
    if axes is not None and x._shape.ndims is not None and x._shape.is_fully_defined():
        return reduced_shape(x._shape, axes, True).as_list()
    return make("ReducedShape", [array_ops.shape(x), a])


def _reduced_shape_kernel(shape, axes):
    out = np.array(shape)
    out[list(_axes(axes))] = 1
    return out


R.register("ReducedShape", kernel=_reduced_shape_kernel, infer=R.same_as_input, grad=R.NO_GRADIENT)


def _sum_grad(op, g):
    x = op.inputs[0]
    if not op.attrs["keep_dims"]:
        g = array_ops.reshape(g, _keepdims_shape(op))
    return [array_ops.broadcast_to(g, array_ops.shape(x) if not x._shape.is_fully_defined() else x._shape.as_list()),
            None]


def _mean_grad(op, g):
    x, y = op.inputs[0], op.outputs[0]
    gx = _sum_grad(op, g)[0]
    if x._shape.is_fully_defined() and y._shape.is_fully_defined():
        count = max(x._shape.num_elements() // max(y._shape.num_elements(), 1), 1)
        return [gx / array_ops.cast(count, gx.dtype), None]
    count = make("Maximum", [array_ops.size(x) // make("Maximum", [array_ops.size(y), int_tensor(1, "one")]),
                             int_tensor(1, "one")])
    return [gx / array_ops.cast(count, gx.dtype), None]


def _min_max_grad(op, g):
    x, y = op.inputs[0], op.outputs[0]
    keep = _keepdims_shape(op)
    y = array_ops.reshape(y, keep)
    g = array_ops.reshape(g, keep)
    indicators = array_ops.cast(equal(y, x), g.dtype)
    num_selected = array_ops.reshape(make("Sum", [indicators, op.inputs[1]], {"keep_dims": False}), keep)
    return [indicators / num_selected * g, None]


def _prod_grad_kernel(x, axes, g):
    """d prod / d x_i = product of the other elements (exact with zeros, via exclusive cumprods)."""
    axes = sorted(a % x.ndim for a in _axes(axes)) if x.ndim else []
    rest = [i for i in range(x.ndim) if i not in axes]
    perm = axes + rest
    xt = np.transpose(x, perm)
    lead = int(np.prod([x.shape[a] for a in axes])) if axes else 1
    flat = xt.reshape((lead, -1))
    ones = np.ones((1, flat.shape[1]), x.dtype)
    left = np.cumprod(np.concatenate([ones, flat[:-1]]), axis=0, dtype=x.dtype)
    right = np.cumprod(np.concatenate([ones, flat[::-1][:-1]]), axis=0, dtype=x.dtype)[::-1]
    others = (left * right).reshape(xt.shape)
    gk = np.reshape(g, [x.shape[a] if a not in axes else 1 for a in range(x.ndim)])
    return np.transpose(others, np.argsort(perm)) * gk


R.register("ProdGrad", kernel=_prod_grad_kernel, infer=R.same_as_input)

_REDUCTIONS = {
    "Sum": (_reducer(np.sum, True), _sum_grad),
    "Mean": (_mean_kernel, _mean_grad),
    "Max": (_reducer(np.max, False), _min_max_grad),
    "Min": (_reducer(np.min, False), _min_max_grad),
    "Prod": (_reducer(np.prod, True),
             lambda op, g: [make("ProdGrad", [op.inputs[0], op.inputs[1], g]), None]),
    "All": (_reducer(np.all, False), R.NO_GRADIENT),
    "Any": (_reducer(np.any, False), R.NO_GRADIENT),
}
for _t, (_k, _g) in _REDUCTIONS.items():
    R.register(_t, kernel=_k, infer=_reduction_infer, grad=_g)


def _reduction(op_type):
    def reduce(input_tensor, axis=None, keepdims=None, name=None, reduction_indices=None, keep_dims=None):
        keep = bool(keepdims if keepdims is not None else keep_dims)
        if axis is None:
            axis = reduction_indices
        x = tensor(input_tensor)
        if axis is None:
            if x._shape.ndims is not None:
                a = int_tensor(list(range(x._shape.ndims)), "Const")
            else:
                a = make("ReversedRange", [array_ops.rank(x)])
            return make(op_type, [x, a], {"keep_dims": keep}, name or op_type)
        with scope(name, op_type) as s:
            a = int_tensor(axis, "reduction_indices")
        return make(op_type, [x, a], {"keep_dims": keep}, s)
    reduce.__name__ = "reduce_" + op_type.lower()
    return reduce


reduce_sum, reduce_mean, reduce_max, reduce_min = (_reduction(t) for t in ("Sum", "Mean", "Max", "Min"))
export_value(reduce_sum, "tf.reduce_sum", "tf.math.reduce_sum")
export_value(reduce_min, "tf.reduce_min", "tf.math.reduce_min")
export_value(reduce_mean, "tf.reduce_mean", "tf.math.reduce_mean")
export_value(reduce_max, "tf.reduce_max", "tf.math.reduce_max")
reduce_prod, reduce_all, reduce_any = (_reduction(t) for t in ("Prod", "All", "Any"))
export_value(reduce_prod, "tf.reduce_prod", "tf.math.reduce_prod")
export_value(reduce_any, "tf.reduce_any", "tf.math.reduce_any")
export_value(reduce_all, "tf.reduce_all", "tf.math.reduce_all")


@export("tf.reduce_logsumexp", "tf.math.reduce_logsumexp")
def reduce_logsumexp(input_tensor, axis=None, keepdims=None, name=None, reduction_indices=None, keep_dims=None):
    with scope(name, "ReduceLogSumExp") as s:
        x = tensor(input_tensor)
        raw_max = reduce_max(x, axis, keepdims=True, reduction_indices=reduction_indices)
        m = array_ops.stop_gradient(raw_max)
        out = log(reduce_sum(exp(x - m), axis, keepdims=True, reduction_indices=reduction_indices)) + m
        keep = bool(keepdims if keepdims is not None else keep_dims)
        if not keep:
            out = reduce_sum(out, axis if axis is not None else reduction_indices)
        return array_ops.identity(out, name=s)


# ---------------------------------------------------------------- argmax / argmin


def _arg_infer(op):
    x, d = op.inputs
    axis = static_ints(d)
    out = TensorShape(None) if axis is None else reduced_shape(x._shape, axis, False)
    return [(op.attrs["output_type"], out)]


R.register("ArgMax", kernel=lambda x, d, output_type: np.argmax(x, axis=int(d)).astype(output_type.as_numpy_dtype),
           infer=_arg_infer, grad=R.NO_GRADIENT)
R.register("ArgMin", kernel=lambda x, d, output_type: np.argmin(x, axis=int(d)).astype(output_type.as_numpy_dtype),
           infer=_arg_infer, grad=R.NO_GRADIENT)


def _arg(op_type):
    def arg(input, axis=None, name=None, dimension=None, output_type=_dt.int64):  # noqa: A002
        if axis is None:
            axis = 0 if dimension is None else dimension
        with scope(name, op_type) as s:
            x = tensor(input)
            d = int_tensor(axis, "dimension")
        return make(op_type, [x, d], {"output_type": _dt.as_dtype(output_type)}, s)
    arg.__name__ = op_type.lower()
    return arg


argmax, argmin = _arg("ArgMax"), _arg("ArgMin")
export_value(argmin, "tf.argmin", "tf.math.argmin")
export_value(argmax, "tf.argmax", "tf.math.argmax")


@export("tf.arg_max")
def arg_max(input, dimension, output_type=_dt.int64, name=None):  # noqa: A002
    """The raw op's signature (TF 0.x's tf.argmax; TF 1.x kept it as tf.arg_max)."""
    return argmax(input, dimension, name=name, output_type=output_type)


@export("tf.arg_min")
def arg_min(input, dimension, output_type=_dt.int64, name=None):  # noqa: A002
    return argmin(input, dimension, name=name, output_type=output_type)

# ---------------------------------------------------------------- operators on Tensor (and variables)


OPERATORS = {
    "__add__": lambda x, y: _binary("AddV2", x, y, None, "add"),
    "__sub__": lambda x, y: _binary("Sub", x, y, None, "sub"),
    "__mul__": lambda x, y: _binary("Mul", x, y, None, "mul"),
    "__truediv__": lambda x, y: truediv(x, y),
    "__floordiv__": lambda x, y: _binary("FloorDiv", x, y, None, "floordiv"),
    "__mod__": lambda x, y: _binary("FloorMod", x, y, None, "mod"),
    "__pow__": lambda x, y: _binary("Pow", x, y, None, "pow"),
    "__matmul__": lambda x, y: matmul(x, y, name="matmul"),
    "__and__": lambda x, y: _binary("LogicalAnd", x, y, None, "and"),
    "__or__": lambda x, y: _binary("LogicalOr", x, y, None, "or"),
    "__lt__": less,
    "__le__": less_equal,
    "__gt__": greater,
    "__ge__": greater_equal,
}
REVERSED = {"__radd__": "__add__", "__rsub__": "__sub__", "__rmul__": "__mul__", "__rtruediv__": "__truediv__",
            "__rfloordiv__": "__floordiv__", "__rmod__": "__mod__", "__rpow__": "__pow__",
            "__rmatmul__": "__matmul__", "__rand__": "__and__", "__ror__": "__or__"}


def install_operators(cls):
    """Give `cls` (Tensor, Variable, ...) TF1's python operators."""
    for dunder, fn in OPERATORS.items():
        setattr(cls, dunder, fn)
    for rname, fname in REVERSED.items():
        fn = OPERATORS[fname]
        setattr(cls, rname, (lambda f: lambda self, other: f(other, self))(fn))
    cls.__neg__ = lambda self: negative(self)
    cls.__abs__ = lambda self: abs(self)
    cls.__invert__ = lambda self: logical_not(self)
    cls.__div__ = cls.__truediv__
    cls.__rdiv__ = cls.__rtruediv__


install_operators(Tensor)


@export("tf.scalar_mul")
def scalar_mul(scalar, x, name=None):
    return multiply(scalar, x, name=name)


# ---------------------------------------------------------------- cumulative sums, norms, statistics

def _cumsum_kernel(x, axis, exclusive, reverse):
    axis = int(axis)
    if reverse:
        x = np.flip(x, axis)
    out = np.cumsum(x, axis=axis, dtype=x.dtype)
    if exclusive:
        out = np.concatenate([np.zeros_like(np.take(out, [0], axis=axis)), np.delete(out, -1, axis=axis)], axis=axis)
    return np.flip(out, axis) if reverse else out


R.register("Cumsum", kernel=_cumsum_kernel, infer=R.same_as_input,
           grad=lambda op, g: [make("Cumsum", [g, op.inputs[1]], {"exclusive": op.attrs["exclusive"],
                                                                  "reverse": not op.attrs["reverse"]}), None])


@export("tf.cumsum", "tf.math.cumsum")
def cumsum(x, axis=0, exclusive=False, reverse=False, name=None):
    with scope(name, "Cumsum") as s:
        x = tensor(x, name="x")
        a = int_tensor(axis, "axis")
    return make("Cumsum", [x, a], {"exclusive": exclusive, "reverse": reverse}, s)


@export("tf.count_nonzero", "tf.math.count_nonzero")
def count_nonzero(input_tensor=None, axis=None, keepdims=None, dtype=_dt.int64, name=None, reduction_indices=None,
                  keep_dims=None, input=None):  # noqa: A002
    x = tensor(input_tensor if input_tensor is not None else input)
    with scope(name, "count_nonzero") as s:
        nonzero = array_ops.cast(not_equal(x, array_ops.zeros_like(x)), _dt.int64)
        counted = reduce_sum(nonzero, axis, keepdims=keepdims, reduction_indices=reduction_indices,
                             keep_dims=keep_dims)
        return array_ops.cast(counted, dtype, name=s)


@export("tf.norm")
def norm(tensor_, ord="euclidean", axis=None, keepdims=None, name=None, keep_dims=None):  # noqa: A002
    """Vector norms: 'euclidean'/2, 1 and np.inf over `axis` (all elements when None)."""
    keep = bool(keepdims if keepdims is not None else keep_dims)
    with scope(name, "norm") as s:
        x = tensor(tensor_)
        if ord in ("euclidean", "fro", 2, 2.0):
            return sqrt(reduce_sum(x * x, axis, keepdims=keep), name=s)
        if ord in (1, 1.0):
            return reduce_sum(abs(x), axis, keepdims=keep, name=s)
        if ord == np.inf:
            return reduce_max(abs(x), axis, keepdims=keep, name=s)
        raise ValueError("'ord' must be a supported vector norm, got %r" % (ord,))


@export("tf.reduce_variance", "tf.math.reduce_variance")
def reduce_variance(input_tensor, axis=None, keepdims=False, name=None):
    with scope(name, "reduce_variance") as s:
        x = tensor(input_tensor)
        mean = reduce_mean(x, axis, keepdims=True)
        return reduce_mean(squared_difference(x, mean), axis, keepdims=keepdims, name=s)


@export("tf.reduce_std", "tf.math.reduce_std")
def reduce_std(input_tensor, axis=None, keepdims=False, name=None):
    with scope(name, "reduce_std") as s:
        return sqrt(reduce_variance(input_tensor, axis, keepdims), name=s)


R.register("LinSpace", kernel=lambda start, stop, num: np.linspace(start, stop, int(num), dtype=start.dtype),
           infer=lambda op: [(op.inputs[0].dtype, TensorShape([(static_ints(op.inputs[2]) or [None])[0]]))],
           grad=R.NO_GRADIENT)


@export("tf.lin_space", "tf.linspace")
def linspace(start, stop, num, name=None):
    with scope(name, "LinSpace") as s:
        start = tensor(start, name="start")
        stop = tensor(stop, dtype=start.dtype, name="stop")
        n = int_tensor(num, "num")
    return make("LinSpace", [start, stop, n], None, s)


@export("tf.log_sigmoid", "tf.math.log_sigmoid", "tf.nn.log_sigmoid")
def log_sigmoid(x, name=None):
    with scope(name, "LogSigmoid") as s:
        return negative(softplus(negative(tensor(x))), name=s)
