"""Linear regression with placeholders, a Session and TF 1 flags (TF 1.x style)."""
import numpy as np
import tensorflow as tf

flags = tf.app.flags
flags.DEFINE_integer("steps", 200, "Training steps.")
flags.DEFINE_float("learning_rate", 0.1, "Learning rate.")
FLAGS = flags.FLAGS


def main(_):
    tf.logging.set_verbosity(tf.logging.INFO)
    rng = np.random.RandomState(0)
    xs = rng.rand(100, 1).astype(np.float32)
    ys = 3.0 * xs + 2.0

    x = tf.placeholder(tf.float32, [None, 1], name="x")
    y = tf.placeholder(tf.float32, [None, 1], name="y")
    w = tf.Variable(tf.zeros([1, 1]), name="w")
    b = tf.Variable(tf.zeros([1]), name="b")
    pred = tf.matmul(x, w) + b
    loss = tf.reduce_mean(tf.square(pred - y))
    train = tf.train.GradientDescentOptimizer(FLAGS.learning_rate).minimize(loss)

    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for step in range(FLAGS.steps):
            _, l = sess.run([train, loss], feed_dict={x: xs, y: ys})
        tf.logging.info("final loss %.5f", l)
        w_val, b_val = sess.run([w, b])
    assert abs(w_val[0, 0] - 3.0) < 0.3 and abs(b_val[0] - 2.0) < 0.3, (w_val, b_val)
    print("t01 ok", float(l))


if __name__ == "__main__":
    tf.app.run()
