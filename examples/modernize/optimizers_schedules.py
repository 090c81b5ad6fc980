"""Two linear models, each with its own step counter: Adadelta on a piecewise-constant rate with
tf.losses.mean_squared_error, and FTRL on a polynomially decayed rate with tf.losses.sigmoid_cross_entropy
(label smoothing)."""
import numpy as np
import tensorflow as tf

rng = np.random.RandomState(4)
xs = rng.randn(32, 3).astype(np.float32)
ys = xs.dot(np.array([[1.0], [-2.0], [0.5]], np.float32)) + 0.3
flags = (ys > 0).astype(np.float32)

x = tf.placeholder(tf.float32, [None, 3])
y = tf.placeholder(tf.float32, [None, 1])
is_positive = tf.placeholder(tf.float32, [None, 1])
w = tf.get_variable("w", [3, 1], initializer=tf.random_normal_initializer(stddev=0.5))
b = tf.get_variable("b", [1], initializer=tf.zeros_initializer())
v = tf.get_variable("v", [3, 1], initializer=tf.random_normal_initializer(stddev=0.5))
regression_step = tf.Variable(0, trainable=False, name="regression_step")
classifier_step = tf.Variable(0, trainable=False, name="classifier_step")

mse = tf.losses.mean_squared_error(y, tf.matmul(x, w) + b)
rate_a = tf.train.piecewise_constant(regression_step, [2, 4], [1.0, 0.5, 0.25])
train_a = tf.train.AdadeltaOptimizer(rate_a).minimize(mse, global_step=regression_step)
xent = tf.losses.sigmoid_cross_entropy(is_positive, tf.matmul(x, v), label_smoothing=0.1)
rate_b = tf.train.polynomial_decay(0.5, classifier_step, decay_steps=5, end_learning_rate=0.05, power=2.0)
train_b = tf.train.FtrlOptimizer(rate_b, l1_regularization_strength=0.01).minimize(xent, global_step=classifier_step)

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for step in range(6):
        _, regression_loss = sess.run([train_a, mse], feed_dict={x: xs, y: ys})
        _, classifier_loss = sess.run([train_b, xent], feed_dict={x: xs, is_positive: flags})
        print(step, regression_loss, classifier_loss)
    print("weights", sess.run(w).ravel(), sess.run(v).ravel())
