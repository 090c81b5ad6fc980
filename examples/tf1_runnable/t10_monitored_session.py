"""MonitoredTrainingSession with checkpoints, a StopAtStepHook and summaries."""
import tempfile

import numpy as np
import tensorflow as tf

tf.logging.set_verbosity(tf.logging.WARN)
checkpoint_dir = tempfile.mkdtemp()
x = tf.placeholder(tf.float32, [None, 3])
w = tf.get_variable("w", [3, 1], initializer=tf.zeros_initializer())
loss = tf.reduce_mean(tf.square(tf.matmul(x, w) - 1.0))
tf.summary.scalar("loss", loss)
global_step = tf.train.get_or_create_global_step()
train = tf.train.AdagradOptimizer(0.5).minimize(loss, global_step=global_step)

hooks = [tf.train.StopAtStepHook(last_step=30)]
data = np.random.RandomState(6).rand(8, 3).astype(np.float32)
steps = 0
with tf.train.MonitoredTrainingSession(checkpoint_dir=checkpoint_dir, hooks=hooks,
                                       save_summaries_steps=10) as sess:
    while not sess.should_stop():
        sess.run(train, {x: data})
        steps += 1
assert steps == 30, steps
assert tf.train.latest_checkpoint(checkpoint_dir) is not None
print("t10 ok", steps)
