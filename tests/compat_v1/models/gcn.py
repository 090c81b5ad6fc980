"""A two-layer graph convolutional network in the style of Kipf & Welling's TF 1.x code: sparse
placeholders fed (indices, values, shape) tuples, sparse dropout on the features (sparse_retain), sparse x
dense matmuls with a Chebyshev-style pair of supports, masked softmax cross-entropy, weight decay, Adam.
Random draws come from numpy and are fed, so TF and the runtime see the same numbers.

    python -m tf_upgrade.compat_v1 gcn.py OUT_DIR      (writes OUT_DIR/results.json)
"""
import json
import os
import sys

import numpy as np
import tensorflow as tf

NODES, FEATURES, HIDDEN, CLASSES = 60, 30, 8, 4
rng = np.random.RandomState(7)


def sparse_to_tuple(dense):
    rows, cols = np.nonzero(dense)
    return np.stack([rows, cols], 1).astype(np.int64), dense[rows, cols].astype(np.float32), np.array(dense.shape)


def preprocess_features(dense):
    return sparse_to_tuple(dense / np.maximum(dense.sum(1, keepdims=True), 1e-9))


def normalize_adj(adj):
    adj = adj + np.eye(len(adj))
    d = 1.0 / np.sqrt(adj.sum(1))
    return adj * d[:, None] * d[None, :]


features_dense = (rng.rand(NODES, FEATURES) < 0.15) * rng.rand(NODES, FEATURES)
adj = np.triu(rng.rand(NODES, NODES) < 0.08, 1)
adj = (adj + adj.T).astype(np.float64)
features = preprocess_features(features_dense)
supports = [sparse_to_tuple(np.eye(NODES)), sparse_to_tuple(normalize_adj(adj))]
labels = np.eye(CLASSES, dtype=np.float32)[rng.randint(0, CLASSES, NODES)]
train_mask = np.zeros(NODES, bool)
train_mask[:24] = True
val_mask = np.zeros(NODES, bool)
val_mask[24:40] = True


def glorot(shape, name):
    r = np.sqrt(6.0 / (shape[0] + shape[1]))
    return tf.Variable(rng.uniform(-r, r, shape).astype(np.float32), name=name)


placeholders = {
    "support": [tf.sparse_placeholder(tf.float32) for _ in supports],
    "features": tf.sparse_placeholder(tf.float32, shape=tf.constant(features[2], dtype=tf.int64)),
    "labels": tf.placeholder(tf.float32, shape=(None, CLASSES)),
    "labels_mask": tf.placeholder(tf.int32),
    "dropout": tf.placeholder_with_default(0.0, shape=()),
    "num_features_nonzero": tf.placeholder(tf.int32),
    "feature_noise": tf.placeholder(tf.float32, [None]),
    "hidden_noise": tf.placeholder(tf.float32, [None, HIDDEN]),
}


def sparse_dropout(x, keep_prob, noise):
    dropout_mask = tf.cast(tf.floor(keep_prob + noise), dtype=tf.bool)
    pre_out = tf.sparse_retain(x, dropout_mask)
    return pre_out * (1.0 / keep_prob)


def dot(x, y, sparse=False):
    return tf.sparse_tensor_dense_matmul(x, y) if sparse else tf.matmul(x, y)


class GraphConvolution:
    def __init__(self, input_dim, output_dim, name, sparse_inputs, act):
        self.sparse_inputs, self.act = sparse_inputs, act
        with tf.variable_scope(name + "_vars"):
            self.vars = {"weights_%d" % i: glorot([input_dim, output_dim], "weights_%d" % i)
                         for i in range(len(supports))}
            self.vars["bias"] = tf.Variable(tf.zeros([output_dim]), name="bias")

    def __call__(self, x):
        keep = 1 - placeholders["dropout"]
        if self.sparse_inputs:
            x = sparse_dropout(x, keep, placeholders["feature_noise"])
        else:
            mask = tf.cast(tf.floor(keep + placeholders["hidden_noise"]), tf.float32)
            x = x * mask / keep
        outs = []
        for i, support in enumerate(placeholders["support"]):
            pre_sup = dot(x, self.vars["weights_%d" % i], sparse=self.sparse_inputs)
            outs.append(dot(support, pre_sup, sparse=True))
        return self.act(tf.add_n(outs) + self.vars["bias"])


def masked_softmax_cross_entropy(preds, labels, mask):
    loss = tf.nn.softmax_cross_entropy_with_logits(logits=preds, labels=labels)
    mask = tf.cast(mask, dtype=tf.float32)
    mask /= tf.reduce_mean(mask)
    return tf.reduce_mean(loss * mask)


def masked_accuracy(preds, labels, mask):
    correct = tf.cast(tf.equal(tf.argmax(preds, 1), tf.argmax(labels, 1)), tf.float32)
    mask = tf.cast(mask, dtype=tf.float32)
    mask /= tf.reduce_mean(mask)
    return tf.reduce_mean(correct * mask)


layer1 = GraphConvolution(FEATURES, HIDDEN, "gc1", sparse_inputs=True, act=tf.nn.relu)
layer2 = GraphConvolution(HIDDEN, CLASSES, "gc2", sparse_inputs=False, act=lambda x: x)
outputs = layer2(layer1(placeholders["features"]))
loss = 5e-4 * tf.add_n([tf.nn.l2_loss(v) for v in layer1.vars.values()])
loss += masked_softmax_cross_entropy(outputs, placeholders["labels"], placeholders["labels_mask"])
accuracy = masked_accuracy(outputs, placeholders["labels"], placeholders["labels_mask"])
opt_op = tf.train.AdamOptimizer(learning_rate=0.01).minimize(loss)
prediction = tf.nn.softmax(outputs)


def feed(mask, dropout):
    d = {placeholders["features"]: features, placeholders["labels"]: labels,
         placeholders["labels_mask"]: mask, placeholders["num_features_nonzero"]: features[1].shape,
         placeholders["dropout"]: dropout, placeholders["feature_noise"]: rng.rand(len(features[1])),
         placeholders["hidden_noise"]: rng.rand(NODES, HIDDEN)}
    d.update({placeholders["support"][i]: supports[i] for i in range(len(supports))})
    return d


results = {"train_loss": [], "train_acc": [], "val_loss": [], "val_acc": []}
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for epoch in range(30):
        _, l, a = sess.run([opt_op, loss, accuracy], feed_dict=feed(train_mask, 0.5))
        vl, va = sess.run([loss, accuracy], feed_dict=feed(val_mask, 0.0))
        results["train_loss"].append(float(l))
        results["train_acc"].append(float(a))
        results["val_loss"].append(float(vl))
        results["val_acc"].append(float(va))
    results["prediction"] = sess.run(prediction, feed_dict=feed(val_mask, 0.0)).tolist()
    results["weights"] = {v.op.name: sess.run(v).tolist() for v in tf.trainable_variables()}

out_dir = sys.argv[1] if len(sys.argv) > 1 else "."
with open(os.path.join(out_dir, "results.json"), "w") as f:
    json.dump(results, f)
print("GCN: final train loss %.5f, val accuracy %.3f" % (results["train_loss"][-1], results["val_acc"][-1]))
