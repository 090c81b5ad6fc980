"""Gradients of the ops beyond the core (conv/pool, reverse, cond, while_loop, map_fn, scan, RNN) against
central differences in float64."""
import numpy as np
import pytest

import tf_upgrade.compat_v1 as tf


def _check(build, inputs, eps=1e-6, rtol=1e-5, atol=1e-7):
    with tf.Graph().as_default():
        phs = [tf.placeholder(tf.float64, a.shape) for a in inputs]
        y = build(*phs)
        w = tf.constant(np.linspace(-1.0, 1.3, int(np.prod(y.shape.as_list()))).reshape(y.shape.as_list()))
        loss = tf.reduce_sum(y * w)
        grads = tf.gradients(loss, phs)
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            feed = dict(zip(phs, inputs))
            got = sess.run(grads, feed)
            for k, a in enumerate(inputs):
                num = np.zeros_like(a)
                for idx in np.ndindex(a.shape):
                    for sgn in (1, -1):
                        b = a.copy()
                        b[idx] += sgn * eps
                        f = dict(feed)
                        f[phs[k]] = b
                        num[idx] += sgn * sess.run(loss, f) / (2 * eps)
                np.testing.assert_allclose(got[k], num, rtol=rtol, atol=atol, err_msg="input %d" % k)


def _rand(seed, *shape):
    return np.random.RandomState(seed).uniform(-1, 1, shape)


def _distinct(seed, *shape):
    n = int(np.prod(shape))
    return ((np.random.RandomState(seed).permutation(n) - n / 2.0) * 0.1).reshape(shape)


CASES = {
    "conv2d_same_s2": (lambda x, f: tf.nn.conv2d(x, f, [1, 2, 2, 1], "SAME"), [_rand(1, 1, 5, 4, 2), _rand(2, 3, 2, 2, 3)]),
    "conv2d_valid": (lambda x, f: tf.nn.conv2d(x, f, [1, 1, 2, 1], "VALID"), [_rand(3, 2, 4, 5, 1), _rand(4, 2, 3, 1, 2)]),
    "conv2d_transpose": (lambda x, f: tf.nn.conv2d_transpose(x, f, [1, 5, 6, 2], [1, 2, 2, 1], "SAME"),
                         [_rand(5, 1, 3, 3, 3), _rand(6, 3, 3, 2, 3)]),
    "max_pool": (lambda x: tf.nn.max_pool(x, [1, 2, 3, 1], [1, 2, 2, 1], "SAME"), [_distinct(7, 2, 5, 5, 2)]),
    "avg_pool": (lambda x: tf.nn.avg_pool(x, [1, 3, 2, 1], [1, 2, 1, 1], "SAME"), [_rand(8, 1, 5, 4, 2)]),
    "reverse": (lambda x: tf.reverse(x, [1]) * x, [_rand(9, 3, 4)]),
    "cond_nested": (lambda x, y: tf.cond(tf.reduce_sum(x) > 0,
                                         lambda: tf.cond(tf.reduce_sum(y) > 0, lambda: x * y, lambda: tf.sin(x)),
                                         lambda: y * y), [np.abs(_rand(10, 3)), np.abs(_rand(11, 3))]),
    "while_two_vars": (lambda x, w: tf.while_loop(lambda i, a, b: i < 3,
                                                  lambda i, a, b: (i + 1, tf.tanh(a * w + b), b * 0.9 + a),
                                                  [0, x, w])[1], [_rand(12, 4), _rand(13, 4)]),
    "while_in_cond": (lambda x: tf.cond(tf.reduce_sum(x) < 100.0,
                                        lambda: tf.while_loop(lambda i, v: i < 2, lambda i, v: (i + 1, v * x),
                                                              [0, x])[1], lambda: x), [_rand(14, 3)]),
    "cond_in_while": (lambda x: tf.while_loop(lambda i, v: i < 4,
                                              lambda i, v: (i + 1, tf.cond(i < 2, lambda: v * x, lambda: v + x)),
                                              [0, x])[1], [_rand(15, 3)]),
    "map_fn": (lambda x: tf.map_fn(lambda r: tf.reduce_sum(r * r) * r, x), [_rand(16, 3, 2)]),
    "scan": (lambda x, w: tf.scan(lambda a, v: tf.tanh(a * w + v), x, initializer=tf.zeros([2], tf.float64)),
             [_rand(17, 4, 2), _rand(18, 2)]),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_gradient(name):
    build, inputs = CASES[name]
    _check(build, inputs)


def test_dynamic_rnn_gradient_through_time():
    x0 = _rand(19, 2, 3, 2)

    def build(x):
        with tf.variable_scope("r", initializer=tf.constant_initializer(0.3), dtype=tf.float64):
            out, _ = tf.nn.dynamic_rnn(tf.nn.rnn_cell.GRUCell(2), x, dtype=tf.float64)
        return out

    _check(build, [x0])
