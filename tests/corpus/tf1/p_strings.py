import tensorflow as tf


def tokenize(lines):
    tokens = tf.string_split(lines, delimiter=" ")
    chars = tf.strings.split(lines, sep="")
    words = tf.strings.split(lines, result_type="RaggedTensor").to_tensor("")
    return tokens, chars, words


if __name__ == "__main__":  # run by tests/test_corpus.py under TF 2 after conversion
    import numpy as np
    tokens, chars, words = tokenize(tf.constant(["a bc", "d"]))
    assert [t.decode() for t in np.asarray(tokens.values)] == ["a", "bc", "d"]
    assert np.asarray(words).tolist() == [[b"a", b"bc"], [b"d", b""]]
