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
    base = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="3")
    # In .ci/run's TF stage the in-process TF tests set TF_USE_LEGACY_KERAS=1 in this process (they need
    # tf_keras for tf.layers); a script gets tf_keras only when it asks for it here.
    base.pop("TF_USE_LEGACY_KERAS", None)
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=300, cwd=tmp_path, env=dict(base, **extra))
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


def test_shared_initializer_draws_fresh_values_per_variable(tmp_path):
    """TFU228: one unseeded initializer instance reused for several get_variable calls drew fresh values
    per variable in TF 1.x; a Keras 3 initializer repeats its first draw.  The converted program must draw
    fresh values, with TF 1.x's distributions (Keras' 0.05 defaults for tf.keras.initializers)."""
    source = '''
    import json
    import numpy as np
    import tensorflow as tf

    tf.set_random_seed(7)
    glorot = tf.initializers.glorot_uniform()
    he = tf.keras.initializers.he_normal()
    normal = tf.keras.initializers.RandomNormal()
    xavier = tf.contrib.layers.xavier_initializer()
    ws = [tf.get_variable("g%d" % i, [200, 200], initializer=glorot) for i in range(2)]
    ws += [tf.get_variable("h%d" % i, [200, 200], initializer=he) for i in range(2)]
    ws += [tf.get_variable("n%d" % i, [200, 200], initializer=normal) for i in range(2)]
    ws += [tf.get_variable("x%d" % i, [200, 200], initializer=xavier) for i in range(2)]
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        values = sess.run(ws)
    pairs = [values[i:i + 2] for i in range(0, len(values), 2)]
    print(json.dumps([[bool(np.array_equal(a, b)), float(np.std(a)), float(np.abs(a).max())] for a, b in pairs]))
    '''
    converted, before, after = _both(tmp_path, source)
    assert "tf.keras.initializers" not in converted and "tf_slim.xavier_initializer()" in converted
    for (same1, std1, max1), (same2, std2, max2) in zip(before, after):
        assert not same1 and not same2  # fresh values for each variable, before and after
        assert abs(std1 - std2) / std1 < 0.03 and abs(max1 - max2) / max1 < 0.1
    # what the Keras form would have done: the same values for both variables
    keras = converted.replace("tf.compat.v1.initializers.glorot_uniform()", "tf.keras.initializers.GlorotUniform()")
    rc, values, err = _run(tmp_path, "keras_form.py", keras)
    assert rc == 0 and values[0][0] is True, err[-2000:]


FLAGS_AT_IMPORT = '''
import json
import tensorflow as tf

flags = tf.app.flags
FLAGS = flags.FLAGS
flags.DEFINE_string("dataset", "cora", "Dataset string.")
flags.DEFINE_float("learning_rate", 0.01, "Initial learning rate.")
flags.DEFINE_integer("epochs", 200, "Number of epochs.")


def settings():
    return [FLAGS.dataset, FLAGS.learning_rate]


SETTINGS = settings()  # before app.run: TF 1.x parsed sys.argv on this first read
epochs = FLAGS.epochs
print(json.dumps(SETTINGS + [epochs]))
'''


def test_flags_read_at_import_time_keep_working(tmp_path):
    """TFU310: a script that reads FLAGS at module level (no app.run, like tkipf/gcn's train.py) keeps
    tf.compat.v1.flags, and runs under TF 2.21 with its command line; the absl spelling would die."""
    args = ("--dataset", "citeseer", "--learning_rate", "0.5", "--epochs", "3")
    converted, before, after = _both(tmp_path, FLAGS_AT_IMPORT, *args)
    assert "tf.compat.v1.app.flags" in converted and "absl" not in converted
    assert before == after == ["citeseer", 0.5, 3]
    absl_spelling = converted.replace("import tensorflow as tf", "import tensorflow as tf\nfrom absl import flags") \
        .replace("flags = tf.compat.v1.app.flags\n", "")
    rc, _, err = _run(tmp_path, "absl_spelling.py", absl_spelling, *args)
    assert rc != 0 and "UnparsedFlagAccessError" in err, err[-2000:]


def test_flags_read_inside_app_run_become_absl_and_run(tmp_path):
    """TFU310/TFU311: reads only inside main (started by app.run) become absl flags, which app.run parses."""
    source = '''
    import json
    import tensorflow as tf

    tf.app.flags.DEFINE_integer("batch_size", 32, "Batch size.")
    FLAGS = tf.app.flags.FLAGS


    def main(_):
        print(json.dumps([FLAGS.batch_size]))


    if __name__ == "__main__":
        tf.app.run()
    '''
    converted, before, after = _both(tmp_path, source, "--batch_size", "7")
    assert "from absl import flags" in converted and "app.run(main)" in converted
    assert before == after == [7]


def test_sharded_embeddings_glimpse_and_space_to_batch_keep_tf1_numbers(tmp_path):
    """TFU231 (mod sharding of a partitioned variable and of a list of shards), TFU229 (non-centred,
    unnormalised glimpses), TFU230 (space_to_batch's int block size): the converted program computes
    what TF 1.x computed."""
    source = '''
    import json
    import numpy as np
    import tensorflow as tf

    values = np.arange(40, dtype=np.float32).reshape(10, 4)
    part = tf.get_variable("part", [10, 4], initializer=tf.random_uniform_initializer(),
                           partitioner=tf.fixed_size_partitioner(3))
    shards = [tf.constant(values[i::2]) for i in range(2)]  # "mod" layout: id i lives in shard i % 2
    ids = tf.constant([0, 1, 2, 3, 7, 9])
    e1 = tf.nn.embedding_lookup(part, ids)
    e2 = tf.nn.embedding_lookup(shards, ids)
    image = tf.constant(np.random.RandomState(0).rand(1, 10, 10, 1).astype(np.float32))
    g = tf.image.extract_glimpse(image, [3, 3], tf.constant([[2.0, 3.0]]), centered=False, normalized=False)
    s = tf.space_to_batch(tf.reshape(tf.range(16.0), [1, 4, 4, 1]), [[0, 0], [0, 0]], block_size=2)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        out = sess.run([e1, e2, g, s, list(part)])
    print(json.dumps([o.tolist() for o in out[:4]] + [[p.tolist() for p in out[4]]]))
    '''
    converted, before, after = _both(tmp_path, source)
    assert "tf.compat.v1.nn.embedding_lookup(part, ids)" in converted
    assert "tf.compat.v1.nn.embedding_lookup(shards, ids)" in converted
    assert "tf.compat.v1.image.extract_glimpse(" in converted and "block_shape=[2, 2]" in converted
    assert before[1:4] == after[1:4]
    assert after[1] == [[4.0 * i + j for j in range(4)] for i in (0, 1, 2, 3, 7, 9)]  # mod sharding read back
    for e1, parts in ((before[0], before[4]), (after[0], after[4])):  # "mod": id i is row i // 3 of shard i % 3
        assert e1 == [parts[i % 3][i // 3] for i in (0, 1, 2, 3, 7, 9)]


def test_contrib_summary_writes_scalars_at_the_global_step(tmp_path):
    """TFU234: converted tf.contrib.summary code runs on TF 2.21 in graph mode and writes each scalar at
    the global step, which is what contrib's step=None meant."""
    source = f'''
    import glob
    import json
    import tensorflow as tf

    step = tf.train.get_or_create_global_step()
    loss = tf.placeholder(tf.float32, [])
    writer = tf.contrib.summary.create_file_writer({str(tmp_path / "logs")!r})
    with writer.as_default(), tf.contrib.summary.always_record_summaries():
        write = tf.contrib.summary.scalar("loss", loss)
    increment = tf.assign_add(step, 1)
    with tf.Session() as sess, writer.as_default():
        sess.run(tf.global_variables_initializer())
        tf.contrib.summary.initialize(session=sess)
        for value in (0.5, 0.25, 0.125):
            sess.run([write], {{loss: value}})
            sess.run(increment)
        sess.run(tf.contrib.summary.flush())
    '''
    source = textwrap.dedent(source)
    converted = upgrade_source(source, filename="prog.py").code
    assert "tf.contrib" not in converted, converted
    reader = '''
    import glob, json, sys
    import tensorflow as tf
    from tensorflow.core.util import event_pb2
    out = []
    for path in glob.glob(sys.argv[1] + "/events*"):
        for record in tf.data.TFRecordDataset(path):
            event = event_pb2.Event.FromString(record.numpy())
            for v in event.summary.value:
                out.append([v.tag, event.step, float(tf.make_ndarray(v.tensor))])
    print(json.dumps(sorted(out, key=lambda r: r[1])))
    '''
    rc, _, err = _run(tmp_path, "converted.py", converted)
    assert rc == 0, converted + "\n" + err[-3000:]
    rc, events, err = _run(tmp_path, "read_events.py", textwrap.dedent(reader), str(tmp_path / "logs"))
    assert rc == 0, err[-3000:]
    assert events == [["loss", 0, 0.5], ["loss", 1, 0.25], ["loss", 2, 0.125]]


def test_model_save_without_extension_is_what_the_warning_says(tmp_path):
    """TFU406: on TF 2.21, Keras 3 refuses model.save("name") and tf_keras writes a SavedModel directory
    there; the suggested name + ".h5" writes an HDF5 file on both, as TF 1.x did."""
    script = '''
    import json, os
    import tensorflow as tf

    model = tf.keras.Sequential([tf.keras.Input((3,)), tf.keras.layers.Dense(1)])
    try:
        model.save("plain")
        plain = "dir" if os.path.isdir("plain") else "file"
    except ValueError:
        plain = "refused"
    model.save("plain.h5")
    print(json.dumps([plain, os.path.isfile("plain.h5")]))
    '''
    warned = upgrade_source(textwrap.dedent(script).replace('model.save("plain.h5")', ""), filename="s.py",
                            keras="tf_keras")
    assert [d.rule for d in warned.diagnostics if d.rule == "TFU406"] == ["TFU406"]
    rc, keras3, err = _run(tmp_path, "keras3.py", textwrap.dedent(script))
    assert rc == 0 and keras3 == ["refused", True], err[-2000:]
    rc, legacy, err = _run(tmp_path, "legacy.py", textwrap.dedent(script), env={"TF_USE_LEGACY_KERAS": "1"})
    assert rc == 0 and legacy == ["dir", True], err[-2000:]


def test_conv2d_backprop_input_and_name_scope_values(tmp_path):
    """TFU235: conv2d_transpose computes what conv2d_backprop_input did; TFU211: name_scope without values=
    names the ops as before."""
    source = '''
    import json
    import numpy as np
    import tensorflow as tf

    rng = np.random.RandomState(1)
    f = tf.constant(rng.rand(3, 3, 2, 4).astype(np.float32))
    g = tf.constant(rng.rand(1, 4, 4, 4).astype(np.float32))
    x = tf.placeholder(tf.float32, [1, 8, 8, 2])
    with tf.name_scope("block", values=[x]):
        y = tf.nn.conv2d_backprop_input([1, 8, 8, 2], f, g, [1, 2, 2, 1], "SAME")
    with tf.Session() as sess:
        value = sess.run(y)
    print(json.dumps([y.op.name, value.round(5).tolist()]))
    '''
    converted, before, after = _both(tmp_path, source)
    assert "tf.nn.conv2d_transpose(" in converted and 'tf.name_scope("block")' in converted
    assert before[1] == after[1]
    # the scope is the same; the op is named after the TF 2 function (block/conv2d_transpose)
    assert before[0].startswith("block/") and after[0].startswith("block/")
