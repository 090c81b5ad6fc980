"""Linear regression, TF 1.x style: placeholders, a Session and a train op."""
import numpy as np
import tensorflow as tf

x = tf.placeholder(tf.float32, shape=[None, 1], name="x")
y = tf.placeholder(tf.float32, shape=[None, 1], name="y")
w = tf.Variable(tf.random_normal([1, 1], stddev=0.1), name="w")
b = tf.Variable(tf.zeros([1]), name="b")

prediction = tf.matmul(x, w) + b
loss = tf.reduce_mean(tf.square(prediction - y), keep_dims=False)
train_op = tf.train.GradientDescentOptimizer(0.1).minimize(loss)

data_x = np.linspace(0, 1, 32).reshape(-1, 1).astype(np.float32)
data_y = 3 * data_x + 1

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for step in range(200):
        _, value = sess.run([train_op, loss], feed_dict={x: data_x, y: data_y})
    print("loss", value)
