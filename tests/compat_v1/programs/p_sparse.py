"""Sparse tensors: sparse_placeholder tuple feeds, sparse x dense matmul (adjoints), retain, reorder,
to_dense, reduce_sum, sparse-dense arithmetic, sparse_add, softmax, and their gradients."""
import numpy as np

from ._util import det, tolist


def run(tf, workdir):
    tf.reset_default_graph()
    out = {}
    idx = np.array([[0, 0], [0, 3], [1, 1], [2, 0], [2, 2], [3, 3], [4, 1]], np.int64)
    val = det([7], 1, 1.0)
    shape = np.array([5, 4], np.int64)
    sp = tf.sparse_placeholder(tf.float32, name="adj")
    fixed = tf.sparse_placeholder(tf.float32, shape=[5, 4], name="fixed")
    keep = tf.placeholder(tf.bool, [None])
    b = tf.constant(det([4, 3], 2, 1.0))
    bt = tf.constant(det([3, 4], 3, 1.0))
    c = tf.constant(det([5, 2], 4, 1.0))
    vals = tf.constant(val)
    st = tf.SparseTensor(idx, vals, shape)
    retained = tf.sparse_retain(sp, keep) * 3.0 / tf.constant(det([4], 5, 1.0) + 2.0)
    m1 = tf.sparse_tensor_dense_matmul(st, b)
    m2 = tf.sparse_tensor_dense_matmul(st, bt, adjoint_b=True)
    m3 = tf.sparse_tensor_dense_matmul(st, c, adjoint_a=True)
    m4 = tf.sparse.sparse_dense_matmul(retained, b)
    rs_all = tf.sparse_reduce_sum(st)
    rs_0 = tf.sparse.reduce_sum(st, axis=0)
    rs_1k = tf.sparse.reduce_sum(st, axis=1, keepdims=True)
    dense = tf.sparse.to_dense(tf.sparse.reorder(tf.SparseTensor(idx[::-1].copy(), vals[::-1], shape)))
    s2d = tf.sparse_to_dense(tf.constant([[0, 1], [2, 3]]), [3, 4], vals[:2] * 2.0, default_value=0.5)
    added = tf.sparse_add(st, tf.constant(det([5, 4], 6, 1.0)))
    both = tf.sparse_add(st, tf.SparseTensor([[0, 0], [1, 2]], tf.constant([1.0, -0.5]), shape))
    soft = tf.sparse_softmax(st)
    loss = (tf.reduce_sum(m1 * m1) + tf.reduce_sum(tf.sin(m2)) + tf.reduce_sum(m3 * tf.constant(det([4, 2], 7, 1.0))) + tf.reduce_sum(m4 * m4)
            + rs_all * rs_all + tf.reduce_sum(rs_0 * rs_0) + tf.reduce_sum(rs_1k * 2.0)
            + tf.reduce_sum(dense * dense) + tf.reduce_sum(s2d * s2d) + tf.reduce_sum(added * added)
            + tf.reduce_sum(soft.values * tf.range(7, dtype=tf.float32)))
    grads = tf.gradients(loss, [vals, b, bt, c])
    feed = {sp: tf.SparseTensorValue(idx, val, shape), fixed: (idx, val, shape),
            keep: [True, False, True, True, False, True, True]}
    with tf.Session() as sess:
        r = sess.run({"m1": m1, "m2": m2, "m3": m3, "m4": m4, "rs_all": rs_all, "rs_0": rs_0, "rs_1k": rs_1k,
                      "dense": dense, "s2d": s2d, "added": added, "both": both, "soft": soft,
                      "retained": retained, "loss": loss, "grads": grads,
                      "fixed_dense": tf.sparse.to_dense(fixed)}, feed)
        for key in ("both", "soft", "retained"):
            r[key] = {"indices": r[key].indices, "values": r[key].values, "dense_shape": r[key].dense_shape}
        out.update(r)
        out["fixed_static_shape"] = fixed.get_shape().as_list()
        out["fetched_type"] = type(sess.run(st)).__name__
    return tolist(out)
