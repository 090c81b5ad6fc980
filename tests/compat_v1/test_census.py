"""tools/compat_v1_census.py: which TF symbols a directory of TF 1.x code uses that the runtime lacks,
decided by the runtime's own import hook and namespaces."""
import importlib.util
import os
import sys

import pytest

import tf_upgrade.compat_v1 as tf

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
_spec = importlib.util.spec_from_file_location("compat_v1_census", os.path.join(ROOT, "tools", "compat_v1_census.py"))
census_tool = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(census_tool)


@pytest.fixture
def code(tmp_path):
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "covered.py").write_text(
        "import tensorflow as tf\nfrom tensorflow.python.ops import math_ops\n"
        "x = tf.placeholder(tf.float32)\ny = math_ops.reduce_sum(tf.nn.relu(x))\n"
        "flags = tf.app.flags.FLAGS.whatever\nz = tf.newaxis\n")
    (tmp_path / "pkg" / "slim_user.py").write_text(
        "import tensorflow as tf\nimport tensorflow.contrib.slim as slim\n"
        "def f(x):\n    a = tf.contrib.slim.arg_scope\n    b = tf.contrib.slim.conv2d(x)\n"
        "    return tf.nn.no_such_op(x) + tf.nn.no_such_op(x)\n")
    (tmp_path / "pkg" / "compat.py").write_text(
        "import tensorflow.compat.v1 as tf\nfrom tensorflow.python.framework import no_such_module\n"
        "tf.disable_v2_behavior()\n")
    (tmp_path / "pkg" / "plain.py").write_text("import numpy\n")
    (tmp_path / "pkg" / "broken.py").write_text("import tensorflow as tf\ndef (:\n")
    return str(tmp_path)


def test_census_counts_files_and_uses(code):
    result = census_tool.census([code])
    assert result["scanned"] == 5 and result["tf_files"] == 3 and result["covered_files"] == 1
    assert [u[0] for u in result["unparsable"]] == [os.path.join(code, "pkg", "broken.py")]
    missing = {name: (files, uses) for name, files, uses in result["missing"]}
    assert missing == {"tf.contrib.slim": (1, 3), "tf.nn.no_such_op": (1, 1),
                       "tensorflow.python.framework.no_such_module": (1, 1)}


def test_census_agrees_with_the_runtime(code):
    """What it reports missing, the runtime refuses; what it accepts, the runtime has."""
    result = census_tool.census([code])
    for name, _files, _uses in result["missing"]:
        if name.startswith("tf."):
            obj = tf
            with pytest.raises(AttributeError):
                for part in name.split(".")[1:]:
                    obj = getattr(obj, part)
    assert hasattr(tf.nn, "relu") and hasattr(tf, "disable_v2_behavior")


def test_census_leaves_the_import_system_as_it_was(code):
    before = list(sys.meta_path)
    census_tool.census([code])
    assert sys.meta_path == before and "tensorflow" not in sys.modules or \
        type(sys.modules["tensorflow"]).__name__ != "ModuleView"


def test_census_command_prints_a_table(code, capsys):
    assert census_tool.main([code, "--top", "2"]) == 0
    out = capsys.readouterr().out
    assert "5 Python files, 3 import TensorFlow; 1 of those (33%) use nothing the runtime lacks." in out
    assert "tf.contrib.slim" in out and "(top 2 by files)" in out
