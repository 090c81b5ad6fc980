"""Where real models spend the compat_v1 runtime's time, next to TensorFlow 2.21 measured in the same run.

    python3 benchmarks/compat_models.py [--tf PYTHON] [--only bert|gcn] [--small]

1. BERT-base forward pass: 12 layers, 768 wide, 12 heads, 3072 intermediate, gelu (tanh form, x**3),
   layer norm, batch 8 x 128 tokens.                                           target <= 1.5x TF
2. GCN training epoch (Kipf & Welling): Cora-sized graph (2708 nodes, 1433 sparse features,
   13264 normalised adjacency entries), 16 hidden units, sparse dropout on the features,
   sparse x dense matmuls, Adam, weight decay.                                 target <= 2x TF
Each figure is the best of several runs (the machine is shared: load only ever slows a run down);
the load average before and after is printed with the ratios. On a busy machine the best wall-clock
time depends on how the scheduler treats each process (TF runs its ops on several threads), so the
best CPU time of each process (all its threads) is printed below each line too. TF runs the same TF1 code through
`tensorflow.compat.v1` in a subprocess (--tf, else $TF_UPGRADE_TF_PYTHON); without it only the
runtime's own times are printed.
"""
import argparse
import json
import os
import subprocess
import sys
import time

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _best(fn, runs, min_runs=2, budget=None):
    """(best wall-clock seconds, best CPU seconds of the whole process, all its threads) of several runs."""
    fn()  # warm-up: plans compiled, caches filled
    walls, cpus = [], []
    start = time.perf_counter()
    while len(walls) < runs and (len(walls) < min_runs or budget is None or time.perf_counter() - start < budget):
        t, c = time.perf_counter(), time.process_time()
        fn()
        walls.append(time.perf_counter() - t)
        cpus.append(time.process_time() - c)
    return min(walls), min(cpus)


def bert_forward(tf, small=False):
    layers, width, heads, inner, batch, seq = (2, 128, 4, 512, 2, 32) if small else (12, 768, 12, 3072, 8, 128)
    vocab = 30522
    init = tf.truncated_normal_initializer(stddev=0.02)
    ids = tf.placeholder(tf.int32, [batch, seq])

    def layer_norm(x, name):
        with tf.variable_scope(name):
            gamma = tf.get_variable("gamma", [width], initializer=tf.ones_initializer())
            beta = tf.get_variable("beta", [width], initializer=tf.zeros_initializer())
            mean = tf.reduce_mean(x, axis=-1, keepdims=True)
            var = tf.reduce_mean(tf.square(x - mean), axis=-1, keepdims=True)
            return (x - mean) * tf.rsqrt(var + 1e-12) * gamma + beta

    def gelu(x):
        return 0.5 * x * (1.0 + tf.tanh(np.sqrt(2 / np.pi) * (x + 0.044715 * tf.pow(x, 3))))

    def dense(x, units, name, activation=None):
        return tf.layers.dense(x, units, activation=activation, name=name, kernel_initializer=init)

    table = tf.get_variable("word_embeddings", [vocab, width], initializer=init)
    pos = tf.get_variable("position_embeddings", [512, width], initializer=init)
    h = tf.gather(table, tf.reshape(ids, [-1])) + tf.tile(pos[:seq], [batch, 1])
    h = layer_norm(h, "embeddings")
    size = width // heads
    for i in range(layers):
        with tf.variable_scope("layer_%d" % i):
            def split(t):
                return tf.transpose(tf.reshape(t, [batch, seq, heads, size]), [0, 2, 1, 3])
            q, k, v = (split(dense(h, width, n)) for n in ("query", "key", "value"))
            probs = tf.nn.softmax(tf.matmul(q, k, transpose_b=True) * (1.0 / np.sqrt(size)))
            ctx = tf.reshape(tf.transpose(tf.matmul(probs, v), [0, 2, 1, 3]), [batch * seq, width])
            h = layer_norm(dense(ctx, width, "attention_output") + h, "attention_norm")
            ff = dense(dense(h, inner, "intermediate", activation=gelu), width, "output")
            h = layer_norm(ff + h, "output_norm")
    feed = {ids: np.random.RandomState(0).randint(0, vocab, (batch, seq))}
    sess = tf.Session()
    sess.run(tf.global_variables_initializer())
    return _best(lambda: sess.run(h, feed), runs=3, budget=30.0)


def _cora_like(rng, nodes=2708, features=1433, feature_nnz=49216, edges=5278):
    rows = rng.randint(0, nodes, feature_nnz)
    cols = rng.randint(0, features, feature_nnz)
    flat = np.unique(rows * features + cols)
    rows, cols = flat // features, flat % features
    vals = np.ones(len(flat), np.float32)
    vals /= np.bincount(rows, minlength=nodes)[rows]
    a = rng.randint(0, nodes, (edges, 2))
    pairs = np.unique(np.concatenate([a, a[:, ::-1], np.stack([np.arange(nodes)] * 2, 1)]), axis=0)
    degree = np.bincount(pairs[:, 0], minlength=nodes).astype(np.float32)
    adj_vals = (1 / np.sqrt(degree[pairs[:, 0]] * degree[pairs[:, 1]])).astype(np.float32)
    labels = np.eye(7, dtype=np.float32)[rng.randint(0, 7, nodes)]
    mask = np.zeros(nodes, bool)
    mask[:140] = True
    return ((np.stack([rows, cols], 1), vals, np.array([nodes, features])),
            (pairs, adj_vals, np.array([nodes, nodes])), labels, mask)


def gcn_epoch(tf, small=False):
    rng = np.random.RandomState(0)
    features, support, labels, mask = _cora_like(rng, *((300, 200, 2000, 600) if small else ()))
    x = tf.sparse_placeholder(tf.float32)
    adj = tf.sparse_placeholder(tf.float32)
    y = tf.placeholder(tf.float32, [None, 7])
    m = tf.placeholder(tf.bool, [None])
    nnz = tf.placeholder(tf.int32)
    keep = 0.5

    def glorot(shape, name):
        r = np.sqrt(6.0 / (shape[0] + shape[1]))
        return tf.Variable(tf.random_uniform(shape, -r, r), name=name)

    w1, w2 = glorot([int(features[2][1]), 16], "w1"), glorot([16, 7], "w2")
    kept = tf.cast(tf.floor(keep + tf.random_uniform([nnz])), tf.bool)
    xd = tf.sparse_retain(x, kept) * (1.0 / keep)
    h = tf.nn.relu(tf.sparse_tensor_dense_matmul(adj, tf.sparse_tensor_dense_matmul(xd, w1)))
    h = tf.nn.dropout(h, keep)
    logits = tf.sparse_tensor_dense_matmul(adj, tf.matmul(h, w2))
    loss = tf.reduce_mean(tf.boolean_mask(tf.nn.softmax_cross_entropy_with_logits_v2(labels=y, logits=logits), m))
    loss += 5e-4 * tf.nn.l2_loss(w1)
    train = tf.train.AdamOptimizer(0.01).minimize(loss)
    acc = tf.reduce_mean(tf.cast(tf.boolean_mask(tf.equal(tf.argmax(logits, 1), tf.argmax(y, 1)), m), tf.float32))
    feed = {x: features, adj: support, y: labels, m: mask, nnz: len(features[1])}
    sess = tf.Session()
    sess.run(tf.global_variables_initializer())
    return _best(lambda: sess.run([train, loss, acc], feed), runs=40, min_runs=10, budget=20.0)


BENCHES = {"bert": ("BERT-base forward, batch 8 x 128", bert_forward, 1.5),
           "gcn": ("GCN training epoch, Cora-sized", gcn_epoch, 2.0)}


def _child(backend, name, small):
    """Run one benchmark in this process (the parent starts one per backend, so imports stay apart)."""
    if backend == "tf":
        os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
        os.environ.setdefault("TF_USE_LEGACY_KERAS", "1")  # tf.layers needs tf_keras on TF 2.16+
        import tensorflow.compat.v1 as tf
        tf.disable_v2_behavior()
    else:
        sys.path.insert(0, ROOT)
        import tf_upgrade.compat_v1 as tf
    wall, cpu = BENCHES[name][1](tf, small)
    print(json.dumps({"seconds": wall, "cpu": cpu}))


def _measure(python, backend, name, small):
    cmd = [python, os.path.abspath(__file__), "--child", backend, "--only", name] + (["--small"] if small else [])
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode:
        raise SystemExit("%s benchmark %s failed:\n%s" % (backend, name, proc.stderr[-3000:]))
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    return result["seconds"], result["cpu"]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--tf", default=os.environ.get("TF_UPGRADE_TF_PYTHON"), help="a Python with TensorFlow 2.21")
    ap.add_argument("--only", choices=sorted(BENCHES))
    ap.add_argument("--small", action="store_true", help="tiny shapes (a smoke test of this script)")
    ap.add_argument("--child", choices=["tf", "shim"], help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        return _child(args.child, args.only, args.small)
    print("cores %d, load average before: %.2f %.2f %.2f" % ((os.cpu_count() or 0,) + os.getloadavg()), flush=True)
    for name in [args.only] if args.only else sorted(BENCHES):
        title, _, target = BENCHES[name]
        shim, shim_cpu = _measure(sys.executable, "shim", name, args.small)
        line = "%-36s runtime %8.3f s" % (title, shim)
        if args.tf:
            ref, ref_cpu = _measure(args.tf, "tf", name, args.small)
            line += "   TF %8.3f s   ratio %5.2fx (target <= %.1fx)" % (ref, shim / ref, target)
        print(line, flush=True)
        cpu_line = "%-36s   cpu %8.3f s" % ("", shim_cpu)
        if args.tf:
            cpu_line += "   TF %8.3f s   (process CPU time, all threads)" % ref_cpu
        print(cpu_line, flush=True)
    print("load average after: %.2f %.2f %.2f" % os.getloadavg())


if __name__ == "__main__":
    main()
