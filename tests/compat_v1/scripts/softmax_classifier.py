"""Softmax regression (the "MNIST for ML beginners" tutorial) on synthetic 10-class data."""
import numpy as np
import tf_upgrade.compat_v1 as tf

rng = np.random.RandomState(0)
centers = rng.randn(10, 64) * 2.0
labels = rng.randint(0, 10, 2000)
images = (centers[labels] + rng.randn(2000, 64)).astype(np.float32)
onehot = np.eye(10, dtype=np.float32)[labels]

x = tf.placeholder(tf.float32, [None, 64])
W = tf.Variable(tf.zeros([64, 10]))
b = tf.Variable(tf.zeros([10]))
y = tf.nn.softmax(tf.matmul(x, W) + b)
y_ = tf.placeholder(tf.float32, [None, 10])
cross_entropy = tf.reduce_mean(-tf.reduce_sum(y_ * tf.log(y + 1e-10), reduction_indices=[1]))
train_step = tf.train.GradientDescentOptimizer(0.5).minimize(cross_entropy)

sess = tf.InteractiveSession()
tf.global_variables_initializer().run()
for i in range(200):
    idx = rng.randint(0, 1500, 100)
    sess.run(train_step, feed_dict={x: images[idx], y_: onehot[idx]})

correct_prediction = tf.equal(tf.argmax(y, 1), tf.argmax(y_, 1))
accuracy = tf.reduce_mean(tf.cast(correct_prediction, tf.float32))
acc = sess.run(accuracy, feed_dict={x: images[1500:], y_: onehot[1500:]})
print("test accuracy", acc)
assert acc > 0.9
print("RESULT ok")
