import zlib

import numpy as np


def det(shape, seed=0, scale=0.5):
    """A deterministic, non-degenerate array (no RNG involved)."""
    n = int(np.prod(shape)) if len(shape) else 1
    v = np.sin(np.arange(n, dtype=np.float64) * 0.7318 + seed * 1.37 + 0.1) * scale
    return v.reshape(shape).astype(np.float32)


def load_deterministic(tf, sess, variables=None):
    """Give every variable a value derived from its name (works the same in TF and the shim)."""
    for v in (variables if variables is not None else tf.global_variables()):
        shape = v.get_shape().as_list()
        dtype = v.dtype.base_dtype
        if not dtype.is_floating:
            continue
        seed = zlib.crc32(v.op.name.encode()) % 1000
        val = det(shape, seed, scale=0.4)
        if "moving_variance" in v.op.name or "gamma" in v.op.name:
            val = 1.0 + 0.5 * val
        v.load(val.astype(dtype.as_numpy_dtype), sess)


def tolist(x):
    if isinstance(x, dict):
        return {k: tolist(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return [tolist(v) for v in x]
    if isinstance(x, bytes):
        return x.decode("utf-8", "replace")
    if isinstance(x, np.ndarray):
        if x.dtype.kind in "SO":
            return [tolist(v) for v in x.tolist()]
        return x.tolist()
    if isinstance(x, np.generic):
        return x.item()
    return x
