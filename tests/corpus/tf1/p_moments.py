import tensorflow as tf


def batch_norm(x, eps=1e-5):
    mean, variance = tf.nn.moments(x, axes=[0], keep_dims=True)
    return (x - mean) * tf.rsqrt(variance + eps)


def layer_norm(x):
    mean, variance = tf.nn.moments(x, [-1], keep_dims=True)
    return tf.nn.batch_normalization(x, mean, variance, None, None, 1e-6)


if __name__ == "__main__":  # run by tests/test_corpus.py under TF 2 after conversion
    import numpy as np
    x = np.arange(12, dtype=np.float32).reshape(3, 4) ** 1.5
    bn = np.asarray(batch_norm(tf.constant(x)))
    assert bn.shape == (3, 4) and np.allclose(bn.mean(axis=0), 0, atol=1e-4)
    ln = np.asarray(layer_norm(tf.constant(x)))
    assert ln.shape == (3, 4) and np.allclose(ln.mean(axis=-1), 0, atol=1e-4)
