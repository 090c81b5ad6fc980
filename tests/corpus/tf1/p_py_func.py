import numpy as np
import tensorflow as tf


def numpy_sinh(x):
    return np.sinh(x).astype(np.float32)


inputs = tf.placeholder(tf.float32, [None])
outputs = tf.py_func(numpy_sinh, [inputs], tf.float32, stateful=False)
