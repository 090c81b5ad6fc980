"""The one table of op types: op type -> OpDef(kernel, output inference, gradient).

Adding an op (in any module) takes one `register` call::

    register("Relu",
             kernel=lambda x: np.maximum(x, 0),        # numpy forward: inputs (+ op.attrs as kwargs)
             infer=same_as_input,                       # -> [(dtype, shape)] for each output
             grad=lambda op, g: [relu_grad(g, op.outputs[0])])  # -> one gradient (or None) per input

Kernels that need the session (variables, random state, re-entrant runs) pass
`kernel_factory(op, session) -> callable(*input_values)` instead of `kernel`.
"""
import sys

from .. import dtypes as _dt
from ..shapes import TensorShape

__all__ = ["OpDef", "register", "register_gradient", "not_differentiable", "get", "same_as_input",
           "fixed", "REGISTRY"]


class OpDef:
    """How to infer, run and differentiate one op type."""

    __slots__ = ("type", "kernel", "kernel_factory", "infer", "grad", "stateful", "module", "list_outputs")

    def __init__(self, op_type, kernel, kernel_factory, infer, grad, stateful, module, list_outputs=False):
        self.type = op_type
        # The kernel returns a list (one value per output) however many outputs an op of this type has.
        # The session stores a one-output op's result as the value itself, so such ops get unwrapped.
        self.list_outputs = list_outputs
        self.module = module  # the module that registered the op (for tests and error reports)
        self.kernel = kernel
        self.kernel_factory = kernel_factory
        self.infer = infer
        self.grad = grad
        self.stateful = stateful

    def make_kernel(self, op, session):
        """The callable the session runs for `op`: factory result, or kernel with attrs bound; for a
        `list_outputs` type with one output, the callable returns that output's value (not a 1-list)."""
        kernel = self._bound_kernel(op, session)
        if self.list_outputs and len(op.outputs) == 1:
            return lambda *inputs: kernel(*inputs)[0]
        return kernel

    def _bound_kernel(self, op, session):
        if self.kernel_factory is not None:
            return self.kernel_factory(op, session)
        attrs = op.attrs
        if not attrs:
            return self.kernel
        kernel = self.kernel
        return lambda *inputs: kernel(*inputs, **attrs)


REGISTRY = {}
# Marker for ops whose gradient is defined to be zero/None (TF's NotDifferentiable).
NO_GRADIENT = object()


def register(op_type, kernel=None, infer=None, grad=None, kernel_factory=None, stateful=False, list_outputs=False):
    """Register (or replace) an op type. `infer(op)` returns a list of (DType, TensorShape).

    `list_outputs=True`: the kernel always returns a list with one value per output (ops whose output
    count depends on their arguments, like Split); otherwise a one-output kernel returns the value itself."""
    if (kernel is None) == (kernel_factory is None):
        raise ValueError("op %s needs exactly one of kernel / kernel_factory" % op_type)
    if infer is None:
        raise ValueError("op %s needs an infer function" % op_type)
    module = sys._getframe(1).f_globals.get("__name__", "?")
    REGISTRY[op_type] = OpDef(op_type, kernel, kernel_factory, infer, grad, stateful, module, list_outputs)
    return REGISTRY[op_type]


def register_gradient(op_type):
    """Decorator: set the gradient function `fn(op, *output_grads) -> [grad per input]`."""
    def decorate(fn):
        REGISTRY[op_type].grad = fn
        return fn
    return decorate


def not_differentiable(*op_types):
    for t in op_types:
        REGISTRY[t].grad = NO_GRADIENT


def get(op_type):
    try:
        return REGISTRY[op_type]
    except KeyError:
        raise LookupError("Op type %r is not registered in the numpy runtime" % op_type) from None


# ---- common inference helpers ----

def same_as_input(op):
    """One output with the first input's dtype and shape."""
    t = op.inputs[0]
    return [(t.dtype, t._shape)]


def fixed(dtype, shape=None):
    """Inference for an op with a single output of a known dtype (and shape, default unknown)."""
    out = [(_dt.as_dtype(dtype), TensorShape(shape))]
    return lambda op: out
