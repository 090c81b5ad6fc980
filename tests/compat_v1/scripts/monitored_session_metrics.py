"""Training with tf.train.MonitoredTrainingSession and hooks, evaluating with tf.metrics, and image
summaries for TensorBoard (the TF 1.x "low level APIs" style of the later tutorials)."""
import os

import numpy as np
import tf_upgrade.compat_v1 as tf

tf.set_random_seed(0)

rng = np.random.RandomState(8)
images = rng.rand(200, 8, 8, 1).astype(np.float32)
labels = (images[:, :4].mean(axis=(1, 2, 3)) > images[:, 4:].mean(axis=(1, 2, 3))).astype(np.int64)

x = tf.placeholder(tf.float32, [None, 8, 8, 1])
y = tf.placeholder(tf.int64, [None])
net = tf.layers.conv2d(x, 4, 3, activation=tf.nn.relu, padding="same")
net = tf.layers.flatten(net)
logits = tf.layers.dense(net, 2)
loss = tf.losses.sparse_softmax_cross_entropy(y, logits)
global_step = tf.train.get_or_create_global_step()
train_op = tf.train.AdamOptimizer(0.01).minimize(loss, global_step=global_step)
tf.summary.scalar("loss", loss)
tf.summary.image("inputs", x, max_outputs=2)

hooks = [tf.train.StopAtStepHook(last_step=120),
         tf.train.NanTensorHook(loss),
         tf.train.LoggingTensorHook({"loss": loss, "step": global_step}, every_n_iter=40)]
with tf.train.MonitoredTrainingSession(checkpoint_dir="train_dir", hooks=hooks, save_checkpoint_steps=50,
                                       save_summaries_steps=20) as mon_sess:
    while not mon_sess.should_stop():
        idx = rng.randint(0, 150, 32)
        mon_sess.run(train_op, feed_dict={x: images[idx], y: labels[idx]})

tf.reset_default_graph()
x = tf.placeholder(tf.float32, [None, 8, 8, 1])
y = tf.placeholder(tf.int64, [None])
net = tf.layers.flatten(tf.layers.conv2d(x, 4, 3, activation=tf.nn.relu, padding="same"))
predictions = tf.argmax(tf.layers.dense(net, 2), 1)
acc, acc_update = tf.metrics.accuracy(labels=y, predictions=predictions)
saver = tf.train.Saver(tf.trainable_variables())
with tf.Session() as sess:
    sess.run(tf.local_variables_initializer())
    saver.restore(sess, tf.train.latest_checkpoint("train_dir"))
    for start in range(150, 200, 10):
        sess.run(acc_update, {x: images[start:start + 10], y: labels[start:start + 10]})
    final = sess.run(acc)
print("streaming accuracy", final, "checkpoints", sorted(f for f in os.listdir("train_dir") if f.endswith(".index")))
assert final > 0.8 and os.path.exists("train_dir/model.ckpt-120.index")
print("RESULT ok")
