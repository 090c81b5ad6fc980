"""The "Deep MNIST for experts" network (tf.nn.conv2d / max_pool, truncated-normal weights,
dropout with a keep_prob placeholder) on synthetic 16x16 digits."""
import numpy as np
import tf_upgrade.compat_v1 as tf

tf.set_random_seed(0)

rng = np.random.RandomState(7)
n = 300
labels = rng.randint(0, 3, n)
images = rng.rand(n, 256).astype(np.float32) * 0.3
for i, l in enumerate(labels):
    img = images[i].reshape(16, 16)
    if l == 0:
        img[4:12, 7:9] += 1.0
    elif l == 1:
        img[7:9, 4:12] += 1.0
    else:
        img[4:12, 4:12] += np.eye(8, dtype=np.float32)
onehot = np.eye(3, dtype=np.float32)[labels]


def weight_variable(shape):
    initial = tf.truncated_normal(shape, stddev=0.1)
    return tf.Variable(initial)


def bias_variable(shape):
    initial = tf.constant(0.1, shape=shape)
    return tf.Variable(initial)


def conv2d(x, W):
    return tf.nn.conv2d(x, W, strides=[1, 1, 1, 1], padding='SAME')


def max_pool_2x2(x):
    return tf.nn.max_pool(x, ksize=[1, 2, 2, 1], strides=[1, 2, 2, 1], padding='SAME')


x = tf.placeholder(tf.float32, shape=[None, 256])
y_ = tf.placeholder(tf.float32, shape=[None, 3])
x_image = tf.reshape(x, [-1, 16, 16, 1])

W_conv1 = weight_variable([5, 5, 1, 8])
b_conv1 = bias_variable([8])
h_conv1 = tf.nn.relu(conv2d(x_image, W_conv1) + b_conv1)
h_pool1 = max_pool_2x2(h_conv1)

W_conv2 = weight_variable([5, 5, 8, 16])
b_conv2 = bias_variable([16])
h_conv2 = tf.nn.relu(conv2d(h_pool1, W_conv2) + b_conv2)
h_pool2 = max_pool_2x2(h_conv2)

W_fc1 = weight_variable([4 * 4 * 16, 64])
b_fc1 = bias_variable([64])
h_pool2_flat = tf.reshape(h_pool2, [-1, 4 * 4 * 16])
h_fc1 = tf.nn.relu(tf.matmul(h_pool2_flat, W_fc1) + b_fc1)

keep_prob = tf.placeholder(tf.float32)
h_fc1_drop = tf.nn.dropout(h_fc1, keep_prob)

W_fc2 = weight_variable([64, 3])
b_fc2 = bias_variable([3])
y_conv = tf.matmul(h_fc1_drop, W_fc2) + b_fc2

cross_entropy = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits(labels=y_, logits=y_conv))
train_step = tf.train.AdamOptimizer(1e-3).minimize(cross_entropy)
correct_prediction = tf.equal(tf.argmax(y_conv, 1), tf.argmax(y_, 1))
accuracy = tf.reduce_mean(tf.cast(correct_prediction, tf.float32))

with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for i in range(40):
        idx = rng.randint(0, 250, 25)
        if i % 20 == 0:
            train_accuracy = accuracy.eval(feed_dict={x: images[idx], y_: onehot[idx], keep_prob: 1.0})
            print('step %d, training accuracy %g' % (i, train_accuracy))
        train_step.run(feed_dict={x: images[idx], y_: onehot[idx], keep_prob: 0.5})
    acc = accuracy.eval(feed_dict={x: images[250:], y_: onehot[250:], keep_prob: 1.0})
    print('test accuracy %g' % acc)
    assert acc > 0.9
    print("RESULT ok")
