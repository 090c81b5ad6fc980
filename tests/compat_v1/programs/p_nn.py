"""tf.nn.conv2d / max_pool / avg_pool (SAME/VALID, strides) and their gradients."""
from ._util import det, tolist


def run(tf, workdir):
    tf.reset_default_graph()
    x = tf.constant(det([2, 7, 6, 3], 2, 1.0))
    w = tf.constant(det([3, 2, 3, 4], 3, 1.0))
    out = {}
    fetch = {}
    for pad in ("SAME", "VALID"):
        for s in (1, 2, 3):
            key = "%s_%d" % (pad, s)
            c = tf.nn.conv2d(x, w, strides=[1, s, s, 1], padding=pad)
            m = tf.nn.max_pool(x, ksize=[1, 3, 2, 1], strides=[1, s, s, 1], padding=pad)
            a = tf.nn.avg_pool(x, ksize=[1, 2, 3, 1], strides=[1, s, 2, 1], padding=pad)
            loss = tf.reduce_sum(c * c) + tf.reduce_sum(m * tf.sin(m)) + tf.reduce_sum(a * a * a)
            gx, gw = tf.gradients(loss, [x, w])
            fetch[key] = {"conv": c, "max": m, "avg": a, "gx": gx, "gw": gw}
    t = tf.nn.conv2d_transpose(tf.constant(det([1, 3, 3, 4], 5)), w, output_shape=[1, 6, 5, 3],
                               strides=[1, 2, 2, 1], padding="SAME")
    fetch["transpose"] = t
    fetch["bias_add"] = tf.nn.bias_add(x, tf.constant([1.0, 2.0, 3.0]))
    with tf.Session() as sess:
        out = sess.run(fetch)
    return tolist(out)
