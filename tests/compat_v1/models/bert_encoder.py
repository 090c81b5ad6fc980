"""A BERT-like transformer encoder in the style of google-research/bert's TF 1.x code: word, position
and token-type embeddings, multi-head self-attention with an attention mask, layer norm, gelu (tanh form
with tf.pow(x, 3)), a masked-LM head with gather_indexes, and BERT's AdamWeightDecayOptimizer (a
tf.train.Optimizer subclass) with polynomial decay, linear warm-up and global-norm clipping.
Weights are loaded from deterministic numpy values; dropout is off, so TF and the runtime agree.

    python -m tf_upgrade.compat_v1 bert_encoder.py OUT_DIR      (writes OUT_DIR/results.json)
"""
import json
import math
import os
import re
import sys
import zlib

import numpy as np
import tensorflow as tf

VOCAB, HIDDEN, LAYERS, HEADS, INTERMEDIATE, SEQ, BATCH, PREDS = 50, 32, 2, 4, 64, 10, 3, 3
# float64: Adam divides by sqrt(v) + 1e-6, which turns float32 rounding in near-zero gradients into
# ~1e-5 relative differences between any two implementations within a few steps.
FLOAT = tf.float64


def gelu(x):
    cdf = 0.5 * (1.0 + tf.tanh((np.sqrt(2 / np.pi) * (x + 0.044715 * tf.pow(x, 3)))))
    return x * cdf


def layer_norm(input_tensor, name=None):
    with tf.variable_scope(name, default_name="LayerNorm"):
        size = input_tensor.shape[-1].value
        beta = tf.get_variable("beta", [size], dtype=FLOAT, initializer=tf.zeros_initializer())
        gamma = tf.get_variable("gamma", [size], dtype=FLOAT, initializer=tf.ones_initializer())
        mean, variance = tf.nn.moments(input_tensor, [-1], keep_dims=True)
        return (input_tensor - mean) * tf.rsqrt(variance + 1e-12) * gamma + beta


def get_shape_list(tensor):
    shape = tensor.shape.as_list()
    dynamic = tf.shape(tensor)
    return [dynamic[i] if dim is None else dim for i, dim in enumerate(shape)]


def create_initializer(initializer_range=0.02):
    return tf.truncated_normal_initializer(stddev=initializer_range)


def embeddings(input_ids, token_type_ids):
    with tf.variable_scope("embeddings"):
        table = tf.get_variable("word_embeddings", [VOCAB, HIDDEN], dtype=FLOAT, initializer=create_initializer())
        flat = tf.reshape(input_ids, [-1])
        output = tf.reshape(tf.gather(table, flat), [BATCH, SEQ, HIDDEN])
        token_table = tf.get_variable("token_type_embeddings", [2, HIDDEN], dtype=FLOAT,
                                      initializer=create_initializer())
        one_hot = tf.one_hot(tf.reshape(token_type_ids, [-1]), depth=2, dtype=FLOAT)
        output += tf.reshape(tf.matmul(one_hot, token_table), [BATCH, SEQ, HIDDEN])
        position = tf.get_variable("position_embeddings", [16, HIDDEN], dtype=FLOAT, initializer=create_initializer())
        output += tf.expand_dims(tf.slice(position, [0, 0], [SEQ, -1]), 0)
        return layer_norm(output, "LayerNorm"), table


def attention_layer(from_tensor, attention_mask):
    size = HIDDEN // HEADS

    def transpose_for_scores(t):
        return tf.transpose(tf.reshape(t, [BATCH, SEQ, HEADS, size]), [0, 2, 1, 3])

    q = tf.layers.dense(from_tensor, HIDDEN, name="query", kernel_initializer=create_initializer())
    k = tf.layers.dense(from_tensor, HIDDEN, name="key", kernel_initializer=create_initializer())
    v = tf.layers.dense(from_tensor, HIDDEN, name="value", kernel_initializer=create_initializer())
    scores = tf.multiply(tf.matmul(transpose_for_scores(q), transpose_for_scores(k), transpose_b=True),
                         1.0 / math.sqrt(float(size)))
    adder = (1.0 - tf.cast(tf.expand_dims(attention_mask, axis=[1]), FLOAT)) * -10000.0
    probs = tf.nn.softmax(scores + adder)
    context = tf.transpose(tf.matmul(probs, transpose_for_scores(v)), [0, 2, 1, 3])
    return tf.reshape(context, [BATCH * SEQ, HIDDEN])


def transformer(input_tensor, attention_mask):
    mask = tf.tile(tf.reshape(tf.cast(attention_mask, FLOAT), [BATCH, 1, SEQ]), [1, SEQ, 1])
    prev = tf.reshape(input_tensor, [-1, HIDDEN])
    outputs = []
    for i in range(LAYERS):
        with tf.variable_scope("layer_%d" % i):
            with tf.variable_scope("attention"):
                with tf.variable_scope("self"):
                    attention = attention_layer(prev, mask)
                with tf.variable_scope("output"):
                    attention = tf.layers.dense(attention, HIDDEN, kernel_initializer=create_initializer())
                    attention = layer_norm(attention + prev)
            with tf.variable_scope("intermediate"):
                inter = tf.layers.dense(attention, INTERMEDIATE, activation=gelu,
                                        kernel_initializer=create_initializer())
            with tf.variable_scope("output"):
                out = tf.layers.dense(inter, HIDDEN, kernel_initializer=create_initializer())
                prev = layer_norm(out + attention)
                outputs.append(prev)
    return [tf.reshape(o, [BATCH, SEQ, HIDDEN]) for o in outputs]


def gather_indexes(sequence_tensor, positions):
    batch_size, seq_length, width = get_shape_list(sequence_tensor)
    flat_offsets = tf.reshape(tf.range(0, batch_size, dtype=tf.int32) * seq_length, [-1, 1])
    flat_positions = tf.reshape(positions + flat_offsets, [-1])
    return tf.gather(tf.reshape(sequence_tensor, [batch_size * seq_length, width]), flat_positions)


class AdamWeightDecayOptimizer(tf.train.Optimizer):
    def __init__(self, learning_rate, weight_decay_rate=0.0, beta_1=0.9, beta_2=0.999, epsilon=1e-6,
                 exclude_from_weight_decay=None, name="AdamWeightDecayOptimizer"):
        super(AdamWeightDecayOptimizer, self).__init__(False, name)
        self.learning_rate = learning_rate
        self.weight_decay_rate = weight_decay_rate
        self.beta_1, self.beta_2, self.epsilon = beta_1, beta_2, epsilon
        self.exclude_from_weight_decay = exclude_from_weight_decay

    def apply_gradients(self, grads_and_vars, global_step=None, name=None):
        assignments = []
        for (grad, param) in grads_and_vars:
            if grad is None or param is None:
                continue
            param_name = self._get_variable_name(param.name)
            m = tf.get_variable(name=param_name + "/adam_m", shape=param.shape.as_list(), dtype=FLOAT,
                                trainable=False, initializer=tf.zeros_initializer())
            v = tf.get_variable(name=param_name + "/adam_v", shape=param.shape.as_list(), dtype=FLOAT,
                                trainable=False, initializer=tf.zeros_initializer())
            next_m = tf.multiply(m, self.beta_1) + tf.multiply(grad, 1.0 - self.beta_1)
            next_v = tf.multiply(v, self.beta_2) + tf.multiply(tf.square(grad), 1.0 - self.beta_2)
            update = next_m / (tf.sqrt(next_v) + self.epsilon)
            if self._do_use_weight_decay(param_name):
                update += self.weight_decay_rate * param
            next_param = param - self.learning_rate * update
            assignments.extend([param.assign(next_param), m.assign(next_m), v.assign(next_v)])
        return tf.group(*assignments, name=name)

    def _do_use_weight_decay(self, param_name):
        if not self.weight_decay_rate:
            return False
        for r in self.exclude_from_weight_decay or []:
            if re.search(r, param_name) is not None:
                return False
        return True

    def _get_variable_name(self, param_name):
        m = re.match("^(.*):\\d+$", param_name)
        return m.group(1) if m is not None else param_name


def create_optimizer(loss, init_lr, num_train_steps, num_warmup_steps):
    global_step = tf.train.get_or_create_global_step()
    learning_rate = tf.constant(value=init_lr, shape=[], dtype=FLOAT)
    learning_rate = tf.train.polynomial_decay(learning_rate, global_step, num_train_steps,
                                              end_learning_rate=0.0, power=1.0, cycle=False)
    global_steps_float = tf.cast(tf.cast(global_step, tf.int32), FLOAT)
    warmup_steps_float = tf.cast(tf.constant(num_warmup_steps, dtype=tf.int32), FLOAT)
    warmup_learning_rate = init_lr * (global_steps_float / warmup_steps_float)
    is_warmup = tf.cast(global_steps_float < warmup_steps_float, FLOAT)
    learning_rate = (1.0 - is_warmup) * learning_rate + is_warmup * warmup_learning_rate
    optimizer = AdamWeightDecayOptimizer(learning_rate=learning_rate, weight_decay_rate=0.01,
                                         exclude_from_weight_decay=["LayerNorm", "layer_norm", "bias"])
    tvars = tf.trainable_variables()
    grads = tf.gradients(loss, tvars)
    (grads, _) = tf.clip_by_global_norm(grads, clip_norm=1.0)
    train_op = optimizer.apply_gradients(zip(grads, tvars), global_step=global_step)
    # BERT groups this increment with the update; with TF 1.x ref variables the learning rate's read of the
    # step then races the increment inside one session.run, so it is ordered after the update here.
    with tf.control_dependencies([train_op]):
        train_op = global_step.assign(global_step + 1)
    return train_op, learning_rate


def deterministic(shape, name, scale):
    seed = zlib.crc32(name.encode()) % 1000
    n = int(np.prod(shape))
    return (np.sin(np.arange(n) * 0.7318 + seed * 1.37 + 0.1) * scale).reshape(shape).astype(FLOAT.as_numpy_dtype)


rng = np.random.RandomState(3)
input_ids = tf.placeholder(tf.int32, [BATCH, SEQ])
input_mask = tf.placeholder(tf.int32, [BATCH, SEQ])
segment_ids = tf.placeholder(tf.int32, [BATCH, SEQ])
positions = tf.placeholder(tf.int32, [BATCH, PREDS])
label_ids = tf.placeholder(tf.int32, [BATCH, PREDS])
label_weights = tf.placeholder(FLOAT, [BATCH, PREDS])

with tf.variable_scope("bert"):
    embedded, embedding_table = embeddings(input_ids, segment_ids)
    with tf.variable_scope("encoder"):
        layers = transformer(embedded, input_mask)
    sequence_output = layers[-1]
    with tf.variable_scope("pooler"):
        pooled = tf.layers.dense(tf.squeeze(sequence_output[:, 0:1, :], axis=1), HIDDEN, activation=tf.tanh,
                                 kernel_initializer=create_initializer())

with tf.variable_scope("cls/predictions"):
    x = gather_indexes(sequence_output, positions)
    with tf.variable_scope("transform"):
        x = layer_norm(tf.layers.dense(x, HIDDEN, activation=gelu, kernel_initializer=create_initializer()))
    output_bias = tf.get_variable("output_bias", shape=[VOCAB], dtype=FLOAT, initializer=tf.zeros_initializer())
    logits = tf.nn.bias_add(tf.matmul(x, embedding_table, transpose_b=True), output_bias)
    log_probs = tf.nn.log_softmax(logits, axis=-1)
    one_hot_labels = tf.one_hot(tf.reshape(label_ids, [-1]), depth=VOCAB, dtype=FLOAT)
    per_example_loss = -tf.reduce_sum(log_probs * one_hot_labels, axis=[-1])
    weights = tf.reshape(label_weights, [-1])
    loss = tf.reduce_sum(weights * per_example_loss) / (tf.reduce_sum(weights) + 1e-5)

train_op, learning_rate = create_optimizer(loss, 5e-3, num_train_steps=8, num_warmup_steps=3)
gradient_norms = {v.op.name: tf.norm(g) for v, g in zip(tf.trainable_variables(),
                                                       tf.gradients(loss, tf.trainable_variables())) if g is not None}

mask = np.ones((BATCH, SEQ), np.int32)
mask[1, 7:] = 0
mask[2, 5:] = 0
feed = {input_ids: rng.randint(0, VOCAB, (BATCH, SEQ)), input_mask: mask,
        segment_ids: (np.arange(SEQ) >= SEQ // 2).astype(np.int32)[None].repeat(BATCH, 0),
        positions: np.array([[1, 4, 6], [0, 2, 5], [1, 3, 4]]), label_ids: rng.randint(0, VOCAB, (BATCH, PREDS)),
        label_weights: np.array([[1, 1, 1], [1, 1, 0], [1, 0, 0]], np.float32)}

results = {"loss": [], "learning_rate": []}
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for v in tf.trainable_variables():
        value = deterministic(v.shape.as_list(), v.op.name, 0.3)
        if v.op.name.endswith("gamma"):
            value = 1.0 + 0.2 * value
        v.load(value, sess)
    results["initial_pooled"] = sess.run(pooled, feed).tolist()
    results["initial_gradient_norms"] = {k: float(v) for k, v in sess.run(gradient_norms, feed).items()}
    for step in range(6):
        _, l, lr = sess.run([train_op, loss, learning_rate], feed)
        results["loss"].append(float(l))
        results["learning_rate"].append(float(lr))
    results["final_sequence_output"] = sess.run(sequence_output, feed)[:, :3].tolist()
    by_name = {v.op.name: v for v in tf.global_variables()}
    results["final_variables"] = {name: sess.run(by_name[name]).ravel()[:12].tolist() for name in (
        "bert/embeddings/word_embeddings", "bert/encoder/layer_1/output/LayerNorm/gamma",
        "bert/encoder/layer_0/intermediate/dense/kernel", "bert/encoder/layer_0/attention/self/query/bias",
        "cls/predictions/output_bias", "bert/encoder/layer_1/attention/output/dense/kernel/adam_v")}
    results["global_step"] = int(sess.run(tf.train.get_global_step()))

out_dir = sys.argv[1] if len(sys.argv) > 1 else "."
with open(os.path.join(out_dir, "results.json"), "w") as f:
    json.dump(results, f)
print("BERT-like encoder: losses %s" % " ".join("%.5f" % l for l in results["loss"]))
