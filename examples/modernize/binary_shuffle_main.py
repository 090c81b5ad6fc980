"""Fixed-length binary records through FixedLengthRecordReader + decode_raw + shuffle_batch (two
threads), a softmax classifier trained with Adagrad, all inside main(_) with flags.  The random
order of shuffle_batch cannot be compared: --verify turns shuffling off in both programs."""
import os
import tempfile

import numpy as np
import tensorflow as tf

tf.app.flags.DEFINE_integer("batch_size", 10, "Examples per step.")
tf.app.flags.DEFINE_integer("steps", 6, "Training steps.")
FLAGS = tf.app.flags.FLAGS


def main(_):
    rng = np.random.RandomState(2)
    path = os.path.join(tempfile.mkdtemp(), "examples.bin")
    rows = rng.rand(60, 7).astype(np.float32)
    rows[:, 6] = rng.randint(0, 3, size=60)  # the last float of each record is its class
    rows.tofile(path)

    queue = tf.train.string_input_producer([path])
    reader = tf.FixedLengthRecordReader(record_bytes=7 * 4)
    _, raw = reader.read(queue)
    values = tf.decode_raw(raw, tf.float32)
    features = tf.reshape(values[:6], [6])
    label = tf.cast(values[6], tf.int32)
    feature_batch, label_batch = tf.train.shuffle_batch(
        [features, label], batch_size=FLAGS.batch_size, capacity=50, min_after_dequeue=20, num_threads=2)

    weights = tf.Variable(tf.random_normal([6, 3], stddev=0.1), name="weights")
    logits = tf.matmul(feature_batch, weights)
    loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=label_batch, logits=logits))
    train_op = tf.train.AdagradOptimizer(0.3).minimize(loss)

    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        coord = tf.train.Coordinator()
        threads = tf.train.start_queue_runners(sess=sess, coord=coord)
        for step in range(FLAGS.steps):
            _, value = sess.run([train_op, loss])
            print("step", step, "loss", value)
        coord.request_stop()
        coord.join(threads)


if __name__ == "__main__":
    tf.app.run()
