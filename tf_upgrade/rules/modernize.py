"""Rules of ``tf-upgrade modernize`` (``tf_upgrade/modernize/``).

The modernizer either rewrites a whole Session-style program into eager TF 2 or
leaves it to the ordinary conversion; these rules say which, and for a program
it leaves, the first construct (with its line) that it cannot lift safely.
They have no hooks here: the upgrader never emits them.
"""
from __future__ import annotations

from .registry import rule

_KEPT = ("The file gets the ordinary conversion instead (tf.compat.v1 where needed), never a half-lifted "
         "program.")

MODERNIZED = rule(
    "TFU500", "modernized", "a Session-style program was rewritten into eager TF 2 (functions, GradientTape, "
    "Keras 3 layers and optimizers)", fix="safe", severity="info",
    why="Placeholders become tf.function parameters (their dtype and shape the input_signature), sess.run "
        "calls become calls of functions computing the fetched tensors, minimize() a GradientTape step with "
        "the Keras optimizer whose update rule is the same (TF 1.x defaults that differ are spelled out).")
NOT_A_SESSION_PROGRAM = rule(
    "TFU501", "no-session-program", "nothing to modernize: the file does not build a graph and run it in a "
    "tf.Session", fix="manual", severity="info",
    why="Modernizing relies on evidence that the file is TF 1.x graph code: a tf.Session (or "
        "InteractiveSession) that runs tensors the file builds, at module level or in the body of a "
        "module-level function such as `def main(_):` started by tf.app.run().  " + _KEPT)
DYNAMIC_RUN = rule(
    "TFU502", "dynamic-session-run", "a sess.run/eval whose fetches, feeds or result shape is not static",
    fix="manual", severity="warning",
    why="Fetches must be graph names (or a list/tuple of them) and feed_dict a dict literal keyed by "
        "placeholders, so that each run maps to one function with fixed parameters and results.  " + _KEPT)
GRAPH_OUTSIDE_RUN = rule(
    "TFU503", "graph-code-outside-build", "graph code built inside the session, or a symbolic tensor used "
    "outside sess.run", fix="manual", severity="warning",
    why="Only the graph-building statements before the session can become functions; a tensor printed, "
        "stored or rebuilt while the session runs has no eager counterpart without restructuring.  So is a "
        "session opened in a nested block (inside `with tf.Graph().as_default()`, a loop, a method), and a "
        "graph-building helper called while the session runs.  " + _KEPT)
CONTROL_DEPENDENCIES = rule(
    "TFU504", "control-dependencies", "tf.control_dependencies / tf.group / explicit assign ops order effects "
    "that the lifter does not model", fix="manual", severity="warning",
    why="In eager code statements run in order; a control dependency (or an update op fetched by itself) may "
        "carry meaning (update before read) that a dataflow slice would drop.  The one lifted form is "
        "`with tf.control_dependencies(tf.get_collection(tf.GraphKeys.UPDATE_OPS)): train_op = "
        "opt.minimize(loss)`: batch normalization's updates, which a Keras layer called with training=True "
        "makes by itself.  " + _KEPT)
COLLECTIONS = rule(
    "TFU505", "graph-collections", "graph collections used as a registry (get_collection, add_to_collection, "
    "regularization losses), or batch normalization in training mode where TF 1.x would not run its UPDATE_OPS",
    fix="manual", severity="warning",
    why="Collections are global graph state read somewhere else; TF 2 has no such registry, and what is "
        "in them is decided at run time.  UPDATE_OPS run as the control dependencies of the training op are "
        "lifted (the Keras BatchNormalization layer updates its moving averages when called with "
        "training=True); a training-mode call anywhere else (a run without that training op, a training op "
        "made without the dependency) would update them in Keras and not in TF 1.x, and is declined.  " + _KEPT)
QUEUES = rule(
    "TFU506", "queue-input-pipeline", "queue runners, readers and input producers (string_input_producer, "
    "TextLineReader, tf.train.batch, Coordinator)", fix="manual", severity="warning",
    why="Lifted: string_input_producer (shuffle, num_epochs) + one TextLineReader/TFRecordReader/"
        "FixedLengthRecordReader + per-example code + tf.train.batch/shuffle_batch (bound to one name per "
        "tensor) become a tf.data pipeline (from_tensor_slices(files).repeat(n).flat_map(TextLineDataset)"
        ".map(parse).batch(n, drop_remainder=True)); the Coordinator and queue-runner threads vanish and "
        "OutOfRangeError still ends the epochs.  Declined: other queues (FIFOQueue, slice_input_producer, "
        "batch_join), a reader's key, records used without a batch, dynamic_pad/shapes, per-example code "
        "reading graph values, the coordinator used for anything but start/stop/join.  " + _KEPT)
GRAPH_SURGERY = rule(
    "TFU507", "graph-surgery", "explicit graphs, graph lookups and session API beyond run (tf.Graph, "
    "get_default_graph, get_tensor_by_name, import_graph_def, partial_run, session handles)",
    fix="manual", severity="warning", why="These address the graph as data; eager TF 2 has no graph to "
    "address.  MonitoredTrainingSession/Supervisor run hooks, checkpoints and summaries inside the session "
    "and are declined too.  " + _KEPT)
UNSUPPORTED_API = rule(
    "TFU508", "not-liftable-api", "a TF 1.x API with no equivalent the lifter can prove (optimizer, layer, "
    "loss or RNN cell whose Keras counterpart computes something else, nested variable creation)",
    fix="manual", severity="warning",
    why="Examples: RMSPropOptimizer starts its mean square at 1.0 where Keras RMSprop starts at 0.0 (no argument "
        "changes it); an LSTMCell with peepholes, a projection or state_is_tuple=False, dynamic_rnn "
        "with an initial_state, a forget_bias other than 0 or 1, tf.losses with weights (TF 1.x divides by the non-zero "
        "weights), a decayed learning rate whose global_step the optimizer does not increment.  What does map: "
        "BasicLSTMCell/LSTMCell/GRUCell/BasicRNNCell under dynamic_rnn (Keras LSTM/GRU(reset_after=False)/"
        "SimpleRNN; sequence_length as a mask), static_rnn (over the steps stacked into one sequence), "
        "bidirectional_dynamic_rnn (Keras Bidirectional with merge_mode=None; without sequence_length), "
        "MultiRNNCell (Keras RNN over the list of cells, its state read per cell), tf.losses with default weights, tf.train.*_decay -> keras.optimizers.schedules.  " + _KEPT)
VARIABLE_SHARING = rule(
    "TFU509", "variable-sharing", "variables or layers created in a function (variable_scope reuse across "
    "calls) or names bound more than one way", fix="manual", severity="warning",
    why="Variables must be created once; the lifter creates variables and layer objects once (at module "
        "level, or in main), and declines sharing it cannot express as one object.  A helper that creates "
        "variables or layers is copied into main at each call (`name = helper(...)` or `helper(...)`), its "
        "`for i in range(n)` loops unrolled when n is a literal at the call (at most 64 iterations; names "
        "computed from i, such as variable_scope('layer%d' % i), written as literals); one with other loops, "
        "conditions, *args, or called inside an expression is declined at that line.  " + _KEPT)
INCOMPLETE = rule(
    "TFU510", "modernize-incomplete", "the lifted program would still use TF 1.x API (compat.v1, Session, "
    "placeholder, tf_keras) or does not parse", fix="manual", severity="warning",
    why="A final check on every modernized file: anything the lift could not express in TF 2 sends the "
        "whole file back to the ordinary conversion.  tf.app.flags/tf.app.run/tf.logging become absl's "
        "with the ordinary rules (TFU310-TFU312); a flag read at import time keeps tf.compat.v1.flags "
        "there (TF 1.x parsed sys.argv on first access), so such a program is declined.  " + _KEPT)
VERIFY_MISMATCH = rule(
    "TFU511", "modernize-verify-mismatch", "--verify: the modernized program's fetched values differ from the "
    "original's (or it fails) when both start from the same weights", fix="manual", severity="error",
    why="The verify harness runs the original under tf.compat.v1 graph mode and the modernized program "
        "eagerly, with the original's initial variable values, and compares every fetched value to 1e-5 "
        "relative.  Queue pipelines run with shuffling off in both programs (shuffle_batch as batch, no "
        "file or Dataset shuffling, one thread): random order cannot be compared, the rest can.")
RANDOM_DRAWS = rule(
    "TFU512", "modernize-random-draws", "the modernized program draws other random numbers than the original "
    "(seeded dropout, initializers, random ops, shuffles), reported where it does", fix="manual",
    severity="warning",
    why="A TF 1.x random op is stateful: seeded from (graph seed, op seed), it continues one sequence run after "
        "run.  Lifted into one tf.function (or run eagerly with an op seed no other eager op shares) it draws the "
        "same numbers, and a seeded tf.layers.dropout is written as the tf.nn.dropout op it ran.  Reported, with "
        "the line: Keras 3 layers' and initializers' draws (initial weights, Keras Dropout), which use Keras' own "
        "generators; ops seeded only by tf.set_random_seed (TF 1.x counted the graph's random ops, tf.function "
        "counts others); a seeded op run by several lifted functions (one sequence in TF 1.x, one per function "
        "lifted); queue shuffles that become tf.data shuffles.  Without any seed both programs draw arbitrary "
        "numbers of the same distributions, and nothing is reported.  --verify hands the original's initial "
        "weights over, so only this diagnostic tells about them.")
