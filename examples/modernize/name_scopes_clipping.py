"""Name scopes around the model, loss and optimizer; gradients clipped between compute and apply."""
import numpy as np
import tensorflow as tf

rng = np.random.RandomState(7)
data = rng.randn(80, 5).astype(np.float32)
values = data @ rng.randn(5, 1).astype(np.float32) + 3.0

with tf.name_scope("inputs"):
    x = tf.placeholder(tf.float32, [None, 5], name="x")
    y = tf.placeholder(tf.float32, [None, 1], name="y")
with tf.name_scope("model"):
    W = tf.Variable(tf.random_uniform([5, 1], -1.0, 1.0), name="W")
    b = tf.Variable(tf.zeros([1]), name="b")
    pred = tf.add(tf.matmul(x, W), b, name="pred")
with tf.name_scope("loss"):
    loss = tf.reduce_mean(tf.abs(pred - y))
with tf.name_scope("train"):
    opt = tf.train.GradientDescentOptimizer(learning_rate=0.2)
    grads_and_vars = opt.compute_gradients(loss)
    clipped = [(tf.clip_by_norm(g, 0.5), v) for g, v in grads_and_vars]
    train_op = opt.apply_gradients(clipped)

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for step in range(12):
        _, l = sess.run([train_op, loss], feed_dict={x: data, y: values})
        print("step", step, "loss", l)
