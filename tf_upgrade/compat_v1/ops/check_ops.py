"""The `tf.assert_*` family (`tf.debugging.*`): each builds an `Assert` op that fails the run with
InvalidArgumentError when its condition is false. As in TF, a value check whose inputs are all
constants is decided at graph build (InvalidArgumentError there), and static checks (rank, dtype) fail
at graph build with ValueError/TypeError."""
import sys

import numpy as np

from .. import errors
from ..dtypes import DType as _DType
from ..graph import Tensor, constant_value
from ..namespace import export, export_value
from . import array_ops, math_ops
from .common import make_op, scope, tensor

_dt = sys.modules[_DType.__module__]  # the dtypes module (the package attribute `dtypes` is tf.dtypes)


def _assert_that(cond, data, summarize, message, name):
    return make_op("Assert", [math_ops.reduce_all(cond)] + [tensor(d) for d in data],
                   {"summarize": summarize or 3, "message": message or ""}, name)


def _check_static(np_fn, values, message, default_name):
    """All inputs constant: decide now, as TF does (InvalidArgumentError at graph build)."""
    known = [constant_value(v) for v in values]
    if all(k is not None for k in known) and not np.all(np_fn(*known)):
        raise errors.InvalidArgumentError(None, None, "%s%s: condition did not hold element-wise: %s"
                                          % ((message + "  ") if message else "", default_name,
                                             ", ".join(str(k) for k in known)))


def _binary(fn, np_fn, default_name):
    def assertion(x, y, data=None, summarize=None, message=None, name=None):
        with scope(name, default_name) as s:
            x = tensor(x, name="x")
            y = tensor(y, dtype=x.dtype, name="y")
            _check_static(np_fn, [x, y], message, default_name)
            return _assert_that(fn(x, y), data or [x, y], summarize, message, s)
    assertion.__name__ = default_name
    return assertion


def _unary(fn, np_fn, default_name):
    def assertion(x, data=None, summarize=None, message=None, name=None):
        with scope(name, default_name) as s:
            x = tensor(x, name="x")
            _check_static(lambda v: np_fn(v, 0), [x], message, default_name)
            zero = array_ops.zeros([], dtype=x.dtype)
            return _assert_that(fn(x, zero), data or [x], summarize, message, s)
    assertion.__name__ = default_name
    return assertion


assert_less_equal = _binary(math_ops.less_equal, np.less_equal, "assert_less_equal")
export_value(assert_less_equal, "tf.assert_less_equal", "tf.debugging.assert_less_equal")
assert_greater_equal = _binary(math_ops.greater_equal, np.greater_equal, "assert_greater_equal")
export_value(assert_greater_equal, "tf.assert_greater_equal", "tf.debugging.assert_greater_equal")
assert_none_equal = _binary(math_ops.not_equal, np.not_equal, "assert_none_equal")
export_value(assert_none_equal, "tf.assert_none_equal", "tf.debugging.assert_none_equal")
assert_positive = _unary(math_ops.greater, np.greater, "assert_positive")
export_value(assert_positive, "tf.assert_positive", "tf.debugging.assert_positive")
assert_negative = _unary(math_ops.less, np.less, "assert_negative")
export_value(assert_negative, "tf.assert_negative", "tf.debugging.assert_negative")
assert_non_negative = _unary(math_ops.greater_equal, np.greater_equal, "assert_non_negative")
export_value(assert_non_negative, "tf.assert_non_negative", "tf.debugging.assert_non_negative")
assert_non_positive = _unary(math_ops.less_equal, np.less_equal, "assert_non_positive")
export_value(assert_non_positive, "tf.assert_non_positive", "tf.debugging.assert_non_positive")


@export("tf.assert_near", "tf.debugging.assert_near")
def assert_near(x, y, rtol=None, atol=None, data=None, summarize=None, message=None, name=None):
    with scope(name, "assert_near") as s:
        x = tensor(x, name="x")
        y = tensor(y, dtype=x.dtype, name="y")
        eps = np.finfo(x.dtype.as_numpy_dtype).eps
        rtol = tensor(10 * eps if rtol is None else rtol, dtype=x.dtype, name="rtol")
        atol = tensor(10 * eps if atol is None else atol, dtype=x.dtype, name="atol")
        cond = math_ops.less_equal(math_ops.abs(x - y), atol + rtol * math_ops.abs(y))
        return _assert_that(cond, data or [x, y], summarize, message, s)


def _static_rank_error(x, what, message):
    return ValueError("%sTensor %s must have %s.  Received rank %d, shape %s"
                      % ((message + "  ") if message else "", x.name, what, x.shape.ndims, x.shape))


@export("tf.assert_rank", "tf.debugging.assert_rank")
def assert_rank(x, rank, message=None, name=None):
    """Static rank known: checked now (ValueError); otherwise an Assert on tf.rank(x)."""
    with scope(name, "assert_rank") as s:
        x = tensor(x, name="x")
        if not isinstance(rank, Tensor) and x.shape.ndims is not None:
            if x.shape.ndims != int(rank):
                raise _static_rank_error(x, "rank %d" % int(rank), message)
            return _assert_that(True, [], None, message, s)
        r = tensor(rank, dtype=_dt.int32, name="rank")
        return _assert_that(math_ops.equal(array_ops.rank(x), r), [x], None, message, s)


@export("tf.assert_rank_at_least", "tf.debugging.assert_rank_at_least")
def assert_rank_at_least(x, rank, message=None, name=None):
    with scope(name, "assert_rank_at_least") as s:
        x = tensor(x, name="x")
        if not isinstance(rank, Tensor) and x.shape.ndims is not None:
            if x.shape.ndims < int(rank):
                raise _static_rank_error(x, "rank at least %d" % int(rank), message)
            return _assert_that(True, [], None, message, s)
        r = tensor(rank, dtype=_dt.int32, name="rank")
        return _assert_that(math_ops.greater_equal(array_ops.rank(x), r), [x], None, message, s)


@export("tf.assert_rank_in", "tf.debugging.assert_rank_in")
def assert_rank_in(x, ranks, message=None, name=None):
    with scope(name, "assert_rank_in") as s:
        x = tensor(x, name="x")
        if x.shape.ndims is not None and all(not isinstance(r, Tensor) for r in ranks):
            if x.shape.ndims not in [int(r) for r in ranks]:
                raise _static_rank_error(x, "rank in %s" % (list(ranks),), message)
            return _assert_that(True, [], None, message, s)
        r = array_ops.rank(x)
        return _assert_that(math_ops.reduce_any(array_ops.stack([math_ops.equal(r, k) for k in ranks])), [x],
                            None, message, s)


@export("tf.assert_scalar", "tf.debugging.assert_scalar")
def assert_scalar(tensor_, name=None, message=None):
    x = tensor(tensor_)
    if x.shape.ndims is not None and x.shape.ndims != 0:
        raise ValueError("%sExpected scalar shape for %s, saw shape: %s."
                         % ((message + "  ") if message else "", x.name, x.shape))
    return x


@export("tf.assert_type", "tf.debugging.assert_type")
def assert_type(tensor_, tf_type, message=None, name=None):
    x = tensor(tensor_)
    if x.dtype.base_dtype != _dt.as_dtype(tf_type):
        raise TypeError("%s%s must be of type %s; got %s" % ((message + " ") if message else "", x.name,
                                                            _dt.as_dtype(tf_type).name, x.dtype.name))
    return make_op("NoOp", [], None, name or "statically_determined_correct_type")


@export("tf.assert_integer", "tf.debugging.assert_integer")
def assert_integer(x, message=None, name=None):
    x = tensor(x)
    if not x.dtype.is_integer:
        raise TypeError("%sExpected integer type for %s, got %s" % ((message + " ") if message else "",
                                                                    x.name, x.dtype.name))
    return make_op("NoOp", [], None, name or "statically_determined_was_integer")


@export("tf.assert_same_float_dtype", "tf.debugging.assert_same_float_dtype")
def assert_same_float_dtype(tensors=None, dtype=None):
    dtypes = {t.dtype.base_dtype for t in (tensors or [])}
    if dtype is not None:
        dtypes.add(_dt.as_dtype(dtype))
    if len(dtypes) > 1:
        raise ValueError("Tensors have different dtypes: %s" % sorted(d.name for d in dtypes))
    result = dtypes.pop() if dtypes else _dt.float32
    if not result.is_floating:
        raise ValueError("Expected floating point type, got %s." % result.name)
    return result


@export("tf.is_numeric_tensor", "tf.debugging.is_numeric_tensor")
def is_numeric_tensor(t):
    return isinstance(t, Tensor) and (t.dtype.is_floating or t.dtype.is_integer or t.dtype.is_complex)


@export("tf.is_non_decreasing", "tf.debugging.is_non_decreasing")
def is_non_decreasing(x, name=None):
    with scope(name, "is_non_decreasing"):
        x = array_ops.reshape(tensor(x), [-1])
        return math_ops.reduce_all(math_ops.less_equal(x[:-1], x[1:]))


@export("tf.is_strictly_increasing", "tf.debugging.is_strictly_increasing")
def is_strictly_increasing(x, name=None):
    with scope(name, "is_strictly_increasing"):
        x = array_ops.reshape(tensor(x), [-1])
        return math_ops.reduce_all(math_ops.less(x[:-1], x[1:]))
