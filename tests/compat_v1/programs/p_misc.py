"""Schedules (piecewise_constant, polynomial_decay, exponential_decay), clip_by_global_norm,
contrib.layers (fully_connected, flatten, l2_regularizer, xavier_initializer), summaries."""
import numpy as np

from ._util import det, tolist


def _contrib(tf):
    if hasattr(tf, "contrib"):
        return tf.contrib.layers
    import tf_slim  # reference side: tf.contrib.layers lives on as tf_slim
    return tf_slim


def run(tf, workdir):
    tf.reset_default_graph()
    layers = _contrib(tf)
    gs = tf.train.get_or_create_global_step()
    set_step = tf.placeholder(tf.int64, [])
    assign = tf.assign(gs, set_step)
    lrs = {
        "piecewise": tf.train.piecewise_constant(gs, [3, 6], [1.0, 0.5, 0.1]),
        "poly": tf.train.polynomial_decay(0.1, gs, 10, 0.01, power=2.0),
        "poly_cycle": tf.train.polynomial_decay(0.1, gs, 4, 0.01, power=0.5, cycle=True),
        "exp": tf.train.exponential_decay(0.1, gs, 3, 0.5),
        "exp_stair": tf.train.exponential_decay(0.1, gs, 3, 0.5, staircase=True),
        "inv_time": tf.train.inverse_time_decay(0.1, gs, 2, 0.5),
        "natural_exp": tf.train.natural_exp_decay(0.1, gs, 2, 0.5),
    }
    a = tf.constant(det([3, 2], 1, 2.0))
    b = tf.constant(det([4], 2, 3.0))
    clipped, norm = tf.clip_by_global_norm([a, b], 1.0)
    clipped_big, _ = tf.clip_by_global_norm([a, b], 100.0)
    cn = tf.clip_by_norm(b, 0.5)

    x = tf.constant(det([2, 3, 2], 4, 1.0))
    flat = layers.flatten(x)
    fc = layers.fully_connected(flat, 4, weights_initializer=tf.constant_initializer(det([6, 4], 5)),
                                weights_regularizer=layers.l2_regularizer(0.1))
    fc2 = layers.fully_connected(fc, 2, activation_fn=None,
                                 weights_initializer=tf.constant_initializer(det([4, 2], 6)),
                                 biases_initializer=tf.constant_initializer(0.25))
    reg = tf.add_n(tf.get_collection(tf.GraphKeys.REGULARIZATION_LOSSES))
    img = tf.constant(det([2, 6, 6, 2], 7, 1.0))
    cv = layers.conv2d(img, 3, 3, stride=2, weights_initializer=tf.constant_initializer(det([3, 3, 2, 3], 8)))
    mp = layers.max_pool2d(cv, 2, stride=1, padding="SAME")
    xavier = tf.get_variable("xav", [200, 300], initializer=layers.xavier_initializer(seed=1))
    xavier_n = tf.get_variable("xavn", [200, 300], initializer=layers.xavier_initializer(uniform=False, seed=1))

    s1 = tf.summary.scalar("lr", lrs["poly"])
    s2 = tf.summary.histogram("fc", fc)
    merged = tf.summary.merge_all()
    out = {"names": [v.name for v in tf.global_variables()]}
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        sched = []
        for step in [0, 1, 3, 4, 5, 6, 9, 10, 12]:
            sess.run(assign, {set_step: step})
            sched.append(sess.run(lrs))
        out["schedules"] = sched
        out["clip"] = sess.run([clipped, norm, clipped_big, cn])
        out["fc"] = sess.run([flat, fc, fc2, reg])
        out["contrib_conv"] = sess.run([cv, mp])
        xv, xn = sess.run([xavier, xavier_n])
        limit = float(np.sqrt(6.0 / 500))
        out["xavier"] = [bool(np.abs(xv).max() <= limit), round(float(xv.std() / (limit / np.sqrt(3))), 1),
                         round(float(xn.std() / np.sqrt(2.0 / 500)), 1)]
        out["summary"] = sess.run(merged).hex()
        out["summary_parts"] = [sess.run(s1).hex(), sess.run(s2).hex()]
    return tolist(out)
