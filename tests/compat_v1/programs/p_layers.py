"""tf.layers CNN: conv2d, batch_normalization (training placeholder, UPDATE_OPS), pooling,
conv2d_transpose, flatten, dropout, dense; names and a few SGD steps."""
import numpy as np

from ._util import det, load_deterministic, tolist


def run(tf, workdir):
    tf.reset_default_graph()
    x = tf.placeholder(tf.float32, [None, 8, 8, 2], name="x")
    labels = tf.placeholder(tf.int64, [None], name="labels")
    training = tf.placeholder_with_default(False, [], name="training")
    h = tf.layers.conv2d(x, 4, 3, padding="same", activation=tf.nn.relu)
    h = tf.layers.batch_normalization(h, training=training, momentum=0.9)
    h = tf.layers.max_pooling2d(h, 2, 2)
    h2 = tf.layers.conv2d(h, 3, (2, 2), strides=(2, 2), padding="valid", name="conv_b")
    up = tf.layers.conv2d_transpose(h2, 2, 3, strides=2, padding="same")
    h3 = tf.layers.average_pooling2d(h, 2, 1, padding="same")
    f = tf.layers.flatten(h3)
    f = tf.layers.dropout(f, rate=0.5, training=False)
    hidden = tf.layers.dense(f, 5, activation=tf.nn.tanh)
    logits = tf.layers.dense(hidden, 3)
    xent = tf.nn.sparse_softmax_cross_entropy_with_logits(labels=labels, logits=logits)
    loss = tf.reduce_mean(xent) + 0.01 * tf.reduce_mean(tf.square(up))
    update_ops = tf.get_collection(tf.GraphKeys.UPDATE_OPS)
    with tf.control_dependencies(update_ops):
        train = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
    X = det([4, 8, 8, 2], 1, 1.0)
    Y = np.array([0, 1, 2, 1], np.int64)
    out = {"variables": [v.name for v in tf.global_variables()],
           "trainable": [v.name for v in tf.trainable_variables()],
           "update_ops": len(update_ops),
           "shapes": [t.get_shape().as_list() for t in (h, h2, up, h3, f, logits)]}
    g = tf.get_default_graph()
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        load_deterministic(tf, sess)
        out["initial_logits"] = sess.run(logits, {x: X})
        out["by_name"] = sess.run(g.get_tensor_by_name("dense_1/BiasAdd:0"), {x: X})
        losses = []
        for _ in range(4):
            l, _ = sess.run([loss, train], {x: X, labels: Y, training: True})
            losses.append(l)
        out["losses"] = losses
        out["eval_loss"] = sess.run(loss, {x: X, labels: Y})
        out["values"] = {v.name: sess.run(v) for v in tf.global_variables()}
    return tolist(out)
