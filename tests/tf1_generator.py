"""Realistic TensorFlow 1.x modules, generated deterministically from a seed.

Used by the property tests (``tests/test_properties.py``) and the speed
benchmark (``benchmarks/upgrade_speed.py``).  Each module mixes what real TF1
repositories contain: every import form the resolver understands, graph-mode
model code touching each rule family (renames, keyword renames, positional
arguments, compat.v1 fallbacks, contrib, private APIs), names that shadow
TensorFlow imports, plain-Python helpers, classes, comprehensions, decorators,
strings and comments, and a share of files with no TensorFlow at all.
"""
from __future__ import annotations

import os
import random
from pathlib import Path
from typing import Callable, Dict, List, Tuple

IMPORT_STYLES: List[Tuple[str, Dict[str, str]]] = [
    # (import block, names of the TF module / submodules it binds)
    ("import tensorflow as tf\n", {"tf": "tf"}),
    ("import tensorflow as tf\nfrom tensorflow import nn\n", {"tf": "tf", "nn": "nn"}),
    ("import tensorflow\n", {"tf": "tensorflow"}),
    ("import tensorflow as tf\nfrom tensorflow.contrib import layers as contrib_layers\n",
     {"tf": "tf", "contrib": "contrib_layers"}),
    ("import tensorflow.compat.v1 as tf\n", {"tf": "tf"}),
    ("import tensorflow as tf\nimport tensorflow.contrib.slim as slim\n", {"tf": "tf", "slim": "slim"}),
]

PREAMBLES = [
    "from __future__ import absolute_import\nfrom __future__ import division\nfrom __future__ import print_function\n\n",
    "",
    "import os\nimport sys\n",
    "import collections\nimport functools\n",
]

NUMPY = "import numpy as np\n"


def _model_fn(r: random.Random, tf: str, n: int, names: Dict[str, str]) -> str:
    units = r.choice([32, 64, 128, 256])
    kp = r.choice(["0.5", "keep_prob", "1.0 - rate"])
    nn = names.get("nn", f"{tf}.nn")
    body = [
        f"def build_model_{n}(inputs, labels, is_training=True, keep_prob=0.8, rate=0.1):",
        f'    """Two dense layers with dropout (block {n})."""',
        f"    with {tf}.variable_scope('model_{n}', reuse={tf}.AUTO_REUSE):",
        f"        w = {tf}.get_variable('w', [int(inputs.shape[-1]), {units}],",
        f"                            initializer={tf}.truncated_normal_initializer(stddev=0.02))",
        f"        b = {tf}.get_variable('b', [{units}], initializer={tf}.zeros_initializer())",
        f"        hidden = {nn}.relu({tf}.matmul(inputs, w) + b)",
        f"        hidden = {nn}.dropout(hidden, keep_prob={kp})",
        f"        logits = {tf}.layers.dense(hidden, {r.randint(2, 1000)}, name='logits')",
        f"    loss = {tf}.reduce_mean({nn}.softmax_cross_entropy_with_logits_v2(labels=labels, logits=logits))",
        f"    correct = {tf}.equal({tf}.argmax(logits, 1), {tf}.argmax(labels, dimension=1))",
        f"    accuracy = {tf}.reduce_mean({tf}.cast(correct, {tf}.float32))",
        f"    {tf}.summary.scalar('loss_{n}', loss)",
        "    return logits, loss, accuracy",
        "",
    ]
    return "\n".join(body) + "\n\n"


def _train_fn(r: random.Random, tf: str, n: int, names: Dict[str, str]) -> str:
    lr = r.choice(["0.001", "1e-4", "learning_rate"])
    opt = r.choice(["AdamOptimizer", "GradientDescentOptimizer", "MomentumOptimizer"])
    extra = ", momentum=0.9" if opt == "MomentumOptimizer" else ""
    return f'''def train_{n}(loss, learning_rate={lr if lr != "learning_rate" else "0.01"}, steps={r.randint(10, 10000)}):
    global_step = {tf}.train.get_or_create_global_step()
    optimizer = {tf}.train.{opt}({lr}{extra})
    update_ops = {tf}.get_collection({tf}.GraphKeys.UPDATE_OPS)
    with {tf}.control_dependencies(update_ops):
        train_op = optimizer.minimize(loss, global_step=global_step)
    saver = {tf}.train.Saver(max_to_keep={r.randint(1, 10)})
    init = {tf}.global_variables_initializer()
    with {tf}.Session(config={tf}.ConfigProto(allow_soft_placement=True)) as sess:
        sess.run(init)
        for step in range(steps):
            _, value = sess.run([train_op, loss])
            if step % {r.choice([10, 100, 1000])} == 0:
                {tf}.logging.info("step %d loss %f", step, value)
        saver.save(sess, "/tmp/model_{n}.ckpt", global_step=global_step)
    return value

'''


def _input_fn(r: random.Random, tf: str, n: int, names: Dict[str, str]) -> str:
    return f'''def input_pipeline_{n}(filenames, batch_size={r.choice([16, 32, 128])}):
    dataset = {tf}.data.TFRecordDataset(filenames)

    def parse(record):
        features = {tf}.parse_single_example(record, {{
            "image": {tf}.FixedLenFeature([], {tf}.string),
            "label": {tf}.FixedLenFeature([], {tf}.int64),
        }})
        image = {tf}.decode_raw(features["image"], {tf}.uint8)
        image = {tf}.image.resize_images(tf_reshape(image), [{r.choice([28, 32, 224])}, {r.choice([28, 32, 224])}])
        return image, {tf}.to_int32(features["label"])

    dataset = dataset.map(parse).shuffle({r.randint(100, 10000)}).batch(batch_size)
    iterator = dataset.make_one_shot_iterator()
    return iterator.get_next()

'''


def _ops_fn(r: random.Random, tf: str, n: int, names: Dict[str, str]) -> str:
    axis = r.choice(["reduction_indices=[1]", "axis=1", "1", "keep_dims=True"])
    return f'''def statistics_{n}(x, y):
    total = {tf}.reduce_sum(x, {axis})
    mean, var = {tf}.nn.moments(x, axes=[0])
    logs = {tf}.log(x + 1e-8) * {tf}.sqrt(var)
    clipped = {tf}.clip_by_value(logs, -1.0, 1.0)
    noise = {tf}.random_normal(tf_shape(x), mean=0.0, stddev={r.random():.3f})
    parts = {tf}.split(clipped, {r.choice([2, 4])}, axis=0)
    joined = {tf}.concat(parts, axis=0)
    mask = {tf}.sparse_to_dense([[0, 0]], [2, 2], 1.0)
    return {tf}.add_n([total, mean, joined, noise]) + {tf}.reduce_max(y, reduction_indices=0) + mask

'''


def _contrib_fn(r: random.Random, tf: str, n: int, names: Dict[str, str]) -> str:
    contrib = names.get("contrib")
    slim = names.get("slim")
    lines = [f"def regularized_{n}(inputs):"]
    if contrib:
        lines.append(f"    net = {contrib}.fully_connected(inputs, {r.choice([10, 20])})")
    else:
        lines.append(f"    net = {tf}.contrib.layers.fully_connected(inputs, {r.choice([10, 20])})")
    if slim:
        lines.append(f"    net = {slim}.conv2d(net, 32, [3, 3], scope='conv_{n}')")
    lines += [
        f"    reg = {tf}.contrib.layers.l2_regularizer({r.choice(['0.01', '1e-4'])})",
        f"    init = {tf}.contrib.layers.xavier_initializer()",
        "    return net, reg, init",
        "",
    ]
    return "\n".join(lines) + "\n\n"


def _shadow_fn(r: random.Random, tf: str, n: int, names: Dict[str, str]) -> str:
    # `tf` as a parameter: not TensorFlow inside this function.
    return f'''def shadowed_{n}(tf, nn=None):
    """`tf` here is whatever the caller passes; the upgrader must leave it alone."""
    result = tf.log(tf.placeholder)  # not TensorFlow
    return [tf.reduce_sum(v, reduction_indices=1) for v in (result, nn)]

'''


def _plain_fn(r: random.Random, tf: str, n: int, names: Dict[str, str]) -> str:
    a, b = r.randint(1, 99), r.randint(1, 99)
    return f'''class Config{n}(object):
    """Hyper-parameters #{n}; plain Python, nothing to convert."""

    hidden_sizes = [{a}, {b}, {a + b}]
    name = "config_{n}"  # tf.log in a string or comment is not code

    def __init__(self, **overrides):
        for key, value in overrides.items():
            setattr(self, key, value)

    @property
    def total(self):
        return sum(size * 2 for size in self.hidden_sizes if size > {r.randint(0, 50)})

    def describe(self):
        return f"{{self.name}}: {{self.total}} units, tf.log ignored"


def schedule_{n}(step, warmup={r.randint(100, 5000)}):
    if step < warmup:
        return step / float(warmup)
    lookup = {{k: v ** 0.5 for k, v in enumerate(range(1, {r.randint(5, 20)}))}}
    return min(1.0, (warmup / max(step, 1)) ** 0.5) * lookup.get(step % 7, 1.0)

'''


def _estimator_fn(r: random.Random, tf: str, n: int, names: Dict[str, str]) -> str:
    return f'''def model_fn_{n}(features, labels, mode, params):
    logits = {tf}.layers.dense(features["x"], params["classes"])
    predictions = {tf}.argmax(logits, axis=1)
    if mode == {tf}.estimator.ModeKeys.PREDICT:
        return {tf}.estimator.EstimatorSpec(mode, predictions=predictions)
    loss = {tf}.losses.sparse_softmax_cross_entropy(labels=labels, logits=logits)
    metrics = {{"accuracy": {tf}.metrics.accuracy(labels, predictions)}}
    train_op = {tf}.train.AdagradOptimizer(0.1).minimize(loss, {tf}.train.get_global_step())
    return {tf}.estimator.EstimatorSpec(mode, loss=loss, train_op=train_op, eval_metric_ops=metrics)

'''


BLOCKS: List[Callable[[random.Random, str, int, Dict[str, str]], str]] = [
    _model_fn, _train_fn, _input_fn, _ops_fn, _contrib_fn, _shadow_fn, _plain_fn, _plain_fn, _estimator_fn,
]

MAIN = '''

def main(_):
    {tf}.logging.set_verbosity({tf}.logging.INFO)
    print("done")


if __name__ == "__main__":
    {tf}.app.run(main)
'''

HELPERS = '''

def tf_reshape(x):
    return x


def tf_shape(x):
    return [2, 2]

'''


def generate_module(seed: int, target_lines: int = 200, tf_share: float = 0.85) -> str:
    """One module of roughly ``target_lines`` lines; ``1 - tf_share`` of seeds give a TF-free file."""
    r = random.Random(seed)
    uses_tf = r.random() < tf_share
    parts = [f'"""Generated module {seed}: {"a TF 1.x model" if uses_tf else "plain helpers"}."""\n',
             r.choice(PREAMBLES)]
    if uses_tf:
        imports, names = r.choice(IMPORT_STYLES)
        parts.append(imports)
        tf = names["tf"]
    else:
        names, tf = {}, "tf"
    if r.random() < 0.5:
        parts.append(NUMPY)
    parts.append(HELPERS)
    lines = sum(p.count("\n") for p in parts)
    n = 0
    while lines < target_lines:
        block = r.choice(BLOCKS if uses_tf else [_plain_fn])(r, tf, n, names)
        parts.append(block)
        lines += block.count("\n")
        n += 1
    if uses_tf and r.random() < 0.5:
        parts.append(MAIN.format(tf=tf))
    return "".join(parts)


def write_corpus(root: os.PathLike, files: int, lines_per_file: int = 220, seed: int = 0) -> Tuple[int, int]:
    """Write ``files`` modules under ``root`` in a package-like layout; returns (files, lines)."""
    root = Path(root)
    r = random.Random(seed)
    total = 0
    for i in range(files):
        sub = root / f"pkg{i % 13}" / f"sub{i % 7}"
        sub.mkdir(parents=True, exist_ok=True)
        size = max(20, int(r.lognormvariate(0, 0.6) * lines_per_file))
        text = generate_module(seed * 1_000_003 + i, size)
        (sub / f"module_{i}.py").write_text(text)
        total += text.count("\n")
    return files, total
