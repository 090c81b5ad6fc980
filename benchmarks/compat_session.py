"""Speed of the compat_v1 numpy runtime, next to references measured in the same process.

    python3 benchmarks/compat_session.py [--tf /work/tfenv221/bin/python] [--quick]

Measures (targets from issue 5; TF 2.21 graph mode on these machines: ~180 us/run, ~605 MLP steps/s,
~1.8 s for the 10,000-op graph):
  1. Session.run overhead per call on a tiny graph (two scalar placeholders added)  target < 60 us
  2. training steps/s of a 784-256-256-10 relu MLP (softmax cross-entropy, Adam, batch 128),
     next to the same step written by hand in numpy                                target >= 0.9x numpy
  3. time to build, and to first run, a graph of 10,000 chained adds                target build < 0.4 s
With --tf PYTHON the same TF1 code also runs under real TensorFlow in a subprocess.
"""
import argparse
import json
import os
import subprocess
import sys
import time

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BATCH, SIZES = 128, (784, 256, 256, 10)


def _timeit(fn, min_time, rounds=5):
    """Calls per second of fn: the best of `rounds` rounds of min_time/rounds seconds each.

    The best round, not the mean, because the machine is shared: other processes only ever slow a round down.
    """
    fn()
    best = 0.0
    for _ in range(rounds):
        n, start = 0, time.perf_counter()
        while True:
            fn()
            n += 1
            elapsed = time.perf_counter() - start
            if elapsed >= min_time / rounds:
                break
        best = max(best, n / elapsed)
    return best


def _timeit_pair(fn_a, fn_b, min_time, rounds=10):
    """Calls per second of two functions measured in alternating rounds, so both see the same machine load."""
    rate_a = rate_b = 0.0
    for _ in range(rounds):
        rate_a = max(rate_a, _timeit(fn_a, min_time / rounds, rounds=1))
        rate_b = max(rate_b, _timeit(fn_b, min_time / rounds, rounds=1))
    return rate_a, rate_b


def bench_overhead(tf, min_time):
    with tf.Graph().as_default() as g:
        a = tf.placeholder(tf.float32, [])
        b = tf.placeholder(tf.float32, [])
        c = a + b
        sess = tf.Session(graph=g)
        rate = _timeit(lambda: sess.run(c, feed_dict={a: 1.0, b: 2.0}), min_time)
        sess.close()
    return 1e6 / rate


def _mlp_data():
    rng = np.random.RandomState(0)
    x = rng.rand(BATCH, SIZES[0]).astype(np.float32)
    labels = np.eye(SIZES[-1], dtype=np.float32)[rng.randint(0, SIZES[-1], BATCH)]
    weights = [(rng.randn(m, n) * np.sqrt(2.0 / m)).astype(np.float32) for m, n in zip(SIZES, SIZES[1:])]
    return x, labels, weights


def build_mlp(tf):
    """The TF1 MLP training graph; returns (session, train_op, loss, feed_dict)."""
    x_val, y_val, weights = _mlp_data()
    with tf.Graph().as_default() as g:
        x = tf.placeholder(tf.float32, [None, SIZES[0]])
        y = tf.placeholder(tf.float32, [None, SIZES[-1]])
        h = x
        for i, w0 in enumerate(weights):
            w = tf.Variable(w0, name="w%d" % i)
            b = tf.Variable(tf.zeros([w0.shape[1]]), name="b%d" % i)
            h = tf.matmul(h, w) + b
            if i < len(weights) - 1:
                h = tf.nn.relu(h)
        loss = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits_v2(labels=y, logits=h))
        train = tf.train.AdamOptimizer(1e-3).minimize(loss)
        sess = tf.Session(graph=g)
        sess.run(tf.global_variables_initializer())
    return sess, train, loss, {x: x_val, y: y_val}


def bench_mlp_vs_numpy(tf, min_time):
    """(runtime steps/s, numpy steps/s, runtime's loss afterwards), measured in alternating rounds."""
    sess, train, loss, feed = build_mlp(tf)
    x, y, weights = _mlp_data()
    model = NumpyMLP(weights)
    rate, numpy_rate = _timeit_pair(lambda: sess.run(train, feed_dict=feed), lambda: model.step(x, y), min_time)
    sess.close()
    # a cross-check of the numbers (not the speed): the loss after exactly 10 steps from the same start
    sess, train, loss, feed = build_mlp(tf)
    for _ in range(10):
        sess.run(train, feed_dict=feed)
    loss_after_10 = float(sess.run(loss, feed_dict=feed))
    sess.close()
    return rate, numpy_rate, loss_after_10


class NumpyMLP:
    """The same training step written directly in numpy (forward, backward, Adam)."""

    def __init__(self, weights, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
        self.params = []
        for w in weights:
            self.params += [w.copy(), np.zeros(w.shape[1], np.float32)]
        self.m = [np.zeros_like(p) for p in self.params]
        self.v = [np.zeros_like(p) for p in self.params]
        self.lr, self.beta1, self.beta2, self.eps, self.t = lr, beta1, beta2, eps, 0

    def step(self, x, y):
        p = self.params
        acts, h = [x], x
        for i in range(0, len(p), 2):
            z = h @ p[i] + p[i + 1]
            h = np.maximum(z, 0) if i < len(p) - 2 else z
            acts.append(h)
        logits = acts[-1]
        e = np.exp(logits - logits.max(axis=1, keepdims=True))
        probs = e / e.sum(axis=1, keepdims=True)
        g = (probs - y) / x.shape[0]
        grads = [None] * len(p)
        for i in range(len(p) - 2, -1, -2):
            grads[i] = acts[i // 2].T @ g
            grads[i + 1] = g.sum(axis=0)
            if i:
                g = (g @ p[i].T) * (acts[i // 2] > 0)
        self.t += 1
        alpha = self.lr * np.sqrt(1 - self.beta2 ** self.t) / (1 - self.beta1 ** self.t)
        for k, gk in enumerate(grads):
            self.m[k] += (gk - self.m[k]) * (1 - self.beta1)
            self.v[k] += (gk * gk - self.v[k]) * (1 - self.beta2)
            p[k] -= alpha * self.m[k] / (np.sqrt(self.v[k]) + self.eps)


def bench_chain(tf, n=10000, repeats=3):
    """(build seconds, first-run seconds), each the best of `repeats` fresh graphs (the machine is shared)."""
    results = [_chain_once(tf, n) for _ in range(repeats)]
    return min(r[0] for r in results), min(r[1] for r in results)


def _chain_once(tf, n):
    with tf.Graph().as_default() as g:
        start = time.perf_counter()
        t = tf.placeholder(tf.float32, [])
        for _ in range(n):
            t = t + 1.0
        built = time.perf_counter() - start
        sess = tf.Session(graph=g)
        start = time.perf_counter()
        value = sess.run(t, feed_dict={g.get_tensor_by_name("Placeholder:0"): 0.0})
        first_run = time.perf_counter() - start
        sess.close()
    assert float(value) == n
    return built, first_run


def run_all(tf, min_time):
    overhead = bench_overhead(tf, min_time)
    mlp_rate, numpy_rate, mlp_loss = bench_mlp_vs_numpy(tf, min_time * 4)
    built, first_run = bench_chain(tf)
    return {"overhead_us": overhead, "mlp_steps_per_s": mlp_rate, "numpy_steps_per_s": numpy_rate,
            "mlp_loss": mlp_loss,
            "chain_build_s": built, "chain_first_run_s": first_run}


def _tf_child(min_time):
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    import tensorflow as real_tf
    tf = real_tf.compat.v1
    tf.disable_eager_execution()
    print(json.dumps(run_all(tf, min_time)))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--tf", metavar="PYTHON", help="a python with TensorFlow, to measure TF alongside")
    parser.add_argument("--quick", action="store_true", help="shorter measurements")
    parser.add_argument("--tf-child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    min_time = 0.5 if args.quick else 2.0
    if args.tf_child:
        return _tf_child(min_time)

    sys.path.insert(0, ROOT)
    import tf_upgrade.compat_v1 as tf

    shim = run_all(tf, min_time)
    numpy_rate = shim["numpy_steps_per_s"]
    ref = None
    if args.tf:
        out = subprocess.run([args.tf, os.path.abspath(__file__), "--tf-child"] + (["--quick"] if args.quick else []),
                             capture_output=True, text=True, check=True)
        ref = json.loads(out.stdout.strip().splitlines()[-1])

    def row(label, value, unit, target, tf_value=None):
        tf_col = "" if tf_value is None else "   TF 2.21: %10.2f %s" % (tf_value, unit)
        print("%-44s %10.2f %-8s %s%s" % (label, value, unit, target, tf_col))

    print("compat_v1 numpy runtime (numpy %s, python %s)" % (np.__version__, sys.version.split()[0]))
    row("Session.run overhead (2 scalar feeds, add)", shim["overhead_us"], "us/run", "[target < 60]",
        ref and ref["overhead_us"])
    row("MLP 784-256-256-10 Adam b128, shim", shim["mlp_steps_per_s"], "steps/s", "", ref and ref["mlp_steps_per_s"])
    row("MLP same step, hand-written numpy", numpy_rate, "steps/s", "")
    row("MLP shim / numpy", shim["mlp_steps_per_s"] / numpy_rate, "x", "[target >= 0.9]")
    row("10,000 chained adds: build", shim["chain_build_s"], "s", "[target < 0.4]", ref and ref["chain_build_s"])
    row("10,000 chained adds: first run", shim["chain_first_run_s"], "s", "", ref and ref["chain_first_run_s"])
    if ref:
        print("MLP loss after 10 Adam steps: shim %.7f, TF %.7f" % (shim["mlp_loss"], ref["mlp_loss"]))


if __name__ == "__main__":
    main()
