"""Ops that call back into Python: tf.py_func and tf.Print."""
import sys

import numpy as np

from .. import dtypes as _dt
from ..namespace import export
from ..shapes import TensorShape
from . import registry as R
from .common import make, make_op, tensor


def _py_func_factory(op, session):
    func, touts = op.attrs["func"], op.attrs["Tout"]

    def call(*args):
        result = func(*args)
        results = list(result) if isinstance(result, (list, tuple)) else [result]
        if len(results) != len(touts):
            raise ValueError("py_func %s returned %d values, Tout lists %d" % (op.name, len(results), len(touts)))
        converted = [np.asarray(r, dtype=t.as_numpy_dtype) if t != _dt.string else np.asarray(r, dtype=object)
                     for r, t in zip(results, touts)]
        return converted[0] if len(converted) == 1 else converted  # single-output kernels return the value
    return call


R.register("PyFunc", kernel_factory=_py_func_factory,
           infer=lambda op: [(t, TensorShape(None)) for t in op.attrs["Tout"]], grad=R.NO_GRADIENT, stateful=True)


@export("tf.py_func")
def py_func(func, inp, Tout, stateful=True, name=None):  # noqa: N803 - TF's argument name
    """Run a python function on numpy values inside the graph (no gradient, like TF)."""
    single = not isinstance(Tout, (list, tuple))
    touts = [_dt.as_dtype(t) for t in ([Tout] if single else Tout)]
    outputs = make_op("PyFunc", [tensor(x) for x in inp], {"func": func, "Tout": touts}, name or "PyFunc").outputs
    return outputs[0] if single else list(outputs)


def _print_factory(op, session):
    message, first_n, summarize = op.attrs["message"], op.attrs["first_n"], op.attrs["summarize"]
    count = [0]

    def show(x, *data):
        count[0] += 1
        if first_n is None or first_n < 0 or count[0] <= first_n:
            parts = [np.array2string(np.asarray(d).reshape(-1)[:summarize], separator=" ") for d in data]
            print(message + "".join(parts), file=sys.stderr)
        return x
    return show


R.register("Print", kernel_factory=_print_factory, infer=R.same_as_input, grad=lambda op, g: [g] + [None] * (
    len(op.inputs) - 1), stateful=True)


@export("tf.Print")
def Print(input_, data, message=None, first_n=None, summarize=None, name=None):  # noqa: N802 - TF's name
    """Identity on `input_` that prints `data` to stderr whenever it runs."""
    attrs = {"message": message or "", "first_n": first_n, "summarize": summarize or 3}
    return make("Print", [tensor(input_)] + [tensor(d) for d in data], attrs, name or "Print")
