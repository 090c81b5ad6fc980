"""A CNN built by helper functions (conv_block, model) called from main(argv), absl flags,
tf.app.run(main=main): the helpers create layers, so the lifter copies them into main."""
from absl import flags
import numpy as np
import tensorflow as tf

flags.DEFINE_float("learning_rate", 0.05, "Momentum SGD step size.")
flags.DEFINE_integer("steps", 4, "Training steps.")
FLAGS = flags.FLAGS


def conv_block(inputs, filters, name):
    """3x3 convolution + ReLU + 2x2 max pooling under a variable scope."""
    with tf.variable_scope(name):
        net = tf.layers.conv2d(inputs, filters, 3, padding="same", activation=tf.nn.relu)
        net = tf.layers.max_pooling2d(net, 2, 2)
    return net


def model(images, num_classes=10):
    net = conv_block(images, 8, "conv1")
    net = conv_block(net, 16, "conv2")
    net = tf.layers.flatten(net)
    net = tf.layers.dense(net, 32, activation=tf.nn.relu)
    return tf.layers.dense(net, num_classes)


def loss_fn(logits, labels):
    return tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=labels, logits=logits))


def main(argv):
    del argv  # unused
    rng = np.random.RandomState(11)
    data = rng.rand(64, 12, 12, 1).astype(np.float32)
    targets = rng.randint(0, 10, size=64).astype(np.int64)

    images = tf.placeholder(tf.float32, [None, 12, 12, 1])
    labels = tf.placeholder(tf.int64, [None])
    logits = model(images)
    loss = loss_fn(logits, labels)
    optimizer = tf.train.MomentumOptimizer(FLAGS.learning_rate, momentum=0.9)
    train_op = optimizer.minimize(loss)
    predictions = tf.argmax(logits, axis=1)

    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for step in range(FLAGS.steps):
            batch = slice(16 * (step % 4), 16 * (step % 4 + 1))
            _, value = sess.run([train_op, loss], feed_dict={images: data[batch], labels: targets[batch]})
            print("step", step, "loss", value)
        print("predictions", sess.run(predictions, feed_dict={images: data[:8]}))


if __name__ == "__main__":
    tf.app.run(main=main)
