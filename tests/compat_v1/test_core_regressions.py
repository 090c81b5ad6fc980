"""Valid TF 1.x code that broke (issue 18); each test failed before its fix."""
import numpy as np

import tf_upgrade.compat_v1 as tf

X = np.arange(12, dtype=np.float32).reshape(4, 3)


def _run(t, feed=None):
    with tf.Session() as sess:
        return sess.run(t, feed)


def test_split_into_one_piece_gives_the_next_op_an_array():
    with tf.Graph().as_default():
        y = tf.split(tf.constant(X), 1, axis=1)[0] * 2.0
        assert y.shape.as_list() == [4, 3]
        assert _run(y).shape == (4, 3)


def test_expand_dims_with_a_one_element_axis_list():
    with tf.Graph().as_default():
        x = tf.placeholder(tf.float32, [None, 3])
        y = tf.expand_dims(x, axis=[-1])
        z = tf.expand_dims(x, [0])
        assert y.shape.as_list() == [None, 3, 1] and z.shape.as_list() == [1, None, 3]
        a, b = _run([y, z], {x: X})
    np.testing.assert_array_equal(a, X[:, :, None])
    np.testing.assert_array_equal(b, X[None])


def test_split_by_a_dimension():
    with tf.Graph().as_default():
        x = tf.constant(X)
        parts = tf.split(x, x.shape[0] // 2, axis=0)  # Dimension(2)
        halves = _run(parts)
    assert len(parts) == 2
    np.testing.assert_array_equal(halves[1], X[2:])


def test_tensor_private_op_attribute():
    with tf.Graph().as_default():
        t = tf.nn.relu(tf.constant(X), name="act")
        assert t._op is t.op and t._op.name == "act" and t._value_index == 0
