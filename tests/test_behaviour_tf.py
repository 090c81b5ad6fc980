"""Conversions that must keep TF 1.x behaviour, checked by running both programs under TensorFlow 2.21.

Each test converts a small TF 1.x program with ``upgrade_source``, runs the
original with TF 1.x semantics (``tests/tf_runtime/run_as_tf1.py``: ``import
tensorflow`` gives ``tf.compat.v1`` with v2 behaviour off) and the converted
program as it is, and compares what both print.  Marked ``tf``: skipped without
TensorFlow (see tests/tf_env.py).
"""
import json
import os
import subprocess
import textwrap
from pathlib import Path

import pytest

from tf_env import tf_python
from tf_upgrade import upgrade_source

pytestmark = pytest.mark.tf
RUN_AS_TF1 = Path(__file__).resolve().parent / "tf_runtime" / "run_as_tf1.py"


def _run(tmp_path, name, code, *args, as_tf1=False, env=None):
    """Run ``code`` as a script; (return code, last stdout line parsed as JSON or None, stderr)."""
    script = tmp_path / name
    script.write_text(code)
    cmd = [tf_python()] + ([str(RUN_AS_TF1)] if as_tf1 else []) + [str(script), *args]
    extra = dict(env or {})
    if as_tf1:
        extra.setdefault("TF_USE_LEGACY_KERAS", "1")  # run_as_tf1 maps tf.contrib.rnn onto the tf_keras cells
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=300, cwd=tmp_path,
                          env=dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3", **extra))
    lines = proc.stdout.strip().splitlines()
    try:
        value = json.loads(lines[-1]) if lines else None
    except ValueError:
        value = None
    return proc.returncode, value, proc.stderr


def _both(tmp_path, source, *args, env=None):
    """(converted code, TF 1.x result, converted result); both runs must succeed."""
    source = textwrap.dedent(source)
    converted = upgrade_source(source, filename="prog.py").code
    rc1, before, err1 = _run(tmp_path, "original.py", source, *args, as_tf1=True, env=env)
    assert rc1 == 0, err1[-3000:]
    rc2, after, err2 = _run(tmp_path, "converted.py", converted, *args, env=env)
    assert rc2 == 0, converted + "\n" + err2[-3000:]
    return converted, before, after


def test_pools_on_input_of_unknown_rank(tmp_path):
    """TFU226: tf.nn.max_pool/avg_pool of TF 1.x accept a placeholder of unknown rank (they are the 2-D
    ops); TF 2's tf.nn.max_pool needs the rank, tf.nn.max_pool2d does not."""
    source = '''
    import json
    import numpy as np
    import tensorflow as tf

    x = tf.placeholder(tf.float32, shape=None)
    m = tf.nn.max_pool(x, [1, 2, 2, 1], [1, 2, 2, 1], "SAME")
    a = tf.nn.avg_pool(x, ksize=[1, 3, 3, 1], strides=[1, 1, 1, 1], padding="VALID")
    data = np.arange(2 * 5 * 5 * 3, dtype=np.float32).reshape(2, 5, 5, 3) % 7
    with tf.Session() as sess:
        mv, av = sess.run([m, a], {x: data})
    print(json.dumps([mv.tolist(), av.tolist()]))
    '''
    converted, before, after = _both(tmp_path, source)
    assert "tf.nn.max_pool2d(" in converted and "tf.nn.avg_pool2d(" in converted
    assert before == after
    # and the plain TF 2 names really fail on such input (what the rule avoids)
    rc, _, err = _run(tmp_path, "v2_names.py", converted.replace("max_pool2d", "max_pool"))
    assert rc != 0 and "rank" in err.lower(), err[-2000:]
