"""tf.layers model saved with tf.train.Saver; reload into a fresh graph; outputs after restore."""
import os

import numpy as np

from ._util import det, load_deterministic, tolist


def build(tf):
    x = tf.placeholder(tf.float32, [None, 6, 6, 1], name="x")
    h = tf.layers.conv2d(x, 2, 3, activation=tf.nn.relu)
    h = tf.layers.flatten(h)
    logits = tf.layers.dense(h, 3, name="logits")
    return x, logits


def run(tf, workdir):
    tf.reset_default_graph()
    x, logits = build(tf)
    gs = tf.train.get_or_create_global_step()
    inc = tf.assign_add(gs, 1)
    saver = tf.train.Saver(max_to_keep=2)
    X = det([2, 6, 6, 1], 9, 1.0)
    ckdir = os.path.join(workdir, "ckpts")
    out = {}
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        load_deterministic(tf, sess)
        out["before"] = sess.run(logits, {x: X})
        paths = []
        for _ in range(3):
            sess.run(inc)
            paths.append(saver.save(sess, os.path.join(ckdir, "model.ckpt"), global_step=gs))
    out["paths"] = [os.path.basename(p) for p in paths]
    out["latest"] = os.path.basename(tf.train.latest_checkpoint(ckdir))
    out["files"] = sorted(f for f in os.listdir(ckdir) if not f.endswith(".meta"))
    tf.reset_default_graph()
    x, logits = build(tf)
    saver = tf.train.Saver()
    with tf.Session() as sess:
        saver.restore(sess, tf.train.latest_checkpoint(ckdir))
        out["after"] = sess.run(logits, {x: X})
    # var_list as dict: restore one kernel under another name
    tf.reset_default_graph()
    v = tf.get_variable("renamed", [3], initializer=tf.zeros_initializer())
    with tf.Session() as sess:
        tf.train.Saver({"logits/bias": v}).restore(sess, tf.train.latest_checkpoint(ckdir))
        out["renamed"] = sess.run(v)
    return tolist(out)
