"""NoOp, group, tuple and assertion helpers."""
import numpy as np

from .. import errors
from ..graph import Operation, Tensor, get_default_graph
from ..namespace import export, export_value
from . import array_ops, math_ops
from . import registry as R
from .common import make_op, scope, tensor

R.register("NoOp", kernel=lambda: (), infer=lambda op: [], grad=R.NO_GRADIENT)


@export("tf.no_op")
def no_op(name=None):
    return make_op("NoOp", [], None, name)


def _ops_of(inputs):
    out = []
    for x in inputs:
        if x is None:
            continue
        if hasattr(x, "_as_graph_element") and not isinstance(x, (Tensor, Operation)):
            x = x._as_graph_element()
        if isinstance(x, (list, tuple)):
            out.extend(_ops_of(x))
        else:
            out.append(x.op if isinstance(x, Tensor) else x)
    return out


@export("tf.group")
def group(*inputs, **kwargs):
    """A NoOp that runs after all `inputs` (tensors, ops or nested lists of them)."""
    name = kwargs.pop("name", None)
    if kwargs:
        raise TypeError("Unknown keyword arguments: " + ", ".join(kwargs))
    deps = _ops_of(inputs)
    g = get_default_graph()
    with g.control_dependencies(deps):
        return no_op(name=name or "group_deps")


@export("tf.tuple")
def tuple_(tensors, name=None, control_inputs=None):
    """`tf.tuple`: the tensors, each available only after all of them are computed."""
    with scope(name, "tuple"):
        gate = group(*[t for t in tensors if t is not None], *(control_inputs or []))
        with get_default_graph().control_dependencies([gate]):
            return [None if t is None else array_ops.identity(t) for t in tensors]


def with_dependencies(dependencies, output_tensor, name=None):
    with get_default_graph().control_dependencies(dependencies):
        return array_ops.identity(output_tensor, name=name)


def _assert_kernel(op, session):
    summarize = op.attrs.get("summarize", 3)
    message = op.attrs.get("message", "")

    def check(cond, *data):
        if not np.all(cond):
            shown = ", ".join(np.array2string(np.asarray(d).reshape(-1)[:summarize]) for d in data)
            raise errors.InvalidArgumentError(None, op, "assertion failed: %s %s" % (message, shown))
        return ()
    return check


R.register("Assert", kernel_factory=_assert_kernel, infer=lambda op: [], grad=R.NO_GRADIENT, stateful=True)


@export("tf.Assert")
def Assert(condition, data, summarize=None, name=None):  # noqa: N802 - TF's public name
    return make_op("Assert", [tensor(condition)] + [tensor(d) for d in data],
                   {"summarize": summarize or 3}, name or "Assert")


def _assert_binary(fn, what):
    def assertion(x, y, data=None, summarize=None, message=None, name=None):
        with scope(name, what):
            cond = math_ops.reduce_all(fn(x, y))
            return make_op("Assert", [cond] + [tensor(d) for d in (data or [x, y])],
                           {"summarize": summarize or 3, "message": message or ""})
    assertion.__name__ = what
    return assertion


assert_equal = _assert_binary(math_ops.equal, "assert_equal")
export_value(assert_equal, "tf.assert_equal", "tf.debugging.assert_equal")
assert_less = _assert_binary(math_ops.less, "assert_less")
export_value(assert_less, "tf.assert_less", "tf.debugging.assert_less")
assert_greater = _assert_binary(math_ops.greater, "assert_greater")
export_value(assert_greater, "tf.assert_greater", "tf.debugging.assert_greater")
