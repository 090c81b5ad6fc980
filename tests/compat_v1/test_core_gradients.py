"""Every differentiable op's gradient against central differences (float64).

Each case builds `y = f(*inputs)` from float64 placeholders; the check compares
tf.gradients(sum(y * w), inputs) (w fixed) with (L(x + eps) - L(x - eps)) / 2 eps per element.
Second-order cases differentiate a gradient, which covers the fused gradient ops (ReluGrad, ...).
"""
import numpy as np
import pytest

import tf_upgrade.compat_v1 as tf
from tf_upgrade.compat_v1.ops import registry as R
from tf_upgrade.compat_v1.ops.common import make

from .core_checking import CheckingSession


@pytest.fixture(autouse=True)
def checking_session(monkeypatch):
    """Every value a kernel returns must match its static dtype (float64 stays float64) and shape."""
    monkeypatch.setattr(tf, "Session", CheckingSession)


def _arr(seed, *shape, positive=False, spread=1.0):
    v = np.random.RandomState(seed).uniform(-spread, spread, shape)
    if positive:
        v = np.abs(v) + 0.5
    return v


def _away_from_ties(seed, *shape):
    """Distinct values, no two within 0.05 of each other (max/min/relu/abs kinks stay away from eps)."""
    n = int(np.prod(shape))
    vals = (np.random.RandomState(seed).permutation(n) - n / 2.0 + 0.37) * 0.2
    return vals.reshape(shape)


def _grad_of(f):
    """d/dx sum(f(x) * w) as a function: its gradient then checks second derivatives."""
    def g(x):
        y = f(x)
        w = tf.constant(np.linspace(-1.0, 1.5, int(np.prod(y.shape.as_list()))).reshape(y.shape.as_list()))
        return tf.gradients(tf.reduce_sum(y * w), x)[0]
    return g


C = tf.constant
CASES = {
    # binary elementwise, with broadcasting on both sides
    "add": (lambda x, y: x + y, [_arr(1, 3, 4), _arr(2, 4)]),
    "add_bcast_col": (lambda x, y: tf.add(x, y), [_arr(1, 3, 1), _arr(2, 1, 4)]),
    "sub": (lambda x, y: x - y, [_arr(3, 3, 1), _arr(4, 3, 4)]),
    "mul": (lambda x, y: x * y, [_arr(5, 2, 3), _arr(6, 3)]),
    "realdiv": (lambda x, y: x / y, [_arr(7, 2, 3), _arr(8, 2, 1, positive=True)]),
    "div": (lambda x, y: tf.div(x, y), [_arr(7, 2, 3), _arr(8, 3, positive=True)]),
    "pow": (lambda x, y: tf.pow(x, y), [_arr(9, 2, 3, positive=True), _arr(10, 3)]),
    "maximum": (lambda x, y: tf.maximum(x, y), [_away_from_ties(11, 3, 4), _away_from_ties(12, 4) + 0.05]),
    "minimum": (lambda x, y: tf.minimum(x, y), [_away_from_ties(13, 3, 4), _away_from_ties(14, 3, 1) + 0.05]),
    "squared_difference": (lambda x, y: tf.squared_difference(x, y), [_arr(15, 2, 3), _arr(16, 3)]),
    "select_v2": (lambda x, y: make("SelectV2", [C(np.array([True, False, True])), x, y]),
                  [_arr(17, 2, 3), _arr(18, 3)]),
    "select": (lambda x, y: tf.where(C(np.array([[True, False, True], [False, False, True]])), x, y),
               [_arr(17, 2, 3), _arr(18, 2, 3)]),
    "select_rows": (lambda x, y: tf.where(C(np.array([True, False])), x, y), [_arr(17, 2, 3), _arr(18, 2, 3)]),
    "add_n": (lambda x, y: tf.add_n([x, y, x]), [_arr(19, 2, 2), _arr(20, 2, 2)]),
    # unary
    "neg": (lambda x: -x, [_arr(21, 5)]),
    "square": (tf.square, [_arr(22, 5)]),
    "sqrt": (tf.sqrt, [_arr(23, 5, positive=True)]),
    "rsqrt": (tf.rsqrt, [_arr(24, 5, positive=True)]),
    "exp": (tf.exp, [_arr(25, 5)]),
    "log": (tf.log, [_arr(26, 5, positive=True)]),
    "log1p": (tf.log1p, [_arr(27, 5, positive=True)]),
    "abs": (tf.abs, [_away_from_ties(28, 5)]),
    "sign": (lambda x: tf.sign(x) * x, [_away_from_ties(29, 5)]),
    "reciprocal": (tf.reciprocal, [_arr(30, 5, positive=True)]),
    "relu": (tf.nn.relu, [_away_from_ties(31, 6)]),
    "sigmoid": (tf.sigmoid, [_arr(32, 6, spread=3)]),
    "tanh": (tf.tanh, [_arr(33, 6, spread=2)]),
    "softplus": (tf.nn.softplus, [_arr(34, 6, spread=3)]),
    "sin_cos": (lambda x: tf.sin(x) * tf.cos(x), [_arr(35, 6)]),
    "identity": (tf.identity, [_arr(36, 3)]),
    "placeholder_with_default": (lambda x: tf.placeholder_with_default(x, [3]) * 2.0, [_arr(37, 3)]),
    "clip_by_value": (lambda x: tf.clip_by_value(x, -0.3, 0.4), [_away_from_ties(38, 3, 3) * 0.5 + 0.023]),
    "cast": (lambda x: tf.cast(tf.cast(x, tf.float32) * 2.0, tf.float64), [_arr(39, 4)]),
    # second order: the fused gradient ops
    "relu_grad": (_grad_of(lambda x: tf.nn.relu(x) * x), [_away_from_ties(40, 6)]),
    "sigmoid_grad": (_grad_of(tf.sigmoid), [_arr(41, 6, spread=2)]),
    "tanh_grad": (_grad_of(tf.tanh), [_arr(42, 6, spread=2)]),
    "sqrt_grad": (_grad_of(tf.sqrt), [_arr(43, 6, positive=True)]),
    "sum_to_shape_grad": (_grad_of(lambda x: (x + C(_arr(44, 3, 4))) ** 2), [_arr(45, 4)]),
    # matmul
    "matmul": (lambda a, b: tf.matmul(a, b), [_arr(50, 2, 3), _arr(51, 3, 4)]),
    "matmul_ta": (lambda a, b: tf.matmul(a, b, transpose_a=True), [_arr(52, 3, 2), _arr(53, 3, 4)]),
    "matmul_tb": (lambda a, b: tf.matmul(a, b, transpose_b=True), [_arr(54, 2, 3), _arr(55, 4, 3)]),
    "matmul_tab": (lambda a, b: tf.matmul(a, b, transpose_a=True, transpose_b=True), [_arr(56, 3, 2), _arr(57, 4, 3)]),
    "batch_matmul": (lambda a, b: tf.matmul(a, b), [_arr(58, 2, 2, 3), _arr(59, 3, 2)]),
    "batch_matmul_adj": (lambda a, b: tf.matmul(a, b, adjoint_a=True, adjoint_b=True),
                         [_arr(58, 2, 3, 2), _arr(59, 2, 2, 3)]),
    # reductions
    "sum": (lambda x: tf.reduce_sum(x, axis=1), [_arr(60, 3, 4)]),
    "sum_all_keep": (lambda x: tf.reduce_sum(x, keepdims=True), [_arr(61, 3, 4)]),
    "mean": (lambda x: tf.reduce_mean(x, reduction_indices=[0, 2]), [_arr(62, 2, 3, 2)]),
    "mean_dynamic": (lambda x: tf.reduce_mean(tf.placeholder_with_default(x, [None, 4]), 0), [_arr(63, 3, 4)]),
    "max": (lambda x: tf.reduce_max(x, 0), [_away_from_ties(64, 3, 4)]),
    "min": (lambda x: tf.reduce_min(x, 1, keep_dims=True), [_away_from_ties(65, 3, 4)]),
    "prod": (lambda x: tf.reduce_prod(x, 1), [_arr(66, 3, 4)]),
    "prod_with_zero": (lambda x: tf.reduce_prod(x * C(np.array([1.0, 0.0, 1.0])), 0), [_arr(67, 2, 3)]),
    "logsumexp": (lambda x: tf.reduce_logsumexp(x, 1), [_arr(68, 3, 4)]),
    # shape ops
    "reshape": (lambda x: tf.reshape(x, [3, -1]) * C(_arr(70, 3, 4)), [_arr(71, 2, 6)]),
    "squeeze": (lambda x: tf.squeeze(x, [1]) ** 2, [_arr(72, 3, 1, 2)]),
    "expand_dims": (lambda x: tf.expand_dims(x, 1) * C(_arr(73, 3, 2, 2)), [_arr(74, 3, 2)]),
    "transpose": (lambda x: tf.transpose(x, [2, 0, 1]) * C(_arr(75, 4, 2, 3)), [_arr(76, 2, 3, 4)]),
    "concat": (lambda x, y: tf.concat([x, y, x], 1) ** 2, [_arr(77, 2, 2), _arr(78, 2, 3)]),
    "reverse": (lambda x: tf.reverse(x, [1]) * x, [_arr(200, 3, 4)]),
    "reverse_sequence": (lambda x: tf.reverse_sequence(x, [1, 3, 2], seq_axis=1, batch_axis=0) * x,
                         [_arr(201, 3, 4, 2)]),
    "concat_dynamic": (lambda x, y: tf.concat([tf.placeholder_with_default(x, [None, None]), y], 0) ** 2,
                       [_arr(77, 2, 3), _arr(78, 1, 3)]),
    "stack": (lambda x, y: tf.stack([x, y], axis=1) ** 2, [_arr(79, 2, 3), _arr(80, 2, 3)]),
    "unstack": (lambda x: tf.unstack(x, axis=1)[0] * tf.unstack(x, axis=1)[2], [_arr(81, 2, 3)]),
    "split": (lambda x: tf.split(x, 2, axis=1)[1] ** 2, [_arr(82, 2, 4)]),
    "split_sizes": (lambda x: tf.concat(tf.split(x, [1, -1], 0)[::-1], 0) * C(_arr(83, 3, 2)), [_arr(84, 3, 2)]),
    "tile": (lambda x: tf.tile(x, [2, 3]) * C(_arr(85, 4, 6)), [_arr(86, 2, 2)]),
    "tile_grad": (_grad_of(lambda x: tf.tile(x, [2, 1]) ** 2), [_arr(87, 2, 3)]),
    "pad": (lambda x: tf.pad(x, [[1, 0], [2, 1]]) * C(_arr(88, 3, 5)), [_arr(89, 2, 2)]),
    "slice": (lambda x: tf.slice(x, [1, 0], [2, -1]) ** 2, [_arr(90, 3, 3)]),
    "strided_slice": (lambda x: x[1:, ::2] * x[0, ::2] + x[..., -1:][:2] ** 2, [_arr(91, 3, 4)]),
    "strided_slice_newaxis": (lambda x: x[None, :, 1] ** 2, [_arr(92, 3, 2)]),
    "strided_slice_grad": (_grad_of(lambda x: x[1:] ** 3), [_arr(93, 3, 2)]),
    "gather": (lambda x: tf.gather(x, [2, 0, 2]) ** 2, [_arr(94, 3, 2)]),
    "gather_axis1": (lambda x: tf.gather(x, [[1, 1], [0, 2]], axis=1) * C(_arr(95, 2, 2, 2)), [_arr(96, 2, 3)]),
    "gather_grad": (_grad_of(lambda x: tf.gather(x, [1, 1, 0]) ** 3), [_arr(97, 3)]),
    "broadcast_to": (lambda x: tf.broadcast_to(x, [3, 2]) * C(_arr(98, 3, 2)), [_arr(99, 2)]),
    "fill": (lambda x: tf.fill([2, 3], tf.reduce_sum(x)) * C(_arr(100, 2, 3)), [_arr(101, 2)]),
    # nn
    "softmax": (tf.nn.softmax, [_arr(110, 2, 4)]),
    "softmax_axis0": (lambda x: tf.nn.softmax(x, axis=0), [_arr(111, 3, 2)]),
    "log_softmax": (tf.nn.log_softmax, [_arr(112, 2, 4)]),
    "bias_add": (lambda x, b: tf.nn.bias_add(x, b) ** 2, [_arr(113, 3, 2), _arr(114, 2)]),
    "bias_add_nchw": (lambda x, b: tf.nn.bias_add(x, b, data_format="NCHW") ** 2, [_arr(115, 2, 3, 2), _arr(116, 3)]),
    "bias_add_grad": (_grad_of(lambda b: tf.nn.bias_add(C(_arr(117, 2, 3)), b) ** 3), [_arr(118, 3)]),
    "l2_loss": (tf.nn.l2_loss, [_arr(119, 2, 3)]),
    "softmax_xent": (lambda logits, labels: tf.nn.softmax_cross_entropy_with_logits_v2(labels=labels, logits=logits),
                     [_arr(120, 3, 4), np.abs(_arr(121, 3, 4)) / np.abs(_arr(121, 3, 4)).sum(1, keepdims=True)]),
    "softmax_xent_second_order": (_grad_of(lambda x: tf.nn.softmax_cross_entropy_with_logits_v2(
        labels=C(np.eye(4)[[0, 3, 1]]), logits=x)), [_arr(122, 3, 4)]),
    "sparse_xent": (lambda logits: tf.nn.sparse_softmax_cross_entropy_with_logits(
        labels=C(np.array([1, 0, 3])), logits=logits), [_arr(123, 3, 4)]),
    "sparse_xent_second_order": (_grad_of(lambda x: tf.nn.sparse_softmax_cross_entropy_with_logits(
        labels=C(np.array([2, 0])), logits=x)), [_arr(124, 2, 3)]),
    "sigmoid_xent": (lambda logits, labels: tf.nn.sigmoid_cross_entropy_with_logits(labels=labels, logits=logits),
                     [_away_from_ties(125, 2, 3), np.abs(_arr(126, 2, 3))]),
    "mean_squared_error": (lambda p, y: tf.losses.mean_squared_error(y, p), [_arr(127, 3, 2), _arr(128, 3, 2)]),
    "moments": (lambda x: tf.nn.moments(x, [0])[1], [_arr(129, 4, 2)]),
    "batch_normalization": (lambda x, m, v: tf.nn.batch_normalization(x, m, v, C(_arr(130, 2)), C(_arr(131, 2)), 1e-3),
                            [_arr(132, 3, 2), _arr(133, 2), _arr(134, 2, positive=True)]),
    # indexing and misc
    "gather_nd": (lambda x: tf.gather_nd(x, [[0, 1], [2, 0], [0, 1]]) ** 2, [_arr(140, 3, 2)]),
    "gather_nd_rows": (lambda x: tf.gather_nd(x, [[1], [1]]) * C(_arr(141, 2, 2)), [_arr(142, 3, 2)]),
    "scatter_nd": (lambda u: tf.scatter_nd([[0], [2], [0]], u, [4, 2]) * C(_arr(143, 4, 2)), [_arr(144, 3, 2)]),
    "scatter_nd_grad": (_grad_of(lambda x: tf.gather_nd(x, [[1, 0], [1, 0]]) ** 3), [_arr(145, 2, 2)]),
    "top_k": (lambda x: tf.nn.top_k(x, 2)[0] ** 2, [_away_from_ties(146, 3, 4)]),
    "top_k_grad": (_grad_of(lambda x: tf.nn.top_k(x, 2)[0] ** 3), [_away_from_ties(147, 2, 3)]),
    "take_along_last_axis": (lambda x: make("TakeAlongLastAxis", [x, C(np.array([[2, 0], [1, 1]]))]) ** 2,
                             [_arr(148, 2, 3)]),
    "boolean_mask": (lambda x: tf.boolean_mask(x, [True, False, True]) ** 2, [_arr(149, 3, 2)]),
    "boolean_mask_2d": (lambda x: tf.boolean_mask(x, [[True, False], [False, True]]) ** 2, [_arr(150, 2, 2, 2)]),
    "cumsum": (lambda x: tf.cumsum(x, 1) * C(_arr(151, 2, 3)), [_arr(152, 2, 3)]),
    "cumsum_exclusive_reverse": (lambda x: tf.cumsum(x, 0, exclusive=True, reverse=True) ** 2, [_arr(153, 3, 2)]),
    "print": (lambda x: tf.Print(x, [x], "value: ") * 2.0, [_arr(154, 3)]),
    "norm": (lambda x: tf.norm(x, axis=1), [_arr(155, 2, 3)]),
    "reduce_std": (lambda x: tf.math.reduce_std(x, 0), [_arr(156, 3, 2)]),
    "log_sigmoid": (tf.log_sigmoid, [_arr(157, 4, spread=3)]),
}


def _check(build, inputs, eps=1e-6, rtol=1e-5, atol=1e-7):
    with tf.Graph().as_default():
        phs = [tf.placeholder(tf.float64, a.shape) for a in inputs]
        y = build(*phs)
        with tf.Session() as sess:
            shape = list(np.shape(sess.run(y, dict(zip(phs, inputs)))))
        weights = np.linspace(-1.3, 1.1, int(np.prod(shape))).reshape(shape) if shape else np.array(0.7)
        loss = tf.reduce_sum(y * tf.constant(weights))
        grads = tf.gradients(loss, phs)
        with tf.Session() as sess:
            feed = dict(zip(phs, inputs))
            analytic = sess.run(grads, feed)
            for k, (ph, x) in enumerate(zip(phs, inputs)):
                numeric = np.zeros_like(x)
                for idx in np.ndindex(*x.shape):
                    values = []
                    for sign in (1, -1):
                        xp = x.copy()
                        xp[idx] += sign * eps
                        values.append(sess.run(loss, {**feed, ph: xp}))
                    numeric[idx] = (values[0] - values[1]) / (2 * eps)
                assert analytic[k] is not None, "no gradient for input %d" % k
                np.testing.assert_allclose(analytic[k], numeric, rtol=rtol, atol=atol,
                                           err_msg="input %d" % k)
                assert analytic[k].dtype == np.float64


@pytest.mark.parametrize("name", sorted(CASES))
def test_gradient_matches_central_differences(name):
    build, inputs = CASES[name]
    if name == "cast":  # goes through float32: linear, so a large step is exact enough
        _check(build, inputs, eps=1e-2, rtol=1e-5, atol=1e-5)
    else:
        _check(build, inputs)


# Differentiable op types exercised elsewhere: Read/Assign through variables (test_core_graph), and
# ProdGrad whose own second derivative is not implemented (documented).
EXEMPT = {"ReadVariableOp", "ProdGrad", "Add"}


def test_every_differentiable_op_has_a_case():
    seen = set()
    for build, inputs in CASES.values():
        with tf.Graph().as_default() as g:
            phs = [tf.placeholder(tf.float64, a.shape) for a in inputs]
            y = build(*phs)
            tf.gradients(tf.reduce_sum(y), phs)
            seen |= {op.type for op in g.get_operations()}
    # The core's ops (conv, control flow and the other layers have their own gradient tests).
    core = ("tf_upgrade.compat_v1.ops.", "tf_upgrade.compat_v1.train.", "tf_upgrade.compat_v1.variables")
    differentiable = {t for t, d in R.REGISTRY.items()
                      if d.grad is not None and d.grad is not R.NO_GRADIENT and d.module.startswith(core)}
    missing = differentiable - seen - EXEMPT
    assert not missing, "ops without a numeric gradient check: %s" % sorted(missing)


def test_stop_gradient_and_unconnected():
    with tf.Graph().as_default():
        x = tf.placeholder(tf.float64, [3])
        z = tf.placeholder(tf.float64, [3])
        y = tf.reduce_sum(x * tf.stop_gradient(x))
        gx, gz = tf.gradients(y, [x, z])
        assert gz is None
        gz0 = tf.gradients(y, z, unconnected_gradients="zero")[0]
        with tf.Session() as sess:
            v = np.array([1.0, 2.0, 3.0])
            np.testing.assert_allclose(sess.run(gx, {x: v}), v)
            np.testing.assert_allclose(sess.run(gz0, {x: v, z: v}), np.zeros(3))


def test_integer_paths_get_no_gradient():
    with tf.Graph().as_default():
        x = tf.placeholder(tf.float32, [4])
        y = tf.reduce_sum(tf.cast(tf.argmax(tf.reshape(x, [2, 2]), 1), tf.float32)) + tf.reduce_sum(x)
        g = tf.gradients(y, x)[0]
        with tf.Session() as sess:
            np.testing.assert_allclose(sess.run(g, {x: np.arange(4.0)}), np.ones(4))


def test_grad_ys_and_fed_gradient():
    with tf.Graph().as_default():
        x = tf.placeholder(tf.float32, [2])
        y = x * x
        g = tf.gradients(y, x, grad_ys=tf.constant([1.0, 10.0]))[0]
        with tf.Session() as sess:
            np.testing.assert_allclose(sess.run(g, {x: [1.0, 2.0]}), [2.0, 40.0])
            # a gradient tensor can be fed like any other tensor
            np.testing.assert_allclose(sess.run(g * 2.0, {g: [5.0, 5.0]}), [10.0, 10.0])


def test_missing_gradient_raises_lookup_error():
    R.register("TestOnlyNoGrad", kernel=lambda x: x, infer=R.same_as_input)
    with tf.Graph().as_default():
        x = tf.placeholder(tf.float32, [2])
        y = make("TestOnlyNoGrad", [x])
        with pytest.raises(LookupError, match="No gradient defined for operation"):
            tf.gradients(tf.reduce_sum(y), x)
    del R.REGISTRY["TestOnlyNoGrad"]
