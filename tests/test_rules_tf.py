"""The equivalences the argument/value rules rely on, checked against a real TensorFlow.

Skipped without TensorFlow (set TF_UPGRADE_TF_PYTHON to a Python that has it, or
install it in this one).  Each check runs the TF 1.x call (via tf.compat.v1) and
the converted TF 2 call and compares the results.
"""
import subprocess
import textwrap

import pytest

from tf_env import tf_python

CHECKS = r'''
import numpy as np
import tensorflow as tf

v1 = tf.compat.v1
x = tf.constant(np.random.RandomState(0).rand(1, 5, 7, 2).astype(np.float32))
for name, method in [("resize_bilinear", "bilinear"), ("resize_nearest_neighbor", "nearest"),
                     ("resize_bicubic", "bicubic")]:  # TFU203: equal to the v1 op with half-pixel centres
    assert np.allclose(getattr(v1.image, name)(x, [11, 9], half_pixel_centers=True),
                       tf.image.resize(x, [11, 9], method=method), atol=1e-5), name
assert np.allclose(v1.image.resize_area(x, [3, 4]), tf.image.resize(x, [3, 4], method="area"), atol=1e-5)

params = tf.reshape(tf.range(24), [2, 3, 4])  # TFU208
indices = tf.constant([[[1], [0], [3]], [[2], [2], [0]]])
assert bool(tf.reduce_all(v1.batch_gather(params, indices) == tf.gather(params, indices, batch_dims=-1)))

words = tf.constant(["ab c", "", "d"])  # TFU217
a, b = v1.string_split(words, sep=""), tf.strings.bytes_split(words).to_sparse()
assert a.indices.numpy().tolist() == b.indices.numpy().tolist() and a.values.numpy().tolist() == b.values.numpy().tolist()
a, b = v1.strings.split(words, sep=" "), tf.strings.split(words, sep=" ").to_sparse()  # TFU207
assert a.indices.numpy().tolist() == b.indices.numpy().tolist() and a.values.numpy().tolist() == b.values.numpy().tolist()

w = tf.random.normal([3, 3])  # TFU210: contrib l2 = scale * l2_loss = scale / 2 * sum(w**2)
assert np.isclose(tf.keras.regularizers.l2(0.5 * 0.1)(w), 0.1 * tf.nn.l2_loss(w))
assert np.isclose(tf.keras.regularizers.l1(0.1)(w), 0.1 * tf.reduce_sum(tf.abs(w)))

labels = tf.constant([[0.2, 0.8]])  # TFU205: no gradient into labels, like TF 1.x
logits = tf.Variable([[1.0, 2.0]])
with tf.GradientTape(persistent=True) as tape:
    tape.watch(labels)
    loss = tf.nn.softmax_cross_entropy_with_logits(labels=tf.stop_gradient(labels), logits=logits)
assert tape.gradient(loss, labels) is None
assert np.allclose(loss, v1.nn.softmax_cross_entropy_with_logits(labels=labels, logits=logits))

big = [100000]  # TFU209: the TF 1.x defaults written out
assert abs(float(tf.math.reduce_std(tf.random_normal_initializer(stddev=1.0)(big))) - 1.0) < 0.02
u = tf.random_uniform_initializer(minval=0.0, maxval=1.0)(big)
assert 0.0 <= float(tf.reduce_min(u)) and float(tf.reduce_max(u)) <= 1.0 and float(tf.reduce_max(u)) > 0.9

logits = tf.math.log([[0.3, 0.7]])  # TFU204: same sampler, same arguments
assert tf.random.categorical(logits, 5, seed=1, dtype=tf.int32).dtype == tf.int32
print("ok")
'''


@pytest.mark.tf
def test_rule_equivalences_hold_in_tensorflow(tmp_path):
    script = tmp_path / "checks.py"
    script.write_text(textwrap.dedent(CHECKS))
    proc = subprocess.run([tf_python(), str(script)], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0 and proc.stdout.strip().endswith("ok"), proc.stderr[-3000:]


GLOBAL_STEP_PROGRAM = '''
import tensorflow as tf

global_step = tf.Variable(0, name='global_step', trainable=False)
w = tf.Variable(1.0)
train = tf.train.GradientDescentOptimizer(0.1).minimize(tf.square(w), global_step=tf.train.get_global_step())
hooks = [tf.train.StopAtStepHook(last_step=3)]
with tf.train.MonitoredTrainingSession(checkpoint_dir=CKPT, hooks=hooks) as sess:
    while not sess.should_stop():
        sess.run(train)
print("steps", tf.train.load_variable(CKPT, "global_step"))
'''


@pytest.mark.tf
def test_converted_global_step_variable_is_found_by_tf2(tmp_path):
    """TFU264: TF 2's get_global_step() and MonitoredTrainingSession find the converted step counter."""
    from tf_upgrade import upgrade_source

    result = upgrade_source(GLOBAL_STEP_PROGRAM.replace("CKPT", repr(str(tmp_path / "ckpt"))), filename="train.py")
    assert "GraphKeys.GLOBAL_STEP" in result.code
    script = tmp_path / "train.py"
    script.write_text(result.code)
    proc = subprocess.run([tf_python(), str(script)], capture_output=True, text=True, timeout=300,
                          env={**__import__("os").environ, "TF_CPP_MIN_LOG_LEVEL": "3"})
    assert proc.returncode == 0 and proc.stdout.strip().endswith("steps 3"), proc.stderr[-3000:]


ITERATOR_PROGRAM = '''
import tensorflow as tf

train = tf.data.Dataset.range(6).batch(2)
valid = tf.data.Dataset.range(100, 104).batch(2)
iterator = tf.data.Iterator.from_structure(train.output_types, train.output_shapes)
train_init, valid_init = iterator.make_initializer(train), iterator.make_initializer(valid)
handle = tf.placeholder(tf.string, shape=[])
feedable = tf.data.Iterator.from_string_handle(handle, train.output_types, train.output_shapes)
one_shot = valid.make_one_shot_iterator()
with tf.Session() as sess:
    sess.run(valid_init)
    first = sess.run(iterator.get_next()).tolist()
    sess.run(train_init)
    second = sess.run(iterator.get_next()).tolist()
    fed = sess.run(feedable.get_next(), {handle: sess.run(one_shot.string_handle())}).tolist()
print("batches", first, second, fed)
'''


@pytest.mark.tf
def test_converted_reinitializable_iterator_runs_on_tf2(tmp_path):
    """TFU265 (and TFU212): the TF 1.x reinitializable/feedable iterator idiom runs converted on TF 2."""
    from tf_upgrade import upgrade_source

    result = upgrade_source(ITERATOR_PROGRAM, filename="iterators.py")
    assert "get_output_types" in result.code and "compat.v1.data.Iterator.from_structure" in result.code
    script = tmp_path / "iterators.py"
    script.write_text(result.code)
    proc = subprocess.run([tf_python(), str(script)], capture_output=True, text=True, timeout=300,
                          env={**__import__("os").environ, "TF_CPP_MIN_LOG_LEVEL": "3"})
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert proc.stdout.strip().endswith("batches [100, 101] [0, 1] [100, 101]"), proc.stdout
