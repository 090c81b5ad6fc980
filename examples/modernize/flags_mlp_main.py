"""An MLP trained from `main(_)`, its hyper-parameters flags (tf.app.flags), started by tf.app.run()."""
import numpy as np
import tensorflow as tf

flags = tf.app.flags
flags.DEFINE_float("learning_rate", 0.01, "Adam step size.")
flags.DEFINE_integer("batch_size", 32, "Examples per training step.")
flags.DEFINE_integer("hidden_units", 48, "Width of the hidden layer.")
flags.DEFINE_integer("epochs", 2, "Passes over the training set.")
FLAGS = flags.FLAGS


def loss_fn(logits, labels):
    """Mean softmax cross-entropy (computes only: it stays a function)."""
    return tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits_v2(labels=labels, logits=logits))


def main(_):
    rng = np.random.RandomState(7)
    images = rng.rand(128, 64).astype(np.float32)
    onehot = np.eye(10, dtype=np.float32)[rng.randint(0, 10, size=128)]

    x = tf.placeholder(tf.float32, [None, 64], name="x")
    y = tf.placeholder(tf.float32, [None, 10], name="y")
    hidden = tf.layers.dense(x, FLAGS.hidden_units, activation=tf.nn.relu, name="hidden")
    logits = tf.layers.dense(hidden, 10, name="logits")
    loss = loss_fn(logits, y)
    train_op = tf.train.AdamOptimizer(FLAGS.learning_rate).minimize(loss)
    correct = tf.equal(tf.argmax(logits, 1), tf.argmax(y, 1))
    accuracy = tf.reduce_mean(tf.cast(correct, tf.float32))

    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for epoch in range(FLAGS.epochs):
            for start in range(0, len(images), FLAGS.batch_size):
                feed = {x: images[start:start + FLAGS.batch_size], y: onehot[start:start + FLAGS.batch_size]}
                _, batch_loss = sess.run([train_op, loss], feed_dict=feed)
            print("epoch %d loss %.4f" % (epoch, batch_loss))
        print("accuracy", sess.run(accuracy, feed_dict={x: images, y: onehot}))


if __name__ == "__main__":
    tf.app.run()
