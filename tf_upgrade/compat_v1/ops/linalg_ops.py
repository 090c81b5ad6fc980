"""`tf.tensordot` (`tf.linalg.tensordot`): transposes and reshapes around one matmul, as TensorFlow builds it."""
import numpy as np

from ..graph import convert_to_tensor, get_default_graph
from ..namespace import export
from . import array_ops, math_ops


@export("tf.tensordot")
def tensordot(a, b, axes, name=None):
    with get_default_graph().name_scope(name or "Tensordot"):
        a = convert_to_tensor(a)
        b = convert_to_tensor(b, dtype=a.dtype)
        ra, rb = a.get_shape().ndims, b.get_shape().ndims
        if ra is None or rb is None:
            raise ValueError("tensordot needs inputs of known rank in the numpy runtime")
        if isinstance(axes, int):
            a_axes = list(range(ra - axes, ra))
            b_axes = list(range(axes))
        else:
            a_axes, b_axes = [list(np.atleast_1d(x)) for x in axes]
        a_axes = [x % ra for x in a_axes]
        b_axes = [x % rb for x in b_axes]
        a_free = [i for i in range(ra) if i not in a_axes]
        b_free = [i for i in range(rb) if i not in b_axes]
        sa = a.get_shape().as_list()
        sb = b.get_shape().as_list()
        dyn_a, dyn_b = array_ops.shape(a), array_ops.shape(b)

        def prod(shape, dyn, idx):
            if all(shape[i] is not None for i in idx):
                return int(np.prod([shape[i] for i in idx], dtype=np.int64))
            return math_ops.reduce_prod(array_ops.gather(dyn, idx)) if idx else 1

        at = a if a_free + a_axes == list(range(ra)) else array_ops.transpose(a, a_free + a_axes)
        bt = b if b_axes + b_free == list(range(rb)) else array_ops.transpose(b, b_axes + b_free)
        am = array_ops.reshape(at, array_ops.stack([prod(sa, dyn_a, a_free), prod(sa, dyn_a, a_axes)])
                        if any(sa[i] is None for i in range(ra)) else
                        [prod(sa, dyn_a, a_free), prod(sa, dyn_a, a_axes)])
        bm = array_ops.reshape(bt, [prod(sb, dyn_b, b_axes), prod(sb, dyn_b, b_free)]
                        if all(d is not None for d in sb) else array_ops.stack([prod(sb, dyn_b, b_axes),
                                                                          prod(sb, dyn_b, b_free)]))
        out = math_ops.matmul(am, bm)
        free_static = [sa[i] for i in a_free] + [sb[i] for i in b_free]
        if all(d is not None for d in free_static):
            return array_ops.reshape(out, free_static)
        parts = [array_ops.gather(dyn_a, a_free) if a_free else None,
                 array_ops.gather(dyn_b, b_free) if b_free else None]
        res = array_ops.reshape(out, array_ops.concat([p for p in parts if p is not None], 0))
        res.set_shape(free_static)
        return res
