"""Logistic regression (softmax) with Adam, accuracy evaluated in the session."""
import numpy as np
import tensorflow as tf

rng = np.random.RandomState(1)
n_features, n_classes = 8, 3
X_train = rng.randn(120, n_features).astype(np.float32)
labels = (X_train[:, 0] + 2 * X_train[:, 1] > 0).astype(np.int64) + (X_train[:, 2] > 1)
Y_train = np.eye(n_classes, dtype=np.float32)[labels]

x = tf.placeholder(tf.float32, shape=[None, n_features])
y_ = tf.placeholder(tf.float32, shape=[None, n_classes])
W = tf.Variable(tf.truncated_normal([n_features, n_classes], stddev=0.1))
b = tf.Variable(tf.constant(0.1, shape=[n_classes]))
logits = tf.matmul(x, W) + b
cross_entropy = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits_v2(labels=y_, logits=logits))
optimizer = tf.train.AdamOptimizer(learning_rate=0.05)
train_step = optimizer.minimize(cross_entropy)
correct = tf.equal(tf.argmax(logits, 1), tf.argmax(y_, 1))
accuracy = tf.reduce_mean(tf.cast(correct, tf.float32))

sess = tf.Session()
sess.run(tf.global_variables_initializer())
for epoch in range(5):
    for start in range(0, 120, 40):
        batch_x, batch_y = X_train[start:start + 40], Y_train[start:start + 40]
        _, ce = sess.run([train_step, cross_entropy], feed_dict={x: batch_x, y_: batch_y})
    acc, ce = sess.run([accuracy, cross_entropy], feed_dict={x: X_train, y_: Y_train})
    print("epoch %d cross-entropy %.5f accuracy %.3f" % (epoch, ce, acc))
sess.close()
