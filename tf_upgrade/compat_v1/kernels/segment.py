"""Summing rows by index, the inner loop of sparse matmuls and of gather/scatter gradients.

`np.add.at` does this one element at a time (it was 75% of a GCN epoch); sorting the
indices once and summing each run of equal indices with `np.add.reduceat` works on whole
rows, and `np.bincount` is faster still when each row is one number.
"""
import numpy as np


def segment_sum(data, ids, num_segments):
    """out[k] = sum of data[i] over i with ids[i] == k; data has shape (len(ids),) + row_shape.

    Indices must lie in [0, num_segments). Float data keeps its dtype (summation order differs
    from a sequential scatter only by rounding)."""
    ids = np.asarray(ids).reshape(-1).astype(np.intp, copy=False)
    data = np.asarray(data)
    n = ids.size
    row_shape = data.shape[1:]
    out = np.zeros((num_segments,) + row_shape, dtype=data.dtype)
    if n == 0:
        return out
    if data.dtype.kind not in "f":  # ints, complex, bool: exact scatter
        np.add.at(out, ids, data)
        return out
    if data.size == n:  # one number per row
        sums = np.bincount(ids, weights=data.reshape(-1), minlength=num_segments)
        return sums.astype(data.dtype, copy=False).reshape(out.shape)
    flat = data.reshape(n, -1)
    if n > 1 and np.any(ids[1:] < ids[:-1]):
        order = np.argsort(ids, kind="stable")
        ids = ids[order]
        flat = flat[order]
    starts = np.flatnonzero(np.concatenate(([True], ids[1:] != ids[:-1])))
    out.reshape(num_segments, -1)[ids[starts]] = np.add.reduceat(flat, starts, axis=0)
    return out


def scatter_add_rows(shape, indices, updates):
    """zeros(shape) with `updates` added at rows `indices` (any leading index shape), repeated ones accumulating."""
    idx = np.asarray(indices).reshape(-1)
    rows = np.asarray(updates).reshape((idx.size,) + tuple(shape[1:]))
    return segment_sum(rows, idx, int(shape[0]))
