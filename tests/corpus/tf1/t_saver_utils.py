import os

import tensorflow as tf


def restore_latest(sess, checkpoint_dir, var_list=None):
    saver = tf.train.Saver(var_list=var_list or tf.global_variables(), max_to_keep=5)
    ckpt = tf.train.get_checkpoint_state(checkpoint_dir)
    if ckpt and ckpt.model_checkpoint_path:
        saver.restore(sess, ckpt.model_checkpoint_path)
        return int(os.path.basename(ckpt.model_checkpoint_path).split("-")[-1])
    sess.run(tf.global_variables_initializer())
    return 0


def export_graph(sess, path):
    tf.train.write_graph(sess.graph_def, os.path.dirname(path), os.path.basename(path), as_text=False)
    meta = tf.train.export_meta_graph(filename=path + ".meta")
    return meta
