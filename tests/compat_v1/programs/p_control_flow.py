"""tf.cond, tf.while_loop (nested loop vars, shape_invariants), tf.case, tf.map_fn, tf.scan,
and gradients through cond and while_loop."""
import numpy as np

from ._util import tolist


def run(tf, workdir):
    tf.reset_default_graph()
    x = tf.placeholder(tf.float32, [3], name="x")
    w = tf.Variable(np.array([1.0, -2.0, 0.5], np.float32), name="w")
    p = tf.placeholder(tf.bool, [], name="p")
    y = tf.cond(p, lambda: tf.reduce_sum(x * w), lambda: tf.reduce_prod(x + w))
    gy = tf.gradients(y, [x, w])
    two = tf.cond(p, lambda: (x * 2.0, tf.constant(1)), lambda: (x * 3.0, tf.constant(2)))

    def body(i, acc):
        fi = tf.cast(i, tf.float32)
        return i + 1, {"s": acc["s"] + fi * x * w, "p": acc["p"] * (1.0 + 0.1 * fi)}

    i_end, acc = tf.while_loop(lambda i, acc: i < 4, body,
                               [tf.constant(0), {"s": tf.zeros([3]), "p": tf.constant(1.0)}])
    target = tf.reduce_sum(acc["s"] * acc["s"]) * acc["p"]
    gw = tf.gradients(target, [x, w])

    # loop-carried product: gradient through repeated multiplication
    _, prod = tf.while_loop(lambda k, v: k < 3, lambda k, v: (k + 1, tf.tanh(v * w)), [0, x])
    gprod = tf.gradients(tf.reduce_sum(prod), [x, w])

    # growing tensor with shape_invariants
    _, grown = tf.while_loop(lambda k, a: k < 3, lambda k, a: (k + 1, tf.concat([a, a[-1:] * 2.0], 0)),
                             [tf.constant(0), tf.constant([1.0])],
                             shape_invariants=[tf.TensorShape([]), tf.TensorShape([None])])

    k = tf.placeholder(tf.int32, [], name="k")
    c = tf.case([(tf.less(k, 1), lambda: tf.constant(10.0)), (tf.less(k, 2), lambda: tf.constant(20.0))],
                default=lambda: tf.constant(30.0))
    m = tf.map_fn(lambda r: r * 2.0 + tf.reduce_sum(r), tf.reshape(tf.range(6.0), [3, 2]))
    m2 = tf.map_fn(lambda t: (t[0] * t[1], t[0] - t[1]), (tf.range(3.0), tf.range(3.0) + 1.0),
                   dtype=(tf.float32, tf.float32))
    s = tf.scan(lambda a, b: a + b, tf.range(1.0, 5.0))
    s2 = tf.scan(lambda a, b: a * b + 1.0, tf.reshape(tf.range(6.0), [3, 2]), initializer=tf.ones([2]))
    gs = tf.gradients(tf.reduce_sum(tf.scan(lambda a, b: a * b, x * w)), [x])
    gm = tf.gradients(tf.reduce_sum(tf.map_fn(lambda r: tf.sin(r) * r, x * w)), [w])
    fx = np.array([0.5, 1.5, -1.0], np.float32)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        out = {}
        for pv in (True, False):
            out["cond_%s" % pv] = sess.run([y, gy, two], {x: fx, p: pv})
        out["while"] = sess.run([i_end, acc, gw], {x: fx})
        out["prod"] = sess.run([prod, gprod], {x: fx})
        out["grown"] = sess.run(grown)
        out["case"] = [sess.run(c, {k: kv}) for kv in (0, 1, 5)]
        out["map_scan"] = sess.run([m, m2, s, s2, gs, gm], {x: fx})
    return tolist(out)
