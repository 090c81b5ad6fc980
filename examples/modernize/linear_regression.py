"""Linear regression with placeholders, a GradientDescentOptimizer and a Session."""
import numpy as np
import tensorflow as tf

rng = np.random.RandomState(0)
X_data = rng.rand(64, 3).astype(np.float32)
true_w = np.array([[2.0], [-3.0], [0.5]], dtype=np.float32)
Y_data = X_data.dot(true_w) + 0.1 * rng.randn(64, 1).astype(np.float32)

x = tf.placeholder(tf.float32, [None, 3], name="x")
y = tf.placeholder(tf.float32, [None, 1], name="y")
W = tf.Variable(tf.random_normal([3, 1], stddev=0.1), name="W")
b = tf.Variable(tf.zeros([1]), name="b")

# the model and its loss
pred = tf.matmul(x, W) + b
loss = tf.reduce_mean(tf.square(pred - y))
train_op = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
init = tf.global_variables_initializer()

with tf.Session() as sess:
    sess.run(init)
    for step in range(30):
        _, l = sess.run([train_op, loss], feed_dict={x: X_data, y: Y_data})
        if step % 10 == 0:
            print("step", step, "loss", l)
    print("W", sess.run(W).ravel(), "b", sess.run(b))
    print("final loss", sess.run(loss, feed_dict={x: X_data, y: Y_data}))
