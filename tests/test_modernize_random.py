"""Random draws under modernize (TFU512, modernize/randomness.py): what the lift keeps is shown to draw
the same numbers as the original by running both (TensorFlow), what it reports is shown to differ."""
from pathlib import Path

import pytest

from tf_env import tf_python
from tf_upgrade.modernize import modernize_text
from tf_upgrade.modernize.verify import verify_source

pytestmark = pytest.mark.tf
FIXTURES = Path(__file__).resolve().parent / "fixtures"

# every seeded draw here is one the lift keeps: a seeded tf.layers.dropout (as the tf.nn.dropout op,
# in training mode only where the run feeds training=True), a seeded op that one function runs, and
# eager initial values whose op seeds are their own (non-trainable: verify does not hand them over)
KEPT = '''
import numpy as np
import tensorflow as tf

features = np.linspace(-1.0, 1.0, 32, dtype=np.float32).reshape(8, 4)
targets = features.sum(axis=1, keepdims=True)

x = tf.placeholder(tf.float32, [None, 4])
y = tf.placeholder(tf.float32, [None, 1])
training = tf.placeholder(tf.bool, [])
shift = tf.Variable(tf.truncated_normal([4], seed=5), trainable=False)
scale = tf.Variable(tf.random_uniform([4], 0.5, 1.5, seed=6), trainable=False)
hidden = tf.layers.dense(x * scale + shift, 16, activation=tf.nn.relu, name="hidden")
dropped = tf.layers.dropout(hidden, rate=0.5, seed=1, training=training)
noisy = tf.nn.dropout(dropped, keep_prob=0.8, seed=2)
order = tf.random_shuffle(tf.range(8), seed=3)
prediction = tf.layers.dense(tf.gather(noisy, order), 1, name="prediction")
loss = tf.reduce_mean(tf.square(prediction - tf.gather(y, order)))
train_op = tf.train.GradientDescentOptimizer(0.05).minimize(loss)

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    print(sess.run([shift, scale]))
    for step in range(4):
        _, value = sess.run([train_op, loss], feed_dict={x: features, y: targets, training: True})
        print(step, value)
    print(sess.run(hidden, feed_dict={x: features, training: False}))
'''


def test_seeded_draws_the_lift_keeps_are_the_originals():
    result = modernize_text(KEPT, "kept.py")
    assert [d.rule for d in result.diagnostics if d.rule.startswith("TFU5")] == ["TFU500"], result.diagnostics
    assert "tf.nn.dropout(hidden, rate=0.5, seed=1)" in result.code and "Dropout(" not in result.code
    lifted = modernize_text(KEPT, "kept.py", instrument=True).code
    verdict = verify_source(KEPT, lifted, "kept.py", tf_python())
    assert verdict.status == "agree", verdict.line()
    assert verdict.runs == 6


def test_draws_the_lift_reports_do_differ():
    # op_seeds: two eager initial values sharing a seed, a seeded op two functions run (and a seeded
    # initializer that becomes Keras', which verify cannot see: it hands the trained weights over)
    text = (FIXTURES / "TFU512" / "op_seeds.py").read_text()
    assert sum(d.rule == "TFU512" for d in modernize_text(text, "op_seeds.py").diagnostics) == 4
    verdict = verify_source(text, modernize_text(text, "op_seeds.py", instrument=True).code, "op_seeds.py",
                            tf_python())
    assert verdict.status == "differ", verdict.line()
