"""`tf.reverse` (ReverseV2) and `tf.reverse_sequence` (ReverseSequence), with their gradients."""
import numpy as np

from .. import dtypes as _dt
from ..graph import constant_value, convert_to_tensor, get_default_graph
from ..namespace import export
from . import registry as R


def _reverse_kernel(x, axes):
    return np.flip(x, axis=tuple(int(a) for a in np.reshape(axes, [-1]))).copy()


R.register("ReverseV2", kernel=_reverse_kernel,
           infer=lambda op: [(op.inputs[0].dtype, op.inputs[0]._shape)],
           grad=lambda op, g: [reverse(g, op.inputs[1]), None])


def _bool_mask(axis):
    """TF 0.x's `dims`: one bool per dimension (a list of Python/numpy bools, a bool array or bool tensor)."""
    if isinstance(axis, (list, tuple)):
        return bool(axis) and all(isinstance(a, (bool, np.bool_)) for a in axis)
    return getattr(axis, "dtype", None) in (np.bool_, _dt.bool)


@export("tf.reverse", "tf.reverse_v2")
def reverse(tensor, axis=None, name=None, dims=None):
    """TF 1.x's reverse(tensor, axis) with the indices of the axes; TF 0.x's reverse(tensor, dims) with a
    bool per dimension where the argument is one (TF 1.x rejects bool axes) or passed as dims=."""
    if dims is not None:
        axis = dims
    if axis is None:
        raise TypeError("reverse() missing 1 required positional argument: 'axis'")
    g = get_default_graph()
    t = convert_to_tensor(tensor)
    if _bool_mask(axis):
        mask = convert_to_tensor(axis, dtype=_dt.bool)
        n = mask._shape.as_list()[0] if mask._shape.ndims == 1 else None
        if n is not None and t._shape.ndims is not None and n != t._shape.ndims:
            raise ValueError("'dims' must have the same number of elements as the rank of 'tensor' (%d vs %d)"
                             % (n, t._shape.ndims))
        static = constant_value(mask)
        if static is not None:
            axis = np.array([i for i, flag in enumerate(np.reshape(static, [-1])) if flag], np.int32)
        else:
            axis = g.create_op("Where", [mask], {}, name="dims_to_axes").outputs[0]
    axes = convert_to_tensor(axis if not isinstance(axis, int) else [axis])
    return g.create_op("ReverseV2", [t, axes], {}, name=name or "ReverseV2").outputs[0]


reverse_v2 = reverse


def _reverse_sequence_kernel(x, lengths, seq_axis, batch_axis):
    out = np.array(x, copy=True)
    for b, n in enumerate(np.asarray(lengths).reshape(-1)):
        idx = [slice(None)] * x.ndim
        idx[batch_axis] = b
        idx[seq_axis] = slice(0, int(n))
        src = x[tuple(idx)]
        out[tuple(idx)] = np.flip(src, axis=seq_axis - (1 if batch_axis < seq_axis else 0))
    return out


R.register("ReverseSequence", kernel=_reverse_sequence_kernel,
           infer=lambda op: [(op.inputs[0].dtype, op.inputs[0]._shape)],
           grad=lambda op, g: [reverse_sequence(g, op.inputs[1], op.attrs["seq_axis"], op.attrs["batch_axis"]),
                               None])


@export("tf.reverse_sequence")
def reverse_sequence(input, seq_lengths, seq_axis=None, batch_axis=None, name=None, seq_dim=None,  # noqa: A002
                     batch_dim=None):
    seq_axis = seq_axis if seq_axis is not None else seq_dim
    batch_axis = batch_axis if batch_axis is not None else (batch_dim if batch_dim is not None else 0)
    g = get_default_graph()
    x = convert_to_tensor(input)
    return g.create_op("ReverseSequence", [x, convert_to_tensor(seq_lengths)],
                       {"seq_axis": int(seq_axis), "batch_axis": int(batch_axis)},
                       name=name or "ReverseSequence").outputs[0]
