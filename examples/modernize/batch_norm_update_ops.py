"""Batch normalization whose moving averages update through the UPDATE_OPS collection: the training
step runs them (control_dependencies), the evaluation reads them with training=False."""
import numpy as np
import tensorflow as tf

rng = np.random.RandomState(12)
xs = rng.randn(32, 6).astype(np.float32)
ys = (xs[:, :1] * 3.0 - xs[:, 1:2]).astype(np.float32)
x = tf.placeholder(tf.float32, [None, 6])
y = tf.placeholder(tf.float32, [None, 1])
training = tf.placeholder(tf.bool, [])
h = tf.layers.batch_normalization(tf.layers.dense(x, 8, activation=tf.nn.relu), training=training)
h = tf.layers.dropout(h, rate=0.0, training=training)
pred = tf.layers.dense(h, 1)
loss = tf.reduce_mean(tf.square(pred - y))
update_ops = tf.get_collection(tf.GraphKeys.UPDATE_OPS)
with tf.control_dependencies(update_ops):
    train_op = tf.train.AdamOptimizer(0.01).minimize(loss)

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for step in range(4):
        _, l = sess.run([train_op, loss], feed_dict={x: xs, y: ys, training: True})
        print(step, l)
    print("evaluation loss", sess.run(loss, feed_dict={x: xs, y: ys, training: False}))
