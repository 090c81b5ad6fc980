"""A softmax classifier with the TF 1.x names that moved in TF 2."""
import numpy as np
import tensorflow as tf

NUM_CLASSES = 3

features = tf.placeholder(tf.float32, [None, 4])
labels = tf.placeholder(tf.int64, [None])
weights = tf.get_variable("weights", [4, NUM_CLASSES], initializer=tf.zeros_initializer())
logits = tf.matmul(features, weights)
log_probs = tf.log(tf.nn.softmax(logits) + 1e-8)
loss = -tf.reduce_sum(tf.one_hot(labels, NUM_CLASSES) * log_probs, axis=1, keep_dims=True)
loss = tf.reduce_mean(loss)
predictions = tf.argmax(logits, dimension=1)
accuracy = tf.reduce_mean(tf.cast(tf.equal(predictions, labels), tf.float32))
optimizer = tf.train.AdamOptimizer(learning_rate=0.05)
train_op = optimizer.minimize(loss, global_step=tf.train.get_or_create_global_step())

rng = np.random.RandomState(0)
data = rng.randn(64, 4).astype(np.float32)
target = (data[:, 0] > 0).astype(np.int64) + (data[:, 1] > 0)

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for _ in range(100):
        sess.run(train_op, {features: data, labels: target})
    print("accuracy", sess.run(accuracy, {features: data, labels: target}))
