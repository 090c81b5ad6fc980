"""An MLP whose hidden layers are built by a loop in a helper (one variable scope per layer, named
from the loop index), called from main; absl-style tf.app.run."""
import numpy as np
import tensorflow as tf


def mlp(inputs, depth, width):
    net = inputs
    for i in range(depth):
        with tf.variable_scope("hidden%d" % i):
            weights = tf.get_variable("weights", [width, width])
            net = tf.nn.relu(tf.matmul(net, weights))
    return tf.layers.dense(net, 1, name="out")


def main(_):
    rng = np.random.RandomState(2)
    data = rng.rand(32, 6).astype(np.float32)
    targets = data.sum(axis=1, keepdims=True)
    x = tf.placeholder(tf.float32, [None, 6])
    y = tf.placeholder(tf.float32, [None, 1])
    first = tf.layers.dense(x, 8, activation=tf.nn.relu, name="first")
    prediction = mlp(first, 3, 8)
    loss = tf.reduce_mean(tf.square(prediction - y))
    train_op = tf.train.GradientDescentOptimizer(0.05).minimize(loss)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for step in range(4):
            _, value = sess.run([train_op, loss], feed_dict={x: data, y: targets})
            print(step, value)


if __name__ == "__main__":
    tf.app.run()
