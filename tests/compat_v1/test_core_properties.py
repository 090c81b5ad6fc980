"""Property tests (hypothesis) for the compat_v1 core: broadcasting gradients and fetch structures."""
import collections

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import tf_upgrade.compat_v1 as tf

BINARY = {
    "add": lambda x, y: x + y,
    "sub": lambda x, y: x - y,
    "mul": lambda x, y: x * y,
    "div": lambda x, y: x / (tf.abs(y) + 1.0),
    "squared_difference": tf.squared_difference,
    "pow": lambda x, y: tf.pow(tf.abs(x) + 1.0, y),
}


def _sum_to(g, shape):
    lead = g.ndim - len(shape)
    g = g.sum(axis=tuple(range(lead)))
    return g.sum(axis=tuple(i for i, d in enumerate(shape) if d == 1), keepdims=True).reshape(shape)


@settings(max_examples=30, deadline=None)
@given(shapes=hnp.mutually_broadcastable_shapes(num_shapes=2, min_dims=0, max_dims=3, max_side=3),
       op=st.sampled_from(sorted(BINARY)), seed=st.integers(0, 2**16))
def test_broadcasting_gradients_are_sums_of_elementwise_gradients(shapes, op, seed):
    """d/dx sum(w * f(x, y)) equals the elementwise derivative summed back over broadcast dims."""
    (sx, sy), out = shapes.input_shapes, shapes.result_shape
    rng = np.random.RandomState(seed)
    xv, yv = rng.uniform(-1, 1, sx), rng.uniform(-1, 1, sy)
    w = rng.uniform(-1, 1, out)
    eps = 1e-6
    with tf.Graph().as_default():
        x = tf.placeholder(tf.float64, sx)
        y = tf.placeholder(tf.float64, sy)
        z = BINARY[op](x, y)
        assert z.shape.as_list() == list(out)
        loss = tf.reduce_sum(z * w)
        gx, gy = tf.gradients(loss, [x, y])
        assert gx.shape.as_list() == list(sx) and gy.shape.as_list() == list(sy)
        with tf.Session() as sess:
            got_x, got_y = sess.run([gx, gy], {x: xv, y: yv})
            # elementwise derivatives of f at the broadcast points, by central differences
            xb, yb = np.broadcast_to(xv, out).copy(), np.broadcast_to(yv, out).copy()
            zb = tf.placeholder(tf.float64, out), tf.placeholder(tf.float64, out)
            f = BINARY[op](*zb)
            dfx = (sess.run(f, {zb[0]: xb + eps, zb[1]: yb}) - sess.run(f, {zb[0]: xb - eps, zb[1]: yb})) / (2 * eps)
            dfy = (sess.run(f, {zb[0]: xb, zb[1]: yb + eps}) - sess.run(f, {zb[0]: xb, zb[1]: yb - eps})) / (2 * eps)
    np.testing.assert_allclose(got_x, _sum_to(w * dfx, sx), rtol=1e-5, atol=1e-7)
    np.testing.assert_allclose(got_y, _sum_to(w * dfy, sy), rtol=1e-5, atol=1e-7)


Point = collections.namedtuple("Point", "x y")
leaves = st.sampled_from(["a", "b", "op", "v"])
structures = st.recursive(
    leaves,
    lambda children: st.one_of(st.lists(children, max_size=3), st.tuples(children, children),
                               st.builds(Point, children, children),
                               st.dictionaries(st.sampled_from(["p", "q", "r"]), children, max_size=3)),
    max_leaves=8)


def _map_leaves(structure, table):
    """The same nesting with each leaf name replaced by table[name]."""
    if isinstance(structure, str):
        return table[structure]
    if isinstance(structure, Point):
        return Point(*[_map_leaves(s, table) for s in structure])
    if isinstance(structure, dict):
        return {k: _map_leaves(v, table) for k, v in structure.items()}
    return type(structure)(_map_leaves(s, table) for s in structure)


@settings(max_examples=60, deadline=None)
@given(structure=structures)
def test_any_fetch_structure_comes_back_with_the_same_shape(structure):
    with tf.Graph().as_default():
        a = tf.constant(1.5)
        b = tf.constant([1, 2])
        v = tf.Variable(3.0)
        elements = {"a": a, "b": b, "op": tf.no_op(), "v": v}
        with tf.Session() as sess:
            sess.run(v.initializer)
            got = sess.run(_map_leaves(structure, elements))
            again = sess.run(_map_leaves(structure, elements))  # the cached plan gives the same
    expected = _map_leaves(structure, {"a": np.float32(1.5), "b": np.array([1, 2], np.int32), "op": None,
                                     "v": np.float32(3.0)})
    for result in (got, again):
        assert _plain(result) == _plain(expected)


def _plain(x):
    if isinstance(x, np.ndarray):
        return ("array", x.dtype.name, x.tolist())
    if isinstance(x, np.generic):
        return ("scalar", x.dtype.name, x.item())
    if isinstance(x, dict):
        return {k: _plain(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return (type(x).__name__, [_plain(v) for v in x])
    return x
