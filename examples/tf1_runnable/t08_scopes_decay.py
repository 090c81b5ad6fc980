"""variable_scope reuse, collections, exponential_decay and a global step."""
import numpy as np
import tensorflow as tf


def tower(inputs, reuse):
    with tf.variable_scope("tower", reuse=reuse):
        w = tf.get_variable("w", [2, 1], initializer=tf.random_normal_initializer(seed=5))
        tf.add_to_collection("towers", w)
        return tf.matmul(inputs, w)


a = tf.placeholder(tf.float32, [None, 2])
b = tf.placeholder(tf.float32, [None, 2])
out_a = tower(a, reuse=False)
out_b = tower(b, reuse=True)
global_step = tf.train.get_or_create_global_step()
lr = tf.train.exponential_decay(0.5, global_step, 10, 0.5, staircase=True)
loss = tf.reduce_mean(tf.square(out_a - 1.0)) + tf.reduce_mean(tf.square(out_b + 1.0))
train = tf.train.GradientDescentOptimizer(lr).minimize(loss, global_step=global_step)

assert len(tf.trainable_variables()) == 1
assert len(tf.get_collection("towers")) == 2
assert len(tf.get_collection(tf.GraphKeys.GLOBAL_VARIABLES)) == 2
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for _ in range(25):
        sess.run(train, {a: np.ones((2, 2)), b: -np.ones((2, 2))})
    step, rate = sess.run([global_step, lr])
assert step == 25 and abs(rate - 0.125) < 1e-6, (step, rate)
print("t08 ok", step, rate)
