import tensorflow as tf


def lstm_encoder(inputs, lengths, num_units, num_layers, keep_prob):
    def make_cell():
        cell = tf.nn.rnn_cell.LSTMCell(num_units, state_is_tuple=True)
        return tf.nn.rnn_cell.DropoutWrapper(cell, output_keep_prob=keep_prob)

    stacked = tf.nn.rnn_cell.MultiRNNCell([make_cell() for _ in range(num_layers)])
    outputs, state = tf.nn.dynamic_rnn(stacked, inputs, sequence_length=lengths, dtype=tf.float32)
    fw = tf.nn.rnn_cell.GRUCell(num_units)
    bw = tf.nn.rnn_cell.GRUCell(num_units)
    (out_fw, out_bw), _ = tf.nn.bidirectional_dynamic_rnn(fw, bw, outputs, dtype=tf.float32)
    return tf.concat([out_fw, out_bw], axis=-1), state
