"""Sparse (COO) x dense matrix products, summed in the order TensorFlow's CPU kernel sums them.

TF adds each entry's product into its output row, entry after entry, in the output's dtype.
Summing each row's run with `np.add.reduceat` is both slower (one short inner loop per
entry) and not sequential (numpy unrolls the adds). Instead a plan, made once per index
array, lays the entries' products out *step by step*: first the first entry of every row
(rows ordered by their number of entries, longest first), then the second entry of every
row that has two, and so on. Step j then touches a prefix of the running sums:

    acc = P[0:a0];  acc[:a1] += P[a0:a0 + a1];  acc[:a2] += ...

one vectorised add per step, sequential within each row as in TF. Rows much longer than
most (a hub node of a graph) would make many tiny steps: after `_SEQUENTIAL_STEPS` steps,
once a step would cover fewer than `_MIN_STEP_VALUES` numbers, what remains of those rows is
summed by `np.add.reduceat` and added at the end (equal to TF's up to rounding).

The plan's layout is a permutation of the entries, folded into the one `np.take` that reads
the dense operand's rows, so the products are written once, already in place. Making a plan
needs the entries' positions within their rows: for entries not in row order (the adjoint
products of a backward pass), a stable sort by row, done as a radix sort on uint16 keys
when there are fewer than 2**16 rows.
"""
import numpy as np

_RADIX_MAX = 1 << 16
_SEQUENTIAL_STEPS = 64  # rows up to this long are always summed sequentially
_MIN_STEP_VALUES = 512  # beyond it, only while a step still adds this many numbers


def stable_order(keys, bound):
    """argsort(keys, kind="stable") for non-negative integer keys below `bound`."""
    if bound <= _RADIX_MAX:
        keys = keys.astype(np.uint16)
    return np.argsort(keys, kind="stable")


class RowPlan:
    """The step-by-step layout of one indices array's entries (see the module docstring)."""

    __slots__ = ("source", "copy", "n_rows", "perm", "cols", "steps", "out_rows", "tail")

    def __init__(self, indices, adjoint, n_rows, n_inner, width=1):
        idx = np.asarray(indices)
        rows = np.ascontiguousarray(idx[:, 1 if adjoint else 0], dtype=np.intp)
        cols = np.ascontiguousarray(idx[:, 0 if adjoint else 1], dtype=np.intp)
        n = len(rows)
        if n and (cols.max() >= n_inner or rows.max() >= n_rows or min(cols.min(), rows.min()) < 0):
            raise ValueError("sparse index out of bounds of the dense shape %s"
                             % ([n_inner, n_rows] if adjoint else [n_rows, n_inner]))
        self.source, self.copy, self.n_rows = idx, idx.copy(), n_rows
        order = None
        if n > 1 and np.any(rows[1:] < rows[:-1]):
            order = stable_order(rows, n_rows)
            rows = np.take(rows, order)
        counts = np.bincount(rows, minlength=n_rows)
        filled = np.flatnonzero(counts)
        run_counts = counts[filled]
        longest = int(run_counts.max()) if n else 0
        by_length = stable_order(longest - run_counts, longest + 1)  # longest rows first, ties in row order
        self.out_rows = filled[by_length]
        rank = np.empty(n_rows, np.intp)
        rank[self.out_rows] = np.arange(len(filled))
        # active[j]: rows with more than j entries (a prefix of the ranks)
        active = np.cumsum(np.bincount(run_counts, minlength=longest + 1)[::-1])[::-1][1:]
        n_steps = 1
        while n_steps < longest and (n_steps < _SEQUENTIAL_STEPS or active[n_steps] * width >= _MIN_STEP_VALUES):
            n_steps += 1
        offsets = np.concatenate(([0], np.cumsum(active[:n_steps])))
        self.steps = [(int(a), int(o)) for a, o in zip(active[:n_steps], offsets[:-1])]
        # position of each (row-ordered) entry within its row, and where the layout puts it
        run_starts = np.cumsum(run_counts) - run_counts
        pos = np.arange(n) - np.repeat(run_starts, run_counts)
        entry_rank = np.take(rank, rows)
        dest = np.take(offsets, np.minimum(pos, n_steps)) + entry_rank
        self.tail = None
        if n_steps < longest:  # the rest of the long rows, row after row, after the steps
            n_long = int(active[n_steps])
            rest = run_counts[by_length[:n_long]] - n_steps
            rest_starts = np.cumsum(rest) - rest
            in_tail = pos >= n_steps
            dest[in_tail] = offsets[-1] + np.take(rest_starts, entry_rank[in_tail]) + pos[in_tail] - n_steps
            self.tail = (int(offsets[-1]), n_long, rest_starts)
        perm = np.empty(n, np.intp)
        perm[dest] = np.arange(n) if order is None else order
        self.perm = perm
        self.cols = np.take(cols, perm)

    def still_valid_for(self, indices, n_entries):
        """Programs feed the same index arrays every step; a comparison is cheaper than a new plan."""
        return indices is self.source and len(self.copy) == n_entries and np.array_equal(indices, self.copy)


def matmul(plan, values, columns, out_dtype):
    """out[r] = sum of values[i] * columns[cols[i]] over the entries i of row r; columns is (n_inner, k)."""
    products = np.take(columns, plan.cols, axis=0)
    if products.dtype != out_dtype:
        products = products.astype(out_dtype)
    products *= np.take(values, plan.perm)[:, None]
    first, _ = plan.steps[0]
    sums = products[:first]  # a view: products is ours, and step 0 is never read again
    for active, offset in plan.steps[1:]:
        sums[:active] += products[offset:offset + active]
    if plan.tail is not None:
        start, n_long, rest_starts = plan.tail
        sums[:n_long] += np.add.reduceat(products[start:], rest_starts, axis=0)
    out = np.zeros((plan.n_rows, columns.shape[1]), dtype=out_dtype)
    out[plan.out_rows] = sums
    return out
