"""`tf-upgrade check`: missing references with the rule that fixes or explains them; exit status."""
import textwrap

import libcst as cst
import pytest
from click.testing import CliRunner

from tf_upgrade import upgrade_source
from tf_upgrade.cli import main
from tf_upgrade.upgrader.check import check_module

TF1 = textwrap.dedent("""\
    import tensorflow as tf
    import tensorflow.contrib.slim as slim

    tf.flags.DEFINE_integer("steps", 3, "Steps.")
    x = tf.placeholder(tf.float32, [None, 2])
    h = tf.layers.dense(x, 4)
    net = slim.fully_connected(h, 2)
    est = tf.estimator.Estimator(model_fn=None)
    hp = tf.contrib.training.HParams(lr=0.1)
    tf.bogus_name(x)
""")


def _findings(text, target=(2, 21)):
    return check_module(cst.parse_module(text), text, "x.py", target)


def test_each_missing_reference_names_its_rule_or_why_none_can():
    by_name = {f.qualname: f for f in _findings(TF1)}
    assert by_name["tf.flags.DEFINE_integer"].rule == "TFU310"
    assert by_name["tf.flags.DEFINE_integer"].fix == "absl.flags.DEFINE_integer"
    assert by_name["tf.placeholder"].fix == "tf.compat.v1.placeholder"
    assert by_name["tf.contrib.slim"].fix == "tf_slim"
    assert by_name["tf.contrib.slim.fully_connected"].fix == ""  # through the rewritten import
    est = by_name["tf.estimator.Estimator"]
    assert est.rule == "TFU330" and est.fix is None and "2.16" in est.why
    hp = by_name["tf.contrib.training.HParams"]
    assert hp.rule == "TFU110" and hp.fix is None and "dataclass" in hp.why
    assert by_name["tf.bogus_name"].rule == "TFU111"
    # tf.layers.dense becomes a tf_keras-only name: fixable, and its output is a requirement
    assert by_name["tf.layers.dense"].fix == "tf.compat.v1.layers.dense"


def test_target_2_15_keeps_the_estimator():
    names = {f.qualname for f in _findings(TF1, (2, 15))}
    assert "tf.estimator.Estimator" not in names and "tf.placeholder" in names


def test_converted_code_has_only_explained_references_left():
    out = upgrade_source(TF1, filename="x.py").code
    left = _findings(out)
    missing = {f.qualname for f in left if not f.needs_tf_keras}
    assert missing == {"tf.estimator.Estimator", "tf.contrib.training.HParams", "tf.bogus_name"}
    assert all(f.rule for f in left if not f.needs_tf_keras)
    assert [f.qualname for f in left if f.needs_tf_keras] == ["tf.compat.v1.layers.dense"]


def test_cli_exit_status_and_summary(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text(TF1)
    good = tmp_path / "good.py"
    good.write_text("import tensorflow as tf\nx = tf.compat.v1.placeholder(tf.float32)\ny = tf.math.log(x)\n")
    runner = CliRunner(mix_stderr=False) if "mix_stderr" in CliRunner.__init__.__code__.co_varnames \
        else CliRunner()
    res = runner.invoke(main, ["check", str(good)])
    assert res.exit_code == 0, res.output
    res = runner.invoke(main, ["check", str(tmp_path)])
    assert res.exit_code == 1
    assert f"{bad}:8:7: error tf.estimator.Estimator" in res.stdout
    assert "TFU330" in res.stdout
    assert "2 files checked" in res.stderr and "missing in TensorFlow 2.21" in res.stderr
    assert "good.py" not in res.stdout  # nothing is written, nothing reported for clean files
    assert bad.read_text() == TF1


def test_cli_check_auto_target(tmp_path):
    (tmp_path / "requirements.txt").write_text("tensorflow>=2.4,<2.16\n")
    (tmp_path / "m.py").write_text("import tensorflow as tf\nest = tf.estimator.Estimator\n")
    runner = CliRunner(mix_stderr=False) if "mix_stderr" in CliRunner.__init__.__code__.co_varnames \
        else CliRunner()
    res = runner.invoke(main, ["check", "--target-version", "auto", str(tmp_path / "m.py")])
    assert res.exit_code == 0, res.stdout + res.stderr
    assert "target TensorFlow 2.15" in res.stderr
    res = runner.invoke(main, ["check", str(tmp_path / "m.py")])
    assert res.exit_code == 1


@pytest.mark.parametrize("bad_version", ["two", "x.y"])
def test_cli_check_rejects_bad_target(tmp_path, bad_version):
    (tmp_path / "m.py").write_text("import tensorflow as tf\n")
    res = CliRunner().invoke(main, ["check", "--target-version", bad_version, str(tmp_path / "m.py")])
    assert res.exit_code == 2
