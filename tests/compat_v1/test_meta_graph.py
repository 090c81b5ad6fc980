"""`.meta` files: Saver.save writes this runtime's graph description; tf.train.import_meta_graph rebuilds
the graph (ops, variables, collections) so a restored model trains on exactly as the original did."""
import os

import numpy as np
import pytest

import tf_upgrade.compat_v1 as tf

X = np.random.RandomState(0).randn(16, 3).astype(np.float32)
Y = X.sum(1, keepdims=True)


def _build_and_save(path):
    x = tf.placeholder(tf.float32, [None, 3], name="x")
    y = tf.placeholder(tf.float32, [None, 1], name="y")
    h = tf.layers.dense(x, 4, activation=tf.nn.relu, kernel_initializer=tf.constant_initializer(0.3))
    with tf.variable_scope("out"):
        w = tf.get_variable("w", [4, 1], initializer=tf.constant_initializer(0.1))
    loss = tf.reduce_mean(tf.square(tf.matmul(h, w) - y), name="loss")
    step = tf.train.get_or_create_global_step()
    train = tf.train.AdamOptimizer(0.01).minimize(loss, global_step=step)
    tf.add_to_collection("train_op", train)
    saver = tf.train.Saver()
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for _ in range(5):
            sess.run(train, {x: X, y: Y})
        saved = saver.save(sess, path, global_step=step)
        continued = [sess.run([train, loss], {x: X, y: Y})[1] for _ in range(3)]
    return saved, continued


def test_imported_graph_trains_on_like_the_original(tmp_path):
    with tf.Graph().as_default():
        saved, continued = _build_and_save(str(tmp_path / "m"))
    assert os.path.exists(saved + ".meta")
    with tf.Graph().as_default(), tf.Session() as sess:
        saver = tf.train.import_meta_graph(saved + ".meta")
        saver.restore(sess, saved)
        train = tf.get_collection("train_op")[0]
        again = [sess.run([train, "loss:0"], {"x:0": X, "y:0": Y})[1] for _ in range(3)]
        assert len(tf.trainable_variables()) == 3 and sess.run(tf.train.get_global_step()) == 8
    np.testing.assert_array_equal(again, continued)


def test_import_scope_prefixes_names(tmp_path):
    with tf.Graph().as_default():
        saved, _ = _build_and_save(str(tmp_path / "m"))
    with tf.Graph().as_default(), tf.Session() as sess:
        saver = tf.train.import_meta_graph(saved + ".meta", import_scope="copy")
        saver.restore(sess, saved)
        w = [v for v in tf.global_variables() if v.name == "copy/out/w:0"][0]
        np.testing.assert_array_equal(sess.run(w), tf.train.load_variable(saved, "out/w"))
        assert sess.run("copy/loss:0", {"copy/x:0": X, "copy/y:0": Y}) > 0


def test_graph_with_python_objects_writes_no_meta_and_says_why(tmp_path, capsys):
    with tf.Graph().as_default():
        v = tf.Variable(1.0, name="v")
        tf.py_func(lambda a: a, [v.read_value()], tf.float32)
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            path = tf.train.Saver().save(sess, str(tmp_path / "m"))
    assert os.path.exists(path + ".index") and not os.path.exists(path + ".meta")
    assert "No %s.meta written" % path in capsys.readouterr().err


def test_tensorflow_meta_files_are_refused_clearly(tmp_path):
    meta = tmp_path / "tf.meta"
    meta.write_bytes(b"\n\x8a\x01\n\x05\x12\x03\x31\x2e\x31\x35")  # a MetaGraphDef protobuf's first bytes
    with tf.Graph().as_default():
        with pytest.raises(tf.errors.UnimplementedError, match="not a .meta file written by tf_upgrade"):
            tf.train.import_meta_graph(str(meta))
        with pytest.raises(tf.errors.NotFoundError):
            tf.train.import_meta_graph(str(tmp_path / "missing.meta"))
