"""examples/compat_v1/train_cnn.py runs (shortened) and writes TF-format checkpoints and event files;
`python -m tf_upgrade.compat_v1 --supported` lists every namespace (tf.layers, tf.data, tf.contrib ...)."""
import os
import subprocess
import sys

import pytest

from tf_upgrade.compat_v1.io_formats import bundle, events

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def _env():
    return dict(os.environ, PYTHONPATH=ROOT + os.pathsep + os.environ.get("PYTHONPATH", ""))


@pytest.mark.slow
def test_train_cnn_example(tmp_path):
    proc = subprocess.run([sys.executable, os.path.join(ROOT, "examples", "compat_v1", "train_cnn.py"),
                           "--steps=50", "--logdir=%s" % tmp_path], capture_output=True, text=True, env=_env(),
                          timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "final test accuracy" in proc.stdout
    ckpt = bundle.latest_checkpoint(str(tmp_path))
    assert ckpt.endswith("model.ckpt-50")
    assert int(bundle.read_bundle(ckpt)["global_step"]) == 50
    evfile = [f for f in os.listdir(tmp_path) if f.startswith("events.out.tfevents")][0]
    evs = events.read_events(os.path.join(tmp_path, evfile))
    assert evs[0]["file_version"] == "brain.Event:2" and "graph_def" in evs[1]
    tags = [v["tag"] for v in evs[-1]["summary"]]
    assert tags == ["loss", "accuracy", "logits"] and evs[-1]["step"] == 50


def test_supported_lists_every_namespace():
    out = subprocess.run([sys.executable, "-m", "tf_upgrade.compat_v1", "--supported"], capture_output=True,
                         text=True, env=_env(), cwd=ROOT, timeout=120).stdout
    for sym in ("tf.cond", "tf.while_loop", "tf.layers.dense", "tf.layers.batch_normalization", "tf.nn.conv2d",
                "tf.nn.dynamic_rnn", "tf.nn.rnn_cell.LSTMCell", "tf.train.Saver", "tf.train.shuffle_batch",
                "tf.data.Dataset", "tf.summary.FileWriter", "tf.contrib.layers.xavier_initializer",
                "tf.app.run", "tf.flags.DEFINE_string", "tf.logging.info", "tf.ConfigProto",
                "tf.clip_by_global_norm", "tf.decode_csv"):
        assert "  %s\n" % sym in out, sym
