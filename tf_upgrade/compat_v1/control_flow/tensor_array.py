"""``tf.TensorArray`` as a value: a dense buffer tensor of shape ``[size] + element_shape``.

``write`` returns a new TensorArray whose buffer has one row replaced (a one-hot blend, so
gradients flow through ordinary ops), ``read`` / ``gather`` are gathers, ``stack`` is the buffer.
With ``dynamic_size=True`` a write past the end grows the buffer.  In ``tf.while_loop`` a
TensorArray loop variable travels as its buffer; if its element shape is unknown before the loop,
the body is traced once beforehand to learn it from the first ``write``.
"""

from ..dtypes import as_dtype, int32
from ..graph import Tensor, convert_to_tensor
from ..namespace import export
from ..ops import array_ops, control_flow_ops, math_ops
from ..shapes import TensorShape, as_shape


@export("tf.TensorArray")
class TensorArray:
    def __init__(self, dtype, size=None, dynamic_size=None, clear_after_read=None, tensor_array_name=None,
                 handle=None, flow=None, infer_shape=True, element_shape=None, colocate_with_first_write_call=True,
                 name=None, _buffer=None):
        self._dtype = as_dtype(dtype)
        self._dynamic = bool(dynamic_size)
        self._size = size
        self._element_shape = as_shape(element_shape) if element_shape is not None else TensorShape(None)
        self._buf = _buffer
        if self._buf is None and self._element_shape.is_fully_defined():
            self._buf = self._zeros(self._element_shape)

    # ---- plumbing
    def _zeros(self, element_shape):
        n = self._size if self._size is not None else 0
        if isinstance(n, Tensor):
            return array_ops.zeros(array_ops.concat([[n], element_shape.as_list()], 0), self._dtype)
        return array_ops.zeros([int(n)] + element_shape.as_list(), self._dtype)

    def _with(self, buf, element_shape=None):
        ta = TensorArray.__new__(TensorArray)
        ta._dtype, ta._dynamic, ta._size = self._dtype, self._dynamic, self._size
        ta._element_shape = element_shape if element_shape is not None else self._element_shape
        ta._buf = buf
        return ta

    def _need_buffer(self, what):
        if self._buf is None:
            raise ValueError("TensorArray.%s before any write: give element_shape= so the numpy runtime "
                             "knows the element shape" % what)
        return self._buf

    @property
    def dtype(self):
        return self._dtype

    @property
    def element_shape(self):
        return self._element_shape

    @property
    def flow(self):
        return self._buf

    @property
    def handle(self):
        return self._buf

    # ---- operations
    def write(self, index, value, name=None):
        value = convert_to_tensor(value, dtype=self._dtype)
        shape = self._element_shape.merge_with(value.get_shape()) if self._element_shape.ndims is not None \
            else value.get_shape()
        buf = self._buf if self._buf is not None else self._zeros(shape)
        index = array_ops.cast(index, int32)
        if self._dynamic:
            missing = math_ops.maximum(index + 1 - array_ops.shape(buf)[0], 0)
            pad = array_ops.zeros(array_ops.concat([[missing], array_ops.shape(value)], 0), self._dtype)
            buf = array_ops.concat([buf, pad], 0)
        n = array_ops.shape(buf)[0]
        mask = array_ops.one_hot(index, n, dtype=self._dtype)
        mask = array_ops.reshape(mask, array_ops.concat([[n], array_ops.ones([array_ops.rank(value)], int32)], 0))
        new = buf * (1 - mask) + mask * array_ops.expand_dims(value, 0)
        new.set_shape(TensorShape([None if self._dynamic else buf.get_shape().as_list()[0]
                                   if buf.get_shape().ndims else None]).concatenate(shape)
                      if shape.ndims is not None else TensorShape(None))
        return self._with(new, shape)

    def read(self, index, name=None):
        out = array_ops.gather(self._need_buffer("read"), array_ops.cast(index, int32))
        return out

    def gather(self, indices, name=None):
        return array_ops.gather(self._need_buffer("gather"), indices)

    def stack(self, name=None):
        return array_ops.identity(self._need_buffer("stack"))

    def concat(self, name=None):
        buf = self._need_buffer("concat")
        shape = array_ops.shape(buf)
        return array_ops.reshape(buf, array_ops.concat([[shape[0] * shape[1]], shape[2:]], 0))

    def unstack(self, value, name=None):
        value = convert_to_tensor(value, dtype=self._dtype)
        s = value.get_shape()
        return self._with(value, TensorShape(s.as_list()[1:]) if s.ndims is not None else TensorShape(None))

    def scatter(self, indices, value, name=None):
        ta = self
        value = convert_to_tensor(value, dtype=self._dtype)
        for k, i in enumerate(indices if isinstance(indices, (list, tuple)) else array_ops.unstack(indices)):
            ta = ta.write(i, value[k])
        return ta

    def split(self, value, lengths, name=None):
        raise NotImplementedError("TensorArray.split is not supported by the numpy runtime")

    def size(self, name=None):
        if self._buf is None:
            return array_ops.constant(self._size if self._size is not None else 0, int32)
        return array_ops.shape(self._buf)[0]

    def identity(self):
        return self._with(array_ops.identity(self._buf)) if self._buf is not None else self

    def close(self, name=None):
        return control_flow_ops.no_op()

    def mark_used(self):
        pass


# ---- while_loop support --------------------------------------------------------------------

def has_tensor_arrays(structure):
    from . import nest
    return any(isinstance(x, TensorArray) for x in nest.flatten(structure))


def to_buffers(structure):
    """Replace TensorArrays by their buffers; returns (structure, templates)."""
    from . import nest
    flat = nest.flatten(structure)
    templates = [x if isinstance(x, TensorArray) else None for x in flat]
    return nest.pack_sequence_as(structure, [x._buf if isinstance(x, TensorArray) else x for x in flat]), templates


def from_buffers(structure, templates):
    from . import nest
    flat = nest.flatten(structure)
    return nest.pack_sequence_as(structure, [t._with(b) if t is not None else b for b, t in zip(flat, templates)])


def complete_element_shapes(body, loop_vars, make_stand_in):
    """Give TensorArray loop variables without a buffer one, learning element shapes by tracing the body."""
    from . import nest
    from .subgraph import tracing
    flat = nest.flatten(loop_vars)
    if all(not isinstance(x, TensorArray) or x._buf is not None for x in flat):
        return loop_vars
    stand_ins = [make_stand_in(x) for x in flat]
    with tracing():
        result = body(*nest.pack_sequence_as(loop_vars, stand_ins))
    res_flat = nest.flatten(result if isinstance(result, (list, tuple, dict)) else [result])
    done = []
    for x, r in zip(flat, res_flat):
        if isinstance(x, TensorArray) and x._buf is None:
            if not isinstance(r, TensorArray) or r._element_shape.ndims is None or \
                    not r._element_shape.is_fully_defined():
                raise ValueError("cannot infer the element shape of a TensorArray loop variable; "
                                 "pass element_shape=")
            x = x._with(x._zeros(r._element_shape), r._element_shape)
        done.append(x)
    return nest.pack_sequence_as(loop_vars, done)
