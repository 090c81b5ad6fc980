"""The layers, data, control-flow, saving, queue and contrib modules join the ``tf`` namespaces here:
``install(tf_globals)`` is called once at the bottom of the package ``__init__``.

Adds tf.layers, tf.data, tf.summary, tf.app/flags/logging, config protos, control flow
(cond/while_loop/case/map_fn/scan), conv/pool and RNN ops in tf.nn, Saver/checkpoint
utilities and queue pipelines in tf.train, tf.contrib, and a few ops the core lacks.
"""
import sys

from .namespace import Namespace, extend_namespace, register_namespace


NOTES = ("The runtime runs queue runners and tf.data inside session.run (no threads); shuffles draw numpy's random "
         "numbers. Not implemented: canned Estimators/feature columns, reading TensorFlow-written .meta files, partitioned "
         "variables, NCHW data formats, string tensors in checkpoints, feedable string-handle iterators.")

def install(g):
    from . import contrib, data, metrics, monitored, summary
    from .ops import clip_ops, linalg_ops, nn_impl, reverse_ops
    from .data import parsing
    from .io_formats import example as ex
    from .control_flow import nest as _nest
    from .control_flow import ops as cf
    from .control_flow.tensor_array import TensorArray
    from .layers import core as layers_core
    from .layers import nn_ops as conv
    from .platform import app as _app
    from .platform import config as _config
    from .platform import flags as _flags
    from .platform import tf_logging as _logging
    from .queues import fifo
    from .queues import pipeline as q
    from .rnn import cells
    from .saving import saver as sv

    layers = Namespace(
        "tf.layers", dense=layers_core.dense, conv2d=layers_core.conv2d,
        conv2d_transpose=layers_core.conv2d_transpose, max_pooling2d=layers_core.max_pooling2d,
        average_pooling2d=layers_core.average_pooling2d, flatten=layers_core.flatten, dropout=layers_core.dropout,
        batch_normalization=layers_core.batch_normalization, Layer=layers_core.Layer, Dense=layers_core.Dense,
        Conv2D=layers_core.Conv2D, Conv2DTranspose=layers_core.Conv2DTranspose,
        MaxPooling2D=layers_core.MaxPooling2D, AveragePooling2D=layers_core.AveragePooling2D,
        Flatten=layers_core.Flatten, Dropout=layers_core.Dropout, BatchNormalization=layers_core.BatchNormalization,
        conv1d=layers_core.conv1d, Conv1D=layers_core.Conv1D)
    rnn_cell = Namespace(
        "tf.nn.rnn_cell", RNNCell=cells.RNNCell, BasicRNNCell=cells.BasicRNNCell, BasicLSTMCell=cells.BasicLSTMCell,
        LSTMCell=cells.LSTMCell, GRUCell=cells.GRUCell, MultiRNNCell=cells.MultiRNNCell,
        DropoutWrapper=cells.DropoutWrapper, ResidualWrapper=cells.ResidualWrapper,
        LSTMStateTuple=cells.LSTMStateTuple)
    app = Namespace("tf.app", run=_app.run, flags=_flags)
    register_namespace("tf.flags", _flags)
    register_namespace("tf.logging", _logging)
    nest = Namespace("tf.nest", flatten=_nest.flatten, pack_sequence_as=_nest.pack_sequence_as,
                     map_structure=_nest.map_structure, is_nested=_nest.is_sequence,
                     assert_same_structure=_nest.assert_same_structure)

    extend_namespace(g["nn"], {
        "conv2d": conv.conv2d, "conv2d_transpose": conv.conv2d_transpose, "max_pool": conv.max_pool,
        "avg_pool": conv.avg_pool, "max_pool2d": conv.max_pool, "avg_pool2d": conv.avg_pool,
        "rnn_cell": rnn_cell, "dynamic_rnn": cells.dynamic_rnn, "static_rnn": cells.static_rnn,
        "bidirectional_dynamic_rnn": cells.bidirectional_dynamic_rnn, "conv1d": conv.conv1d})
    extend_namespace(g["train"], {
        "Saver": sv.Saver, "latest_checkpoint": sv.latest_checkpoint, "get_checkpoint_state": sv.get_checkpoint_state,
        "update_checkpoint_state": sv.update_checkpoint_state, "checkpoint_exists": sv.checkpoint_exists,
        "NewCheckpointReader": sv.NewCheckpointReader, "load_checkpoint": sv.load_checkpoint,
        "list_variables": sv.list_variables, "load_variable": sv.load_variable,
        "init_from_checkpoint": sv.init_from_checkpoint,
        "string_input_producer": q.string_input_producer, "input_producer": q.input_producer,
        "range_input_producer": q.range_input_producer, "slice_input_producer": q.slice_input_producer,
        "batch": q.batch, "shuffle_batch": q.shuffle_batch, "batch_join": q.batch_join,
        "shuffle_batch_join": q.shuffle_batch_join, "Coordinator": q.Coordinator,
        "start_queue_runners": q.start_queue_runners, "QueueRunner": q.QueueRunner,
        "add_queue_runner": q.add_queue_runner, "queue_runner": Namespace(
            "tf.train.queue_runner", QueueRunner=q.QueueRunner, add_queue_runner=q.add_queue_runner,
            start_queue_runners=q.start_queue_runners),
        "summary_iterator": summary.summary_iterator,
        "Example": ex.Example, "Features": ex.Features, "Feature": ex.Feature, "BytesList": ex.BytesList,
        "FloatList": ex.FloatList, "Int64List": ex.Int64List,
        "MonitoredTrainingSession": monitored.MonitoredTrainingSession, "MonitoredSession": monitored.MonitoredSession,
        "SingularMonitoredSession": monitored.SingularMonitoredSession, "Scaffold": monitored.Scaffold,
        "SessionRunHook": monitored.SessionRunHook, "SessionRunArgs": monitored.SessionRunArgs,
        "SessionRunContext": monitored.SessionRunContext, "SessionRunValues": monitored.SessionRunValues,
        "StopAtStepHook": monitored.StopAtStepHook, "CheckpointSaverHook": monitored.CheckpointSaverHook,
        "CheckpointSaverListener": monitored.CheckpointSaverListener,
        "SummarySaverHook": monitored.SummarySaverHook, "LoggingTensorHook": monitored.LoggingTensorHook,
        "NanTensorHook": monitored.NanTensorHook, "StepCounterHook": monitored.StepCounterHook,
        "NanLossDuringTrainingError": monitored.NanLossDuringTrainingError, "Supervisor": monitored.Supervisor})
    module = sys.modules[g["__name__"]]
    extend_namespace(module, {
        "TensorArray": TensorArray, "cond": cf.cond, "while_loop": cf.while_loop, "case": cf.case, "map_fn": cf.map_fn, "scan": cf.scan,
        "layers": layers, "data": data, "summary": summary, "metrics": metrics,
        "reverse_sequence": reverse_ops.reverse_sequence,
        "FixedLenFeature": parsing.FixedLenFeature, "VarLenFeature": parsing.VarLenFeature,
        "parse_single_example": parsing.parse_single_example, "parse_example": parsing.parse_example,
        "python_io": Namespace("tf.python_io", TFRecordWriter=parsing.TFRecordWriter,
                               tf_record_iterator=parsing.tf_record_iterator, TFRecordOptions=parsing.TFRecordOptions,
                               TFRecordCompressionType=parsing.TFRecordCompressionType),
        "io": Namespace("tf.io", TFRecordWriter=parsing.TFRecordWriter, tf_record_iterator=parsing.tf_record_iterator,
                        FixedLenFeature=parsing.FixedLenFeature, VarLenFeature=parsing.VarLenFeature,
                        parse_single_example=parsing.parse_single_example, parse_example=parsing.parse_example,
                        decode_csv=q.decode_csv), "app": app, "flags": _flags, "logging": _logging,
        "nest": nest,
        "ConfigProto": _config.ConfigProto, "GPUOptions": _config.GPUOptions, "RunOptions": _config.RunOptions,
        "RunMetadata": _config.RunMetadata, "GraphOptions": _config.GraphOptions,
        "OptimizerOptions": _config.OptimizerOptions, "Summary": summary.Summary,
        "HistogramProto": summary.HistogramProto,
        "FIFOQueue": fifo.FIFOQueue, "RandomShuffleQueue": fifo.RandomShuffleQueue,
        "PaddingFIFOQueue": fifo.PaddingFIFOQueue, "QueueBase": fifo.QueueBase,
        "TextLineReader": q.TextLineReader, "WholeFileReader": q.WholeFileReader,
        "TFRecordReader": q.TFRecordReader, "decode_csv": q.decode_csv,
        "reverse": reverse_ops.reverse, "reverse_v2": reverse_ops.reverse, "tensordot": linalg_ops.tensordot,
        "clip_by_norm": clip_ops.clip_by_norm, "global_norm": clip_ops.global_norm,
        "clip_by_global_norm": clip_ops.clip_by_global_norm,
        "clip_by_average_norm": clip_ops.clip_by_average_norm})
    extend_namespace(module, {"contrib": contrib.build(module)})
    from . import sparse_ops
    extend_namespace(module, sparse_ops.install(module))
    from . import estimator
    extend_namespace(module, {"estimator": estimator.namespace()})
    # `from tensorflow.contrib import rnn` -> `from tf_upgrade.compat_v1.contrib import rnn`
    for sub in ("layers", "rnn", "framework", "seq2seq", "legacy_seq2seq"):
        setattr(contrib, sub, getattr(module.contrib, sub))
    # TF also accepts these C-style names: tf.placeholder("float")
    dt_module = sys.modules[type(module.float32).__module__]
    for alias, target in (("float", "float32"), ("double", "float64"), ("half", "float16")):
        dt_module._BY_NAME.setdefault(alias, getattr(module, target))
    # only where the core has nothing under these names
    extend_namespace(module.nn, {k: v for k, v in {"embedding_lookup": nn_impl.embedding_lookup, "lrn": nn_impl.lrn,
                                          "local_response_normalization": nn_impl.lrn,
                                          "nce_loss": nn_impl.nce_loss,
                                          "sampled_softmax_loss": nn_impl.sampled_softmax_loss,
                                          "log_uniform_candidate_sampler":
                                              nn_impl.log_uniform_candidate_sampler}.items()
                        if not hasattr(module.nn, k)})
    # fill gaps only where the core has nothing under that name
    extend_namespace(module, {k: v for k, v in _fallbacks().items() if not hasattr(module, k)})
    from . import everyday
    everyday.install(module)


def _fallbacks():
    from .ops import state_ops
    return {"assign": state_ops.assign, "assign_add": state_ops.assign_add, "assign_sub": state_ops.assign_sub,
            "VERSION": "1.15.0", "__version__": "1.15.0"}  # the API level the shim implements
