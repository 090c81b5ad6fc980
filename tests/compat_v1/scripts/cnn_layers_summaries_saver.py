"""A tf.layers CNN with a training placeholder, TensorBoard summaries and a Saver (the
"layers" tutorial model, trained with a Session loop instead of an Estimator)."""
import os

import numpy as np
import tf_upgrade.compat_v1 as tf

rng = np.random.RandomState(1)
n = 256
labels_np = rng.randint(0, 2, n)
images_np = rng.rand(n, 12, 12, 1).astype(np.float32) * 0.2
images_np[labels_np == 1, 3:9, 5:7, 0] += 1.0   # class 1: a vertical bar
images_np[labels_np == 0, 5:7, 3:9, 0] += 1.0   # class 0: a horizontal bar

tf.set_random_seed(42)
x = tf.placeholder(tf.float32, [None, 12, 12, 1], name="x")
y = tf.placeholder(tf.int64, [None], name="y")
is_training = tf.placeholder(tf.bool, name="is_training")

conv1 = tf.layers.conv2d(inputs=x, filters=8, kernel_size=[3, 3], padding="same", activation=tf.nn.relu)
pool1 = tf.layers.max_pooling2d(inputs=conv1, pool_size=[2, 2], strides=2)
conv2 = tf.layers.conv2d(inputs=pool1, filters=8, kernel_size=[3, 3], padding="same", activation=tf.nn.relu)
pool2 = tf.layers.max_pooling2d(inputs=conv2, pool_size=[2, 2], strides=2)
pool2_flat = tf.reshape(pool2, [-1, 3 * 3 * 8])
dense = tf.layers.dense(inputs=pool2_flat, units=32, activation=tf.nn.relu)
dropout = tf.layers.dropout(inputs=dense, rate=0.3, training=is_training)
logits = tf.layers.dense(inputs=dropout, units=2)

with tf.name_scope("loss"):
    loss = tf.losses.sparse_softmax_cross_entropy(labels=y, logits=logits)
with tf.name_scope("accuracy"):
    accuracy = tf.reduce_mean(tf.cast(tf.equal(tf.argmax(logits, 1), y), tf.float32))
global_step = tf.train.get_or_create_global_step()
train_op = tf.train.AdamOptimizer(1e-2).minimize(loss, global_step=global_step)

tf.summary.scalar("loss", loss)
tf.summary.scalar("accuracy", accuracy)
tf.summary.histogram("logits", logits)
merged = tf.summary.merge_all()
saver = tf.train.Saver(max_to_keep=3)

with tf.Session() as sess:
    writer = tf.summary.FileWriter("logs/train", sess.graph)
    sess.run(tf.global_variables_initializer())
    for step in range(40):
        idx = rng.randint(0, 200, 32)
        summary, _ = sess.run([merged, train_op], {x: images_np[idx], y: labels_np[idx], is_training: True})
        writer.add_summary(summary, step)
        if step % 10 == 9:
            saver.save(sess, "checkpoints/cnn.ckpt", global_step=global_step)
    writer.close()
    acc = sess.run(accuracy, {x: images_np[200:], y: labels_np[200:], is_training: False})
    print("held-out accuracy", acc)

tf.reset_default_graph()
with tf.Session() as sess:
    # restore into a freshly built graph
    x = tf.placeholder(tf.float32, [None, 12, 12, 1], name="x")
    conv1 = tf.layers.conv2d(inputs=x, filters=8, kernel_size=[3, 3], padding="same", activation=tf.nn.relu)
    pool1 = tf.layers.max_pooling2d(inputs=conv1, pool_size=[2, 2], strides=2)
    conv2 = tf.layers.conv2d(inputs=pool1, filters=8, kernel_size=[3, 3], padding="same", activation=tf.nn.relu)
    pool2 = tf.layers.max_pooling2d(inputs=conv2, pool_size=[2, 2], strides=2)
    dense = tf.layers.dense(inputs=tf.reshape(pool2, [-1, 72]), units=32, activation=tf.nn.relu)
    logits = tf.layers.dense(inputs=dense, units=2)
    tf.train.Saver(tf.trainable_variables()).restore(sess, tf.train.latest_checkpoint("checkpoints"))
    pred = sess.run(tf.argmax(logits, 1), {x: images_np[200:]})
    restored_acc = float(np.mean(pred == labels_np[200:]))
    print("restored accuracy", restored_acc)

events = [f for f in os.listdir("logs/train") if f.startswith("events.out.tfevents")]
print("event files", events)
assert acc > 0.85 and abs(restored_acc - acc) < 1e-6 and events
print("RESULT ok")
