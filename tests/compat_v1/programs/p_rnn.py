"""RNN cells with dynamic_rnn / static_rnn: outputs, states, TF1 variable names, gradients."""
import numpy as np

from ._util import det, load_deterministic, tolist


def _flat(s):
    if isinstance(s, (tuple, list)):
        return [t for x in s for t in _flat(x)]
    return [s]


def run(tf, workdir):
    tf.reset_default_graph()
    rnn = tf.nn.rnn_cell
    x = tf.constant(det([2, 4, 3], 7, 1.0))
    seq_len = tf.constant([4, 2])
    fetch = {}
    cells = {
        "basic_rnn": lambda: rnn.BasicRNNCell(5),
        "basic_lstm": lambda: rnn.BasicLSTMCell(4),
        "lstm": lambda: rnn.LSTMCell(4, use_peepholes=True, num_proj=3),
        "gru": lambda: rnn.GRUCell(3),
        "multi": lambda: rnn.MultiRNNCell([rnn.GRUCell(3), rnn.BasicLSTMCell(2)]),
        "dropout": lambda: rnn.DropoutWrapper(rnn.BasicRNNCell(3), output_keep_prob=1.0),
    }
    for name, make in cells.items():
        with tf.variable_scope(name):
            outputs, state = tf.nn.dynamic_rnn(make(), x, dtype=tf.float32)
        g = tf.gradients(tf.reduce_sum(outputs) + tf.add_n([tf.reduce_sum(t) for t in _flat(state)]), [x])
        fetch[name] = {"outputs": outputs, "state": state, "gx": g[0]}
    with tf.variable_scope("masked"):
        outputs, state = tf.nn.dynamic_rnn(rnn.BasicLSTMCell(3), x, sequence_length=seq_len, dtype=tf.float32)
    fetch["masked"] = {"outputs": outputs, "state": state}
    with tf.variable_scope("static"):
        cell = rnn.BasicLSTMCell(3)
        outs, st = tf.nn.static_rnn(cell, tf.unstack(x, axis=1), dtype=tf.float32)
    fetch["static"] = {"outputs": outs, "state": st, "gx": tf.gradients(tf.reduce_sum(outs[-1]), [x])[0]}
    with tf.variable_scope("time_major"):
        outputs, state = tf.nn.dynamic_rnn(rnn.GRUCell(2), tf.transpose(x, [1, 0, 2]), time_major=True,
                                           dtype=tf.float32)
    fetch["time_major"] = {"outputs": outputs, "state": state}
    with tf.variable_scope("bidi"):
        (bf, bb), (sf, sb) = tf.nn.bidirectional_dynamic_rnn(rnn.GRUCell(2), rnn.BasicLSTMCell(2), x,
                                                             sequence_length=seq_len, dtype=tf.float32)
    fetch["bidi"] = {"fw": bf, "bw": bb, "sf": sf, "sb": sb,
                     "gx": tf.gradients(tf.reduce_sum(bf) + tf.reduce_sum(bb * bb), [x])[0]}
    names = [v.name for v in tf.global_variables()]
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        load_deterministic(tf, sess)
        out = sess.run(fetch)
    out = tolist(out)
    out["variables"] = names
    return out
