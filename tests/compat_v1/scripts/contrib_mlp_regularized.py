"""tf.contrib.layers MLP with xavier init, L2 regularisation and gradient clipping, with a
piecewise-constant learning rate (the TF1 idioms that tf.contrib users relied on)."""
import numpy as np
import tf_upgrade.compat_v1 as tf

tf.set_random_seed(0)

rng = np.random.RandomState(5)
X_np = rng.randn(400, 10).astype(np.float32)
true_w = rng.randn(10, 1).astype(np.float32)
Y_np = np.tanh(X_np @ true_w) + 0.05 * rng.randn(400, 1).astype(np.float32)

x = tf.placeholder(tf.float32, [None, 10])
y = tf.placeholder(tf.float32, [None, 1])
reg = tf.contrib.layers.l2_regularizer(1e-4)
h = tf.contrib.layers.fully_connected(x, 32, weights_initializer=tf.contrib.layers.xavier_initializer(),
                                      weights_regularizer=reg)
out = tf.contrib.layers.fully_connected(h, 1, activation_fn=None, weights_regularizer=reg)
mse = tf.reduce_mean(tf.square(out - y))
loss = mse + tf.add_n(tf.get_collection(tf.GraphKeys.REGULARIZATION_LOSSES))

global_step = tf.Variable(0, trainable=False, name="global_step")
lr = tf.train.piecewise_constant(global_step, [100, 200], [0.1, 0.05, 0.01])
opt = tf.train.GradientDescentOptimizer(lr)
grads, tvars = zip(*opt.compute_gradients(loss))
clipped, gnorm = tf.clip_by_global_norm(grads, 5.0)
train = opt.apply_gradients(zip(clipped, tvars), global_step=global_step)

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    start = sess.run(mse, {x: X_np, y: Y_np})
    for i in range(300):
        idx = rng.randint(0, 400, 50)
        sess.run(train, {x: X_np[idx], y: Y_np[idx]})
    end, step, rate = sess.run([mse, global_step, lr], {x: X_np, y: Y_np})
    print("mse", start, "->", end, "step", step, "lr", rate)
    assert end < start * 0.2 and step == 300 and abs(rate - 0.01) < 1e-9
    print("RESULT ok")
