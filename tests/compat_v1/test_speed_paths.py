"""The fast paths added for real models give the same numbers as the general ones."""
import numpy as np
import pytest

import tf_upgrade.compat_v1 as tf
from tf_upgrade.compat_v1.kernels import blas_threads, inplace, parallel


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
    assert blas_threads.wanted({"TF_UPGRADE_BLAS_THREADS": "3"}, cores=2, loadavg=0.0) == (3, 1)
    assert blas_threads.wanted({}, cores=2, loadavg=0.5) == (1, 2)
    assert blas_threads.wanted({}, cores=2, loadavg=5.0) == (1, 1)
    assert blas_threads.wanted({}, cores=1, loadavg=0.0) == (None, 1)
    assert blas_threads.wanted({"OMP_NUM_THREADS": "2"}, cores=2, loadavg=0.0) == (None, 1)
    with pytest.raises(ValueError, match="TF_UPGRADE_BLAS_THREADS"):
        blas_threads.wanted({"TF_UPGRADE_BLAS_THREADS": "many"})


def test_blas_threads_are_set_through_openblas_during_runs(monkeypatch):
    if blas_threads.current() is None:
        pytest.skip("numpy is not linked to OpenBLAS here")
    before = blas_threads.current()
    seen = tf.py_func(lambda: np.array([blas_threads.current(), parallel.ways()], np.int64), [], tf.int64)
    for env, want in (("1", [1, 1]), (str(before + 1), [before + 1, 1])):
        monkeypatch.setenv("TF_UPGRADE_BLAS_THREADS", env)
        with tf.Session() as sess:
            assert sess.run(seen).tolist() == want
        assert blas_threads.current() == before  # put back when the run ends
    monkeypatch.delenv("TF_UPGRADE_BLAS_THREADS")
    for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(parallel, "usable_cores", lambda: 2)
    for load, ways in ((0.5, 2), (5.0, 1)):
        monkeypatch.setattr(blas_threads.os, "getloadavg", lambda load=load: (load, load, load))
        with tf.Session() as sess:
            assert sess.run(seen).tolist() == [1, ways]


@pytest.mark.parametrize("shapes", [((300, 200), (200, 150)), ((6, 64, 48), (6, 48, 80)), ((1, 400, 300), (1, 300, 64)),
                                    ((3, 70, 50), (1, 50, 40))])
def test_products_split_across_threads_equal_numpy(monkeypatch, shapes):
    rng = np.random.RandomState(1)
    a, b = (rng.standard_normal(s).astype(np.float32) for s in shapes)
    monkeypatch.setattr(parallel, "MIN_FLOPS", 0)
    parallel.set_ways(3)
    try:
        got = parallel.matmul(a, b)
    finally:
        parallel.set_ways(1)
    want = np.matmul(a, b)
    assert got.shape == want.shape and got.dtype == want.dtype
    np.testing.assert_allclose(got, want, rtol=1e-5, atol=1e-5)


def _sequential_sparse_matmul(idx, values, b, adjoint_a, n_rows):
    """TF's CPU kernel: each entry's product added into its output row, entry after entry, in b's dtype."""
    out = np.zeros((n_rows, b.shape[1]), b.dtype)
    for (i, j), v in zip(idx, values):
        r, c = (j, i) if adjoint_a else (i, j)
        out[r] += v * b[c]
    return out


@pytest.mark.parametrize("adjoint_a", [False, True])
@pytest.mark.parametrize("layout", ["row_order", "shuffled", "hub_rows"])
def test_sparse_matmul_sums_each_row_in_entry_order(adjoint_a, layout):
    """Bit-identical to a sequential float32 sum in entry order (np.add.reduceat's unrolled adds are not),
    with rows of very different lengths (hub rows go through the long-row tail), empty rows, and entries
    out of row order (the adjoint products of a backward pass)."""
    rng = np.random.RandomState(3)
    n_rows, n_cols, width = 300, 200, 16
    rows = rng.randint(0, n_rows - 20, 4000)  # the last 20 rows stay empty
    if layout == "hub_rows":
        rows[:1500] = 7
        rows[1500:2300] = 250
    cols = rng.randint(0, n_cols, len(rows))
    if layout != "shuffled":
        order = np.argsort(rows, kind="stable")
        rows, cols = rows[order], cols[order]
    idx = np.stack([cols, rows] if adjoint_a else [rows, cols], 1).astype(np.int64)
    values = rng.uniform(-2, 2, len(rows)).astype(np.float32)
    b = rng.uniform(-2, 2, (n_cols, width)).astype(np.float32)
    shape = [n_cols, n_rows] if adjoint_a else [n_rows, n_cols]
    with tf.Graph().as_default(), tf.Session() as sess:
        got = sess.run(tf.sparse_tensor_dense_matmul(tf.SparseTensor(idx, values, shape), b, adjoint_a=adjoint_a))
    want = _sequential_sparse_matmul(idx, values, b, adjoint_a, n_rows)
    assert got.dtype == np.float32
    if layout == "hub_rows":  # the tails of hub rows are summed separately: not bit-identical there
        np.testing.assert_allclose(got, want, rtol=1e-5, atol=1e-4)
        rest = np.ones(n_rows, bool)
        rest[[7, 250]] = False
        np.testing.assert_array_equal(got[rest], want[rest])
    else:
        np.testing.assert_array_equal(got, want)


def test_sparse_matmul_integers_and_a_plan_per_fed_index_array():
    idx = np.array([[2, 0], [0, 1], [2, 1], [0, 0]], np.int64)
    b = np.arange(6, dtype=np.int64).reshape(2, 3)
    with tf.Graph().as_default(), tf.Session() as sess:
        i = tf.placeholder(tf.int64, [None, 2])
        v = tf.placeholder(tf.int64, [None])
        m = tf.sparse_tensor_dense_matmul(tf.SparseTensor(i, v, [3, 2]), b)
        for values in ([1, 2, 3, 4], [5, 6, 7, 8]):
            want = _sequential_sparse_matmul(idx, values, b, False, 3)
            np.testing.assert_array_equal(sess.run(m, {i: idx, v: values}), want)
        idx[0] = [1, 1]  # the same array object, changed in place: a new plan
        np.testing.assert_array_equal(sess.run(m, {i: idx, v: [1, 2, 3, 4]}),
                                      _sequential_sparse_matmul(idx, [1, 2, 3, 4], b, False, 3))


def _donating_steps(sess):
    """Op names whose plan step writes into a dead input (kernels/inplace.py)."""
    names = set()
    for plan in sess._plans.values():
        names |= {op.name for kernel, _ins, _out, op in plan.steps if kernel.__module__ == inplace.__name__}
    return names


def test_dead_activations_are_overwritten_with_the_same_numbers():
    rng = np.random.RandomState(0)
    xv = rng.standard_normal((64, 512)).astype(np.float32)
    wv = rng.standard_normal((512, 512)).astype(np.float32) * 0.05
    bv = rng.standard_normal(512).astype(np.float32)

    def build():
        x = tf.placeholder(tf.float32, [64, 512])
        h = tf.nn.bias_add(tf.matmul(x, tf.constant(wv)), tf.constant(bv), name="bias")
        g = tf.multiply(0.5 * h, 1.0 + tf.tanh(0.79788456 * (h + 0.044715 * tf.pow(h, 3))), name="gelu")
        s = tf.nn.softmax(tf.matmul(g, tf.constant(wv)), name="probs")
        n = tf.rsqrt(tf.square(s) + 1.0, name="rsqrt") - s
        return x, h, n

    with tf.Graph().as_default():
        x, h, n = build()
        with tf.Session() as sess:
            got = sess.run(n, {x: xv})
            donated = _donating_steps(sess)
            # Fetching h as well keeps it: the steps reading it must not overwrite it.
            got_n, got_h = sess.run([n, h], {x: xv})
    assert {"bias", "gelu", "probs", "rsqrt"} <= donated
    plain = np.matmul(xv, wv) + bv
    np.testing.assert_array_equal(got_h, plain)
    with tf.Graph().as_default():  # the ordinary kernels, step by step
        x, h, n = build()
        with tf.Session() as sess:
            monkey = inplace.MIN_SIZE
            try:
                inplace.MIN_SIZE = 1 << 62
                want = sess.run(n, {x: xv})
            finally:
                inplace.MIN_SIZE = monkey
    np.testing.assert_array_equal(got, want)
    np.testing.assert_array_equal(got_n, want)


def test_values_others_can_see_are_never_overwritten():
    with tf.Graph().as_default():
        x = tf.placeholder(tf.float32, [256, 128])
        v = tf.Variable(tf.zeros([256, 128]))
        a = x * 2.0                       # read by a view-making op (reshape) whose result is used later
        flat = tf.reshape(a, [-1])
        b = tf.exp(a)                     # a's last direct elementwise use
        c = tf.reduce_sum(flat) + tf.reduce_sum(b)
        d = x + 1.0                       # stored in a variable, then read again
        assign = tf.assign(v, d)
        e = tf.tanh(d)
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            xv = np.ones((256, 128), np.float32)
            got_c, _, got_e = sess.run([c, assign, e], {x: xv})
            assert "Exp" not in _donating_steps(sess) and "Tanh" not in _donating_steps(sess)
            np.testing.assert_allclose(got_c, 2.0 * xv.size + np.exp(2.0) * xv.size, rtol=1e-6)
            np.testing.assert_array_equal(sess.run(v), xv + 1.0)
            np.testing.assert_array_equal(got_e, np.tanh(xv + 1.0))
            # a fed array is never written to
            before = xv.copy()
            sess.run(tf.tanh(x) * 3.0, {x: xv})
            np.testing.assert_array_equal(xv, before)
