"""A GPT-like decoder in the style of openai/gpt-2's TF 1.x code: token and position embeddings, pre-norm
blocks with causal masked attention (a `past` of keys/values, tf.stack/unstack), conv1d projections,
gelu, language-model training with Adam, and sampling in a tf.while_loop that grows the sequence and the
past (shape_invariants), with top-k filtering. Sampling draws Gumbel noise from numpy through a
placeholder instead of tf.multinomial, so TF and the runtime sample the same tokens.

    python -m tf_upgrade.compat_v1 gpt_decoder.py OUT_DIR      (writes OUT_DIR/results.json)
"""
import json
import os
import sys
import zlib

import numpy as np
import tensorflow as tf

N_VOCAB, N_CTX, N_EMBD, N_HEAD, N_LAYER = 40, 24, 32, 4, 2
BATCH, CONTEXT, LENGTH, TOP_K = 2, 5, 6, 8
# float64: the gradient of the attention's key bias is zero in exact arithmetic (softmax ignores a shift
# shared by a whole row); in float32 Adam turns its rounding noise (~1e-9, against epsilon 1e-8) into
# full-size steps whose signs differ between any two implementations.
FLOAT = tf.float64


def shape_list(x):
    static = x.shape.as_list()
    dynamic = tf.shape(x)
    return [dynamic[i] if s is None else s for i, s in enumerate(static)]


def softmax(x, axis=-1):
    x = x - tf.reduce_max(x, axis=axis, keepdims=True)
    ex = tf.exp(x)
    return ex / tf.reduce_sum(ex, axis=axis, keepdims=True)


def gelu(x):
    return 0.5 * x * (1 + tf.tanh(np.sqrt(2 / np.pi) * (x + 0.044715 * tf.pow(x, 3))))


def norm(x, scope, axis=-1, epsilon=1e-5):
    with tf.variable_scope(scope):
        n_state = x.shape[-1].value
        g = tf.get_variable("g", [n_state], dtype=FLOAT, initializer=tf.constant_initializer(1))
        b = tf.get_variable("b", [n_state], dtype=FLOAT, initializer=tf.constant_initializer(0))
        u = tf.reduce_mean(x, axis=axis, keepdims=True)
        s = tf.reduce_mean(tf.square(x - u), axis=axis, keepdims=True)
        x = (x - u) * tf.rsqrt(s + epsilon)
        return x * g + b


def split_states(x, n):
    *start, m = shape_list(x)
    return tf.reshape(x, start + [n, m // n])


def merge_states(x):
    *start, a, b = shape_list(x)
    return tf.reshape(x, start + [a * b])


def conv1d(x, scope, nf, w_init_stdev=0.02):
    with tf.variable_scope(scope):
        *start, nx = shape_list(x)
        w = tf.get_variable("w", [1, nx, nf], dtype=FLOAT,
                            initializer=tf.random_normal_initializer(stddev=w_init_stdev))
        b = tf.get_variable("b", [nf], dtype=FLOAT, initializer=tf.constant_initializer(0))
        return tf.reshape(tf.matmul(tf.reshape(x, [-1, nx]), tf.reshape(w, [-1, nf])) + b, start + [nf])


def attention_mask(nd, ns, dtype):
    i = tf.range(nd)[:, None]
    j = tf.range(ns)
    m = i >= j - ns + nd
    return tf.cast(m, dtype)


def attn(x, scope, n_state, past):
    def split_heads(x):
        return tf.transpose(split_states(x, N_HEAD), [0, 2, 1, 3])

    def mask_attn_weights(w):
        _, _, nd, ns = shape_list(w)
        b = tf.reshape(attention_mask(nd, ns, dtype=w.dtype), [1, 1, nd, ns])
        return w * b - tf.cast(1e10, w.dtype) * (1 - b)

    with tf.variable_scope(scope):
        c = conv1d(x, "c_attn", n_state * 3)
        q, k, v = map(split_heads, tf.split(c, 3, axis=2))
        present = tf.stack([k, v], axis=1)
        if past is not None:
            pk, pv = tf.unstack(past, axis=1)
            k = tf.concat([pk, k], axis=-2)
            v = tf.concat([pv, v], axis=-2)
        w = tf.matmul(q, k, transpose_b=True) * tf.rsqrt(tf.cast(v.shape[-1].value, w_dtype(q)))
        w = softmax(mask_attn_weights(w))
        a = merge_states(tf.transpose(tf.matmul(w, v), [0, 2, 1, 3]))
        return conv1d(a, "c_proj", n_state), present


def w_dtype(t):
    return t.dtype


def block(x, scope, past):
    with tf.variable_scope(scope):
        nx = x.shape[-1].value
        a, present = attn(norm(x, "ln_1"), "attn", nx, past=past)
        x = x + a
        m = conv1d(gelu(conv1d(norm(x, "ln_2"), "c_fc", nx * 4)), "c_proj", nx)
        return x + m, present


def past_shape(batch_size=None, sequence=None):
    return [batch_size, N_LAYER, 2, N_HEAD, sequence, N_EMBD // N_HEAD]


def model(X, past=None, scope="model", reuse=False):
    with tf.variable_scope(scope, reuse=reuse):
        batch, sequence = shape_list(X)
        wpe = tf.get_variable("wpe", [N_CTX, N_EMBD], dtype=FLOAT,
                              initializer=tf.random_normal_initializer(stddev=0.01))
        wte = tf.get_variable("wte", [N_VOCAB, N_EMBD], dtype=FLOAT,
                              initializer=tf.random_normal_initializer(stddev=0.02))
        past_length = 0 if past is None else tf.shape(past)[-2]
        positions = tf.tile(tf.expand_dims(past_length + tf.range(sequence), 0), [batch, 1])
        h = tf.gather(wte, X) + tf.gather(wpe, positions)
        presents = []
        pasts = tf.unstack(past, axis=1) if past is not None else [None] * N_LAYER
        for layer, p in enumerate(pasts):
            h, present = block(h, "h%d" % layer, past=p)
            presents.append(present)
        h = norm(h, "ln_f")
        logits = tf.reshape(tf.matmul(tf.reshape(h, [batch * sequence, N_EMBD]), wte, transpose_b=True),
                            [batch, sequence, N_VOCAB])
        return {"present": tf.stack(presents, axis=1), "logits": logits}


def top_k_logits(logits, k):
    values, _ = tf.nn.top_k(logits, k=k)
    min_values = values[:, -1, tf.newaxis]
    return tf.where(logits < min_values, tf.ones_like(logits, dtype=logits.dtype) * -1e10, logits)


def sample_sequence(context, noise, temperature=1.0):
    def step(tokens, past=None):
        output = model(tokens, past=past, reuse=tf.AUTO_REUSE)
        return {"logits": output["logits"][:, :, :N_VOCAB],
                "presents": output["present"]}

    with tf.name_scope("sample_sequence"):
        def body(i, past, prev, output):
            next_outputs = step(prev, past=past)
            logits = top_k_logits(next_outputs["logits"][:, -1, :] / tf.cast(temperature, FLOAT), k=TOP_K)
            gumbel = -tf.log(-tf.log(tf.gather(noise, i)))
            samples = tf.expand_dims(tf.argmax(logits + gumbel, axis=-1, output_type=tf.int32), 1)
            return [i + 1, tf.concat([past, next_outputs["presents"]], axis=-2), samples,
                    tf.concat([output, samples], axis=1)]

        past = step(context[:, :-1])["presents"]
        _, _, _, tokens = tf.while_loop(
            cond=lambda i, *args: i < LENGTH, body=body,
            loop_vars=[tf.constant(0), past, context[:, -1:], context],
            shape_invariants=[tf.TensorShape([]), tf.TensorShape(past_shape(batch_size=BATCH)),
                              tf.TensorShape([BATCH, None]), tf.TensorShape([BATCH, None])],
            back_prop=False)
        return tokens


def deterministic(shape, name, scale):
    seed = zlib.crc32(name.encode()) % 1000
    n = int(np.prod(shape))
    return (np.sin(np.arange(n) * 0.7318 + seed * 1.37 + 0.1) * scale).reshape(shape)


rng = np.random.RandomState(5)
train_tokens = tf.placeholder(tf.int32, [BATCH, None])
out = model(train_tokens)
loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(
    labels=train_tokens[:, 1:], logits=out["logits"][:, :-1]))
train_op = tf.train.AdamOptimizer(learning_rate=0.01).minimize(loss)

context = tf.placeholder(tf.int32, [BATCH, None])
noise = tf.placeholder(FLOAT, [LENGTH, BATCH, N_VOCAB])
generated = sample_sequence(context, noise)

data = rng.randint(0, N_VOCAB, (BATCH, 12))
prompt = rng.randint(0, N_VOCAB, (BATCH, CONTEXT))
gumbel_noise = rng.uniform(1e-6, 1 - 1e-6, (LENGTH, BATCH, N_VOCAB))

results = {"loss": []}
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for v in tf.trainable_variables():
        value = deterministic(v.shape.as_list(), v.op.name, 0.2)
        if v.op.name.endswith("/g"):
            value = 1.0 + value
        v.load(value, sess)
    results["samples_before"] = sess.run(generated, {context: prompt, noise: gumbel_noise}).tolist()
    for _ in range(4):
        _, l = sess.run([train_op, loss], {train_tokens: data})
        results["loss"].append(float(l))
    results["logits_after"] = sess.run(out["logits"], {train_tokens: data})[:, -2:].tolist()
    results["samples_after"] = sess.run(generated, {context: prompt, noise: gumbel_noise}).tolist()
    results["present_shape"] = [int(d) for d in sess.run(tf.shape(out["present"]), {train_tokens: data})]

out_dir = sys.argv[1] if len(sys.argv) > 1 else "."
with open(os.path.join(out_dir, "results.json"), "w") as f:
    json.dump(results, f)
print("GPT-like decoder: losses %s; sampled %s" % (" ".join("%.4f" % l for l in results["loss"]),
                                                    results["samples_after"][0][CONTEXT:]))
