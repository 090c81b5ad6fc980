"""Produce binary fixtures for the compat_v1 format tests with real TensorFlow.

Run with the TensorFlow venv (never from the tests):

    /work/tfenv221/bin/python tools/compat_v1_make_fixtures.py

Writes tests/compat_v1/fixtures/tf_ckpt/ (a V2 checkpoint written by
tf.train.Saver) and tests/compat_v1/references/formats.json (serialized
summary protos produced by TF's summary ops, hex encoded).
"""
import json
import os
import shutil

import numpy as np
import tensorflow.compat.v1 as tf

tf.disable_eager_execution()

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
FIX = os.path.join(ROOT, "tests", "compat_v1", "fixtures")
REF = os.path.join(ROOT, "tests", "compat_v1", "references")


def checkpoint():
    out = os.path.join(FIX, "tf_ckpt")
    shutil.rmtree(out, ignore_errors=True)
    os.makedirs(out)
    g = tf.Graph()
    with g.as_default():
        tf.get_variable("dense/kernel", initializer=np.arange(12, dtype=np.float32).reshape(3, 4) / 7.0)
        tf.get_variable("dense/bias", initializer=np.array([0.5, -1.5, 2.25, 3.0], np.float32))
        tf.get_variable("scale64", initializer=np.array([[1.0, 2.0], [3.5, -4.25]], np.float64))
        tf.get_variable("counts", initializer=np.array([1, -2, 3], np.int32))
        tf.get_variable("scalar", initializer=np.float32(3.25))
        gs = tf.train.get_or_create_global_step()
        inc = tf.assign(gs, 7)
        saver = tf.train.Saver()
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            sess.run(inc)
            saver.save(sess, os.path.join(out, "model.ckpt"), global_step=gs)
    # the state file holds absolute paths; make them relative for the fixture
    with open(os.path.join(out, "checkpoint"), "w") as f:
        f.write('model_checkpoint_path: "model.ckpt-7"\nall_model_checkpoint_paths: "model.ckpt-7"\n')
    for name in os.listdir(out):
        if name.endswith(".meta"):
            os.remove(os.path.join(out, name))
    return {
        "dense/kernel": (np.arange(12, dtype=np.float32).reshape(3, 4) / 7.0).tolist(),
        "dense/bias": [0.5, -1.5, 2.25, 3.0],
        "scale64": [[1.0, 2.0], [3.5, -4.25]],
        "counts": [1, -2, 3],
        "scalar": 3.25,
        "global_step": 7,
    }


def summaries():
    g = tf.Graph()
    with g.as_default():
        x = tf.placeholder(tf.float32, [None])
        s1 = tf.summary.scalar("loss", tf.reduce_mean(x))
        s2 = tf.summary.histogram("values", x)
        merged = tf.summary.merge_all()
        vals = np.array([0.0, 1.0, -2.5, 3.25, 3.25, 100.0, 1e-3], np.float32)
        with tf.Session() as sess:
            a, b, m = sess.run([s1, s2, merged], {x: vals})
    return {"inputs": vals.tolist(), "scalar": a.hex(), "histogram": b.hex(), "merged": m.hex()}


def layers_checkpoint():
    """A tf.layers CNN trained 2 SGD steps in TF, saved with Saver; plus its logits on a fixed input."""
    import sys
    sys.path.insert(0, ROOT)
    from tests.compat_v1.programs import p_saver
    from tests.compat_v1.programs._util import det, load_deterministic
    out = os.path.join(FIX, "tf_layers_ckpt")
    shutil.rmtree(out, ignore_errors=True)
    os.makedirs(out)
    g = tf.Graph()
    with g.as_default():
        x, logits = p_saver.build(tf)
        loss = tf.reduce_mean(tf.square(logits))
        gs = tf.train.get_or_create_global_step()
        train = tf.train.GradientDescentOptimizer(0.1).minimize(loss, global_step=gs)
        X = det([2, 6, 6, 1], 9, 1.0)
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            load_deterministic(tf, sess)
            sess.run(train, {x: X})
            sess.run(train, {x: X})
            path = tf.train.Saver().save(sess, os.path.join(out, "model.ckpt"), global_step=gs)
            result = sess.run(logits, {x: X}).tolist()
    with open(os.path.join(out, "checkpoint"), "w") as f:
        f.write('model_checkpoint_path: "%s"\nall_model_checkpoint_paths: "%s"\n'
                % (os.path.basename(path), os.path.basename(path)))
    for name in os.listdir(out):
        if name.endswith(".meta"):
            os.remove(os.path.join(out, name))
    return {"logits": result, "path": os.path.basename(path)}


if __name__ == "__main__":
    ref = {"checkpoint_values": checkpoint(), "summaries": summaries(), "layers_checkpoint": layers_checkpoint()}
    with open(os.path.join(REF, "formats.json"), "w") as f:
        json.dump(ref, f, indent=1, sort_keys=True)
    print("ok")
