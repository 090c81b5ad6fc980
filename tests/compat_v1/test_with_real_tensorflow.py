"""Files written by the shim's formats, read back by real TensorFlow.

Needs TensorFlow in this interpreter (tests/tf_env.py): .ci/run's TensorFlow stage runs it
with its TF 2.21 venv's python; the normal suite skips it.
"""
import os

import numpy as np
import pytest

os.environ.setdefault("TF_USE_LEGACY_KERAS", "1")
from tf_env import import_tf  # noqa: E402

pytestmark = pytest.mark.tf
tf = import_tf()
tf.compat.v1.disable_v2_behavior()

from tf_upgrade.compat_v1.io_formats import bundle, events  # noqa: E402


def test_tensorflow_reads_shim_checkpoint(tmp_path):
    arrs = {"dense/kernel": np.arange(6, dtype=np.float32).reshape(2, 3), "global_step": np.int64(9),
            "x64": np.array([1.5, -2.0])}
    prefix = str(tmp_path / "model.ckpt-9")
    bundle.write_bundle(prefix, arrs)
    bundle.write_checkpoint_state(str(tmp_path), prefix)
    assert tf.train.latest_checkpoint(str(tmp_path)) == prefix
    reader = tf.train.load_checkpoint(prefix)
    for k, v in arrs.items():
        np.testing.assert_array_equal(reader.get_tensor(k), v)


def test_tensorflow_reads_shim_events(tmp_path):
    w = events.EventFileWriter(str(tmp_path))
    w.add_summary(events.scalar_summary("loss", 0.5), step=3)
    w.close()
    evs = list(tf.compat.v1.train.summary_iterator(w.path))
    assert evs[0].file_version == "brain.Event:2"
    assert evs[1].step == 3 and evs[1].summary.value[0].simple_value == 0.5


def test_tensorflow_restores_shim_saver_checkpoint(tmp_path):
    """The shim trains + saves a tf.layers model; real TF restores it and gets the same logits."""
    import tf_upgrade.compat_v1 as shim

    from .programs import p_saver
    from .programs._util import det, load_deterministic

    X = det([2, 6, 6, 1], 9, 1.0)
    shim.reset_default_graph()
    x, logits = p_saver.build(shim)
    loss = shim.reduce_mean(shim.square(logits))
    gs = shim.train.get_or_create_global_step()
    train = shim.train.GradientDescentOptimizer(0.1).minimize(loss, global_step=gs)
    with shim.Session() as sess:
        sess.run(shim.global_variables_initializer())
        load_deterministic(shim, sess)
        sess.run(train, {x: X})
        path = shim.train.Saver().save(sess, str(tmp_path / "model.ckpt"), global_step=gs)
        want = sess.run(logits, {x: X})
    v1 = tf.compat.v1
    g = tf.Graph()
    with g.as_default():
        x2, logits2 = p_saver.build(v1)
        v1.train.get_or_create_global_step()
        with v1.Session() as sess:
            assert v1.train.latest_checkpoint(str(tmp_path)) == path
            v1.train.Saver().restore(sess, path)
            np.testing.assert_allclose(sess.run(logits2, {x2: X}), want, rtol=1e-5, atol=2e-6)
            assert sess.run(v1.train.get_global_step()) == 1


def test_tensorflow_reads_shim_summary_ops_and_graph(tmp_path):
    import tf_upgrade.compat_v1 as shim

    shim.reset_default_graph()
    x = shim.constant(np.linspace(-1, 1, 48, dtype=np.float32).reshape(1, 4, 4, 3))
    shim.summary.scalar("average", shim.reduce_mean(x))
    shim.summary.histogram("values", x)
    shim.summary.image("picture", x)
    merged = shim.summary.merge_all()
    with shim.Session() as sess:
        writer = shim.summary.FileWriter(str(tmp_path), sess.graph)
        writer.add_summary(sess.run(merged), 5)
        writer.close()
    path = [str(p) for p in tmp_path.iterdir()][0]
    evs = list(tf.compat.v1.train.summary_iterator(path))
    graph_def = tf.compat.v1.GraphDef.FromString(evs[1].graph_def)
    assert "Mean" in [n.op for n in graph_def.node]
    values = {v.tag: v for v in evs[2].summary.value}
    assert evs[2].step == 5 and abs(values["average"].simple_value) < 1e-6
    assert values["values"].histo.num == 48
    img = values["picture/image/0"].image
    assert (img.height, img.width, img.colorspace) == (4, 4, 3)
    decoded = tf.image.decode_png(img.encoded_image_string)
    with tf.compat.v1.Session() as s:
        assert s.run(decoded).shape == (4, 4, 3)


def test_example_records_cross_read(tmp_path):
    import tf_upgrade.compat_v1 as shim
    from tf_upgrade.compat_v1.io_formats import example as ex

    def make(mod, i):
        return mod.train.Example(features=mod.train.Features(feature={
            "x": mod.train.Feature(float_list=mod.train.FloatList(value=[i, i / 2.0])),
            "y": mod.train.Feature(int64_list=mod.train.Int64List(value=[-i])),
            "s": mod.train.Feature(bytes_list=mod.train.BytesList(value=[b"r%d" % i]))}))

    shim_path, tf_path = str(tmp_path / "shim.tfrecord"), str(tmp_path / "tf.tfrecord")
    with shim.python_io.TFRecordWriter(shim_path) as w:
        for i in range(3):
            w.write(make(shim, i).SerializeToString())
    with tf.io.TFRecordWriter(tf_path) as w:
        for i in range(3):
            w.write(make(tf, i).SerializeToString())
    for i, rec in enumerate(tf.compat.v1.io.tf_record_iterator(shim_path)):
        parsed = tf.train.Example.FromString(rec)
        assert list(parsed.features.feature["x"].float_list.value) == [i, i / 2.0]
        assert list(parsed.features.feature["y"].int64_list.value) == [-i]
    for i, rec in enumerate(shim.python_io.tf_record_iterator(tf_path)):
        feats = ex.parse_features(rec)
        assert feats["x"] == ("float_list", [i, i / 2.0]) and feats["y"] == ("int64_list", [-i])
        assert feats["s"] == ("bytes_list", [b"r%d" % i])
