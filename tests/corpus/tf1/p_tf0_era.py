# TensorFlow 0.x-era code (2016 papers): argument orders TF 1.0 changed.  The asserts
# check the converted program computes what the 0.x program meant.
import numpy as np
import tensorflow as tf

x_np = np.arange(12, dtype=np.float32).reshape(3, 4) / 10.0
y_np = np.eye(4, dtype=np.float32)[[0, 2, 3]]

x = tf.placeholder(tf.float32, [None, 4])
y = tf.placeholder(tf.float32, [None, 4])
joined = tf.concat(1, [x, y])
left, right = tf.split(1, 2, joined)
halves = tf.split(split_dim=0, num_split=3, value=x)
flipped = tf.reverse(x, [False, True])
loss = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(x, y))
sparse_loss = tf.nn.sparse_softmax_cross_entropy_with_logits(x, tf.argmax(y, 1))
bce = tf.nn.sigmoid_cross_entropy_with_logits(logits=x, targets=y)
diag = tf.batch_matrix_diag(tf.pack([x[0], x[1]]))
prod = tf.mul(tf.batch_matrix_transpose(diag), 2.0)

with tf.Session() as sess:
    feed = {x: x_np, y: y_np}
    j, l, r, h, f, ls, sl, b, p = sess.run([joined, left, right, halves, flipped, loss, sparse_loss, bce, prod],
                                           feed_dict=feed)

assert j.shape == (3, 8) and np.allclose(l, x_np) and np.allclose(r, y_np)
assert len(h) == 3 and np.allclose(h[1], x_np[1:2])
assert np.allclose(f, x_np[:, ::-1])
log_softmax = x_np - np.log(np.exp(x_np).sum(axis=1, keepdims=True))
assert np.allclose(ls, -(y_np * log_softmax).sum(axis=1).mean(), rtol=1e-5)
assert np.allclose(sl, -log_softmax[np.arange(3), y_np.argmax(1)], rtol=1e-5)
assert np.allclose(b, np.maximum(x_np, 0) - x_np * y_np + np.log1p(np.exp(-np.abs(x_np))), rtol=1e-5)
assert p.shape == (2, 4, 4) and np.allclose(p[1], 2 * np.diag(x_np[1]))
print("ok")
