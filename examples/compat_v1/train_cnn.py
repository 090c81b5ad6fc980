"""Train a small CNN with tf.layers on synthetic data under the numpy TF1 runtime.

    python examples/compat_v1/train_cnn.py [--steps=150] [--logdir=/tmp/train_cnn]

A TF1 program exactly as it would be written for TensorFlow 1.x, except for the import:
tf.layers (conv2d, batch_normalization, max_pooling2d, dropout, dense), tf.data input,
TensorBoard summaries through tf.summary.FileWriter, and a tf.train.Saver checkpoint in
TensorFlow's own format (readable by real TensorFlow). Runs in well under a minute on 2 cores.
"""
import os
import tempfile
import time

import numpy as np

import tf_upgrade.compat_v1 as tf

tf.app.flags.DEFINE_integer("steps", 150, "training steps")
tf.app.flags.DEFINE_integer("batch_size", 32, "batch size")
tf.app.flags.DEFINE_string("logdir", os.path.join(tempfile.gettempdir(), "train_cnn"), "summaries and checkpoints")
FLAGS = tf.app.flags.FLAGS


def synthetic_digits(n, rng):
    """16x16 images of three shapes (vertical bar, horizontal bar, diagonal) plus noise."""
    labels = rng.randint(0, 3, n)
    images = rng.rand(n, 16, 16, 1).astype(np.float32) * 0.4
    for img, lab in zip(images, labels):
        r, c = rng.randint(2, 6, 2)
        if lab == 0:
            img[r:r + 8, c + 3:c + 5, 0] += 1.0
        elif lab == 1:
            img[r + 3:r + 5, c:c + 8, 0] += 1.0
        else:
            img[r:r + 8, c:c + 8, 0] += np.eye(8, dtype=np.float32)
    return images, labels.astype(np.int64)


def model(images, training):
    net = tf.layers.conv2d(images, 8, 3, padding="same", activation=tf.nn.relu)
    net = tf.layers.batch_normalization(net, training=training)
    net = tf.layers.max_pooling2d(net, 2, 2)
    net = tf.layers.conv2d(net, 16, 3, padding="same", activation=tf.nn.relu)
    net = tf.layers.max_pooling2d(net, 2, 2)
    net = tf.layers.flatten(net)
    net = tf.layers.dense(net, 32, activation=tf.nn.relu)
    net = tf.layers.dropout(net, rate=0.25, training=training)
    return tf.layers.dense(net, 3)


def main(_):
    rng = np.random.RandomState(0)
    train_x, train_y = synthetic_digits(1024, rng)
    test_x, test_y = synthetic_digits(256, rng)
    tf.set_random_seed(0)

    dataset = tf.data.Dataset.from_tensor_slices((train_x, train_y)).shuffle(1024, seed=0).repeat().batch(
        FLAGS.batch_size)
    images, labels = dataset.make_one_shot_iterator().get_next()
    training = tf.placeholder_with_default(True, [], name="training")
    eval_images = tf.placeholder_with_default(images, [None, 16, 16, 1], name="eval_images")
    eval_labels = tf.placeholder_with_default(labels, [None], name="eval_labels")

    logits = model(eval_images, training)
    loss = tf.losses.sparse_softmax_cross_entropy(eval_labels, logits)
    accuracy = tf.reduce_mean(tf.cast(tf.equal(tf.argmax(logits, 1), eval_labels), tf.float32))
    global_step = tf.train.get_or_create_global_step()
    with tf.control_dependencies(tf.get_collection(tf.GraphKeys.UPDATE_OPS)):
        train_op = tf.train.AdamOptimizer(3e-3).minimize(loss, global_step=global_step)

    tf.summary.scalar("loss", loss)
    tf.summary.scalar("accuracy", accuracy)
    tf.summary.histogram("logits", logits)
    summaries = tf.summary.merge_all()
    saver = tf.train.Saver(max_to_keep=2)

    start = time.time()
    with tf.Session() as sess:
        writer = tf.summary.FileWriter(FLAGS.logdir, sess.graph)
        sess.run(tf.global_variables_initializer())
        for step in range(1, FLAGS.steps + 1):
            _, l, s = sess.run([train_op, loss, summaries])
            writer.add_summary(s, step)
            if step % 50 == 0:
                acc = sess.run(accuracy, {eval_images: test_x, eval_labels: test_y, training: False})
                tf.logging.warning("step %d  loss %.4f  test accuracy %.3f  (%.1fs)", step, l, acc,
                                   time.time() - start)
                saver.save(sess, os.path.join(FLAGS.logdir, "model.ckpt"), global_step=global_step)
        writer.close()
        final = sess.run(accuracy, {eval_images: test_x, eval_labels: test_y, training: False})
    print("final test accuracy %.3f, checkpoint %s, %.1fs" % (final, tf.train.latest_checkpoint(FLAGS.logdir),
                                                            time.time() - start))


if __name__ == "__main__":
    tf.app.run()
