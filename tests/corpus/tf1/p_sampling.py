import tensorflow as tf


def sample_tokens(logits, temperature=1.0):
    scaled = logits / temperature
    samples = tf.multinomial(scaled, num_samples=1)
    return tf.squeeze(samples, axis=1)


def sample_many(logits):
    return tf.random.multinomial(logits, 10, seed=7, output_dtype=tf.int32)


if __name__ == "__main__":  # run by tests/test_corpus.py under TF 2 after conversion
    import numpy as np
    logits = tf.math.log(tf.constant([[0.0001, 0.9999], [0.9999, 0.0001]]))
    tokens = np.asarray(sample_tokens(logits, temperature=0.5))
    assert tokens.shape == (2,) and set(tokens.tolist()) <= {0, 1}
    many = np.asarray(sample_many(logits))
    assert many.shape == (2, 10) and many.dtype == np.int32
