import tensorflow as tf


def tokenize(lines):
    tokens = tf.string_split(lines, delimiter=" ")
    chars = tf.strings.split(lines, sep="")
    words = tf.strings.split(lines, result_type="RaggedTensor").to_tensor("")
    return tokens, chars, words
