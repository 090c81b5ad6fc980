"""TensorFlow 0.x names and argument orders (code of 2016 papers: tkipf/gcn's tf.inv, tf.histogram_summary ...).

Each 0.x name computes what the TF 1.x op it became computes (and what numpy says); TF 0.x's argument
orders of tf.concat/tf.split/tf.reverse are taken only where the arguments' kinds say so, and the TF 1.x
orders keep working; positional cross entropies are refused as TF 1.x refuses them, unless the user says the
program is TF 0.x code (--tf0)."""
import json
import os
import subprocess
import sys

import numpy as np
import pytest

import tf_upgrade.compat_v1 as tf
from tf_upgrade.compat_v1 import tf0

from .core_checking import CheckingSession

RNG = np.random.RandomState(0)
X = RNG.randn(3, 4).astype(np.float32)
Y = RNG.randn(3, 4).astype(np.float32) + 3.0


def run(fetches, feed=None):
    with CheckingSession() as sess:  # every kernel output matches its op's static dtype and shape
        return sess.run(fetches, feed)


@pytest.fixture(autouse=True)
def fresh_graph():
    with tf.Graph().as_default():
        yield


@pytest.mark.parametrize("old, new, args, expected", [
    ("mul", "multiply", (X, Y), X * Y),
    ("sub", "subtract", (X, Y), X - Y),
    ("neg", "negative", (X,), -X),
    ("inv", "reciprocal", (Y,), 1 / Y),
    ("pack", "stack", ([X, Y],), np.stack([X, Y])),
    ("select", "where", (X > 0, X, Y), np.where(X > 0, X, Y)),
    ("arg_max", "argmax", (X, 1), X.argmax(1)),
    ("arg_min", "argmin", (X, 0), X.argmin(0)),
])
def test_renamed_op_computes_what_its_tf1_name_computes(old, new, args, expected):
    got_old, got_new = run([getattr(tf, old)(*args), getattr(tf, new)(*args)])
    np.testing.assert_allclose(got_old, got_new, rtol=1e-6)
    np.testing.assert_allclose(got_old, expected, rtol=1e-6)


def test_unpack_is_unstack():
    old, new = run([tf.unpack(X, axis=1), tf.unstack(X, axis=1)])
    assert len(old) == 4
    for a, b, c in zip(old, new, X.T):
        np.testing.assert_array_equal(a, b)
        np.testing.assert_array_equal(a, c)


def test_select_takes_its_own_keywords():
    np.testing.assert_array_equal(run(tf.select(X > 0, t=X, e=Y)), np.where(X > 0, X, Y))


def test_arg_max_output_type():
    out = tf.arg_max(X, 1, tf.int32)
    assert out.dtype == tf.int32
    np.testing.assert_array_equal(run(out), X.argmax(1))


def test_batch_matmul_adjoints_are_matmul_transposes():
    a = RNG.randn(2, 3, 4).astype(np.float32)
    b = RNG.randn(2, 5, 4).astype(np.float32)
    old, new = run([tf.batch_matmul(a, b, adj_y=True), tf.matmul(a, b, adjoint_b=True)])
    np.testing.assert_allclose(old, new, rtol=1e-6)
    np.testing.assert_allclose(old, a @ b.transpose(0, 2, 1), rtol=1e-5)
    c = RNG.randn(2, 3, 5).astype(np.float32)
    np.testing.assert_allclose(run(tf.batch_matmul(a, c, adj_x=True)), a.transpose(0, 2, 1) @ c, rtol=1e-5)


def test_variables_and_initializers_under_their_0x_names():
    v = tf.Variable(X, name="v")
    w = tf.Variable(Y, name="w")
    local = tf.Variable(1.0, collections=[tf.GraphKeys.LOCAL_VARIABLES], name="local")
    assert tf.all_variables() == tf.global_variables() == [v, w]
    assert tf.get_collection(tf.GraphKeys.VARIABLES) == [v, w]
    with tf.Session() as sess:
        sess.run(tf.initialize_variables([v]))
        np.testing.assert_array_equal(sess.run(v), X)
        assert not sess.run(tf.is_variable_initialized(w))
        sess.run(tf.initialize_all_variables())
        sess.run(tf.initialize_local_variables())
        assert sess.run(local) == 1.0


def test_reductions_take_reduction_indices_and_keep_dims():
    got = run([tf.reduce_sum(X, reduction_indices=[1], keep_dims=True), tf.reduce_mean(X, reduction_indices=0),
               tf.reduce_max(X, reduction_indices=1, keep_dims=True), tf.argmax(X, dimension=1)])
    np.testing.assert_allclose(got[0], X.sum(1, keepdims=True), rtol=1e-6)
    np.testing.assert_allclose(got[1], X.mean(0), rtol=1e-6)
    np.testing.assert_allclose(got[2], X.max(1, keepdims=True), rtol=1e-6)
    np.testing.assert_array_equal(got[3], X.argmax(1))


def test_per_image_whitening_is_per_image_standardization():
    image = RNG.rand(5, 6, 3).astype(np.float32) * 255
    old, new = run([tf.image.per_image_whitening(image), tf.image.per_image_standardization(image)])
    np.testing.assert_array_equal(old, new)
    np.testing.assert_allclose(old, (image - image.mean()) / image.std(), rtol=1e-4, atol=1e-5)


def test_nn_rnn_is_static_rnn():
    assert tf.nn.rnn is tf.nn.static_rnn
    cell = tf.nn.rnn_cell.BasicRNNCell(3)
    outputs, state = tf.nn.rnn(cell, [tf.constant(X[:, :2]), tf.constant(X[:, 2:])], dtype=tf.float32)
    assert len(outputs) == 2 and outputs[-1].get_shape().as_list() == [3, 3]


# ---- argument orders TF 1.0 changed -------------------------------------------------------------------


def test_concat_both_orders():
    expected = np.concatenate([X, Y], 1)
    dim = tf.placeholder_with_default(np.int32(1), [])
    got = run([tf.concat(1, [X, Y]), tf.concat([X, Y], 1), tf.concat(concat_dim=1, values=[X, Y]),
               tf.concat(values=[X, Y], axis=1), tf.concat(np.int64(1), (X, Y)), tf.concat(dim, [X, Y]),
               tf.concat(-1, [X, Y])])
    for g in got:
        np.testing.assert_array_equal(g, expected)


def test_concat_0x_order_has_the_gradients_of_concat():
    a, b = tf.constant(X), tf.constant(Y)
    old = tf.gradients(tf.reduce_sum(tf.concat(0, [a, b]) * np.arange(6.0, dtype=np.float32)[:, None]), [a, b])
    new = tf.gradients(tf.reduce_sum(tf.concat([a, b], 0) * np.arange(6.0, dtype=np.float32)[:, None]), [a, b])
    for o, n in zip(run(old), run(new)):
        np.testing.assert_array_equal(o, n)


def test_concat_without_axis_is_an_error():
    with pytest.raises(TypeError, match="axis"):
        tf.concat([X, Y])
    with pytest.raises(TypeError, match="concat_dim"):
        tf.concat([X, Y], 1, concat_dim=1)


def test_split_both_orders():
    x = np.arange(24, dtype=np.float32).reshape(4, 6)
    forms = [tf.split(1, 3, x), tf.split(x, 3, 1), tf.split(x, 3, axis=1), tf.split(split_dim=1, num_split=3, value=x),
             tf.split(x, num_split=3, split_dim=1), tf.split(1, 3, tf.constant(x))]
    for parts in run(forms):
        assert len(parts) == 3
        for p, e in zip(parts, np.split(x, 3, axis=1)):
            np.testing.assert_array_equal(p, e)


def test_split_0x_fourth_argument_is_the_name():
    parts = tf.split(0, 2, X[:2], "halves")
    assert [p.op.name for p in parts] == ["halves", "halves"]
    assert parts[0].name == "halves:0" and parts[1].name == "halves:1"


def test_split_1x_order_with_an_integer_axis_is_not_reordered():
    parts = tf.split(tf.constant(X), [1, 3], 1)
    assert [p.get_shape().as_list() for p in parts] == [[3, 1], [3, 3]]


def test_reverse_with_a_0x_bool_mask():
    expected = X[:, ::-1]
    mask = tf.placeholder(tf.bool, [2])
    got = run([tf.reverse(X, [False, True]), tf.reverse(X, np.array([False, True])), tf.reverse(X, dims=[False, True]),
               tf.reverse(X, [1]), tf.reverse(X, mask), tf.reverse(X, [np.bool_(False), np.bool_(True)])],
              {mask: [False, True]})
    for g in got:
        np.testing.assert_array_equal(g, expected)
    np.testing.assert_array_equal(run(tf.reverse(X, [True, True])), X[::-1, ::-1])
    np.testing.assert_array_equal(run(tf.reverse(X, [False, False])), X)


def test_reverse_mask_gradient_and_length_check():
    a = tf.constant(X)
    g = tf.gradients(tf.reduce_sum(tf.reverse(a, [True, False]) * np.arange(12.0, dtype=np.float32).reshape(3, 4)),
                     a)[0]
    np.testing.assert_array_equal(run(g), np.arange(12.0).reshape(3, 4)[::-1])
    with pytest.raises(ValueError, match="rank"):
        tf.reverse(a, [True, False, True])


XENT_LABELS = {"softmax_cross_entropy_with_logits": np.eye(4, dtype=np.float32)[[0, 3, 1]],
               "sparse_softmax_cross_entropy_with_logits": np.array([0, 3, 1], np.int32),
               "sigmoid_cross_entropy_with_logits": (Y > 3).astype(np.float32)}


@pytest.mark.parametrize("fn", sorted(XENT_LABELS))
def test_positional_cross_entropy_is_refused_as_in_tf1(fn, monkeypatch):
    """TF 0.x took (logits, labels), TF 2 takes (labels, logits): both orders are plausible, so no guess
    without the user's word, and the error says how to give it."""
    monkeypatch.delenv(tf0.ENV, raising=False)
    with pytest.raises(ValueError, match="named arguments") as raised:
        getattr(tf.nn, fn)(X, XENT_LABELS[fn])
    assert "TF 0.x read them as (logits, labels)" in str(raised.value)
    assert "(called at %s:" % __file__ in str(raised.value)
    assert "python -m tf_upgrade.compat_v1 --tf0" in str(raised.value)


@pytest.mark.parametrize("fn", sorted(XENT_LABELS))
def test_positional_cross_entropy_reads_as_tf0_on_the_users_word(fn, monkeypatch):
    monkeypatch.setenv(tf0.ENV, "1")
    labels = XENT_LABELS[fn]
    positional, named = run([getattr(tf.nn, fn)(X, labels), getattr(tf.nn, fn)(labels=labels, logits=X)])
    np.testing.assert_array_equal(positional, named)
    # a third positional was 0.x's dim/name: the call is still refused rather than read some way
    with pytest.raises(ValueError, match="named arguments"):
        getattr(tf.nn, fn)(X, labels, -1)


def test_sigmoid_cross_entropy_takes_0x_targets_keyword():
    z = (Y > 3).astype(np.float32)
    old, new = run([tf.nn.sigmoid_cross_entropy_with_logits(logits=X, targets=z),
                    tf.nn.sigmoid_cross_entropy_with_logits(logits=X, labels=z)])
    np.testing.assert_array_equal(old, new)
    np.testing.assert_allclose(old, np.maximum(X, 0) - X * z + np.log1p(np.exp(-np.abs(X))), rtol=1e-5)


# ---- summaries that take a tag ----------------------------------------------------------------------


def _values(serialized):
    return {v.tag: v for v in tf.Summary.FromString(serialized).value}


def test_tag_summaries_keep_the_tag_as_given_inside_a_name_scope():
    with tf.name_scope("layer"):
        old = tf.histogram_summary("weights/hist", X)
        new = tf.summary.histogram("weights/hist", X)
        scalar = tf.scalar_summary("loss", tf.reduce_sum(X))
    assert old.op.name == "layer/HistogramSummary" and scalar.op.name == "layer/ScalarSummary"
    got_old, got_new, got_scalar = run([old, new, scalar])
    assert list(_values(got_old)) == ["weights/hist"]
    assert list(_values(got_new)) == ["layer/weights/hist"]
    h = _values(got_old)["weights/hist"].histo
    assert (h.min, h.max, h.num) == (float(X.min()), float(X.max()), X.size)
    np.testing.assert_allclose(_values(got_scalar)["loss"].simple_value, X.sum(), rtol=1e-6)


def test_scalar_summary_takes_a_tag_per_value_and_merge_all_summaries():
    both = tf.scalar_summary(["a", "b"], tf.pack([tf.reduce_min(X), tf.reduce_max(X)]))
    tf.histogram_summary("x", X)
    merged = tf.merge_all_summaries()
    assert merged.op.name == "MergeSummary"
    got_both, got_merged = run([both, merged])
    values = _values(got_both)
    assert [values["a"].simple_value, values["b"].simple_value] == pytest.approx([X.min(), X.max()])
    assert sorted(_values(got_merged)) == ["a", "b", "x"]
    with pytest.raises(tf.errors.InvalidArgumentError, match="not the same shape"):
        run(tf.scalar_summary(["a", "b", "c"], tf.pack([1.0, 2.0])))


def test_merge_summary_and_collections():
    s = tf.histogram_summary("x", X, collections=["mine"])
    assert tf.get_collection("mine") == [s] and tf.merge_all_summaries() is None
    assert sorted(_values(run(tf.merge_summary([s, tf.scalar_summary("y", 2.0)])))) == ["x", "y"]


def test_image_summary_tags():
    images = RNG.rand(2, 4, 4, 3).astype(np.float32)
    assert sorted(_values(run(tf.image_summary("img", images)))) == ["img/image/0", "img/image/1"]
    assert list(_values(run(tf.image_summary("one", images, max_images=1)))) == ["one/image"]


def test_contrib_deprecated_summaries_are_the_tag_summaries():
    for name in ["scalar_summary", "histogram_summary", "image_summary", "merge_summary", "merge_all_summaries"]:
        assert getattr(tf.contrib.deprecated, name) is getattr(tf, name)
    assert tf.train.SummaryWriterCache is tf.summary.FileWriterCache


def test_summary_writer_writes_events(tmp_path):
    assert tf.train.SummaryWriter is tf.summary.FileWriter
    summary = run(tf.scalar_summary("loss", 0.5))
    writer = tf.train.SummaryWriter(str(tmp_path), tf.get_default_graph())
    writer.add_summary(summary, 3)
    writer.close()
    files = os.listdir(str(tmp_path))
    assert len(files) == 1 and files[0].startswith("events.out.tfevents.")
    events = list(tf.train.summary_iterator(os.path.join(str(tmp_path), files[0])))
    assert any(e.get("step") == 3 and e.get("summary") for e in events)


def test_resize_images_both_signatures():
    images = RNG.rand(2, 8, 6, 3).astype(np.float32)
    height = tf.placeholder(tf.int32, [])
    nearest = tf.image.ResizeMethod.NEAREST_NEIGHBOR
    new = [tf.image.resize_images(images, [4, 5]), tf.image.resize_images(images, [4, 5], nearest),
           tf.image.resize_images(images, [4, 5], align_corners=True)]
    old = [[tf.image.resize_images(images, 4, 5), tf.image.resize_images(images, new_height=4, new_width=5),
            tf.image.resize_images(images, height, 5), tf.image.resize_images(images, np.int64(4), 5)],
           [tf.image.resize_images(images, 4, 5, nearest)],
           [tf.image.resize_images(images, 4, 5, tf.image.ResizeMethod.BILINEAR, True)]]
    got_new, got_old = run([new, old], {height: 4})
    for expected, forms in zip(got_new, got_old):
        assert expected.shape == (2, 4, 5, 3)
        for g in forms:
            np.testing.assert_array_equal(g, expected)
    assert not np.array_equal(got_new[0], got_new[1]) and not np.array_equal(got_new[0], got_new[2])


def test_nn_seq2seq_holds_the_legacy_sequence_losses(tmp_path):
    assert tf.nn.seq2seq.sequence_loss_by_example is tf.contrib.legacy_seq2seq.sequence_loss_by_example
    assert tf.nn.seq2seq.sequence_loss is tf.contrib.legacy_seq2seq.sequence_loss
    with pytest.raises(tf.errors.UnsupportedSymbolError, match="tf.nn.seq2seq.rnn_decoder"):
        _ = tf.nn.seq2seq.rnn_decoder
    script = tmp_path / "ptb_loss.py"
    script.write_text(
        "import numpy as np\n"
        "import tensorflow as tf\n"
        "from tensorflow.python.ops import seq2seq\n"
        "logits = tf.constant(np.log([[0.5, 0.25, 0.25], [0.1, 0.1, 0.8]]).astype(np.float32))\n"
        "loss = seq2seq.sequence_loss_by_example([logits], [tf.constant([0, 2])], [tf.ones([2])])\n"
        "print(tf.Session().run(loss).tolist())\n")
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    proc = subprocess.run([sys.executable, "-m", "tf_upgrade.compat_v1", str(script)], capture_output=True, text=True,
                          env=dict(os.environ, PYTHONPATH=root), timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert json.loads(proc.stdout) == pytest.approx([-np.log(0.5), -np.log(0.8)], rel=1e-4)


def test_run_command_tf0_flag_reads_a_positional_cross_entropy_as_tf0(tmp_path):
    script = tmp_path / "xent0.py"
    script.write_text(
        "import numpy as np\n"
        "import tensorflow as tf\n"
        "logits = tf.constant([[2.0, 0.5, 0.1]])\n"
        "labels = tf.constant([[0.0, 1.0, 0.0]])\n"
        "print(float(tf.Session().run(tf.nn.softmax_cross_entropy_with_logits(logits, labels))[0]))\n")
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    env = dict(os.environ, PYTHONPATH=root)
    env.pop(tf0.ENV, None)
    cmd = [sys.executable, "-m", "tf_upgrade.compat_v1"]
    refused = subprocess.run(cmd + [str(script)], capture_output=True, text=True, env=env, timeout=120)
    assert refused.returncode == 1 and "--tf0" in refused.stderr and "xent0.py:5" in refused.stderr
    read = subprocess.run(cmd + ["--tf0", str(script)], capture_output=True, text=True, env=env, timeout=120)
    assert read.returncode == 0, read.stderr[-2000:]
    z = np.array([2.0, 0.5, 0.1])
    assert float(read.stdout) == pytest.approx(np.log(np.exp(z).sum()) - 0.5, rel=1e-6)


@pytest.mark.parametrize("dtype, real", [(np.complex64, np.float32), (np.complex128, np.float64)])
def test_abs_of_a_complex_tensor_is_real_and_complex_abs_is_its_0x_name(dtype, real):
    z = (X + 1j * Y).astype(dtype)
    for out in (tf.abs(z), tf.complex_abs(z)):  # the static dtype was complex: a kernel/infer disagreement
        assert out.dtype == tf.as_dtype(real)
        got = run(out)
        assert got.dtype == real
        np.testing.assert_allclose(got, np.abs(z), rtol=1e-6)
    with pytest.raises(TypeError, match="complex"):
        tf.complex_abs(X)
    zp = tf.placeholder(tf.as_dtype(dtype), [3, 4])
    with pytest.raises(LookupError, match="No gradient"):  # refused, not a wrong gradient
        tf.gradients(tf.reduce_sum(tf.abs(zp)), [zp])
