"""``tf.layers`` and the convolution / pooling ops of ``tf.nn`` (numpy kernels in ``kernels/nn.py``)."""
