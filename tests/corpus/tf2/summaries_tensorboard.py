"""TensorBoard summaries the TF 2 way: a default writer and a step."""
import tensorflow as tf

writer = tf.summary.create_file_writer("/tmp/logs/train")
step = tf.Variable(0, dtype=tf.int64)


def log_metrics(loss, accuracy, images, weights):
    with writer.as_default(step=step):
        tf.summary.scalar("loss", loss)
        tf.summary.scalar("accuracy", accuracy, step=step)
        tf.summary.histogram("weights", weights)
        tf.summary.image("inputs", images, max_outputs=4)
        tf.summary.text("note", "epoch done")
    writer.flush()
    step.assign_add(1)


log_metrics(0.5, 0.9, tf.zeros([2, 8, 8, 3]), tf.random.normal([100]))
