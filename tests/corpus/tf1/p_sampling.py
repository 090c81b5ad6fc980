import tensorflow as tf


def sample_tokens(logits, temperature=1.0):
    scaled = logits / temperature
    samples = tf.multinomial(scaled, num_samples=1)
    return tf.squeeze(samples, axis=1)


def sample_many(logits):
    return tf.random.multinomial(logits, 10, seed=7, output_dtype=tf.int32)
