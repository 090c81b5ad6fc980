"""Evaluation loop: restores the latest checkpoint every few seconds."""
import time

import tensorflow as tf

tf.app.flags.DEFINE_string("checkpoint_dir", "/tmp/train", "Where checkpoints are.")
tf.app.flags.DEFINE_integer("eval_interval_secs", 60, "How often to evaluate.")
FLAGS = tf.app.flags.FLAGS


def eval_once(saver, summary_writer, top_k_op, summary_op):
    with tf.Session() as sess:
        ckpt = tf.train.get_checkpoint_state(FLAGS.checkpoint_dir)
        if not (ckpt and ckpt.model_checkpoint_path):
            tf.logging.error("No checkpoint file found")
            return
        saver.restore(sess, ckpt.model_checkpoint_path)
        summary = tf.Summary()
        summary.ParseFromString(sess.run(summary_op))
        summary_writer.add_summary(summary, 0)


def main(_):
    with tf.Graph().as_default() as g:
        labels = tf.placeholder(tf.int32, [None])
        logits = tf.placeholder(tf.float32, [None, 10])
        top_k_op = tf.nn.in_top_k(logits, labels, 1)
        saver = tf.train.Saver(tf.global_variables() + [tf.Variable(0, name="step")])
        summary_op = tf.summary.merge_all()
        summary_writer = tf.summary.FileWriter("/tmp/eval", g)
        while True:
            eval_once(saver, summary_writer, top_k_op, summary_op)
            time.sleep(FLAGS.eval_interval_secs)


if __name__ == "__main__":
    tf.app.run(main)
