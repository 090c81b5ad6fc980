"""Flags defined in a library module and read by whoever imports it."""
import tensorflow as tf

tf.flags.DEFINE_float("weight_decay", 0.0004, "Weight decay.")
tf.flags.DEFINE_string("data_format", "NHWC", "Layout.")
FLAGS = tf.flags.FLAGS


def regularizer():
    return tf.contrib.layers.l2_regularizer(FLAGS.weight_decay)
