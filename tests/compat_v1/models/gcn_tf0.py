"""A graph convolutional network written as TensorFlow 0.x code (late 2016, the release graph-network papers
shipped with): tf.app.flags, tf.inv in the sparse dropout, tf.mul/tf.sub/tf.neg, tf.pack/tf.unpack, tf.select,
tf.concat(concat_dim, values), tf.split(split_dim, num_split, value), tf.reverse with a bool mask, reductions
with reduction_indices/keep_dims, tf.arg_max, tf.histogram_summary/tf.scalar_summary (tags as given),
tf.merge_all_summaries, tf.train.SummaryWriter, tf.initialize_all_variables, tf.GraphKeys.VARIABLES.
Random draws come from numpy and are fed, so TF and the runtime see the same numbers.

    python -m tf_upgrade.compat_v1 gcn_tf0.py OUT_DIR      (writes OUT_DIR/results.json)
"""
import glob
import json
import os
import sys

import numpy as np
import tensorflow as tf

flags = tf.app.flags
FLAGS = flags.FLAGS
flags.DEFINE_float('learning_rate', 0.01, 'Initial learning rate.')
flags.DEFINE_integer('epochs', 40, 'Number of epochs to train.')
flags.DEFINE_integer('hidden1', 8, 'Number of units in hidden layer 1 (per support).')
flags.DEFINE_float('dropout', 0.5, 'Dropout rate (1 - keep probability).')
flags.DEFINE_float('weight_decay', 5e-4, 'Weight for L2 loss on the first layer.')

NODES, FEATURES, CLASSES = 80, 40, 4
rng = np.random.RandomState(11)
classes = rng.randint(0, CLASSES, NODES)
topics = rng.rand(CLASSES, FEATURES) < 0.2
features_dense = ((rng.rand(NODES, FEATURES) < 0.08) | ((rng.rand(NODES, FEATURES) < 0.4) & topics[classes]))
features_dense = features_dense * rng.rand(NODES, FEATURES)
edges = rng.randint(0, NODES, (160, 2))
within = rng.rand(160) < 0.7
edges[within, 1] = [rng.choice(np.flatnonzero(classes == classes[a])) for a in edges[within, 0]]
adj = np.zeros((NODES, NODES))
adj[edges[:, 0], edges[:, 1]] = 1.0
adj = np.maximum(adj, adj.T)
np.fill_diagonal(adj, 0.0)


def sparse_to_tuple(dense):
    rows, cols = np.nonzero(dense)
    return np.stack([rows, cols], 1).astype(np.int64), dense[rows, cols].astype(np.float32), np.array(dense.shape)


def normalize_adj(a):
    a = a + np.eye(len(a))
    d = 1.0 / np.sqrt(a.sum(1))
    return a * d[:, None] * d[None, :]


features = sparse_to_tuple(features_dense / np.maximum(features_dense.sum(1, keepdims=True), 1e-9))
supports = [sparse_to_tuple(np.eye(NODES)), sparse_to_tuple(normalize_adj(adj))]
labels = np.eye(CLASSES, dtype=np.float32)[classes]
train_mask, val_mask = np.arange(NODES) < 32, (np.arange(NODES) >= 32) & (np.arange(NODES) < 56)

placeholders = {
    'support': [tf.sparse_placeholder(tf.float32) for _ in supports],
    'features': tf.sparse_placeholder(tf.float32, shape=tf.constant(features[2], dtype=tf.int64)),
    'labels': tf.placeholder(tf.float32, shape=(None, CLASSES)),
    'labels_mask': tf.placeholder(tf.int32),
    'dropout': tf.placeholder_with_default(0., shape=()),
    'feature_noise': tf.placeholder(tf.float32, [None]),
    'hidden_noise': tf.placeholder(tf.float32, [None, FLAGS.hidden1]),
}


def glorot(shape, name):
    r = np.sqrt(6.0 / (shape[0] + shape[1]))
    return tf.Variable(rng.uniform(-r, r, shape).astype(np.float32), name=name)


def sparse_dropout(x, keep_prob, noise):
    random_tensor = keep_prob
    random_tensor += noise
    dropout_mask = tf.cast(tf.floor(random_tensor), dtype=tf.bool)
    pre_out = tf.sparse_retain(x, dropout_mask)
    return pre_out * tf.inv(keep_prob)


def dot(x, y, sparse=False):
    return tf.sparse_tensor_dense_matmul(x, y) if sparse else tf.matmul(x, y)


class GraphConvolution(object):
    """One weight matrix per support; the supports' results side by side (tf.concat(1, ...))."""

    def __init__(self, name, input_dim, output_dim, sparse_inputs, act):
        self.name, self.sparse_inputs, self.act = name, sparse_inputs, act
        with tf.variable_scope(name + '_vars'):
            self.vars = dict(('weights_%d' % i, glorot([input_dim, output_dim], 'weights_%d' % i))
                             for i in range(len(supports)))
        for var in sorted(self.vars):
            tf.histogram_summary(self.name + '/vars/' + var, self.vars[var])

    def __call__(self, x):
        with tf.name_scope(self.name):
            keep = 1 - placeholders['dropout']
            if self.sparse_inputs:
                x = sparse_dropout(x, keep, placeholders['feature_noise'])
            else:
                mask = tf.cast(tf.floor(keep + placeholders['hidden_noise']), tf.float32)
                x = tf.mul(x, mask) * tf.inv(keep)
            outs = [dot(support, dot(x, self.vars['weights_%d' % i], sparse=self.sparse_inputs), sparse=True)
                    for i, support in enumerate(placeholders['support'])]
            output = self.act(tf.concat(1, outs))
            tf.histogram_summary(self.name + '/outputs', output)
            return output


def max_of_supports(h):
    """The larger of the two supports' features, unit by unit."""
    own, neighbours = tf.split(1, 2, h)
    return tf.select(tf.greater(neighbours, own), neighbours, own)


def masked_softmax_cross_entropy(preds, labels, mask):
    loss = tf.nn.softmax_cross_entropy_with_logits(logits=preds, labels=labels)
    mask = tf.cast(mask, dtype=tf.float32)
    mask /= tf.reduce_mean(mask, reduction_indices=[0])
    return tf.reduce_mean(tf.mul(loss, mask))


def masked_accuracy(preds, labels, mask):
    correct = tf.cast(tf.equal(tf.arg_max(preds, 1), tf.arg_max(labels, 1)), tf.float32)
    mask = tf.cast(mask, dtype=tf.float32)
    mask /= tf.reduce_mean(mask)
    return tf.reduce_mean(correct * mask)


layer1 = GraphConvolution('graphconvolution_1', FEATURES, FLAGS.hidden1, sparse_inputs=True, act=tf.nn.relu)
layer2 = GraphConvolution('graphconvolution_2', FLAGS.hidden1, CLASSES, sparse_inputs=False, act=lambda x: x)
hidden = max_of_supports(layer1(placeholders['features']))
own, neighbours = tf.split(1, 2, layer2(hidden))
outputs = tf.sub(tf.add(own, neighbours), tf.reduce_mean(own + neighbours, reduction_indices=1, keep_dims=True))
loss = tf.mul(FLAGS.weight_decay, tf.add_n([tf.nn.l2_loss(v) for v in layer1.vars.values()]))
loss += masked_softmax_cross_entropy(outputs, placeholders['labels'], placeholders['labels_mask'])
accuracy = masked_accuracy(outputs, placeholders['labels'], placeholders['labels_mask'])
tf.scalar_summary(['loss', 'accuracy'], tf.pack([loss, accuracy]))
opt_op = tf.train.AdamOptimizer(learning_rate=FLAGS.learning_rate).minimize(loss)
prediction = tf.nn.softmax(outputs)
entropy = tf.neg(tf.reduce_mean(tf.reduce_sum(tf.mul(prediction, tf.log(prediction + 1e-10)), reduction_indices=1)))
class_mass = tf.pack([tf.reduce_sum(p) for p in tf.unpack(prediction, axis=1)])
last_classes_first = tf.reverse(prediction, [False, True])
merged = tf.merge_all_summaries()


def feed(mask, dropout):
    d = {placeholders['features']: features, placeholders['labels']: labels, placeholders['labels_mask']: mask,
         placeholders['dropout']: dropout, placeholders['feature_noise']: rng.rand(len(features[1])),
         placeholders['hidden_noise']: rng.rand(NODES, FLAGS.hidden1)}
    d.update({placeholders['support'][i]: supports[i] for i in range(len(supports))})
    return d


out_dir = sys.argv[1] if len(sys.argv) > 1 else '.'
log_dir = os.path.join(out_dir, 'logs')
results = {'train_loss': [], 'train_acc': [], 'val_loss': [], 'val_acc': [], 'summaries': []}
sess = tf.Session()
sess.run(tf.initialize_all_variables())
writer = tf.train.SummaryWriter(log_dir, sess.graph)
for epoch in range(FLAGS.epochs):
    _, l, a = sess.run([opt_op, loss, accuracy], feed_dict=feed(train_mask, FLAGS.dropout))
    vl, va, summary = sess.run([loss, accuracy, merged], feed_dict=feed(val_mask, 0.))
    writer.add_summary(summary, epoch)
    results['train_loss'].append(float(l))
    results['train_acc'].append(float(a))
    results['val_loss'].append(float(vl))
    results['val_acc'].append(float(va))
    values = {}
    for v in tf.Summary.FromString(summary).value:
        h = v.histo
        values[v.tag] = v.simple_value if v.tag in ('loss', 'accuracy') else [h.min, h.max, h.num, h.sum,
                                                                             h.sum_squares]
    results['summaries'].append(values)
writer.close()
results['event_files'] = len(glob.glob(os.path.join(log_dir, 'events.out.tfevents.*')))
results['prediction'], results['entropy'], results['class_mass'], results['last_classes_first'] = [
    np.asarray(x).tolist() for x in sess.run([prediction, entropy, class_mass, last_classes_first],
                                             feed_dict=feed(val_mask, 0.))]
results['weights'] = dict((v.op.name, sess.run(v).tolist()) for v in tf.get_collection(tf.GraphKeys.VARIABLES)
                          if v in tf.trainable_variables())
sess.close()
with open(os.path.join(out_dir, 'results.json'), 'w') as f:
    json.dump(results, f)
print('GCN (TF 0.x): final train loss %.5f, val accuracy %.3f' % (results['train_loss'][-1], results['val_acc'][-1]))
