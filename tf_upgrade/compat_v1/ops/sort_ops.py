"""`tf.sort` / `tf.argsort`, built as TensorFlow builds them: `top_k` over the whole (last) axis, on the
negated values for ASCENDING, with the sorted axis moved last and back. Ties keep their input order
(top_k is stable), and the gradient is top_k's."""
from ..namespace import export
from . import array_ops, math_ops
from .common import scope, tensor
from .indexing_ops import top_k


def _along_last(x, axis, fn):
    """Apply fn (last-axis op) along `axis` of x by moving that axis last and back."""
    ndims = x.shape.ndims
    if ndims is None:
        raise ValueError("tf.sort needs a tensor of known rank")
    axis = axis + ndims if axis < 0 else axis
    if axis == ndims - 1:
        return fn(x)
    perm = list(range(ndims))
    perm[axis], perm[-1] = perm[-1], perm[axis]
    return array_ops.transpose(fn(array_ops.transpose(x, perm)), perm)


def _sorted_last(x, direction, want_indices):
    if direction not in ("ASCENDING", "DESCENDING"):
        raise ValueError('direction should be one of "ASCENDING", "DESCENDING" (got %r)' % (direction,))
    n = x.shape[-1].value if x.shape[-1].value is not None else array_ops.shape(x)[-1]
    key = math_ops.negative(x) if direction == "ASCENDING" else x
    values, indices = top_k(key, n)
    if want_indices:
        return indices
    return math_ops.negative(values) if direction == "ASCENDING" else values


@export("tf.sort")
def sort(values, axis=-1, direction="ASCENDING", name=None):
    with scope(name, "sort"):
        x = tensor(values)
        return _along_last(x, int(axis), lambda t: _sorted_last(t, direction, False))


@export("tf.argsort")
def argsort(values, axis=-1, direction="ASCENDING", stable=False, name=None):
    with scope(name, "argsort"):
        x = tensor(values)
        return _along_last(x, int(axis), lambda t: _sorted_last(t, direction, True))
