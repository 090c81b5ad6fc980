"""tf.data: from_tensor_slices / range / batch / shuffle / repeat / map with one-shot and
initializable iterators, until OutOfRangeError."""
import numpy as np

from ._util import tolist


def _drain(tf, sess, t, feed=None):
    out = []
    while True:
        try:
            out.append(sess.run(t, feed))
        except tf.errors.OutOfRangeError:
            return out


def run(tf, workdir):
    tf.reset_default_graph()
    feats = np.arange(10, dtype=np.float32).reshape(5, 2)
    labels = np.array([0, 1, 0, 1, 1], np.int64)
    ds = tf.data.Dataset.from_tensor_slices((feats, labels)).map(lambda f, l: (f * 2.0, l + 1))
    ds = ds.batch(2).repeat(2)
    it = ds.make_one_shot_iterator()
    nxt = it.get_next()
    r = tf.data.Dataset.range(10).map(lambda v: v * v).batch(4)
    rn = r.make_one_shot_iterator().get_next()
    ph = tf.placeholder(tf.float32, [None])
    init_it = tf.data.Dataset.from_tensor_slices(ph).map(lambda v: v + 1.0).make_initializable_iterator()
    init_next = init_it.get_next()
    d = tf.data.Dataset.from_tensor_slices({"a": np.arange(4), "b": np.arange(4) * 10}).batch(3)
    dn = d.make_one_shot_iterator().get_next()
    sh = tf.data.Dataset.range(20).shuffle(5, seed=3).batch(20).make_one_shot_iterator().get_next()
    with tf.Session() as sess:
        out = {"pairs": _drain(tf, sess, nxt), "squares": _drain(tf, sess, rn), "dicts": _drain(tf, sess, dn)}
        sess.run(init_it.initializer, {ph: [1.0, 2.0, 3.0]})
        first = _drain(tf, sess, init_next)
        sess.run(init_it.initializer, {ph: [5.0]})
        out["initializable"] = [first, _drain(tf, sess, init_next)]
        out["shuffled_sorted"] = sorted(sess.run(sh).tolist())
    out["static_shape"] = nxt[0].get_shape().as_list()
    return tolist(out)
