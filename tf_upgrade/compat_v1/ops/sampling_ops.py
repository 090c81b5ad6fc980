"""`tf.multinomial` / `tf.random.categorical` and `tf.random_crop`.

Like every random op here, samples come from numpy generators seeded by (graph seed, op seed): runs
are reproducible and distributed as TF's, but the numbers are not TF's.
"""
import sys

import numpy as np

from ..dtypes import DType as _DType
from ..graph import constant_value, control_dependencies
from ..namespace import export
from ..shapes import TensorShape
from . import array_ops, math_ops
from . import registry as R
from .common import make, scope, static_ints, tensor
from .control_flow_ops import Assert
from .random_ops import get_seed, random_uniform

_dt = sys.modules[_DType.__module__]  # the dtypes module (the package attribute `dtypes` is tf.dtypes)


def _multinomial_factory(op, session):
    gen = session.random_generator(op)
    np_dtype = op.attrs["output_dtype"].as_numpy_dtype

    def draw(logits, num_samples):
        logits = np.asarray(logits, np.float64)
        shifted = logits - logits.max(axis=1, keepdims=True)
        probs = np.exp(shifted)
        cdf = np.cumsum(probs, axis=1)
        cdf /= cdf[:, -1:]
        u = gen.random((logits.shape[0], int(num_samples)))
        out = np.empty(u.shape, dtype=np_dtype)
        for row in range(logits.shape[0]):
            out[row] = np.minimum(np.searchsorted(cdf[row], u[row], side="right"), logits.shape[1] - 1)
        return out
    return draw


def _multinomial_infer(op):
    logits, num = op.inputs
    n = static_ints(num)
    batch = logits.shape[0].value if logits.shape.ndims else None
    return [(op.attrs["output_dtype"], TensorShape([batch, n[0] if n else None]))]


R.register("Multinomial", kernel_factory=_multinomial_factory, infer=_multinomial_infer, grad=R.NO_GRADIENT,
           stateful=True)


@export("tf.multinomial", "tf.random.multinomial")
def multinomial(logits, num_samples, seed=None, name=None, output_dtype=None):
    """[batch, num_samples] class indices drawn from the unnormalised log-probabilities of each row."""
    with scope(name, "multinomial") as s:
        logits = tensor(logits, name="logits")
        seed1, seed2 = get_seed(seed)
        return make("Multinomial", [logits, tensor(num_samples, dtype=_dt.int32, name="num_samples")],
                    {"seed": seed1 or 0, "seed2": seed2 or 0,
                     "output_dtype": _dt.as_dtype(output_dtype or _dt.int64)}, s)


@export("tf.random.categorical")
def categorical(logits, num_samples, dtype=None, seed=None, name=None):
    return multinomial(logits, num_samples, seed=seed, name=name or "categorical", output_dtype=dtype)


@export("tf.random_crop")
def random_crop(value, size, seed=None, name=None):
    """A random `size` slice of `value` (every offset equally likely), as TF builds it."""
    with scope(name, "random_crop"):
        value = tensor(value, name="value")
        size = tensor(size, dtype=_dt.int32, name="size")
        shape = array_ops.shape(value)
        check = math_ops.reduce_all(math_ops.greater_equal(shape, size))
        assertion = Assert(check, ["Need value.shape >= size, got ", shape, size], summarize=1000)
        with control_dependencies([assertion]):
            limit = shape - size + 1
        offset = math_ops.floormod(random_uniform(array_ops.shape(shape), dtype=_dt.int32, maxval=2 ** 31 - 1,
                                                  seed=seed), limit)
        out = array_ops.slice(value, offset, size)
        static = _static_size(size)
        if static is not None:
            out.set_shape(static)
        return out


def _static_size(size):
    v = constant_value(size)
    return None if v is None else [int(d) for d in np.reshape(v, [-1])]
