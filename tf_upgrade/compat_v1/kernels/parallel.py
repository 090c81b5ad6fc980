"""Large matrix products split across the cores by the runtime itself, with one BLAS thread each.

OpenBLAS's own threads spin while they wait for each other: on cores other processes keep
busy, a descheduled thread stalls the rest and two BLAS threads ran a BERT forward pass
8x slower than one (`blas_threads.py`). Splitting a product's rows into one block per core
and running the blocks on plain Python threads (numpy releases the GIL inside BLAS) uses
every core that is free, and a thread that is not scheduled costs nobody else anything:
the others finish their blocks and sleep in `Future.result()`.

Each block is an ordinary single-threaded BLAS product of some rows of the left operand
with the whole right operand (or of some matrices of a stack). `ways()` is the number of blocks: the usable cores while `blas_threads`
holds BLAS at one thread, else 1 (the user chose BLAS threads, or the BLAS is not one we
can steer).
"""
import concurrent.futures
import os

import numpy as np

MIN_FLOPS = 1 << 24  # below ~16 MFLOP (~0.2 ms) handing work to another thread costs more than it saves

_state = {"ways": 1, "pool": None}


def set_ways(n):
    _state["ways"] = max(1, int(n))


def ways():
    return _state["ways"]


def usable_cores():
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def _pool(n):
    pool = _state["pool"]
    if pool is None or pool._max_workers < n:
        pool = _state["pool"] = concurrent.futures.ThreadPoolExecutor(n, thread_name_prefix="compat_v1-matmul")
    return pool


def matmul(a, b):
    """np.matmul(a, b), computed in `ways()` blocks when it is large enough: blocks of rows for two
    matrices, blocks of the leading dimension for two stacks of the same batch shape."""
    n = _state["ways"]
    if n < 2 or a.ndim != b.ndim or a.ndim < 2 or a.dtype.kind not in "fc" or b.dtype.kind not in "fc":
        return np.matmul(a, b)
    if a.ndim > 2 and a.shape[:-2] != b.shape[:-2]:
        return np.matmul(a, b)
    m, k, cols = a.shape[-2], a.shape[-1], b.shape[-1]
    if 2 * m * k * cols * int(np.prod(a.shape[:-2])) < MIN_FLOPS:
        return np.matmul(a, b)
    size = a.shape[0]
    n = min(n, size)
    if n < 2:
        return np.matmul(a, b)
    out = np.empty(a.shape[:-1] + (cols,), dtype=np.result_type(a, b))
    bounds = [size * i // n for i in range(n + 1)]
    stacked = a.ndim > 2

    def block(i):
        rows = slice(bounds[i], bounds[i + 1])
        np.matmul(a[rows], b[rows] if stacked else b, out=out[rows])

    futures = [_pool(n - 1).submit(block, i) for i in range(1, n)]
    block(0)
    for f in futures:
        f.result()
    return out
