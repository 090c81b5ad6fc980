"""Elementwise steps that write into an input nobody needs any more, instead of a new array.

A BERT forward pass makes ~250 activations of 3-12 MB that are each read once or twice;
allocating a fresh array for every `x + b`, `0.5 * x`, `tanh(x)` costs about as much as
the arithmetic itself (new pages, cold caches). `donate(steps, fetch_slots)` looks at a
session plan and lets a step overwrite an input value when nothing can observe it:

* the value is not fetched, and this step is its last use in the plan;
* it was made by an op in `FRESH` (its kernel always returns a new array that nothing else
  keeps), so it is not a feed, a constant, a variable's storage or a view of any of them;
* every op that reads it is also in `FRESH`, so no other value is a view of it and no
  state (a variable, a queue) holds it.

The donating kernel then checks the actual arrays (an ndarray, writeable, large enough to
matter, of the output's dtype and already of the output's shape) and otherwise runs the
op's ordinary kernel. Numbers are the ordinary kernel's exactly: the same ufuncs in the
same order, only with `out=`.
"""
import numpy as np

MIN_SIZE = 1 << 14  # below this, the checks cost more than the allocation they save

_BINARY = {"AddV2": np.add, "Add": np.add, "Sub": np.subtract, "Mul": np.multiply, "RealDiv": np.true_divide,
           "Maximum": np.maximum, "Minimum": np.minimum}


def _rsqrt(x, out):
    np.sqrt(x, out=out)
    return np.true_divide(1, out, out=out)


def _relu(x, out):
    return np.maximum(x, 0, out=out, dtype=x.dtype)


_UNARY = {"Neg": np.negative, "Square": np.square, "Sqrt": np.sqrt, "Exp": np.exp, "Log": np.log,
          "Tanh": np.tanh, "Abs": np.abs, "Reciprocal": np.reciprocal, "Rsqrt": _rsqrt, "Relu": _relu}

FRESH = frozenset(_BINARY) | frozenset(_UNARY) | {
    "BiasAdd", "Pow", "SquaredDifference", "Sigmoid", "Softmax", "LogSoftmax", "MatMul", "BatchMatMulV2",
    "ReluGrad", "TanhGrad", "SigmoidGrad"}


def _donor(x, dtype):
    return x.__class__ is np.ndarray and x.size >= MIN_SIZE and x.dtype == dtype and x.flags.writeable


def _binary(fn, index, kernel, dtype):
    def run(x, y):
        d, other = (x, y) if index == 0 else (y, x)
        if _donor(d, dtype) and other.__class__ is np.ndarray and other.dtype == dtype and (
                other.shape == d.shape or np.broadcast_shapes(d.shape, other.shape) == d.shape):
            return fn(x, y, out=d)
        return kernel(x, y)
    return run


def _unary(fn, kernel, dtype):
    def run(x):
        return fn(x, out=x) if _donor(x, dtype) else kernel(x)
    return run


def _bias_add(kernel, dtype, nchw):
    def run(x, b):
        if (not nchw and _donor(x, dtype) and b.__class__ is np.ndarray and b.dtype == dtype and b.ndim == 1
                and x.shape[-1] == b.shape[0]):
            return np.add(x, b, out=x)
        return kernel(x, b)
    return run


def _cube(kernel, dtype):
    def run(x, y):
        if _donor(x, dtype) and y.__class__ is np.ndarray and y.ndim == 0 and y.dtype == dtype and float(y) == 3.0:
            square = x * x
            return np.multiply(square, x, out=x)  # (x * x) * x, as the ordinary kernel computes it
        return kernel(x, y)
    return run


def _softmax(kernel, dtype):
    def run(x):
        if not (_donor(x, dtype) and x.ndim >= 1 and x.dtype.kind == "f"):
            return kernel(x)
        np.subtract(x, np.max(x, axis=-1, keepdims=True), out=x)
        np.exp(x, out=x)
        return np.true_divide(x, np.sum(x, axis=-1, keepdims=True), out=x)
    return run


def _donating_kernel(op, index, kernel):
    t = op.type
    dtype = np.dtype(op.outputs[0].dtype.as_numpy_dtype)
    if dtype.kind not in "fc":
        return None
    if t in _BINARY:
        return _binary(_BINARY[t], index, kernel, dtype)
    if t in _UNARY:
        return _unary(_UNARY[t], kernel, dtype)
    if t == "BiasAdd" and index == 0:
        return _bias_add(kernel, dtype, op.attrs.get("data_format") == "NCHW")
    if t == "Pow" and index == 0:
        return _cube(kernel, dtype)
    if t == "Softmax":
        return _softmax(kernel, dtype)
    return None


def donate(steps, fetch_slots):
    """`steps` ([(kernel, input slots, output slot(s), op)], a session plan) with donating kernels where
    an input value may be overwritten (see the module docstring)."""
    producer, last_use, readers_fresh = {}, {}, {}
    for i, (_k, ins, out, op) in enumerate(steps):
        if out.__class__ is int:
            producer[out] = op.type
        for s in ins:
            last_use[s] = i
            readers_fresh[s] = readers_fresh.get(s, True) and op.type in FRESH
    kept = set(fetch_slots)
    result = []
    for i, step in enumerate(steps):
        kernel, ins, out, op = step
        if out.__class__ is int and op.type in FRESH:
            for index, s in enumerate(ins):
                if last_use[s] == i and s not in kept and producer.get(s) in FRESH and readers_fresh[s]:
                    donating = _donating_kernel(op, index, kernel)
                    if donating is not None:
                        step = (donating, ins, out, op)
                        break
        result.append(step)
    return result
