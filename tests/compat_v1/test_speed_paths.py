"""The fast paths added for real models give the same numbers as the general ones."""
import numpy as np
import pytest

import tf_upgrade.compat_v1 as tf
from tf_upgrade.compat_v1.kernels import blas_threads


@pytest.mark.parametrize("exponent", [2.0, 3.0, 4.0, 1.0, 0.5, -1.0, -2.0, -0.5, 2.5])
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_pow_small_exponents_match_numpy_power(exponent, dtype):
    x = np.linspace(0.1, 3.0, 50).astype(dtype)
    with tf.Graph().as_default(), tf.Session() as sess:
        got = sess.run(tf.pow(tf.constant(x), exponent))
    assert got.dtype == dtype
    np.testing.assert_allclose(got, np.power(x, dtype(exponent)), rtol=2e-7 if dtype == np.float32 else 1e-15)


def test_pow_integer_and_tensor_exponents_unchanged():
    with tf.Graph().as_default(), tf.Session() as sess:
        assert sess.run(tf.pow(tf.constant([2, 3]), 3)).tolist() == [8, 27]
        assert sess.run(tf.pow(tf.constant([2.0, 3.0]), tf.constant([3.0, 2.0]))).tolist() == [8.0, 9.0]


@pytest.mark.parametrize("axis", [0, 1])
def test_gather_gradient_sums_repeated_rows(axis):
    params = np.arange(12, dtype=np.float32).reshape(3, 4)
    idx = np.array([[2, 0], [2, 2]])
    with tf.Graph().as_default(), tf.Session() as sess:
        p = tf.constant(params)
        g = tf.gradients(tf.reduce_sum(tf.gather(p, idx, axis=axis) * 1.5), p)[0]
        got = sess.run(g)
    want = np.zeros_like(params)
    for i in idx.reshape(-1):
        if axis == 0:
            want[i] += 1.5
        else:
            want[:, i] += 1.5
    np.testing.assert_array_equal(got, want)


def test_scatter_nd_accumulates_and_checks_bounds():
    with tf.Graph().as_default(), tf.Session() as sess:
        out = tf.scatter_nd([[0, 1], [2, 0], [0, 1]], [1.0, 2.0, 4.0], [3, 2])
        np.testing.assert_array_equal(sess.run(out), [[0, 5], [0, 0], [2, 0]])
        rows = tf.scatter_nd([[1], [1]], [[1, 2], [3, 4]], [2, 2])
        np.testing.assert_array_equal(sess.run(rows), [[0, 0], [4, 6]])
        with pytest.raises(tf.errors.InvalidArgumentError):
            sess.run(tf.scatter_nd([[3, 0]], [1.0], [3, 2]))


def test_blas_thread_policy():
    assert blas_threads.wanted({"TF_UPGRADE_BLAS_THREADS": "3"}, loadavg=0.0, cores=2) == 3
    assert blas_threads.wanted({}, loadavg=5.0, cores=2) == 1
    assert blas_threads.wanted({}, loadavg=0.5, cores=2) is None
    assert blas_threads.wanted({"OMP_NUM_THREADS": "2"}, loadavg=5.0, cores=2) is None
    with pytest.raises(ValueError, match="TF_UPGRADE_BLAS_THREADS"):
        blas_threads.wanted({"TF_UPGRADE_BLAS_THREADS": "many"})


def test_blas_threads_are_set_through_openblas(monkeypatch):
    if blas_threads.current() is None:
        pytest.skip("numpy is not linked to OpenBLAS here")
    before = blas_threads.current()
    monkeypatch.setenv("TF_UPGRADE_BLAS_THREADS", "1")
    tf.Session().close()
    assert blas_threads.current() == 1
    monkeypatch.setenv("TF_UPGRADE_BLAS_THREADS", str(before))
    tf.Session().close()
    assert blas_threads.current() == before
