import tensorflow as tf


def pick_scores(scores, indices):
    return tf.batch_gather(scores, indices)


def top_k_values(scores, k=3):
    _, idx = tf.nn.top_k(scores, k)
    return tf.batch_gather(scores, idx, name="top_values")


if __name__ == "__main__":  # run by tests/test_corpus.py under TF 2 after conversion
    import numpy as np
    scores = tf.constant([[0.1, 0.5, 0.2, 0.9], [0.7, 0.3, 0.8, 0.0]])
    assert np.allclose(np.asarray(pick_scores(scores, tf.constant([[3, 0], [2, 2]]))), [[0.9, 0.1], [0.8, 0.8]])
    assert np.allclose(np.asarray(top_k_values(scores, 2)), [[0.9, 0.5], [0.8, 0.7]])
