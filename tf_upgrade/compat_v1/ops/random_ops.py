"""Random ops. Seeds follow TF1's (graph seed, op seed) rules; the bitstreams are numpy's, not TF's."""
import numpy as np

from .. import dtypes as _dt
from ..graph import get_default_graph, shape_from_tensor
from ..namespace import export
from . import registry as R
from .common import int_tensor, make, scope, tensor

DEFAULT_GRAPH_SEED = 87654321


@export("tf.set_random_seed", "tf.random.set_random_seed")
def set_random_seed(seed):
    get_default_graph().seed = seed


def get_seed(op_seed):
    """TF1's rule: graph seed set -> op seed defaults to the op count; only op seed -> default graph seed."""
    g = get_default_graph()
    if g.seed is not None:
        return g.seed, (op_seed if op_seed is not None else len(g._ops))
    if op_seed is not None:
        return DEFAULT_GRAPH_SEED, op_seed
    return None, None


def _truncated(gen, shape, dtype):
    out = gen.standard_normal(shape)
    bad = np.abs(out) > 2
    while bad.any():
        out[bad] = gen.standard_normal(int(bad.sum()))
        bad = np.abs(out) > 2
    return out.astype(dtype)


def _sampler(draw):
    def factory(op, session):
        gen = session.random_generator(op)
        np_dtype = op.attrs["dtype"].as_numpy_dtype
        return lambda shape, *args: draw(gen, tuple(int(d) for d in shape), np_dtype, *args)
    return factory


def _random_infer(op):
    return [(op.attrs["dtype"], shape_from_tensor(op.inputs[0]))]


R.register("RandomStandardNormal", kernel_factory=_sampler(lambda g, s, d: g.standard_normal(s).astype(d)),
           infer=_random_infer, grad=R.NO_GRADIENT, stateful=True)
R.register("RandomUniform", kernel_factory=_sampler(lambda g, s, d: g.random(s).astype(d)),
           infer=_random_infer, grad=R.NO_GRADIENT, stateful=True)
R.register("TruncatedNormal", kernel_factory=_sampler(_truncated), infer=_random_infer, grad=R.NO_GRADIENT,
           stateful=True)
R.register("RandomUniformInt", kernel_factory=_sampler(lambda g, s, d, lo, hi: g.integers(lo, hi, s).astype(d)),
           infer=_random_infer, grad=R.NO_GRADIENT, stateful=True)


def _shuffle_factory(op, session):
    gen = session.random_generator(op)
    return lambda x: gen.permutation(x) if np.ndim(x) else x


R.register("RandomShuffle", kernel_factory=_shuffle_factory, infer=R.same_as_input, grad=R.NO_GRADIENT,
           stateful=True)


def _random(op_type, shape, dtype, seed, extra=()):
    seed1, seed2 = get_seed(seed)
    attrs = {"dtype": _dt.as_dtype(dtype), "seed": seed1 or 0, "seed2": seed2 or 0}
    return make(op_type, [int_tensor(shape, "shape")] + list(extra), attrs)


def _scaled(op_type, default_name, shape, mean, stddev, dtype, seed, name):
    """mean + stddev * (standard sample), named like TF's wrappers ('random_normal/mul' ...)."""
    with scope(name, default_name) as s:
        dtype = _dt.as_dtype(dtype)
        mean_t = tensor(mean, dtype=dtype, name="mean")
        std_t = tensor(stddev, dtype=dtype, name="stddev")
        rnd = _random(op_type, shape, dtype, seed)
        return make("AddV2", [make("Mul", [rnd, std_t], None, "mul"), mean_t], None, s)


@export("tf.random_normal", "tf.random.normal")
def random_normal(shape, mean=0.0, stddev=1.0, dtype=_dt.float32, seed=None, name=None):
    return _scaled("RandomStandardNormal", "random_normal", shape, mean, stddev, dtype, seed, name)


@export("tf.truncated_normal", "tf.random.truncated_normal")
def truncated_normal(shape, mean=0.0, stddev=1.0, dtype=_dt.float32, seed=None, name=None):
    """Normal samples redrawn until within two standard deviations."""
    return _scaled("TruncatedNormal", "truncated_normal", shape, mean, stddev, dtype, seed, name)


@export("tf.random_uniform", "tf.random.uniform")
def random_uniform(shape, minval=0, maxval=None, dtype=_dt.float32, seed=None, name=None):
    dtype = _dt.as_dtype(dtype)
    with scope(name, "random_uniform") as s:
        if dtype.is_integer:
            if maxval is None:
                raise ValueError("Must specify maxval for integer dtype %r" % dtype)
            return _uniform_int(shape, minval, maxval, dtype, seed, s)
        lo = tensor(minval, dtype=dtype, name="min")
        hi = tensor(1 if maxval is None else maxval, dtype=dtype, name="max")
        rnd = _random("RandomUniform", shape, dtype, seed)
        rng = make("Sub", [hi, lo], None, "sub")
        return make("AddV2", [make("Mul", [rnd, rng], None, "mul"), lo], None, s)


def _uniform_int(shape, minval, maxval, dtype, seed, name):
    lo = tensor(minval, dtype=dtype, name="min")
    hi = tensor(maxval, dtype=dtype, name="max")
    seed1, seed2 = get_seed(seed)
    return make("RandomUniformInt", [int_tensor(shape, "shape"), lo, hi],
                {"dtype": dtype, "seed": seed1 or 0, "seed2": seed2 or 0}, name)


@export("tf.random_shuffle", "tf.random.shuffle")
def random_shuffle(value, seed=None, name=None):
    seed1, seed2 = get_seed(seed)
    return make("RandomShuffle", [tensor(value)], {"seed": seed1 or 0, "seed2": seed2 or 0}, name)
