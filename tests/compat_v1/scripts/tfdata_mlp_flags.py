"""An MLP fed by tf.data with an initializable iterator, configured with tf.app.flags and run via
tf.app.run (the usual TF1 script skeleton), logging with tf.logging."""
import numpy as np
import tf_upgrade.compat_v1 as tf

flags = tf.app.flags
flags.DEFINE_integer("epochs", 5, "Number of epochs.")
flags.DEFINE_float("learning_rate", 0.1, "Learning rate.")
flags.DEFINE_integer("batch_size", 32, "Batch size.")
flags.DEFINE_string("model_dir", "model", "Where to save.")
FLAGS = flags.FLAGS


def main(_):
    tf.logging.set_verbosity(tf.logging.INFO)
    tf.set_random_seed(0)
    rng = np.random.RandomState(4)
    feats = rng.randn(512, 2).astype(np.float32)
    labels = ((feats[:, 0] * feats[:, 1]) > 0).astype(np.int64)   # XOR-like quadrants

    features_ph = tf.placeholder(tf.float32, [None, 2])
    labels_ph = tf.placeholder(tf.int64, [None])
    dataset = tf.data.Dataset.from_tensor_slices((features_ph, labels_ph))
    dataset = dataset.shuffle(512, seed=1).batch(FLAGS.batch_size)
    iterator = dataset.make_initializable_iterator()
    x, y = iterator.get_next()

    hidden = tf.layers.dense(x, 16, activation=tf.nn.relu)
    hidden = tf.layers.dense(hidden, 16, activation=tf.nn.relu)
    logits = tf.layers.dense(hidden, 2)
    loss = tf.losses.sparse_softmax_cross_entropy(y, logits)
    train_op = tf.train.MomentumOptimizer(FLAGS.learning_rate, 0.9).minimize(loss)
    acc = tf.reduce_mean(tf.cast(tf.equal(tf.argmax(logits, 1), y), tf.float32))

    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for epoch in range(FLAGS.epochs):
            sess.run(iterator.initializer, {features_ph: feats[:400], labels_ph: labels[:400]})
            while True:
                try:
                    sess.run(train_op)
                except tf.errors.OutOfRangeError:
                    break
            tf.logging.info("epoch %d done", epoch)
        sess.run(iterator.initializer, {features_ph: feats[400:], labels_ph: labels[400:]})
        a = sess.run(acc)
        print("epochs", FLAGS.epochs, "held-out batch accuracy", a)
        assert a > 0.8
        print("RESULT ok")


if __name__ == "__main__":
    tf.app.run()
