"""Sparse tensors: feeds and fetches, errors, and gradients against central differences (float64).
Values against TensorFlow: programs/p_sparse.py (test_programs)."""
import numpy as np
import pytest

import tf_upgrade.compat_v1 as tf
from tf_upgrade.compat_v1.kernels.segment import segment_sum

from .test_gradients_nn_control_flow import _check, _rand

IDX = np.array([[0, 1], [0, 2], [1, 0], [2, 2], [3, 1]], np.int64)
SHAPE = [4, 3]


def _sp(values):
    return tf.SparseTensor(IDX, values, SHAPE)


CASES = {
    "matmul": (lambda v, b: tf.sparse_tensor_dense_matmul(_sp(v), b), [_rand(1, 5), _rand(2, 3, 2)]),
    "matmul_adjoint_a": (lambda v, b: tf.sparse_tensor_dense_matmul(_sp(v), b, adjoint_a=True),
                         [_rand(3, 5), _rand(4, 4, 2)]),
    "matmul_adjoint_b": (lambda v, b: tf.sparse_tensor_dense_matmul(_sp(v), b, adjoint_b=True),
                         [_rand(5, 5), _rand(6, 2, 3)]),
    "mul_dense_row": (lambda v, d: tf.sparse.to_dense(_sp(v) * d), [_rand(7, 5), _rand(8, 3)]),
    "div_dense": (lambda v, d: tf.sparse.to_dense(_sp(v) / d), [_rand(9, 5), 2.0 + _rand(10, 4, 3)]),
    "reduce_sum_axis": (lambda v: tf.sparse.reduce_sum(_sp(v), axis=0), [_rand(11, 5)]),
    "reduce_sum_all": (lambda v: tf.reshape(tf.sparse_reduce_sum(_sp(v)), [1]), [_rand(12, 5)]),
    "to_dense_default": (lambda v, d: tf.sparse_to_dense(IDX, SHAPE, v, default_value=d[0]), [_rand(13, 5), _rand(14, 1)]),
    "dense_add": (lambda v, d: tf.sparse_add(_sp(v), d), [_rand(15, 5), _rand(16, 4, 3)]),
    "sparse_add": (lambda v, w: tf.sparse.to_dense(tf.sparse_add(_sp(v), tf.SparseTensor(IDX[::2], w, SHAPE))),
                   [_rand(17, 5), _rand(18, 3)]),
    "retain_reorder": (lambda v: tf.sparse.to_dense(tf.sparse_reorder(tf.sparse_retain(
        tf.SparseTensor(IDX[::-1], v, SHAPE), [True, False, True, True, False]))), [_rand(19, 5)]),
    "softmax": (lambda v: tf.sparse_softmax(_sp(v)).values, [_rand(20, 5)]),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_gradient(name):
    build, inputs = CASES[name]
    _check(build, inputs)


def test_feed_tuple_and_value_fetch_sparse_tensor_value():
    with tf.Graph().as_default():
        sp = tf.sparse_placeholder(tf.float32, shape=[None, 3], name="s")
        assert sp.get_shape().as_list() == [None, 3]
        assert sp.indices.name == "s/indices:0" and sp.values.name == "s/values:0"
        doubled = sp * 2.0
        with tf.Session() as sess:
            got = sess.run(doubled, {sp: (IDX, np.arange(5, dtype=np.float32), [4, 3])})
            assert isinstance(got, tf.SparseTensorValue)
            np.testing.assert_array_equal(got.values, np.arange(5) * 2.0)
            np.testing.assert_array_equal(got.dense_shape, [4, 3])
            got = sess.run({"d": tf.sparse.to_dense(sp)}, {sp: tf.SparseTensorValue(IDX, np.ones(5), [4, 3])})
            assert got["d"].sum() == 5
            with pytest.raises(TypeError):
                sess.run(doubled, {sp: np.ones(3)})


def test_sparse_tensor_is_not_silently_densified():
    with tf.Graph().as_default():
        with pytest.raises(TypeError, match="SparseTensor"):
            tf.reduce_sum(_sp(np.ones(5, np.float32)))


def test_matmul_bounds_error_names_the_op():
    with tf.Graph().as_default():
        m = tf.sparse_tensor_dense_matmul(tf.SparseTensor([[5, 0]], [1.0], [2, 2]), tf.ones([2, 2]))
        with tf.Session() as sess, pytest.raises(tf.errors.InvalidArgumentError, match="SparseTensorDenseMatMul"):
            sess.run(m)


@pytest.mark.parametrize("rows", [(7,), (7, 3), (7, 2, 2)])
@pytest.mark.parametrize("dtype", [np.float32, np.float64, np.int64])
def test_segment_sum_matches_add_at(rows, dtype):
    rng = np.random.RandomState(0)
    data = rng.uniform(-3, 3, rows).astype(dtype)
    ids = rng.randint(0, 4, rows[0])
    want = np.zeros((5,) + rows[1:], dtype)
    np.add.at(want, ids, data)
    got = segment_sum(data, ids, 5)
    assert got.dtype == want.dtype and got.shape == want.shape
    np.testing.assert_allclose(got, want, rtol=1e-6)


@pytest.mark.parametrize("columns", [3, 70])  # the bincount path and the sorted-runs path
@pytest.mark.parametrize("adjoint", [False, True])
def test_matmul_plan_follows_fed_indices_even_when_changed_in_place(columns, adjoint):
    rng = np.random.RandomState(1)
    dense_shape = [6, 5]
    with tf.Graph().as_default():
        sp = tf.sparse_placeholder(tf.float64)
        b = tf.constant(rng.rand(6 if adjoint else 5, columns))
        m = tf.sparse_tensor_dense_matmul(sp, b, adjoint_a=adjoint)
        idx = np.array([[4, 1], [0, 3], [2, 2], [0, 0], [5, 4]], np.int64)
        vals = rng.rand(5)
        with tf.Session() as sess:
            for step in range(3):
                dense = np.zeros(dense_shape)
                np.add.at(dense, tuple(idx.T), vals)
                want = (dense.T if adjoint else dense) @ sess.run(b)
                got = sess.run(m, {sp: (idx, vals, dense_shape)})
                np.testing.assert_allclose(got, want, rtol=1e-12)
                idx[step] = [step + 1, step + 2]  # the same array object, new contents
