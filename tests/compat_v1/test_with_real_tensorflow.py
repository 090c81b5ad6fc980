"""Files written by the shim's formats, read back by real TensorFlow.

Runs only where TensorFlow is importable (e.g. ``/work/tfenv221/bin/python -m
pytest`` or after installing tensorflow-cpu); the normal suite skips it.
"""
import os

import numpy as np
import pytest

tf = pytest.importorskip("tensorflow")

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
