import tensorflow as tf


def pick_scores(scores, indices):
    return tf.batch_gather(scores, indices)


def top_k_values(scores, k=3):
    _, idx = tf.nn.top_k(scores, k)
    return tf.batch_gather(scores, idx, name="top_values")
