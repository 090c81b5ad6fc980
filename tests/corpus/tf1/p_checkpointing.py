import os
import tensorflow as tf

global_step = tf.train.get_or_create_global_step()
w = tf.get_variable("w", [3], initializer=tf.ones_initializer())
saver = tf.train.Saver(max_to_keep=5)

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    path = saver.save(sess, os.path.join("/tmp", "model.ckpt"), global_step=global_step)
    latest = tf.train.latest_checkpoint("/tmp")
