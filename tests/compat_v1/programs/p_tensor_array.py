"""tf.TensorArray inside tf.while_loop (unstack/read/write/stack, dynamic_size), with gradients."""
import numpy as np

from ._util import tolist


def run(tf, workdir):
    tf.reset_default_graph()
    x = tf.placeholder(tf.float32, [5, 3])
    w = tf.Variable(np.array([0.5, -1.0, 2.0], np.float32))
    ta_in = tf.TensorArray(tf.float32, size=5).unstack(x)
    ta_out = tf.TensorArray(tf.float32, size=5)

    def body(t, h, ta):
        h = tf.tanh(h * w + ta_in.read(t))
        return t + 1, h, ta.write(t, h)

    _, h, ta = tf.while_loop(lambda t, *_: t < 5, body, [0, tf.zeros([3]), ta_out])
    out = ta.stack()
    g = tf.gradients(tf.reduce_sum(out * out) + tf.reduce_sum(h), [x, w])
    dyn = tf.TensorArray(tf.float32, size=0, dynamic_size=True, element_shape=[2], clear_after_read=False)
    _, dyn = tf.while_loop(lambda i, a: i < 4,
                           lambda i, a: (i + 1, a.write(i, tf.fill([2], tf.cast(i * i, tf.float32)))), [0, dyn])
    picked = dyn.gather([3, 1])
    X = (np.arange(15, dtype=np.float32).reshape(5, 3) - 7) / 10
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        res = sess.run({"out": out, "g": g, "dyn": dyn.stack(), "size": dyn.size(), "picked": picked}, {x: X})
    return tolist(res)
