"""A two-layer MLP on synthetic MNIST-like data with tf.layers.dense and momentum SGD."""
import numpy as np
import tensorflow as tf

rng = np.random.RandomState(3)
images = rng.rand(256, 784).astype(np.float32)
digits = rng.randint(0, 10, size=256)
onehot = np.eye(10, dtype=np.float32)[digits]
batch_size = 64

x = tf.placeholder(tf.float32, [None, 784], name="images")
y = tf.placeholder(tf.float32, [None, 10], name="labels")
hidden = tf.layers.dense(x, 64, activation=tf.nn.relu, name="hidden")
logits = tf.layers.dense(hidden, 10, name="logits")
loss = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits_v2(labels=y, logits=logits))
train_op = tf.train.MomentumOptimizer(learning_rate=0.05, momentum=0.9).minimize(loss)
accuracy = tf.reduce_mean(tf.cast(tf.equal(tf.argmax(logits, 1), tf.argmax(y, 1)), tf.float32))

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for epoch in range(3):
        for i in range(0, 256, batch_size):
            _, batch_loss = sess.run([train_op, loss], feed_dict={x: images[i:i + batch_size],
                                                                  y: onehot[i:i + batch_size]})
        print("epoch", epoch, "loss", batch_loss)
    print("train accuracy", sess.run(accuracy, feed_dict={x: images, y: onehot}))
