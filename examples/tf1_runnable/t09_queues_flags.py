"""A queue-runner input pipeline, old-style flag keywords and tf.app.run() finding main."""
import tensorflow as tf

tf.app.flags.DEFINE_integer(flag_name="batch", default_value=4, docstring="Batch size.")
tf.flags.DEFINE_string("tag", "queues", "A tag.")
FLAGS = tf.app.flags.FLAGS


def main(argv):
    queue = tf.FIFOQueue(capacity=32, dtypes=[tf.float32], shapes=[[]])
    enqueue = queue.enqueue_many([tf.range(0.0, 16.0)])
    runner = tf.train.QueueRunner(queue, [enqueue])
    tf.train.add_queue_runner(runner)
    batch = queue.dequeue_many(FLAGS.batch)

    with tf.Session() as sess:
        coord = tf.train.Coordinator()
        threads = tf.train.start_queue_runners(sess=sess, coord=coord)
        got = sess.run(batch)
        coord.request_stop()
        sess.run(queue.close(cancel_pending_enqueues=True))
        coord.join(threads, stop_grace_period_secs=5)
    tf.logging.info("%s: %s", FLAGS.tag, got)
    assert got.shape == (FLAGS.batch,)
    print("t09 ok", list(got))


if __name__ == "__main__":
    tf.app.run()
