"""Stacking per-element values into a batch array (string elements go into object arrays)."""
import numpy as np


def stack(values, dtype, is_string):
    """``np.stack`` for numeric values (cast to ``dtype``); an object array for strings."""
    if is_string:
        first = np.asarray(values[0], dtype=object)
        out = np.empty((len(values),) + first.shape, dtype=object)
        for j, v in enumerate(values):
            v = np.asarray(v, dtype=object)
            out[j] = v.item() if v.ndim == 0 else v
        return out
    return np.stack([np.asarray(v) for v in values]).astype(dtype, copy=False)
