"""RNN cells (``tf.nn.rnn_cell`` / ``tf.contrib.rnn``) and ``dynamic_rnn`` / ``static_rnn``."""
