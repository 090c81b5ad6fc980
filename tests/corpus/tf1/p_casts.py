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
