"""Variables with get_variable and a contrib initializer, saved and restored with tf.train.Saver."""
import os
import tempfile

import numpy as np
import tensorflow as tf

ckpt_dir = tempfile.mkdtemp()
path = os.path.join(ckpt_dir, "model.ckpt")

with tf.Graph().as_default():
    w = tf.get_variable("w", [3, 2], initializer=tf.contrib.layers.xavier_initializer(seed=1))
    b = tf.get_variable("b", [2], initializer=tf.zeros_initializer())
    step = tf.train.get_or_create_global_step()
    inc = tf.assign_add(step, 1)
    saver = tf.train.Saver(max_to_keep=2)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        sess.run(inc)
        saved_w = sess.run(w)
        saver.save(sess, path, global_step=step)

with tf.Graph().as_default():
    w = tf.get_variable("w", [3, 2])
    b = tf.get_variable("b", [2])
    step = tf.train.get_or_create_global_step()
    saver = tf.train.Saver()
    with tf.Session() as sess:
        saver.restore(sess, tf.train.latest_checkpoint(ckpt_dir))
        restored = sess.run(w)
        assert sess.run(step) == 1

assert np.allclose(saved_w, restored)
print("t03 ok", restored.shape)
