"""InteractiveSession with .run()/.eval(), a global step passed to minimize."""
import numpy as np
import tensorflow as tf

rng = np.random.RandomState(10)
xs = rng.randn(60, 4).astype(np.float32)
ys = np.tanh(xs @ rng.randn(4, 2).astype(np.float32))

x = tf.placeholder(tf.float32, [None, 4])
y = tf.placeholder(tf.float32, [None, 2])
global_step = tf.train.get_or_create_global_step()
W = tf.Variable(tf.random_normal([4, 2], stddev=0.3))
out = tf.tanh(tf.matmul(x, W))
loss = tf.reduce_mean(tf.squared_difference(out, y))
train_op = tf.train.GradientDescentOptimizer(0.3).minimize(loss, global_step=global_step)

sess = tf.InteractiveSession()
tf.global_variables_initializer().run()
for i in range(8):
    train_op.run(feed_dict={x: xs, y: ys})
    print("step", global_step.eval(), "loss", loss.eval(feed_dict={x: xs, y: ys}))
sess.close()
