"""Runs one program for ``verify`` inside a Python that has TensorFlow (stdlib + numpy + TF only).

    python _runner.py graph SCRIPT OUT.pkl           # the TF 1.x original, tf.compat.v1 graph mode
    python _runner.py eager SCRIPT OUT.pkl INIT.pkl  # the modernized program, eager TF 2

graph: ``import tensorflow as tf`` gets ``tf.compat.v1`` with v2 behaviour off (``tf.contrib``
pieces from tf_slim / compat.v1 cells); every ``Session.run`` result is recorded, and the
trainable variables' values right after they are first initialized, with each TF 1.x RNN cell's
weights laid out as the Keras recurrent layer the modernizer maps it to (``_keras_layout``).
eager: trainable variables are created with those values (matched by shape, in creation order);
every value passed through ``__tfu_fetch__`` (the modernizer's instrumented call sites) is recorded.
"""
import builtins
import os
import pickle
import random
import runpy
import sys
import time
import types

import numpy as np

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")


def _leaves(value, out):
    if value is None:
        return out
    if isinstance(value, dict):
        for k in sorted(value):
            _leaves(value[k], out)
    elif isinstance(value, (list, tuple)):
        for v in value:
            _leaves(v, out)
    else:
        if hasattr(value, "numpy"):
            value = value.numpy()
        arr = np.asarray(value)
        if arr.dtype.kind in "fiub":
            out.append(arr.copy())
    return out


def _seed():
    random.seed(0)
    np.random.seed(0)


def _run_script(script):
    """runpy with the script's own ending: ``app.run(main)`` ends in sys.exit(main(argv))."""
    try:
        runpy.run_path(script, run_name="__main__")
    except SystemExit as exc:
        if exc.code not in (None, 0):
            raise RuntimeError(f"the program exited with status {exc.code!r}") from exc


def _unshuffled_queues(tf1, record):
    """Queue order made deterministic: shuffle_batch as batch, no file shuffling, one thread.
    Random order cannot be compared; the rest of the pipeline (decode, batch, training) can."""
    train = tf1.train
    batch, producer = train.batch, train.string_input_producer

    def shuffle_batch(tensors, batch_size, capacity, min_after_dequeue, num_threads=1, seed=None,
                      enqueue_many=False, shapes=None, allow_smaller_final_batch=False, shared_name=None, name=None):
        record["unshuffled"] = True
        return batch(tensors, batch_size, num_threads=1, capacity=capacity, enqueue_many=enqueue_many,
                     shapes=shapes, allow_smaller_final_batch=allow_smaller_final_batch, name=name)

    def one_thread_batch(tensors, batch_size, num_threads=1, capacity=32, **kwargs):
        if num_threads != 1:
            record["unshuffled"] = True
        return batch(tensors, batch_size, num_threads=1, capacity=capacity, **kwargs)

    def string_input_producer(string_tensor, num_epochs=None, shuffle=True, seed=None, capacity=32, **kwargs):
        if shuffle:
            record["unshuffled"] = True
        return producer(string_tensor, num_epochs, False, None, capacity, **kwargs)

    train.shuffle_batch, train.batch, train.string_input_producer = shuffle_batch, one_thread_batch, \
        string_input_producer


def run_graph(script):
    import tensorflow.compat.v1 as tf1

    tf1.disable_v2_behavior()
    try:
        import tf_slim
    except ImportError:
        tf_slim = None
    contrib = types.ModuleType("tensorflow.contrib")
    if tf_slim is not None:
        contrib.slim = contrib.layers = contrib.framework = tf_slim
    rnn = types.ModuleType("tensorflow.contrib.rnn")
    for name in ("BasicLSTMCell", "BasicRNNCell", "GRUCell", "LSTMCell", "LSTMStateTuple", "MultiRNNCell"):
        try:
            setattr(rnn, name, getattr(tf1.nn.rnn_cell, name))
        except (AttributeError, ImportError):
            pass
    contrib.rnn = rnn
    tf1.contrib = contrib
    sys.modules.update({"tensorflow": tf1, "tensorflow.contrib": contrib, "tensorflow.contrib.rnn": rnn})
    if tf_slim is not None:
        sys.modules["tensorflow.contrib.layers"] = tf_slim
    from tensorflow.python.client import session as session_lib

    record = {"init": None, "fetches": []}
    original = session_lib.BaseSession.run
    busy = []

    def run(self, fetches, feed_dict=None, options=None, run_metadata=None):
        result = original(self, fetches, feed_dict, options, run_metadata)
        if busy:
            return result
        busy.append(1)
        try:
            leaves = _leaves(result, [])
            if leaves:
                record["fetches"].append(leaves)
            if record["init"] is None and tf1.trainable_variables():
                try:
                    variables = tf1.trainable_variables()
                    values = original(self, variables)
                    record["init"] = _keras_layout(variables, [np.array(v) for v in values], cells)
                except tf1.errors.FailedPreconditionError:
                    pass
        finally:
            busy.pop()
        return result

    session_lib.BaseSession.run = run
    cells = _record_cells(tf1)
    _unshuffled_queues(tf1, record)
    try:  # import the layers package (tf_keras) before the clock starts, as the eager run does Keras
        tf1.layers.Dense  # noqa: B018
    except Exception:  # noqa: BLE001 - a program that needs it fails on its own
        pass
    tf1.set_random_seed(0)
    _seed()
    start = time.perf_counter()
    _run_script(script)
    record["seconds"] = time.perf_counter() - start
    return record


def _record_cells(tf1):
    """The TF 1.x RNN cells the program builds: their variables and what is needed to lay them out
    as the Keras layer the modernizer maps each cell to."""
    cells = []
    for name, kind in (("BasicLSTMCell", "lstm"), ("LSTMCell", "lstm"), ("GRUCell", "gru"), ("BasicRNNCell", "rnn")):
        cls = getattr(tf1.nn.rnn_cell, name, None)
        if cls is None or "build" not in vars(cls):
            continue

        # defaults bind this class's build and kind now, not the loop's last ones
        def build(self, shape, _build=vars(cls)["build"], _kind=kind):  # noqa: B008
            _build(self, shape)
            cells.append((_kind, self))

        cls.build = build
    return cells


def _keras_layout(variables, values, cells):
    """The original's initial trainable values in the order and layout of the modernized program's
    variables: a TF 1.x cell's one kernel over [inputs, state] becomes Keras' kernel and
    recurrent_kernel with its gates reordered, LSTM's forget_bias moves into the forget gate's bias
    (TF 1.x adds it at every step), GRU's gate and candidate weights merge (Keras order z, r, h)."""
    index = {id(v): i for i, v in enumerate(variables)}
    replace = {}  # position -> arrays standing there in the Keras layout
    for kind, cell in cells:
        units = cell._num_units
        if kind in ("lstm", "rnn"):
            k, b = index.get(id(cell._kernel)), index.get(id(cell._bias))
            if k is None or b is None:
                continue
            kernel, bias = values[k], values[b].copy()
            depth = kernel.shape[0] - units
            if kind == "lstm":  # TF 1.x gates (i, j, f, o) -> Keras (i, f, c=j, o)
                i, j, f, o = (slice(n * units, (n + 1) * units) for n in range(4))
                kernel = np.concatenate([kernel[:, i], kernel[:, f], kernel[:, j], kernel[:, o]], axis=1)
                bias = np.concatenate([bias[i], bias[f] + np.float32(cell._forget_bias), bias[j], bias[o]])
            replace[k] = [kernel[:depth], kernel[depth:]]
            replace[b] = [bias]
        else:
            ids = [index.get(id(v)) for v in (cell._gate_kernel, cell._gate_bias, cell._candidate_kernel,
                                               cell._candidate_bias)]
            if None in ids:
                continue
            gk, gb, ck, cb = (values[i] for i in ids)
            depth = gk.shape[0] - units
            r, u = slice(0, units), slice(units, 2 * units)  # TF 1.x (r, u) -> Keras (z=u, r, h)
            kernel = np.concatenate([gk[:, u], gk[:, r], ck], axis=1)
            replace[ids[0]] = [kernel[:depth], kernel[depth:]]
            replace[ids[1]] = [np.concatenate([gb[u], gb[r], cb])]
            replace[ids[2]] = replace[ids[3]] = []
    out = []
    for i, value in enumerate(values):
        out += replace.get(i, [value])
    return out


def run_eager(script, init_path):
    import tensorflow as tf

    with open(init_path, "rb") as f:
        init = pickle.load(f)
    queue = list(init or [])
    record = {"fetches": [], "unmatched": []}

    def creator(next_creator, **kwargs):
        if kwargs.get("trainable") is None or kwargs.get("trainable"):
            value = kwargs.get("initial_value")
            if callable(value):
                value = value()
            # inside a tf.function trace (a Keras layer built on its first call) the value is symbolic:
            # only its static shape is read; the original's value (and dtype) replaces it
            shape = tuple(value.shape) if hasattr(value, "shape") else tuple(np.shape(value))
            for i, candidate in enumerate(queue):
                if candidate.shape == shape:
                    kwargs["initial_value"] = queue.pop(i)
                    break
            else:
                record["unmatched"].append(shape)
        return next_creator(**kwargs)

    def fetch(value):
        leaves = _leaves(value, [])
        if leaves:
            record["fetches"].append(leaves)
        return value

    builtins.__tfu_fetch__ = fetch

    def unshuffled(self, *args, **kwargs):  # as the graph run's queues: order kept (see _unshuffled_queues)
        record["unshuffled"] = True
        return self

    tf.data.Dataset.shuffle = unshuffled
    tf.keras.layers.Dense  # noqa: B018 - Keras imported before the clock starts
    tf.random.set_seed(0)
    _seed()
    start = time.perf_counter()
    with tf.variable_creator_scope(creator):
        _run_script(script)
    record["seconds"] = time.perf_counter() - start
    record["left"] = [q.shape for q in queue]
    return record


def main():
    mode, script, out, *rest = sys.argv[1:]
    sys.argv = [script]
    sys.path.insert(0, os.path.dirname(os.path.abspath(script)))
    try:
        record = run_graph(script) if mode == "graph" else run_eager(script, rest[0])
    except BaseException as exc:  # noqa: B902 - reported to the parent, not swallowed
        import traceback

        record = {"error": f"{type(exc).__name__}: {exc}", "traceback": traceback.format_exc()[-3000:]}
    with open(out, "wb") as f:
        pickle.dump(record, f)


if __name__ == "__main__":
    main()
