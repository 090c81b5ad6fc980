"""Edge cases: layer reuse, BN inference, unknown time dimension RNN with initial_state,
bidirectional RNN, more tf.data transformations, while_loop maximum_iterations, cond returning ops."""
import os

import numpy as np

from ._util import det, load_deterministic, tolist


def _drain(tf, sess, t):
    out = []
    while True:
        try:
            out.append(sess.run(t))
        except tf.errors.OutOfRangeError:
            return out


def run(tf, workdir):
    tf.reset_default_graph()
    out = {}
    x = tf.placeholder(tf.float32, [None, 4])
    with tf.variable_scope("shared"):
        a = tf.layers.dense(x, 3, name="fc")
    with tf.variable_scope("shared", reuse=True):
        b = tf.layers.dense(x * 2.0, 3, name="fc")
    def disc(inp, reuse):
        with tf.variable_scope("disc", reuse=reuse):
            return tf.layers.dense(tf.layers.dense(inp, 4, activation=tf.nn.relu), 1)

    d_real = disc(x, None)
    d_fake = disc(x * -1.0, True)
    layer = tf.layers.Dense(2, activation=tf.nn.sigmoid, name="obj")
    c1 = layer(x)
    c2 = layer(x + 1.0)
    x3 = tf.constant(det([2, 3, 4], 5, 1.0))
    d3 = tf.layers.dense(x3, 2, name="fc3d")
    td = tf.tensordot(x3, tf.constant(det([3, 4, 5], 6, 1.0)), [[1, 2], [0, 1]])
    g3 = tf.gradients(tf.reduce_sum(d3 * d3) + tf.reduce_sum(td), [x3])[0]
    bn_in = tf.placeholder(tf.float32, [None, 3])
    bn = tf.layers.batch_normalization(bn_in, training=False, name="bn2d")
    bn_t = tf.layers.batch_normalization(bn_in, training=True, name="bn2d_t")

    seq = tf.placeholder(tf.float32, [None, None, 3])
    init_c = tf.placeholder(tf.float32, [None, 2])
    cell = tf.nn.rnn_cell.BasicLSTMCell(2)
    state0 = tf.nn.rnn_cell.LSTMStateTuple(init_c, init_c * 0.5)
    with tf.variable_scope("unk"):
        r_out, r_state = tf.nn.dynamic_rnn(cell, seq, initial_state=state0)
    (fw, bw), _ = tf.nn.bidirectional_dynamic_rnn(tf.nn.rnn_cell.GRUCell(2), tf.nn.rnn_cell.GRUCell(2), seq,
                                                  dtype=tf.float32)
    cnt = tf.while_loop(lambda i: i < 100, lambda i: i + 3, [tf.constant(0)], maximum_iterations=5)
    v = tf.Variable(1.0, name="v")
    p = tf.placeholder(tf.bool, [])
    upd = tf.cond(p, lambda: tf.assign_add(v, 10.0), lambda: tf.assign_add(v, 1.0))
    names = [t.name for t in tf.global_variables()]

    ds = tf.data.Dataset.range(12).filter(lambda q: q % 3 > 0).map(lambda q: q * 10).skip(1).take(5)
    z = tf.data.Dataset.zip((tf.data.Dataset.range(3), tf.data.Dataset.from_tensors([7, 8]).repeat(3)))
    pb = tf.data.Dataset.range(1, 5).map(lambda n: tf.fill([n], n)).padded_batch(2, padded_shapes=[None])
    txt = os.path.join(workdir, "lines.txt")
    with open(txt, "w") as f:
        f.write("alpha\nbeta\ngamma\n")
    tl = tf.data.TextLineDataset([txt]).batch(2)
    for k in range(3):
        with open(os.path.join(workdir, "part%d.csv" % k), "w") as f:
            f.write("h\n" + "".join("%d,%d\n" % (k, i) for i in range(k + 2)))
    files = tf.data.Dataset.list_files(os.path.join(workdir, "part*.csv"), shuffle=False)
    fm = files.flat_map(lambda f: tf.data.TextLineDataset(f).skip(1))
    il = files.interleave(lambda f: tf.data.TextLineDataset(f).skip(1), cycle_length=2, block_length=2)
    nested = tf.data.Dataset.range(1, 4).flat_map(
        lambda n: tf.data.Dataset.from_tensor_slices(tf.range(n) * 10 + n))
    def gen():
        for i in range(3):
            yield {"a": [i, i + 1], "b": float(i) / 2}

    fg = tf.data.Dataset.from_generator(gen, {"a": tf.int32, "b": tf.float32},
                                        {"a": tf.TensorShape([2]), "b": tf.TensorShape([])}).batch(2)
    reinit = tf.data.Iterator.from_structure(tf.int64, tf.TensorShape([]))
    next_r = reinit.get_next()
    init_a = reinit.make_initializer(tf.data.Dataset.range(2))
    init_b = reinit.make_initializer(tf.data.Dataset.range(5, 7))

    X = det([3, 4], 1, 1.0)
    S = det([2, 5, 3], 2, 1.0)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        load_deterministic(tf, sess)
        out["dense"] = sess.run([a, b, c1, c2], {x: X})
        out["gan_reuse"] = sess.run([d_real, d_fake], {x: X}) + [d_fake.name]
        out["dense3d"] = sess.run([d3, td, g3])
        out["bn"] = sess.run([bn, bn_t], {bn_in: det([4, 3], 3, 2.0)})
        out["rnn"] = sess.run([r_out, r_state, fw, bw], {seq: S, init_c: det([2, 2], 4)})
        out["rnn_short"] = sess.run(r_out, {seq: S[:, :2], init_c: det([2, 2], 4)})
        out["cnt"] = sess.run(cnt)
        out["upd"] = [sess.run(upd, {p: True}), sess.run(upd, {p: False})]
        out["ds"] = _drain(tf, sess, ds.make_one_shot_iterator().get_next())
        out["zip"] = _drain(tf, sess, z.make_one_shot_iterator().get_next())
        out["padded"] = _drain(tf, sess, pb.make_one_shot_iterator().get_next())
        out["text"] = _drain(tf, sess, tl.make_one_shot_iterator().get_next())
        out["generator"] = _drain(tf, sess, fg.make_one_shot_iterator().get_next())
        out["flat_map"] = _drain(tf, sess, fm.make_one_shot_iterator().get_next())
        out["interleave"] = _drain(tf, sess, il.make_one_shot_iterator().get_next())
        out["nested_flat_map"] = _drain(tf, sess, nested.make_one_shot_iterator().get_next())
        sess.run(init_a)
        ra = _drain(tf, sess, next_r)
        sess.run(init_b)
        out["reinit"] = [ra, _drain(tf, sess, next_r)]
    out["names"] = names
    out["bn_updates"] = len(tf.get_collection(tf.GraphKeys.UPDATE_OPS))
    return tolist(out)
