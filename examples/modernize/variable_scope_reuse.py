"""get_variable under variable scopes; the evaluation tower reuses the training tower's weights."""
import numpy as np
import tensorflow as tf

rng = np.random.RandomState(6)
train_x = rng.randn(50, 4).astype(np.float32)
train_y = (train_x.sum(axis=1, keepdims=True) > 0).astype(np.float32)

x = tf.placeholder(tf.float32, [None, 4])
y = tf.placeholder(tf.float32, [None, 1])
with tf.variable_scope("model"):
    w1 = tf.get_variable("w1", [4, 8], initializer=tf.truncated_normal_initializer(stddev=0.5))
    b1 = tf.get_variable("b1", [8], initializer=tf.zeros_initializer())
    w2 = tf.get_variable("w2", [8, 1])
    b2 = tf.get_variable("b2", [1], initializer=tf.constant_initializer(0.1))
train_logits = tf.matmul(tf.nn.tanh(tf.matmul(x, w1) + b1), w2) + b2
loss = tf.reduce_mean(tf.nn.sigmoid_cross_entropy_with_logits(labels=y, logits=train_logits))
train_op = tf.train.GradientDescentOptimizer(0.5).minimize(loss)

with tf.variable_scope("model", reuse=True):
    eval_w1 = tf.get_variable("w1")
    eval_b1 = tf.get_variable("b1")
    eval_w2 = tf.get_variable("w2")
    eval_b2 = tf.get_variable("b2")
eval_prob = tf.sigmoid(tf.matmul(tf.nn.tanh(tf.matmul(x, eval_w1) + eval_b1), eval_w2) + eval_b2)

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for step in range(15):
        _, l = sess.run([train_op, loss], feed_dict={x: train_x, y: train_y})
    print("loss", l)
    print("probabilities", sess.run(eval_prob, feed_dict={x: train_x[:5]}).ravel())
