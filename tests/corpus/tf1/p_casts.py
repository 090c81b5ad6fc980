import tensorflow as tf


def accuracy(logits, labels):
    predictions = tf.argmax(logits, 1)
    correct = tf.equal(tf.to_int64(predictions), labels)
    return tf.reduce_mean(tf.to_float(correct))


def sequence_mask(lengths, maxlen):
    mask = tf.sequence_mask(lengths, maxlen)
    return tf.to_float(mask, name="mask")


def num_elements(t):
    return tf.to_int32(tf.size(t)) + tf.to_int32(tf.shape(t)[0])


def as_double(t):
    return tf.to_double(t)


if __name__ == "__main__":  # run by tests/test_corpus.py under TF 2 after conversion
    import numpy as np
    logits = tf.constant([[0.1, 0.9], [0.8, 0.2], [0.3, 0.7]])
    assert np.isclose(np.asarray(accuracy(logits, tf.constant([1, 0, 0], tf.int64))), 2 / 3)
    assert np.asarray(sequence_mask(tf.constant([1, 3]), 4)).tolist() == [[1, 0, 0, 0], [1, 1, 1, 0]]
    assert int(np.asarray(num_elements(tf.zeros([2, 5])))) == 12
    assert np.asarray(as_double(tf.constant([1.5]))).dtype == np.float64
