"""The shape of TF's MNIST fully_connected_feed tutorial: placeholder_inputs, inference (weights and
biases under two name scopes), loss, run_training building the graph in `with tf.Graph().as_default()`,
a session opened without `with`, a feed dictionary built before each run, main(_) and tf.app.run()."""
import numpy as np
import tensorflow as tf

flags = tf.app.flags
FLAGS = flags.FLAGS
flags.DEFINE_float("learning_rate", 0.1, "Initial learning rate.")
flags.DEFINE_integer("max_steps", 5, "Number of steps to run trainer.")
flags.DEFINE_integer("batch_size", 20, "Batch size.")


def placeholder_inputs(batch_size):
    images_placeholder = tf.placeholder(tf.float32, shape=(batch_size, 16))
    labels_placeholder = tf.placeholder(tf.int32, shape=(batch_size,))
    return images_placeholder, labels_placeholder


def inference(images, hidden_units):
    with tf.name_scope("hidden"):
        weights = tf.Variable(tf.truncated_normal([16, hidden_units], stddev=0.25), name="weights")
        biases = tf.Variable(tf.zeros([hidden_units]), name="biases")
        hidden = tf.nn.relu(tf.matmul(images, weights) + biases)
    with tf.name_scope("softmax_linear"):
        weights = tf.Variable(tf.truncated_normal([hidden_units, 4], stddev=0.25), name="weights")
        biases = tf.Variable(tf.zeros([4]), name="biases")
        logits = tf.matmul(hidden, weights) + biases
    return logits


def loss(logits, labels):
    labels = tf.to_int64(labels)
    return tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=labels, logits=logits))


def run_training():
    rng = np.random.RandomState(0)
    data = rng.rand(100, 16).astype(np.float32)
    targets = rng.randint(0, 4, size=100).astype(np.int32)
    with tf.Graph().as_default():
        images_placeholder, labels_placeholder = placeholder_inputs(FLAGS.batch_size)
        logits = inference(images_placeholder, 12)
        loss_op = loss(logits, labels_placeholder)
        train_op = tf.train.GradientDescentOptimizer(FLAGS.learning_rate).minimize(loss_op)
        init = tf.global_variables_initializer()
        sess = tf.Session()
        sess.run(init)
        for step in range(FLAGS.max_steps):
            start = (step * FLAGS.batch_size) % 100
            feed_dict = {images_placeholder: data[start:start + FLAGS.batch_size],
                         labels_placeholder: targets[start:start + FLAGS.batch_size]}
            _, loss_value = sess.run([train_op, loss_op], feed_dict=feed_dict)
            print("Step %d: loss = %.4f" % (step, loss_value))


def main(_):
    run_training()


if __name__ == "__main__":
    tf.app.run()
