"""Warnings where a conversion is mechanical but the TF 2 behaviour differs.

Each is reported at the call and never changes code (the table rules still
rename, e.g. to ``tf.compat.v1.get_variable``): resource variables, queue-based
input pipelines and name-based checkpoints work differently under TF 2 and
need a person to check the program's assumptions.
"""
from __future__ import annotations

from .registry import AS_WRITTEN, on_call, rule

RESOURCE = rule(
    "TFU401", "resource-variables", "tf.get_variable / tf.Variable create resource variables in TF 2",
    fix="manual", severity="warning",
    why="TF 2 variables are ResourceVariables: reads and writes are ordered, shapes are stricter, and "
        "tf.assign on a slice or reading a stale value behaves differently from TF 1.x RefVariables.")
QUEUES = rule(
    "TFU403", "queue-runners", "queue-based input pipelines (QueueRunner, *_input_producer, tf.train.batch) need a port",
    fix="manual", severity="warning",
    why="Queue runners need graph mode and threads started by tf.compat.v1.train.start_queue_runners; they do "
        "not run eagerly or inside tf.function. tf.data replaces them.")
CHECKPOINTS = rule(
    "TFU404", "name-based-checkpoints", "tf.train.Saver writes name-based checkpoints; TF 2 code uses tf.train.Checkpoint",
    fix="manual", severity="warning",
    why="Converted code that builds variables differently (Keras layers instead of tf.layers, no variable_scope) "
        "gets different variable names, so old checkpoints no longer match; tf.train.Checkpoint keys by object.")

SCHEDULES = rule(
    "TFU405", "eager-learning-rate-schedules",
    "tf.train.*_decay return a function, not a tensor, when TF 2 runs eagerly",
    fix="manual", severity="warning",
    why="Under eager execution tf.compat.v1.train.exponential_decay & co. return a zero-argument callable; "
        "optimizers accept it, but code that prints, fetches or does arithmetic on the rate breaks. "
        "tf.keras.optimizers.schedules.* are the TF 2 schedules (called with the step).")

DECAYS = ("tf.train.exponential_decay", "tf.train.piecewise_constant", "tf.train.piecewise_constant_decay",
          "tf.train.polynomial_decay", "tf.train.natural_exp_decay", "tf.train.inverse_time_decay",
          "tf.train.cosine_decay", "tf.train.cosine_decay_restarts", "tf.train.linear_cosine_decay",
          "tf.train.noisy_linear_cosine_decay")

QUEUE_NAMES = (
    "tf.train.start_queue_runners", "tf.train.QueueRunner", "tf.train.add_queue_runner",
    "tf.train.string_input_producer", "tf.train.input_producer", "tf.train.range_input_producer",
    "tf.train.slice_input_producer", "tf.train.batch", "tf.train.batch_join", "tf.train.shuffle_batch",
    "tf.train.shuffle_batch_join", "tf.train.maybe_batch", "tf.train.maybe_shuffle_batch",
    "tf.train.limit_epochs", "tf.FIFOQueue", "tf.RandomShuffleQueue", "tf.PaddingFIFOQueue",
    "tf.PriorityQueue", "tf.TFRecordReader", "tf.TextLineReader", "tf.WholeFileReader",
    "tf.FixedLengthRecordReader", "tf.IdentityReader",
)


def _both(*names: str):
    """A TF 1.x name and its tf.compat.v1 spelling: the note is about what the code does, so a
    second run over converted code gives it again."""
    return tuple(names) + tuple("tf.compat.v1." + n[len("tf."):] for n in names)


@on_call(RESOURCE, *_both("tf.get_variable", "tf.Variable"), priority=AS_WRITTEN)
def resource_variables(ctx, call):
    # tf.get_variable and the tf.compat.v1 spellings are TF 1.x APIs in any file (a second run over
    # converted code keeps the note); a plain tf.Variable says nothing in a file that reads as TF 2.
    if call.qualname == "tf.Variable":
        dialect = getattr(ctx, "dialect", None)
        if dialect is not None and dialect.dialect == "tf2":
            return None
    ctx.report(RESOURCE, call.original, f"{call.qualname} creates a resource variable in TF 2 (stricter shapes, "
               "ordered reads/writes)", hint="check slice assignments and shape changes, or call "
               "tf.compat.v1.disable_resource_variables() to keep TF 1.x variables")
    return None


@on_call(QUEUES, *_both(*QUEUE_NAMES), priority=AS_WRITTEN)
def queue_runners(ctx, call):
    ctx.report(QUEUES, call.original, f"{call.qualname} is part of a queue-based input pipeline, which needs "
               "graph mode and queue-runner threads", hint="port the input pipeline to tf.data")
    return None


@on_call(CHECKPOINTS, *_both("tf.train.Saver"), priority=AS_WRITTEN)
def name_based_checkpoints(ctx, call):
    ctx.report(CHECKPOINTS, call.original, f"{call.qualname} saves by variable name; converted code may name its "
               "variables differently", hint="check old checkpoints still load (tf.train.list_variables), or move "
               "to tf.train.Checkpoint")
    return None


@on_call(SCHEDULES, *_both(*DECAYS), priority=AS_WRITTEN)
def eager_schedules(ctx, call):
    ctx.report(SCHEDULES, call.original, f"{call.qualname} returns a callable when executing eagerly",
               hint="use tf.keras.optimizers.schedules, or call the result (lr()) where a value is needed")
    return None
