"""tf.train.Saver on TensorFlow's checkpoint format: TF-written checkpoints restore in the shim,
shim-written ones have TF's structure (real-TF reading is in test_with_real_tensorflow.py)."""
import json
import os

import numpy as np
import pytest

import tf_upgrade.compat_v1 as tf
from tf_upgrade.compat_v1.io_formats import bundle

from .programs import p_saver
from .programs._util import det, load_deterministic

HERE = os.path.dirname(os.path.abspath(__file__))
FIX = os.path.join(HERE, "fixtures")
REF = json.load(open(os.path.join(HERE, "references", "formats.json")))


def test_restore_tensorflow_trained_layers_model():
    tf.reset_default_graph()
    x, logits = p_saver.build(tf)
    tf.train.get_or_create_global_step()
    saver = tf.train.Saver()
    ckpt = tf.train.latest_checkpoint(os.path.join(FIX, "tf_layers_ckpt"))
    assert os.path.basename(ckpt) == REF["layers_checkpoint"]["path"]
    with tf.Session() as sess:
        saver.restore(sess, ckpt)
        got = sess.run(logits, {x: det([2, 6, 6, 1], 9, 1.0)})
        assert sess.run(tf.train.get_global_step()) == 2
    np.testing.assert_allclose(got, REF["layers_checkpoint"]["logits"], rtol=1e-5, atol=2e-6)


def test_restore_tensorflow_checkpoint_dtypes():
    tf.reset_default_graph()
    vals = REF["checkpoint_values"]
    made = {
        "dense/kernel": tf.get_variable("dense/kernel", [3, 4]),
        "scale64": tf.get_variable("scale64", [2, 2], dtype=tf.float64),
        "counts": tf.get_variable("counts", [3], dtype=tf.int32),
        "scalar": tf.get_variable("scalar", []),
    }
    with tf.Session() as sess:
        tf.train.Saver(made).restore(sess, os.path.join(FIX, "tf_ckpt", "model.ckpt-7"))
        for name, v in made.items():
            np.testing.assert_array_equal(sess.run(v), np.asarray(vals[name], dtype=v.dtype.as_numpy_dtype))
    reader = tf.train.NewCheckpointReader(os.path.join(FIX, "tf_ckpt"))
    assert reader.get_variable_to_shape_map()["dense/kernel"] == [3, 4]
    assert tf.train.load_variable(os.path.join(FIX, "tf_ckpt"), "global_step") == 7
    assert ("dense/bias", [4]) in tf.train.list_variables(os.path.join(FIX, "tf_ckpt"))


def test_save_restore_roundtrip_and_state_file(tmp_path):
    tf.reset_default_graph()
    x, logits = p_saver.build(tf)
    gs = tf.train.get_or_create_global_step()
    inc = tf.assign_add(gs, 1)
    saver = tf.train.Saver(max_to_keep=2)
    X = det([2, 6, 6, 1], 9, 1.0)
    d = str(tmp_path / "run")
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        load_deterministic(tf, sess)
        want = sess.run(logits, {x: X})
        paths = []
        for _ in range(3):
            sess.run(inc)
            paths.append(saver.save(sess, os.path.join(d, "model.ckpt"), global_step=gs))
    assert [os.path.basename(p) for p in paths] == ["model.ckpt-1", "model.ckpt-2", "model.ckpt-3"]
    assert not os.path.exists(paths[0] + ".index")  # max_to_keep=2 deleted the oldest
    state = open(os.path.join(d, "checkpoint")).read().splitlines()
    assert state[0] == 'model_checkpoint_path: "%s"' % paths[2]
    assert state[1:] == ['all_model_checkpoint_paths: "%s"' % p for p in paths[1:]]
    assert saver.last_checkpoints == paths[1:]
    # the index is a TF table whose header entry and tensor entries we can read back
    header, entries = bundle.read_index(paths[2])
    assert sorted(e.name for e in entries) == sorted(v.op.name for v in tf.global_variables())
    tf.reset_default_graph()
    x, logits = p_saver.build(tf)
    with tf.Session() as sess:
        tf.train.Saver().restore(sess, tf.train.latest_checkpoint(d))
        np.testing.assert_allclose(sess.run(logits, {x: X}), want, rtol=1e-6)


def test_relative_save_path_and_errors(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    tf.reset_default_graph()
    tf.Variable([1.0, 2.0], name="v")
    saver = tf.train.Saver()
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        path = saver.save(sess, "ckpt/model")
    assert path == "ckpt/model"
    assert open("ckpt/checkpoint").read().startswith('model_checkpoint_path: "model"')
    assert tf.train.latest_checkpoint("ckpt") == os.path.join("ckpt", "model")
    tf.reset_default_graph()
    w = tf.Variable([0.0], name="w")
    with tf.Session() as sess:
        with pytest.raises(tf.errors.NotFoundError):
            tf.train.Saver([w]).restore(sess, "ckpt/model")
        with pytest.raises(ValueError):
            tf.train.Saver([w]).restore(sess, None)


def test_restore_variables_sharing_an_initial_value(tmp_path):
    tf.reset_default_graph()
    init = tf.zeros([2])
    a = tf.Variable(init, name="a")
    b = tf.Variable(init, name="b")
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        sess.run([a.assign([1.0, 2.0]), b.assign([3.0, 4.0])])
        path = tf.train.Saver().save(sess, str(tmp_path / "m"))
    with tf.Session() as sess:
        tf.train.Saver().restore(sess, path)
        np.testing.assert_array_equal(sess.run([a, b]), [[1.0, 2.0], [3.0, 4.0]])


def test_init_from_tensorflow_checkpoint_with_assignment_map():
    tf.reset_default_graph()
    with tf.variable_scope("finetune"):
        x, logits = p_saver.build(tf)
    ckpt = os.path.join(FIX, "tf_layers_ckpt")
    tf.train.init_from_checkpoint(ckpt, {"conv2d/": "finetune/conv2d/", "logits/kernel": "finetune/logits/kernel"})
    bias = [v for v in tf.global_variables() if v.op.name == "finetune/logits/bias"][0]
    tf.train.init_from_checkpoint(ckpt, {"logits/bias": bias})
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        got = sess.run(logits, {x: det([2, 6, 6, 1], 9, 1.0)})
    np.testing.assert_allclose(got, REF["layers_checkpoint"]["logits"], rtol=1e-5, atol=2e-6)
    with pytest.raises(ValueError):
        tf.train.init_from_checkpoint(ckpt, {"nope/": "finetune/conv2d/"})
