"""Training entry point in the style of the TF 1.x models repo."""
from __future__ import absolute_import, division, print_function

import os
import sys

import tensorflow as tf

flags = tf.app.flags
flags.DEFINE_string("train_dir", "/tmp/train", "Directory for checkpoints.")
flags.DEFINE_integer("max_steps", 1000, "Number of batches to run.")
flags.DEFINE_boolean("log_device_placement", False, "Log device placement.")
FLAGS = flags.FLAGS


def train():
    with tf.Graph().as_default():
        global_step = tf.train.get_or_create_global_step()
        images = tf.placeholder(tf.float32, [None, 24, 24, 3])
        logits = tf.layers.dense(tf.layers.flatten(images), 10)
        loss = tf.reduce_mean(logits)
        train_op = tf.train.GradientDescentOptimizer(0.1).minimize(loss, global_step=global_step)
        config = tf.ConfigProto(log_device_placement=FLAGS.log_device_placement)
        with tf.train.MonitoredTrainingSession(checkpoint_dir=FLAGS.train_dir, config=config) as sess:
            while not sess.should_stop():
                sess.run(train_op)


def main(argv=None):
    if tf.gfile.Exists(FLAGS.train_dir):
        tf.gfile.DeleteRecursively(FLAGS.train_dir)
    tf.gfile.MakeDirs(FLAGS.train_dir)
    tf.logging.info("training in %s", FLAGS.train_dir)
    train()


if __name__ == "__main__":
    tf.app.run()
