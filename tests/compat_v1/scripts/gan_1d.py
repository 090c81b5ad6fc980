"""A small GAN (the classic TF1 "GAN in 50 lines" style): generator and discriminator built with
tf.layers inside variable scopes, the discriminator reused via reuse=True, and two optimizers
restricted to each network's variables with var_list=tf.get_collection(..., scope=...)."""
import numpy as np
import tf_upgrade.compat_v1 as tf

tf.set_random_seed(1)
rng = np.random.RandomState(12)
batch = 64


def generator(z):
    with tf.variable_scope("generator"):
        h = tf.layers.dense(z, 16, activation=tf.nn.relu)
        return tf.layers.dense(h, 1)


def discriminator(x, reuse=False):
    with tf.variable_scope("discriminator", reuse=reuse):
        h = tf.layers.dense(x, 16, activation=tf.nn.relu)
        return tf.layers.dense(h, 1)


real = tf.placeholder(tf.float32, [None, 1])
z = tf.placeholder(tf.float32, [None, 4])
fake = generator(z)
d_real = discriminator(real)
d_fake = discriminator(fake, reuse=True)
d_loss = tf.reduce_mean(tf.nn.sigmoid_cross_entropy_with_logits(logits=d_real, labels=tf.ones_like(d_real))) + \
    tf.reduce_mean(tf.nn.sigmoid_cross_entropy_with_logits(logits=d_fake, labels=tf.zeros_like(d_fake)))
g_loss = tf.reduce_mean(tf.nn.sigmoid_cross_entropy_with_logits(logits=d_fake, labels=tf.ones_like(d_fake)))
d_vars = tf.get_collection(tf.GraphKeys.TRAINABLE_VARIABLES, scope="discriminator")
g_vars = tf.get_collection(tf.GraphKeys.TRAINABLE_VARIABLES, scope="generator")
assert [v.name for v in d_vars] == ["discriminator/dense/kernel:0", "discriminator/dense/bias:0",
                                    "discriminator/dense_1/kernel:0", "discriminator/dense_1/bias:0"]
d_train = tf.train.AdamOptimizer(0.01, beta1=0.5).minimize(d_loss, var_list=d_vars)
g_train = tf.train.AdamOptimizer(0.01, beta1=0.5).minimize(g_loss, var_list=g_vars)

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for step in range(600):
        r = rng.normal(3.0, 0.5, (batch, 1))
        noise = rng.uniform(-1, 1, (batch, 4))
        sess.run(d_train, {real: r, z: noise})
        sess.run(g_train, {z: noise})
    samples = sess.run(fake, {z: rng.uniform(-1, 1, (1000, 4))})
print("generated mean %.3f std %.3f (target 3.0, 0.5)" % (samples.mean(), samples.std()))
assert abs(samples.mean() - 3.0) < 0.5
print("RESULT ok")
