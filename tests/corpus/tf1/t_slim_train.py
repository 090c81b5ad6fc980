import tensorflow as tf
import tensorflow.contrib.slim as slim
from tensorflow.contrib.framework import assign_from_checkpoint_fn


def train(images, labels, logdir, checkpoint):
    logits = slim.fully_connected(slim.flatten(images), 10, activation_fn=None)
    slim.losses.softmax_cross_entropy(logits, labels)
    total_loss = slim.losses.get_total_loss()
    tf.summary.scalar("losses/total_loss", total_loss)
    optimizer = tf.train.RMSPropOptimizer(0.001, 0.9)
    train_op = slim.learning.create_train_op(total_loss, optimizer)
    variables = slim.get_variables_to_restore(exclude=["fc"])
    init_fn = assign_from_checkpoint_fn(checkpoint, variables, ignore_missing_vars=True)
    slim.learning.train(train_op, logdir, init_fn=init_fn, number_of_steps=100,
                        save_summaries_secs=60)
