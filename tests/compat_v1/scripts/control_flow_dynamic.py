"""Dynamic computation the TF1 way: tf.while_loop (with TensorArray-free accumulation), tf.cond,
tf.map_fn and tf.scan, and training through a loop (gradients through time)."""
import numpy as np
import tf_upgrade.compat_v1 as tf

# Newton iterations for sqrt inside a while_loop
a = tf.placeholder(tf.float64, [])
_, root = tf.while_loop(lambda i, r: tf.logical_and(i < 50, tf.abs(r * r - a) > 1e-12),
                        lambda i, r: (i + 1, 0.5 * (r + a / r)), [tf.constant(0), a])
# cumulative sums with scan, elementwise map
cums = tf.scan(lambda acc, v: acc + v, tf.range(1.0, 6.0))
squares = tf.map_fn(lambda v: v * v, tf.range(5.0))
# learn a decay factor applied inside a loop: x_{t+1} = w * x_t, target x_T
w = tf.Variable(0.5)
steps = tf.placeholder(tf.int32, [])
_, xT = tf.while_loop(lambda t, x: t < steps, lambda t, x: (t + 1, w * x), [0, tf.constant(1.0)])
loss = tf.square(xT - 0.9 ** 5)
train = tf.train.GradientDescentOptimizer(0.05).minimize(loss)
sign = tf.cond(w > 0.8, lambda: tf.constant("big"), lambda: tf.constant("small"))

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    print("sqrt(2) =", sess.run(root, {a: 2.0}))
    print("scan", sess.run(cums), "map_fn", sess.run(squares))
    for _ in range(300):
        sess.run(train, {steps: 5})
    wv = sess.run(w)
    print("learned w", wv, sess.run(sign))
    assert abs(sess.run(root, {a: 2.0}) - np.sqrt(2)) < 1e-9 and abs(wv - 0.9) < 1e-3
    print("RESULT ok")
