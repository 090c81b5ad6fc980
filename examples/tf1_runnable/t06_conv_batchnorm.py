"""tf.layers conv/pool/batch-norm/dropout with a training placeholder and UPDATE_OPS."""
import numpy as np
import tensorflow as tf

x = tf.placeholder(tf.float32, [None, 12, 12, 1])
y = tf.placeholder(tf.int32, [None])
training = tf.placeholder_with_default(False, [])

net = tf.layers.conv2d(x, 4, 3, padding="same", activation=tf.nn.relu)
net = tf.layers.batch_normalization(net, training=training)
net = tf.layers.max_pooling2d(net, 2, 2)
net = tf.layers.flatten(net)
net = tf.layers.dropout(net, rate=0.2, training=training)
logits = tf.layers.dense(net, 3)
loss = tf.losses.sparse_softmax_cross_entropy(y, logits)
update_ops = tf.get_collection(tf.GraphKeys.UPDATE_OPS)
with tf.control_dependencies(update_ops):
    train = tf.train.MomentumOptimizer(0.05, 0.9).minimize(loss)

rng = np.random.RandomState(4)
xs = rng.rand(24, 12, 12, 1).astype(np.float32)
ys = rng.randint(0, 3, 24)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for _ in range(20):
        sess.run(train, {x: xs, y: ys, training: True})
    out = sess.run(logits, {x: xs})
assert len(update_ops) == 2 and out.shape == (24, 3)
print("t06 ok", out.shape)
