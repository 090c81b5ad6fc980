"""TF1 RNN cells with TF1's variable names and math.

``dynamic_rnn`` runs the cell inside ``tf.while_loop`` (so gradients flow
back through time via the loop's gradient); ``static_rnn`` unrolls it.
Variables created on the first call are lifted out of the loop (see
:func:`..control_flow.subgraph.tracing`), as TF1 does.
"""
import collections

from .. import initializers
from .. import variables as variables_lib
from ..control_flow import nest
from ..control_flow import ops as cf_ops
from ..dtypes import float32, int32
from ..graph import Tensor, convert_to_tensor
from ..namespace import export
from ..ops import array_ops, math_ops, nn_ops, reverse_ops
from ..shapes import TensorShape


@export("tf.contrib.rnn.LSTMStateTuple", "tf.nn.rnn_cell.LSTMStateTuple")
class LSTMStateTuple(collections.namedtuple("LSTMStateTuple", ("c", "h"))):
    __slots__ = ()

    @property
    def dtype(self):
        return self.c.dtype


@export("tf.contrib.rnn.RNNCell", "tf.nn.rnn_cell.RNNCell")
class RNNCell:
    _base_name = "rnn_cell"

    def __init__(self, num_units=None, reuse=None, name=None, dtype=None, **kwargs):
        self._num_units = num_units
        self._reuse = reuse
        self._name = name
        self._dtype = dtype
        self._scope = None
        self._built = False
        self._variables = []

    @property
    def state_size(self):
        return self._num_units

    @property
    def output_size(self):
        return self._num_units

    @property
    def variables(self):
        return list(self._variables)

    weights = variables

    @property
    def trainable_variables(self):
        return [v for v in self._variables if v.trainable]

    trainable_weights = trainable_variables

    def zero_state(self, batch_size, dtype):

        def zeros(size):
            size = [size] if isinstance(size, int) else list(size)
            if isinstance(batch_size, Tensor):
                z = array_ops.zeros(array_ops.stack([batch_size] + size), dtype=dtype)
                z.set_shape([None] + size)
                return z
            return array_ops.zeros([batch_size] + size, dtype=dtype)

        return _map_sizes(zeros, self.state_size)

    def _get(self, name, shape, initializer=None, dtype=None):
        v = variables_lib.get_variable(name, shape, dtype=dtype or self._dtype or float32, initializer=initializer)
        if v not in self._variables:
            self._variables.append(v)
        return v

    def __call__(self, inputs, state, scope=None):
        inputs = convert_to_tensor(inputs)
        if self._dtype is None:
            self._dtype = inputs.dtype.base_dtype  # like a Layer: variables take the input dtype
        if self._scope is None:
            with variables_lib.variable_scope(scope or self._name, default_name=self._base_name,
                                              reuse=self._reuse) as vs:
                self._scope = vs
                self.build(inputs.get_shape())
                self._built = True
                return self.call(inputs, state)
        with variables_lib.variable_scope(self._scope, reuse=True):
            return self.call(inputs, state)

    def build(self, inputs_shape):
        pass

    def call(self, inputs, state):
        raise NotImplementedError


def _map_sizes(fn, size):
    if isinstance(size, LSTMStateTuple):
        return LSTMStateTuple(fn(size.c), fn(size.h))
    if isinstance(size, tuple):
        return tuple(_map_sizes(fn, s) for s in size)
    return fn(size)


def _depth(shape):
    d = shape.as_list()[-1] if shape.ndims else None
    if d is None:
        raise ValueError("Expected inputs.shape[-1] to be known, saw shape: %s" % shape)
    return d


@export("tf.contrib.rnn.BasicRNNCell", "tf.nn.rnn_cell.BasicRNNCell")
class BasicRNNCell(RNNCell):
    _base_name = "basic_rnn_cell"

    def __init__(self, num_units, activation=None, reuse=None, name=None, dtype=None, **kwargs):
        super().__init__(num_units, reuse, name, dtype)
        self._activation = activation

    def build(self, inputs_shape):
        d = _depth(inputs_shape)
        self._kernel = self._get("kernel", [d + self._num_units, self._num_units])
        self._bias = self._get("bias", [self._num_units], initializer=initializers.zeros_initializer())

    def call(self, inputs, state):
        act = self._activation or math_ops.tanh
        out = act(nn_ops.bias_add(math_ops.matmul(array_ops.concat([inputs, state], 1), self._kernel), self._bias))
        return out, out


@export("tf.contrib.rnn.BasicLSTMCell", "tf.nn.rnn_cell.BasicLSTMCell")
class BasicLSTMCell(RNNCell):
    _base_name = "basic_lstm_cell"

    def __init__(self, num_units, forget_bias=1.0, state_is_tuple=True, activation=None, reuse=None, name=None,
                 dtype=None, **kwargs):
        super().__init__(num_units, reuse, name, dtype)
        self._forget_bias = forget_bias
        self._state_is_tuple = state_is_tuple
        self._activation = activation

    @property
    def state_size(self):
        n = self._num_units
        return LSTMStateTuple(n, n) if self._state_is_tuple else 2 * n

    def build(self, inputs_shape):
        d = _depth(inputs_shape)
        self._kernel = self._get("kernel", [d + self._num_units, 4 * self._num_units])
        self._bias = self._get("bias", [4 * self._num_units], initializer=initializers.zeros_initializer())

    def call(self, inputs, state):
        act = self._activation or math_ops.tanh
        if self._state_is_tuple:
            c, h = state
        else:
            c, h = array_ops.split(state, 2, axis=1)
        gates = nn_ops.bias_add(math_ops.matmul(array_ops.concat([inputs, h], 1), self._kernel), self._bias)
        i, j, f, o = array_ops.split(gates, 4, axis=1)
        fb = array_ops.constant(self._forget_bias, dtype=f.dtype)
        new_c = c * math_ops.sigmoid(f + fb) + math_ops.sigmoid(i) * act(j)
        new_h = act(new_c) * math_ops.sigmoid(o)
        new_state = LSTMStateTuple(new_c, new_h) if self._state_is_tuple else array_ops.concat([new_c, new_h], 1)
        return new_h, new_state


@export("tf.contrib.rnn.LSTMCell", "tf.nn.rnn_cell.LSTMCell")
class LSTMCell(RNNCell):
    _base_name = "lstm_cell"

    def __init__(self, num_units, use_peepholes=False, cell_clip=None, initializer=None, num_proj=None,
                 proj_clip=None, num_unit_shards=None, num_proj_shards=None, forget_bias=1.0, state_is_tuple=True,
                 activation=None, reuse=None, name=None, dtype=None, **kwargs):
        super().__init__(num_units, reuse, name, dtype)
        self._use_peepholes = use_peepholes
        self._cell_clip = cell_clip
        self._initializer = initializer
        self._num_proj = num_proj
        self._proj_clip = proj_clip
        self._forget_bias = forget_bias
        self._state_is_tuple = state_is_tuple
        self._activation = activation

    @property
    def state_size(self):
        m = self._num_proj or self._num_units
        return LSTMStateTuple(self._num_units, m) if self._state_is_tuple else self._num_units + m

    @property
    def output_size(self):
        return self._num_proj or self._num_units

    def build(self, inputs_shape):
        d = _depth(inputs_shape)
        n = self._num_units
        h = self._num_proj or n
        self._kernel = self._get("kernel", [d + h, 4 * n], initializer=self._initializer)
        self._bias = self._get("bias", [4 * n], initializer=initializers.zeros_initializer())
        if self._use_peepholes:
            self._w_f = self._get("w_f_diag", [n], initializer=self._initializer)
            self._w_i = self._get("w_i_diag", [n], initializer=self._initializer)
            self._w_o = self._get("w_o_diag", [n], initializer=self._initializer)
        if self._num_proj is not None:
            with variables_lib.variable_scope("projection"):
                self._proj = self._get("kernel", [n, self._num_proj], initializer=self._initializer)

    def call(self, inputs, state):
        act = self._activation or math_ops.tanh
        n = self._num_units
        if self._state_is_tuple:
            c_prev, m_prev = state
        else:
            c_prev = array_ops.slice(state, [0, 0], [-1, n])
            m_prev = array_ops.slice(state, [0, n], [-1, self._num_proj or n])
        lstm = nn_ops.bias_add(math_ops.matmul(array_ops.concat([inputs, m_prev], 1), self._kernel), self._bias)
        i, j, f, o = array_ops.split(lstm, 4, axis=1)
        fb = array_ops.constant(self._forget_bias, dtype=f.dtype)
        if self._use_peepholes:
            c = (math_ops.sigmoid(f + fb + self._w_f * c_prev) * c_prev
                 + math_ops.sigmoid(i + self._w_i * c_prev) * act(j))
        else:
            c = math_ops.sigmoid(f + fb) * c_prev + math_ops.sigmoid(i) * act(j)
        if self._cell_clip is not None:
            c = math_ops.clip_by_value(c, -self._cell_clip, self._cell_clip)
        if self._use_peepholes:
            m = math_ops.sigmoid(o + self._w_o * c) * act(c)
        else:
            m = math_ops.sigmoid(o) * act(c)
        if self._num_proj is not None:
            m = math_ops.matmul(m, self._proj)
            if self._proj_clip is not None:
                m = math_ops.clip_by_value(m, -self._proj_clip, self._proj_clip)
        new_state = LSTMStateTuple(c, m) if self._state_is_tuple else array_ops.concat([c, m], 1)
        return m, new_state


@export("tf.contrib.rnn.GRUCell", "tf.nn.rnn_cell.GRUCell")
class GRUCell(RNNCell):
    _base_name = "gru_cell"

    def __init__(self, num_units, activation=None, reuse=None, kernel_initializer=None, bias_initializer=None,
                 name=None, dtype=None, **kwargs):
        super().__init__(num_units, reuse, name, dtype)
        self._activation = activation
        self._kernel_initializer = kernel_initializer
        self._bias_initializer = bias_initializer

    def build(self, inputs_shape):
        d = _depth(inputs_shape)
        n = self._num_units
        with variables_lib.variable_scope("gates"):
            self._gate_kernel = self._get("kernel", [d + n, 2 * n], initializer=self._kernel_initializer)
            self._gate_bias = self._get("bias", [2 * n], initializer=self._bias_initializer
                                        or initializers.constant_initializer(1.0))
        with variables_lib.variable_scope("candidate"):
            self._cand_kernel = self._get("kernel", [d + n, n], initializer=self._kernel_initializer)
            self._cand_bias = self._get("bias", [n],
                                        initializer=self._bias_initializer or initializers.zeros_initializer())

    def call(self, inputs, state):
        act = self._activation or math_ops.tanh
        gates = math_ops.sigmoid(nn_ops.bias_add(
            math_ops.matmul(array_ops.concat([inputs, state], 1), self._gate_kernel), self._gate_bias))
        r, u = array_ops.split(gates, 2, axis=1)
        cand = act(nn_ops.bias_add(math_ops.matmul(array_ops.concat([inputs, r * state], 1), self._cand_kernel),
                                  self._cand_bias))
        new_h = u * state + (1 - u) * cand
        return new_h, new_h


@export("tf.contrib.rnn.MultiRNNCell", "tf.nn.rnn_cell.MultiRNNCell")
class MultiRNNCell(RNNCell):
    _base_name = "multi_rnn_cell"

    def __init__(self, cells, state_is_tuple=True):
        super().__init__()
        if not cells:
            raise ValueError("Must specify at least one cell for MultiRNNCell.")
        self._cells = list(cells)
        self._state_is_tuple = state_is_tuple

    @property
    def state_size(self):
        return tuple(c.state_size for c in self._cells)

    @property
    def output_size(self):
        return self._cells[-1].output_size

    @property
    def variables(self):
        return [v for c in self._cells for v in c.variables]

    def zero_state(self, batch_size, dtype):
        return tuple(c.zero_state(batch_size, dtype) for c in self._cells)

    def call(self, inputs, state):
        cur = inputs
        new_states = []
        for i, cell in enumerate(self._cells):
            with variables_lib.variable_scope("cell_%d" % i):
                cur, s = cell(cur, state[i])
            new_states.append(s)
        return cur, tuple(new_states)


@export("tf.contrib.rnn.DropoutWrapper", "tf.nn.rnn_cell.DropoutWrapper")
class DropoutWrapper(RNNCell):
    """Dropout on a cell's inputs / outputs / state (identity when the keep probability is 1)."""

    def __init__(self, cell, input_keep_prob=1.0, output_keep_prob=1.0, state_keep_prob=1.0,
                 variational_recurrent=False, input_size=None, dtype=None, seed=None, dropout_state_filter_visitor=None):
        super().__init__()
        if variational_recurrent:
            raise NotImplementedError("variational_recurrent dropout is not supported")
        self._cell = cell
        self._in, self._out, self._state_keep = input_keep_prob, output_keep_prob, state_keep_prob
        self._seed = seed

    @property
    def state_size(self):
        return self._cell.state_size

    @property
    def output_size(self):
        return self._cell.output_size

    @property
    def variables(self):
        return self._cell.variables

    def zero_state(self, batch_size, dtype):
        return self._cell.zero_state(batch_size, dtype)

    def _drop(self, x, keep):
        if isinstance(keep, (int, float)) and keep == 1:
            return x
        return nn_ops.dropout(x, keep_prob=keep, seed=self._seed)

    def __call__(self, inputs, state, scope=None):
        inputs = self._drop(convert_to_tensor(inputs), self._in)
        out, new_state = self._cell(inputs, state, scope=scope)
        if not (isinstance(self._state_keep, (int, float)) and self._state_keep == 1):
            new_state = nest.map_structure(lambda s: self._drop(s, self._state_keep), new_state)
        return self._drop(out, self._out), new_state


@export("tf.contrib.rnn.ResidualWrapper", "tf.nn.rnn_cell.ResidualWrapper")
class ResidualWrapper(RNNCell):
    def __init__(self, cell, residual_fn=None):
        super().__init__()
        self._cell = cell
        self._fn = residual_fn

    state_size = property(lambda self: self._cell.state_size)
    output_size = property(lambda self: self._cell.output_size)

    def zero_state(self, batch_size, dtype):
        return self._cell.zero_state(batch_size, dtype)

    def __call__(self, inputs, state, scope=None):
        out, new_state = self._cell(inputs, state, scope=scope)
        return (self._fn(inputs, out) if self._fn else inputs + out), new_state


# ---- drivers ---------------------------------------------------------------------------

def _mask(t, seq_len, new, old):
    """Keep ``new`` for batch rows whose sequence is still running at step t, else ``old``."""
    m = array_ops.cast(math_ops.less(t, seq_len), new.dtype)
    m = array_ops.reshape(m, [-1] + [1] * (new.get_shape().ndims - 1))
    return new * m + old * (1 - m)


def _initial_state(cell, initial_state, batch, dtype):
    if initial_state is not None:
        return initial_state
    if dtype is None:
        raise ValueError("If there is no initial_state, you must give a dtype.")
    return cell.zero_state(batch, dtype)


@export("tf.nn.dynamic_rnn")
def dynamic_rnn(cell, inputs, sequence_length=None, initial_state=None, dtype=None, parallel_iterations=None,
                swap_memory=False, time_major=False, scope=None):
    with variables_lib.variable_scope(scope or "rnn"):
        x = convert_to_tensor(inputs)
        x_tm = x if time_major else array_ops.transpose(x, [1, 0, 2] + list(range(3, x.get_shape().ndims)))
        shape = x_tm.get_shape().as_list()
        steps_static, batch_static = shape[0], shape[1]
        batch = batch_static if batch_static is not None else array_ops.shape(x_tm)[1]
        state0 = _initial_state(cell, initial_state, batch, dtype or x.dtype)
        flat0 = nest.flatten(state0)
        steps = array_ops.shape(x_tm)[0]
        out_size = cell.output_size
        acc_shape = [0, batch_static if batch_static is not None else None, out_size]
        if batch_static is not None:
            acc0 = array_ops.zeros([0, batch_static, out_size], dtype=x.dtype)
        else:
            acc0 = array_ops.zeros(array_ops.stack([0, array_ops.shape(x_tm)[1], out_size]), dtype=x.dtype)
        seq_len = None if sequence_length is None else array_ops.cast(convert_to_tensor(sequence_length), int32)

        def body(t, acc, *flat_state):
            state = nest.pack_sequence_as(state0, list(flat_state))
            out, new_state = cell(array_ops.gather(x_tm, t), state)
            flat_new = nest.flatten(new_state)
            if seq_len is not None:
                out = _mask(t, seq_len, out, array_ops.zeros_like(out))
                flat_new = [_mask(t, seq_len, n, o) for n, o in zip(flat_new, flat_state)]
            return [t + 1, array_ops.concat([acc, array_ops.expand_dims(out, 0)], 0)] + flat_new

        invariants = [TensorShape([]), TensorShape([None] + acc_shape[1:])] + [s.get_shape() for s in flat0]
        res = cf_ops.while_loop(lambda t, *_: t < steps, body, [array_ops.constant(0), acc0] + flat0,
                            shape_invariants=invariants, return_same_structure=True)
        outputs = res[1]
        outputs.set_shape([steps_static, batch_static, out_size])
        final = nest.pack_sequence_as(state0, list(res[2:]))
        if not time_major:
            outputs = array_ops.transpose(outputs, [1, 0, 2])
        return outputs, final


@export("tf.nn.static_rnn", "tf.contrib.rnn.static_rnn", "tf.nn.rnn")  # tf.nn.rnn: TF 0.x's name
def static_rnn(cell, inputs, initial_state=None, dtype=None, sequence_length=None, scope=None):
    if not isinstance(inputs, (list, tuple)) or not inputs:
        raise TypeError("inputs must be a non-empty list")
    with variables_lib.variable_scope(scope or "rnn"):
        first = convert_to_tensor(inputs[0])
        b = first.get_shape().as_list()[0]
        batch = b if b is not None else array_ops.shape(first)[0]
        state = _initial_state(cell, initial_state, batch, dtype or first.dtype)
        seq_len = None if sequence_length is None else array_ops.cast(convert_to_tensor(sequence_length), int32)
        outputs = []
        for t, x in enumerate(inputs):
            out, new_state = cell(x, state)
            if seq_len is not None:
                out = _mask(t, seq_len, out, array_ops.zeros_like(out))
                new_state = nest.pack_sequence_as(state, [_mask(t, seq_len, n, o) for n, o in
                                                          zip(nest.flatten(new_state), nest.flatten(state))])
            outputs.append(out)
            state = new_state
        return outputs, state


@export("tf.nn.bidirectional_dynamic_rnn")
def bidirectional_dynamic_rnn(cell_fw, cell_bw, inputs, sequence_length=None, initial_state_fw=None,
                              initial_state_bw=None, dtype=None, parallel_iterations=None, swap_memory=False,
                              time_major=False, scope=None):
    time_axis, batch_axis = (0, 1) if time_major else (1, 0)

    def rev(t):
        if sequence_length is None:
            return reverse_ops.reverse(t, [time_axis])
        return reverse_ops.reverse_sequence(t, sequence_length, seq_axis=time_axis, batch_axis=batch_axis)

    with variables_lib.variable_scope(scope or "bidirectional_rnn"):
        with variables_lib.variable_scope("fw") as fw_scope:
            out_fw, st_fw = dynamic_rnn(cell_fw, inputs, sequence_length, initial_state_fw, dtype,
                                        time_major=time_major, scope=fw_scope)
        with variables_lib.variable_scope("bw") as bw_scope:
            out_bw, st_bw = dynamic_rnn(cell_bw, rev(convert_to_tensor(inputs)), sequence_length, initial_state_bw,
                                        dtype, time_major=time_major, scope=bw_scope)
            out_bw = rev(out_bw)
    return (out_fw, out_bw), (st_fw, st_bw)


RNNCellBase = RNNCell
