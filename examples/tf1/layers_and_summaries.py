"""Imports in every form tf-upgrade understands, and names that shadow them."""
import tensorflow
from tensorflow import nn
from tensorflow import random_normal as gaussian


def model(inputs, tf=None):
    # `tf` is a parameter here, not TensorFlow: it is left alone.
    hidden = nn.relu(tensorflow.matmul(inputs, gaussian([8, 16])))
    return tensorflow.reduce_max(hidden, reduction_indices=[1])


def summaries(values):
    tensorflow.summary.scalar("mean", tensorflow.reduce_mean(values))
    return tensorflow.summary.merge_all()


inputs = tensorflow.placeholder(tensorflow.float32, [None, 8])
outputs = model(inputs)
merged = summaries(outputs)
init = tensorflow.global_variables_initializer()
