"""Ops whose output count depends on their arguments, built with exactly one output: the next op must get
that output's array, not a one-element list (issue 18: `tf.split(x, 1, axis=1)[0] * 2.0` on a (4, 3)
tensor came back with shape (1, 4, 3)).

`VARIADIC` is checked against the op registry: an op type registered with `list_outputs=True` (the kernel
always returns a list) or named here must have a case, so a new variable-output op cannot go untested.
"""
import numpy as np
import pytest

import tf_upgrade.compat_v1 as tf
from tf_upgrade.compat_v1.ops import registry as R

X = np.arange(12, dtype=np.float32).reshape(4, 3)


def _split_int(x):
    return tf.split(x, 1, axis=1)[0], X


def _split_sizes(x):
    return tf.split(x, [3], axis=1)[0], X


def _split_dimension(x):
    return tf.split(x, x.shape[1] // 3, axis=1)[0], X  # a Dimension, as `x.shape[1] // 3` is in TF 1.x


def _split_minus_one(x):
    return tf.split(x, [-1], axis=0)[0], X


def _unstack(x):
    return tf.unstack(tf.reshape(x, [1, 4, 3]))[0], X


def _unstack_axis(x):
    return tf.unstack(tf.reshape(x, [4, 1, 3]), axis=1)[0], X


def _py_func_list(x):
    return tf.py_func(lambda v: v + 1, [x], [tf.float32])[0], X + 1


def _cond(x):
    return tf.cond(tf.constant(True), lambda: x + 1, lambda: x - 1), X + 1


def _cond_list(x):
    return tf.cond(tf.constant(False), lambda: [x + 1], lambda: [x - 1])[0], X - 1


def _while(x):
    # TF 1.x: a one-element loop_vars list gives back the tensor itself
    return tf.while_loop(lambda v: tf.reduce_sum(v) < 200.0, lambda v: v * 2.0, [x]), X * 4


def _map_fn(x):
    return tf.map_fn(lambda row: row * 3.0, x), X * 3


def _scan(x):
    return tf.scan(lambda acc, row: acc + row, x), np.cumsum(X, axis=0)


def _while_grad(x):
    v = tf.while_loop(lambda i, v: i < 2, lambda i, v: (i + 1, v * v), [tf.constant(0), x])[1]
    return tf.gradients(tf.reduce_sum(v), x)[0], 4 * X ** 3


def _fifo_dequeue(x):
    q = tf.FIFOQueue(4, [tf.float32], shapes=[[4, 3]])
    enqueue = q.enqueue([x])
    with tf.control_dependencies([enqueue]):
        return q.dequeue() + 0.0, X


def _fifo_dequeue_many(x):
    q = tf.FIFOQueue(8, [tf.float32], shapes=[[3]])
    enqueue = q.enqueue_many([x])
    with tf.control_dependencies([enqueue]):
        return tf.identity(q.dequeue_many(4)), X


def _iterator(x):
    return tf.data.Dataset.from_tensors(X).make_one_shot_iterator().get_next(), X


def _decode_csv(x):
    line = tf.constant(["1.5", "2.5"])
    return tf.decode_csv(line, [[0.0]])[0], np.array([1.5, 2.5], np.float32)


def _parse_example(x):
    record = tf.train.Example(features=tf.train.Features(feature={
        "v": tf.train.Feature(float_list=tf.train.FloatList(value=[1.0, 2.0, 3.0]))})).SerializeToString()
    parsed = tf.parse_single_example(tf.constant(record), {"v": tf.FixedLenFeature([3], tf.float32)})
    return parsed["v"], np.array([1.0, 2.0, 3.0], np.float32)


def _train_batch(x):
    return tf.train.batch([x], batch_size=2), np.stack([X, X])  # a one-tensor list batches to that tensor


# op type -> the cases that build it with one output
VARIADIC = {
    "Split": [_split_int, _split_sizes, _split_dimension, _split_minus_one],
    "Unpack": [_unstack, _unstack_axis],
    "PyFunc": [_py_func_list],
    "CfCond": [_cond, _cond_list],
    "CfWhile": [_while, _map_fn, _scan],
    "CfWhileGrad": [_while_grad],
    "FifoQueueDequeue": [_fifo_dequeue, _fifo_dequeue_many],
    "IteratorGetNext": [_iterator],
    "DecodeCSV": [_decode_csv],
    "ParseExample": [_parse_example],
    "QueueBatch": [_train_batch],
}
CASES = [(op_type, case) for op_type, cases in VARIADIC.items() for case in cases]


@pytest.mark.parametrize("op_type,case", CASES, ids=["%s-%s" % (t, c.__name__.strip("_")) for t, c in CASES])
def test_one_output_reaches_the_next_op_as_an_array(op_type, case):
    with tf.Graph().as_default():
        x = tf.constant(X)
        out, expected = case(x)
        doubled = out * 2.0
        assert any(op.type == op_type for op in tf.get_default_graph().get_operations())
        with tf.Session() as sess:
            coord = tf.train.Coordinator()
            tf.train.start_queue_runners(sess, coord)
            value, twice = sess.run([out, doubled])
    np.testing.assert_allclose(value, expected, rtol=1e-6)
    assert twice.shape == np.shape(expected)
    np.testing.assert_allclose(twice, 2 * expected, rtol=1e-6)


def test_every_list_output_op_has_a_case():
    flagged = {t for t, d in R.REGISTRY.items() if d.list_outputs}
    assert flagged <= set(VARIADIC), sorted(flagged - set(VARIADIC))
