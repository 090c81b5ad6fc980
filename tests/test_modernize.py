"""tf-upgrade modernize without TensorFlow: what the lift produces for the example corpus
(examples/modernize/), its shape (parses, no TF 1.x API left, idempotent), the CLI.
The TF-backed comparison of original and modernized runs is tests/test_modernize_tf.py."""
import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tf_upgrade.modernize import legacy_use, modernize_text

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "examples" / "modernize"
# program -> "modernized" or the rule that declines it (the README's table)
EXPECTED = json.loads((CORPUS / "expected.json").read_text())


def test_the_corpus_is_complete():
    assert sorted(p.stem for p in CORPUS.glob("*.py")) == sorted(EXPECTED)
    assert len(EXPECTED) >= 12


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_corpus_program(name):
    text = (CORPUS / f"{name}.py").read_text()
    result = modernize_text(text, f"{name}.py")
    rules = [d.rule for d in result.diagnostics if d.rule.startswith("TFU5")]
    if EXPECTED[name] == "modernized":
        assert rules == ["TFU500"], [d.format() for d in result.diagnostics]
        assert legacy_use(result.code) is None
        tree = ast.parse(result.code)
        names = {ast.unparse(n) for n in ast.walk(tree) if isinstance(n, ast.Attribute)}
        names |= {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)}
        names |= {k.arg for n in ast.walk(tree) if isinstance(n, ast.Call) for k in n.keywords}
        names |= {a.name for n in ast.walk(tree) if isinstance(n, (ast.Import, ast.ImportFrom)) for a in n.names}
        for name in names:
            assert not name.startswith(("tf.compat.v1", "tf.Session", "tf.InteractiveSession", "tf.placeholder",
                                        "tf.layers", "tf.contrib", "tf_keras", "tf.train.Saver")), name
            assert name not in ("feed_dict", "disable_eager_execution", "tf_keras"), name
        assert "@tf.function" in result.code or "get_next()" in result.code  # a step, or batches read as they are
        again = modernize_text(result.code, f"{name}.py")
        assert again.code == result.code
        assert [d.rule for d in again.diagnostics if d.rule.startswith("TFU5")] == ["TFU501"]
    else:
        assert rules[:1] == [EXPECTED[name]], [d.format() for d in result.diagnostics]
        assert "TFU500" not in rules


def test_instrumented_output_routes_every_fetch():
    text = (CORPUS / "linear_regression.py").read_text()
    plain = modernize_text(text, "a.py").code
    hooked = modernize_text(text, "a.py", instrument=True).code
    assert "__tfu_fetch__" not in plain
    assert hooked.count("__tfu_fetch__(") == text.count("sess.run(") - 1  # the initializer run vanishes


def test_adam_epsilon_and_tf1_defaults_are_spelled_out():
    code = modernize_text((ROOT / "tests/fixtures/TFU500/train_loop.py").read_text(), "a.py").code
    assert "tf.keras.optimizers.Adam(learning_rate=0.01, epsilon=1e-08)" in code


def test_a_declined_file_gets_the_ordinary_conversion():
    from tf_upgrade import upgrade_source

    text = (ROOT / "tests/fixtures/TFU508/rmsprop.py").read_text()
    result = modernize_text(text, "a.py")
    assert result.code == upgrade_source(text, "a.py").code
    first = result.diagnostics[0]
    assert (first.rule, first.line) == ("TFU508", 6) and "mean square" in first.message


def _cli(*args, stdin=None):
    return subprocess.run([sys.executable, "-m", "tf_upgrade.cli", *args], input=stdin, capture_output=True,
                          text=True, cwd=ROOT, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})


@pytest.mark.slow
def test_cli_stdin_and_check(tmp_path):
    text = (CORPUS / "linear_regression.py").read_text()
    out = _cli("modernize", "-", stdin=text)
    assert out.returncode == 0, out.stderr
    assert out.stdout == modernize_text(text, "<stdin>").code
    assert "TFU500" in out.stderr
    target = tmp_path / "prog.py"
    target.write_text(text)
    assert _cli("modernize", "--check", str(target)).returncode == 1
    assert target.read_text() == text
    assert _cli("modernize", str(target)).returncode == 0
    assert target.read_text() == out.stdout
    assert _cli("modernize", "--check", str(target)).returncode == 0


def test_readme_before_after_is_what_the_tool_does():
    readme = (ROOT / "README.md").read_text()
    section = readme[readme.index("## Modernize"):]
    blocks = section.split("```python\n")
    before, after = blocks[1].split("\n```")[0] + "\n", blocks[2].split("\n```")[0] + "\n"
    assert before == (CORPUS / "mlp_layers.py").read_text()
    assert modernize_text(before, "mlp_layers.py").code == after


LSTM = (CORPUS / "lstm_dynamic_rnn.py").read_text()


@pytest.mark.parametrize("old,new,rule,says", [
    ("BasicLSTMCell(12)", "BasicLSTMCell(12, forget_bias=2.0)", "TFU508", "only forget_bias 1.0 or 0.0"),
    ("BasicLSTMCell(12)", "BasicLSTMCell(12, state_is_tuple=False)", "TFU508", "concatenates (c, h)"),
    ("BasicLSTMCell(12)", "LSTMCell(12, use_peepholes=True)", "TFU508", "peephole"),
    ("BasicLSTMCell(12)", "LSTMCell(12, num_proj=4)", "TFU508", "projection"),
    ("BasicLSTMCell(12)", "LSTMCell(12, initializer=tf.glorot_uniform_initializer())", "TFU508",
     "do not depend on the shape"),
    ("BasicLSTMCell(12)", "MultiRNNCell([tf.nn.rnn_cell.BasicLSTMCell(12)])", "TFU508", "MultiRNNCell"),
    ("BasicLSTMCell(12)", "DropoutWrapper(tf.nn.rnn_cell.BasicLSTMCell(12))", "TFU508", "dropout masks"),
    ("state.h, 1", "tf.concat(state, 1), 1", "TFU508", "LSTMStateTuple"),
    ("[None, 7, 3]", "[None, 7, None]", "TFU508", "not known statically"),
    ("dtype=tf.float32)", "dtype=tf.float32, time_major=True)", "TFU508", "time_major"),
    ("(cell, x, dtype=tf.float32)", "(cell, x * 2.0, dtype=tf.float32, sequence_length=[7] * 16)", "TFU508",
     "named inputs tensor"),
    ("dtype=tf.float32)", "dtype=tf.float32, initial_state=cell.zero_state(16, tf.float32))", "TFU508",
     "initial state"),
    ("pred = tf.layers.dense(state.h, 1)", "pred = tf.layers.dense(state.h, 1)\nagain, _ = tf.nn.dynamic_rnn("
     "cell, x, dtype=tf.float32, scope='again')", "TFU509", "run twice"),
    ("[train_op, loss]", "[train_op, state]", "TFU502", "state"),
])
def test_recurrent_cases_the_lifter_declines(old, new, rule, says):
    text = LSTM.replace(old, new)
    assert text != LSTM
    first = modernize_text(text, "a.py").diagnostics[0]
    assert first.rule == rule and says in first.message, first.format()


def test_lstm_becomes_a_keras_lstm_with_tf1_initial_distributions():
    code = modernize_text(LSTM, "a.py").code
    assert "cell_init_limit = (6 / (3 + 5 * 12)) ** 0.5" in code  # glorot over [3 + 12, 4 * 12]
    assert "outputs, state_h, state_c = cell_layer(x)" in code and "pred = pred_layer(state_h)" in code
    assert "unit_forget_bias" not in code  # forget_bias=1.0 is Keras' default unit_forget_bias=True
    zero = modernize_text(LSTM.replace("BasicLSTMCell(12)", "LSTMCell(12, forget_bias=0.0, initializer="
                                       "tf.random_uniform_initializer(-0.1, 0.1))"), "a.py").code
    assert "unit_forget_bias=False" in zero
    assert "kernel_initializer=tf.keras.initializers.RandomUniform(-0.1, 0.1)" in zero
    assert "recurrent_initializer=tf.keras.initializers.RandomUniform(-0.1, 0.1)" in zero
    masked = modernize_text((CORPUS / "lstm_sequence_length.py").read_text(), "a.py").code
    assert "zero_output_for_mask=True" in masked  # TF 1.x zeroes the outputs past each length
    assert "cell_layer(x, mask=tf.sequence_mask(length, maxlen=tf.shape(x)[1]))" in masked


STATIC = (CORPUS / "lstm_static_rnn.py").read_text()
BIDI_LSTM = (CORPUS / "bidirectional_lstm.py").read_text()
BIDI_GRU = (CORPUS / "bidirectional_gru.py").read_text()


def test_static_and_bidirectional_rnns_become_keras_layers():
    static = modernize_text(STATIC, "a.py").code
    # the list of steps is stacked into [batch, time, depth]; the outputs unstacked back into TF 1.x's list
    assert "outputs_sequence, state_h, state_c = cell_layer(tf.stack(steps, axis=1))" in static
    assert "outputs = tf.unstack(outputs_sequence, axis=1)" in static
    assert "cell_init_limit = (6 / (4 + 5 * 10)) ** 0.5" in static  # depth from the unstacked placeholder
    lstm = modernize_text(BIDI_LSTM, "a.py").code
    assert "go_backwards=True" in lstm and "merge_mode=None" in lstm
    assert "out_fw, out_bw, state_fw_h, state_fw_c, state_bw_h, state_bw_c = bidirectional_layer(x)" in lstm
    gru = modernize_text(BIDI_GRU, "a.py").code
    # the outputs tuple read whole is rebuilt; Bidirectional re-creates its layers from their config
    assert "outputs_fw, outputs_bw, last_fw, last_bw = encoder_layer(x)" in gru
    assert "outputs = (outputs_fw, outputs_bw)" in gru
    assert gru.count('@tf.keras.utils.register_keras_serializable(package="modernized")') == 4
    assert "lambda" not in gru


@pytest.mark.parametrize("text,old,new,rule,says", [
    (BIDI_LSTM, "(forward, backward, x,", "(forward, forward, x,", "TFU509", "both directions"),
    (BIDI_LSTM, "dtype=tf.float32)", "dtype=tf.float32, sequence_length=[5] * 12)", "TFU508", "sequence_length"),
    (BIDI_LSTM, "(state_fw, state_bw) = tf", "states = tf", "TFU508", "read as one tuple"),
    (BIDI_LSTM, "dtype=tf.float32)", "dtype=tf.float32, initial_state_fw=forward.zero_state(12, tf.float32))",
     "TFU508", "initial state"),
    (STATIC, "tf.unstack(x, 6, 1)", "tf.unstack(x, 6, 2)", "TFU508", "unstack it along axis 1"),
    (STATIC, "dtype=tf.float32)", "dtype=tf.float32, sequence_length=[6] * 32)", "TFU508", "sequence_length"),
    (STATIC, "outputs, state = tf.nn.static_rnn", "outputs, (c, h) = tf.nn.static_rnn", "TFU502", "bound to a name"),
])
def test_static_and_bidirectional_cases_the_lifter_declines(text, old, new, rule, says):
    changed = text.replace(old, new)
    assert changed != text
    first = modernize_text(changed, "a.py").diagnostics[0]
    assert first.rule == rule and says in first.message, first.format()


STACKED = (CORPUS / "lstm_multi_rnn_cell.py").read_text()


def test_a_multi_rnn_cell_becomes_keras_rnn_over_its_cells():
    code = modernize_text(STACKED, "a.py").code
    # each cell's glorot limit uses its own input depth: the lower cell's units for the upper one
    assert "cell_0_init_limit = (6 / (3 + 5 * 8)) ** 0.5" in code and "cell_1_init_limit = (6 / (8 + 5 * 6)) ** 0.5" in code
    assert "cell_layer = tf.keras.layers.RNN([\n    tf.keras.layers.LSTMCell(units=8," in code
    assert "outputs, (state_0_h, state_0_c), (state_1_h, state_1_c) = cell_layer(x)" in code
    assert "tf.concat([state_1_h, state_0_c], axis=1)" in code  # state[-1].h, state[0].c
    gru = modernize_text(STACKED.replace("[tf.nn.rnn_cell.LSTMCell(8), tf.nn.rnn_cell.LSTMCell(6)]",
                                         "[tf.nn.rnn_cell.GRUCell(6) for _ in range(3)]").replace(
        "[state[-1].h, state[0].c]", "[state[2], state[0]]"), "a.py").code
    assert "tf.keras.layers.GRUCell(units=6," in gru and gru.count("reset_after=False") == 3
    assert "outputs, (state_0,), (state_1,), (state_2,) = cell_layer(x)" in gru
    assert "tf.concat([state_2, state_0], axis=1)" in gru


@pytest.mark.parametrize("old,new,rule,says", [
    ("LSTMCell(6)])", "LSTMCell(6)], state_is_tuple=False)", "TFU508", "state_is_tuple=False"),
    ("[tf.nn.rnn_cell.LSTMCell(8), tf.nn.rnn_cell.LSTMCell(6)]", "[tf.nn.rnn_cell.LSTMCell(8) for _ in range(len(x.shape))]",
     "TFU508", "literal n"),
    ("[tf.nn.rnn_cell.LSTMCell(8), tf.nn.rnn_cell.LSTMCell(6)]", "[tf.nn.rnn_cell.LSTMCell(8 * (k + 1)) for k in range(2)]",
     "TFU508", "differ per iteration"),
    ("state[-1].h", "state[-1]", "TFU508", "used whole"),
    ("state[-1].h", "state[2].h", "TFU508", "literal index"),
    ("tf.nn.rnn_cell.LSTMCell(6)]", "tf.nn.rnn_cell.LSTMCell(6, use_peepholes=True)]", "TFU508", "peephole"),
    ("outputs, state = tf.nn.dynamic_rnn(cell, x, dtype=tf.float32)",
     "back = tf.nn.rnn_cell.LSTMCell(4)\n"
     "(outputs, _), (state, _) = tf.nn.bidirectional_dynamic_rnn(cell, back, x, dtype=tf.float32)",
     "TFU508", "MultiRNNCell"),
])
def test_multi_rnn_cell_cases_the_lifter_declines(old, new, rule, says):
    text = STACKED.replace(old, new)
    assert text != STACKED
    first = modernize_text(text, "a.py").diagnostics[0]
    assert first.rule == rule and says in first.message, first.format()


DECAY = (CORPUS / "lr_decay_losses.py").read_text().replace(
    "global_step = tf.train", "rate = tf.placeholder(tf.float32, [])\nglobal_step = tf.train")


@pytest.mark.parametrize("old,new,rule,says", [
    ("huber_loss(target, amount, delta=0.5)", "huber_loss(target, amount, weights=2.0)", "TFU508", "non-zero weights"),
    ("huber_loss(target, amount, delta=0.5)", "huber_loss(target, amount, loss_collection='mine')", "TFU505",
     "collection"),
    ("huber_loss(target, amount, delta=0.5)", "log_loss(target, amount)", "TFU508", "epsilon inside the logarithms"),
    ("minimize(loss, global_step=global_step)", "minimize(loss)", "TFU508", "does not increment"),
    ("global_step = tf.train.get_or_create_global_step()", "global_step = tf.Variable(5, trainable=False)", "TFU508",
     "does not start at 0"),
    ("tf.train.exponential_decay(0.5, global_step, decay_steps=3, decay_rate=0.5, staircase=True)",
     "tf.train.natural_exp_decay(0.5, global_step, 3, 0.5)", "TFU508", "exp(-decay_rate"),
    ("tf.train.GradientDescentOptimizer(learning_rate)", "tf.train.RMSPropOptimizer(learning_rate)", "TFU508",
     "mean square accumulator at 1.0"),
    ("tf.train.GradientDescentOptimizer(learning_rate)", "tf.train.MomentumOptimizer(learning_rate, 0.9)", "TFU508",
     "accumulates gradients and scales the sum by the current rate"),
    ("tf.train.GradientDescentOptimizer(learning_rate)", "tf.train.AdamOptimizer(0.1, beta1=rate)", "TFU508",
     "`beta1` computed from the graph value `rate` (a placeholder)"),
    ("tf.train.GradientDescentOptimizer(learning_rate)", "tf.train.GradientDescentOptimizer(rate)", "TFU502",
     "placeholder `rate` is needed by this run but not fed"),
])
def test_losses_and_schedules_the_lifter_declines(old, new, rule, says):
    text = DECAY.replace(old, new)
    assert text != DECAY
    first = modernize_text(text, "a.py").diagnostics[0]
    assert first.rule == rule and says in first.message, first.format()


def test_losses_become_keras_loss_objects_and_the_rate_a_schedule():
    code = modernize_text(DECAY, "a.py").code
    assert ("tf.keras.losses.SparseCategoricalCrossentropy(from_logits=True)(y, logits) + "
            "0.5 * tf.keras.losses.Huber(delta=0.5)(target, amount)") in code
    assert ("tf.keras.optimizers.schedules.ExponentialDecay(initial_learning_rate=0.5,decay_steps=3,decay_rate=0.5,"
            "staircase=True,)") in "".join(code.split())
    assert "optimizer = tf.keras.optimizers.SGD(learning_rate=learning_rate)" in code
    # the fetched rate is the one this step used: the schedule at the count before the increment
    assert code.index("learning_rate_value = learning_rate(global_step)") < code.index("global_step.assign_add(1)")


BATCH_NORM = (CORPUS / "batch_norm_update_ops.py").read_text()


@pytest.mark.parametrize("old,new,rule,says", [
    ("update_ops = tf.get_collection(tf.GraphKeys.UPDATE_OPS)\nwith tf.control_dependencies(update_ops):\n    "
     "train_op", "train_op", "TFU505", "without its UPDATE_OPS"),
    ("training: False})", "training: True})", "TFU505", "without its UPDATE_OPS"),
    ("training: False})", "training: step > 2})", "TFU502", "other than True or False"),
    ("tf.control_dependencies(update_ops)", "tf.control_dependencies([loss])", "TFU504", "UPDATE_OPS collection"),
    ("x = tf.placeholder(tf.float32, [None, 6])", "x = tf.placeholder(tf.float32, [None, 6])\nrows = tf.shape(x)",
     None, None),
    ("tf.layers.dense(x, 8, activation=tf.nn.relu), training=training)",
     "tf.reshape(tf.layers.dense(x, 8, activation=tf.nn.relu), [-1, 2, 2, 2]), training=training)", "TFU508",
     "Bessel"),
    ("training=training)\nh = tf.layers.dropout", "training=training, renorm=True)\nh = tf.layers.dropout", "TFU508",
     "renorm"),
    ("loss = tf.reduce_mean(tf.square(pred - y))", "loss = tf.reduce_mean(tf.square(pred - y)) + tf.cast(training, "
     "tf.float32)", "TFU508", "training flag and a tensor"),
])
def test_batch_norm_cases_the_lifter_declines(old, new, rule, says):
    text = BATCH_NORM.replace(old, new)
    assert text != BATCH_NORM
    result = modernize_text(text, "a.py")
    first = result.diagnostics[0]
    if rule is None:  # a neutral change: still lifted
        assert first.rule == "TFU500", first.format()
        return
    assert first.rule == rule and says in first.message, first.format()


def test_batch_norm_training_flag_is_written_into_each_function():
    code = modernize_text(BATCH_NORM, "a.py").code
    assert "h = h_layer(h_layer_2(x), training=True)" in code.split("def compute_loss")[0]
    assert "h = h_layer(h_layer_2(x), training=False)" in code.split("def compute_loss")[1]
    assert "tf.bool" not in code  # the flag is no parameter
    four_d = BATCH_NORM.replace("tf.layers.dense(x, 8, activation=tf.nn.relu), training=training)",
                                "tf.reshape(tf.layers.dense(x, 8, activation=tf.nn.relu), [-1, 2, 2, 2]), "
                                "training=training, fused=False)")
    assert "BatchNormalization()" in modernize_text(four_d, "a.py").code  # fused=False: what Keras computes


def test_readme_queue_pipeline_before_after_is_what_the_tool_does():
    readme = (ROOT / "README.md").read_text()
    section = readme[readme.index("### Program shapes and input pipelines"):]
    blocks = section.split("```python\n")
    before, after = blocks[1].split("```")[0], blocks[2].split("```")[0]
    assert before == (CORPUS / "csv_queue_training.py").read_text()
    assert modernize_text(before, "csv_queue_training.py").code == after


def test_a_fed_learning_rate_is_set_by_each_training_step():
    text = (CORPUS / "fed_learning_rate.py").read_text()
    code = modernize_text(text, "a.py").code
    assert "optimizer = tf.keras.optimizers.Adam(learning_rate=0.0, epsilon=1e-08)" in code
    assert "def train_step(x, y, learning_rate):" in code
    assert code.index("optimizer.learning_rate.assign(learning_rate)") < code.index("optimizer.apply_gradients")
    momentum = text.replace("tf.train.AdamOptimizer(learning_rate)", "tf.train.MomentumOptimizer(learning_rate, 0.9)")
    first = modernize_text(momentum, "a.py").diagnostics[0]
    assert first.rule == "TFU508" and "fed rate" in first.message, first.format()
