"""Autoencoder (TensorFlow-Examples autoencoder.py) with RMSProp, on synthetic low-rank data."""
import numpy as np
import tf_upgrade.compat_v1 as tf

tf.set_random_seed(0)

rng = np.random.RandomState(9)
data = 1 / (1 + np.exp(-(rng.randn(500, 4) @ rng.randn(4, 32)))).astype(np.float32)

learning_rate = 0.01
num_steps = 300
batch_size = 64
num_hidden_1 = 16
num_hidden_2 = 8
num_input = 32

X = tf.placeholder("float", [None, num_input])
weights = {
    'encoder_h1': tf.Variable(tf.random_normal([num_input, num_hidden_1])),
    'encoder_h2': tf.Variable(tf.random_normal([num_hidden_1, num_hidden_2])),
    'decoder_h1': tf.Variable(tf.random_normal([num_hidden_2, num_hidden_1])),
    'decoder_h2': tf.Variable(tf.random_normal([num_hidden_1, num_input])),
}
biases = {
    'encoder_b1': tf.Variable(tf.random_normal([num_hidden_1])),
    'encoder_b2': tf.Variable(tf.random_normal([num_hidden_2])),
    'decoder_b1': tf.Variable(tf.random_normal([num_hidden_1])),
    'decoder_b2': tf.Variable(tf.random_normal([num_input])),
}


def encoder(x):
    layer_1 = tf.nn.sigmoid(tf.add(tf.matmul(x, weights['encoder_h1']), biases['encoder_b1']))
    layer_2 = tf.nn.sigmoid(tf.add(tf.matmul(layer_1, weights['encoder_h2']), biases['encoder_b2']))
    return layer_2


def decoder(x):
    layer_1 = tf.nn.sigmoid(tf.add(tf.matmul(x, weights['decoder_h1']), biases['decoder_b1']))
    layer_2 = tf.nn.sigmoid(tf.add(tf.matmul(layer_1, weights['decoder_h2']), biases['decoder_b2']))
    return layer_2


encoder_op = encoder(X)
decoder_op = decoder(encoder_op)
y_pred = decoder_op
y_true = X
loss = tf.reduce_mean(tf.pow(y_true - y_pred, 2))
optimizer = tf.train.RMSPropOptimizer(learning_rate).minimize(loss)
init = tf.global_variables_initializer()

with tf.Session() as sess:
    sess.run(init)
    first = sess.run(loss, feed_dict={X: data})
    for i in range(1, num_steps + 1):
        batch_x = data[rng.randint(0, 500, batch_size)]
        _, l = sess.run([optimizer, loss], feed_dict={X: batch_x})
        if i % 100 == 0:
            print('Step %i: Minibatch Loss: %f' % (i, l))
    last = sess.run(loss, feed_dict={X: data})
    print("reconstruction loss", first, "->", last)
    assert last < first * 0.5
    print("RESULT ok")
