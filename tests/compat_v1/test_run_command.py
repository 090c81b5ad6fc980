"""`python -m tf_upgrade.compat_v1 script.py [args]` / `-m module [args]`: TF 1.x programs run unmodified,
with `import tensorflow` (and `tensorflow.python.*`, `tensorflow.contrib.*`) answered by the runtime."""
import os
import subprocess
import sys
import textwrap

import pytest

pytestmark = pytest.mark.slow  # every test runs `python -m tf_upgrade.compat_v1` in a subprocess

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
EXAMPLES = os.path.join(ROOT, "examples")


def run(args, cwd, stdin=None):
    env = dict(os.environ, PYTHONPATH=ROOT)
    return subprocess.run([sys.executable, "-m", "tf_upgrade.compat_v1"] + list(args), cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=300, input=stdin)


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text))
    return path


PROGRAM = """
    import os
    import sys

    import numpy as np
    import tensorflow as tf
    import tensorflow.python.ops.math_ops
    from tensorflow.python.ops import array_ops, init_ops, nn_ops
    from tensorflow.python.framework import dtypes, ops
    from tensorflow.python.client import device_lib
    from tensorflow.contrib.layers import fully_connected
    from tensorflow.contrib import rnn
    import tensorflow.compat.v1 as tf1

    import helper  # the script's own directory is sys.path[0], as with `python script.py`

    flags = tf.app.flags
    flags.DEFINE_integer("steps", 3, "training steps")
    FLAGS = flags.FLAGS


    def main(argv):
        print("argv", sys.argv, argv, __name__)
        x = tf.placeholder(tf.float32, [None, 3])
        h = fully_connected(x, 2, weights_initializer=init_ops.Constant(0.5), scope="fc")
        y = tensorflow.python.ops.math_ops.reduce_sum(nn_ops.relu(array_ops.identity(h)))
        assert isinstance(y, ops.Tensor) and y.dtype == dtypes.float32
        assert rnn.BasicLSTMCell is tf.nn.rnn_cell.BasicLSTMCell and tf1.Session is tf.Session
        assert [d.device_type for d in device_lib.list_local_devices()] == ["CPU"]
        with tf.device("/cpu:0"), tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            for _ in range(FLAGS.steps):
                out = sess.run(y, {x: np.ones((2, 3), np.float32)})
        print("result", helper.fmt(out), FLAGS.steps)


    if __name__ == "__main__":
        tf.app.run()
"""


def test_script_runs_unmodified_with_args_and_flags(tmp_path):
    write(tmp_path / "prog" / "helper.py", "def fmt(v):\n    return '%.1f' % v\n")
    script = write(tmp_path / "prog" / "train.py", PROGRAM)
    proc = run([str(script), "--steps", "2", "extra"], cwd=str(tmp_path))
    assert proc.returncode == 0, proc.stderr
    # sys.argv is what `python train.py --steps 2 extra` gives; tf.app.run hands main the unparsed rest
    assert "argv ['%s', '--steps', '2', 'extra'] ['%s', 'extra'] __main__" % (script, script) in proc.stdout
    assert "result 6.0 2" in proc.stdout  # relu(3 * 0.5) summed over 2 rows x 2 units


def test_module_runs_with_dash_m(tmp_path):
    write(tmp_path / "pkg" / "__init__.py", "")
    write(tmp_path / "pkg" / "mod.py", """
        import sys
        import tensorflow as tf
        from tensorflow.python.platform import tf_logging as logging

        print("argv", sys.argv[1:], __name__, sys.argv[0].endswith("mod.py"))
        with tf.Session() as s:
            print("sum", s.run(tf.reduce_sum(tf.constant([1, 2, 3]))))
    """)
    proc = run(["-m", "pkg.mod", "a", "--b"], cwd=str(tmp_path))
    assert proc.returncode == 0, proc.stderr
    assert "argv ['a', '--b'] __main__ True" in proc.stdout and "sum 6" in proc.stdout


def test_missing_import_names_symbol_and_site(tmp_path):
    script = write(tmp_path / "uses_slim.py", """
        import tensorflow as tf

        import tensorflow.contrib.slim as slim
    """)
    proc = run([str(script)], cwd=str(tmp_path))
    assert proc.returncode == 1
    assert "UnsupportedImportError: tensorflow.contrib.slim is not implemented" in proc.stderr
    assert "(imported at %s:4)" % script in proc.stderr
    assert "runpy" not in proc.stderr  # the traceback starts at the program, as `python script.py` prints it


def test_missing_attribute_names_symbol_and_use_site(tmp_path):
    script = write(tmp_path / "uses_missing.py", """
        import tensorflow as tf
        from tensorflow.python.ops import math_ops

        x = tf.constant(1.0)
        try:
            math_ops.no_such_op(x)
        except AttributeError as e:
            print("caught:", e)
        y = tf.nn.no_such_op(x)
    """)
    proc = run([str(script)], cwd=str(tmp_path))
    assert proc.returncode == 1
    assert "caught: tensorflow.python.ops.math_ops.no_such_op is not implemented" in proc.stdout
    assert "(used at %s:7)" % script in proc.stdout
    assert "UnsupportedSymbolError: tf.nn.no_such_op is not implemented" in proc.stderr
    assert "(used at %s:10)" % script in proc.stderr


def test_import_error_fallbacks_in_user_code_still_work(tmp_path):
    script = write(tmp_path / "fallback.py", """
        try:
            from tensorflow.contrib import slim
        except ImportError:
            slim = None
        try:
            from tensorflow.contrib.layers import no_such_layer
        except ImportError as e:
            print("fallback", slim, type(e).__name__)
    """)
    proc = run([str(script)], cwd=str(tmp_path))
    assert proc.returncode == 0, proc.stderr
    assert "fallback None" in proc.stdout


def test_exit_status_and_missing_script(tmp_path):
    script = write(tmp_path / "exits.py", "import sys\nimport tensorflow\nsys.exit(3)\n")
    assert run([str(script)], cwd=str(tmp_path)).returncode == 3
    proc = run([str(tmp_path / "nope.py")], cwd=str(tmp_path))
    assert proc.returncode == 2 and "nope.py" in proc.stderr


@pytest.mark.parametrize("name", ["tf1/linear_regression.py", "tf1/softmax_classifier.py",
                                  "tf1_runnable/t03_saver.py", "tf1_runnable/t09_queues_flags.py"])
def test_examples_run_unmodified(name, tmp_path):
    proc = run([os.path.join(EXAMPLES, name)], cwd=str(tmp_path))
    assert proc.returncode == 0, proc.stderr[-3000:]


def test_supported_list_survives_a_closed_pipe(tmp_path):
    """`--supported | head -1`: the reader is gone before the list is written (here: from the start)."""
    env = dict(os.environ, PYTHONPATH=ROOT)
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        proc = subprocess.run([sys.executable, "-m", "tf_upgrade.compat_v1", "--supported"], cwd=str(tmp_path),
                              env=env, stdout=write_end, stderr=subprocess.PIPE, text=True, timeout=60)
    finally:
        os.close(write_end)
    assert proc.returncode == 0 and "BrokenPipeError" not in proc.stderr, proc.stderr


def test_library_style_imports_of_tensorflow_python_modules(tmp_path):
    """What libraries such as tf_slim import from tensorflow.python.*, mapped onto the runtime."""
    script = write(tmp_path / "lib_style.py", """
        from tensorflow.python.framework import constant_op, tensor_shape
        from tensorflow.python.ops import control_flow_ops, lookup_ops, parsing_ops, variable_scope, variables
        from tensorflow.python.util import deprecation
        from tensorflow.python.summary import summary_iterator
        from tensorflow.python.platform import test
        import tensorflow as tf

        @deprecation.deprecated(None, "use something else")
        def old(x):
            return x * 2.0

        v = variables.VariableV1(3.0, name="v")
        assert isinstance(v, tf.Variable) and callable(summary_iterator.summary_iterator)
        variable_scope.enable_resource_variables()
        out = control_flow_ops.with_dependencies([v.initializer], old(constant_op.constant(1.5)))
        assert parsing_ops.FixedLenFeature is tf.FixedLenFeature and tensor_shape.TensorShape is tf.TensorShape
        assert lookup_ops.index_table_from_tensor is tf.contrib.lookup.index_table_from_tensor
        with tf.Session() as sess:
            print("value", sess.run(out))
    """)
    proc = run([str(script)], cwd=str(tmp_path))
    assert proc.returncode == 0, proc.stderr
    assert "value 3.0" in proc.stdout
