"""Where each part of ``tf.contrib`` went, and why the move is (not) mechanical.

Data only; used by the contrib rules (``contrib_slim.py``) and by the
``tf.contrib`` diagnostic (TFU110 in ``renames.py``), which names the
replacement instead of just saying "removed".  Keys are TF 1.x names (a module
covers everything under it; the longest matching key wins).  ``mechanical``
entries are renamed automatically where the new name exists in the target;
the others only explain.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional, Tuple


@dataclass(frozen=True)
class Replacement:
    use: str  # what to use instead (a name, a package, an idiom)
    why: str = ""  # why the tool cannot do it for you ("" when it can)
    new_name: Optional[str] = None  # mechanical: the TF 1 prefix becomes this prefix
    package: Optional[str] = None  # pip requirement the replacement needs


def _slim(package_path: str) -> Replacement:
    return Replacement(use=f"the tf_slim package ({package_path})", new_name=package_path, package="tf_slim")


CONTRIB = {
    # -- moved with the same API: renamed automatically (TFU321, TFU320) ------------------
    "tf.contrib.slim": _slim("tf_slim"),
    "tf.contrib.layers": _slim("tf_slim"),  # tf_slim is the fork of tf.contrib.layers
    "tf.contrib.framework": _slim("tf_slim"),  # arg_scope, get_variables_to_restore, ...
    "tf.contrib.losses": _slim("tf_slim.losses"),
    "tf.contrib.metrics": _slim("tf_slim.metrics"),
    "tf.contrib.signal": Replacement("tf.signal", new_name="tf.signal"),
    "tf.contrib.framework.nest": Replacement("tf.nest", new_name="tf.nest"),
    # single functions that moved into core with the same signature
    "tf.contrib.framework.is_tensor": Replacement("tf.is_tensor", new_name="tf.is_tensor"),
    "tf.contrib.framework.argsort": Replacement("tf.argsort", new_name="tf.argsort"),
    "tf.contrib.framework.sort": Replacement("tf.sort", new_name="tf.sort"),
    "tf.contrib.framework.CriticalSection": Replacement("tf.CriticalSection", new_name="tf.CriticalSection"),
    "tf.contrib.framework.get_or_create_global_step": Replacement(
        "tf.compat.v1.train.get_or_create_global_step", new_name="tf.compat.v1.train.get_or_create_global_step"),
    "tf.contrib.framework.get_global_step": Replacement(
        "tf.compat.v1.train.get_global_step", new_name="tf.compat.v1.train.get_global_step"),
    "tf.contrib.layers.recompute_grad": Replacement("tf.recompute_grad", new_name="tf.recompute_grad"),
    "tf.contrib.summary.initialize": Replacement("tf.compat.v1.summary.initialize",
                                                 new_name="tf.compat.v1.summary.initialize"),
    "tf.contrib.summary.all_summary_ops": Replacement("tf.compat.v1.summary.all_v2_summary_ops",
                                                      new_name="tf.compat.v1.summary.all_v2_summary_ops"),
    # moved into core under another name, same arguments (facts from TF 1.15's contrib and TF 2's API)
    "tf.contrib.framework.load_variable": Replacement("tf.train.load_variable", new_name="tf.train.load_variable"),
    "tf.contrib.framework.list_variables": Replacement("tf.train.list_variables",
                                                       new_name="tf.train.list_variables"),
    "tf.contrib.framework.load_checkpoint": Replacement("tf.train.load_checkpoint",
                                                        new_name="tf.train.load_checkpoint"),
    "tf.contrib.util.make_tensor_proto": Replacement("tf.make_tensor_proto", new_name="tf.make_tensor_proto"),
    "tf.contrib.util.make_ndarray": Replacement("tf.make_ndarray", new_name="tf.make_ndarray"),
    "tf.contrib.util.constant_value": Replacement("tf.get_static_value", new_name="tf.get_static_value"),
    "tf.contrib.distribute.CrossDeviceOps": Replacement("tf.distribute.CrossDeviceOps",
                                                        new_name="tf.distribute.CrossDeviceOps"),
    "tf.contrib.distribute.ReductionToOneDeviceCrossDeviceOps": Replacement(
        "tf.distribute.ReductionToOneDevice", new_name="tf.distribute.ReductionToOneDevice"),
    "tf.contrib.distribute.OneDeviceStrategy": Replacement("tf.distribute.OneDeviceStrategy",
                                                           new_name="tf.distribute.OneDeviceStrategy"),
    "tf.contrib.cluster_resolver": Replacement("tf.distribute.cluster_resolver",
                                               new_name="tf.distribute.cluster_resolver"),
    # tf_slim carries slim's nets and data packages (import the module: tf_slim does not import them)
    "tf.contrib.slim.python.slim.nets": Replacement("tf_slim.nets", new_name="tf_slim.nets", package="tf_slim"),
    "tf.contrib.slim.python.slim.data": Replacement("tf_slim.data", new_name="tf_slim.data", package="tf_slim"),
    # -- moved, but not one to one --------------------------------------------------------
    "tf.contrib.distribute.AllReduceCrossDeviceOps": Replacement(
        "tf.distribute.NcclAllReduce (all_reduce_alg=\"nccl\") or tf.distribute.HierarchicalCopyAllReduce "
        "(\"hierarchical_copy\")", "the algorithm became the class: pick the one all_reduce_alg names"),
    "tf.contrib.distribute": Replacement(
        "tf.distribute (MirroredStrategy, MultiWorkerMirroredStrategy, ...)",
        "the contrib strategies took other arguments (num_gpus, cross_tower_ops...)"),
    "tf.contrib.slim.nets": Replacement("tf_slim.nets (import the model module, e.g. "
                                        "`from tf_slim.nets import resnet_v1`)", new_name="tf_slim.nets",
                                        package="tf_slim"),
    "tf.contrib.training.HParams": Replacement(
        "a dataclass or dict (or ml_collections.ConfigDict)",
        "HParams.parse()/values()/override_from_dict have no TF 2 equivalent; the parsing code must be "
        "rewritten by hand"),
    "tf.contrib.training": Replacement(
        "tf.data for input pipelines, Keras Model.fit or a custom loop for training",
        "contrib.training's queue-based batching and training helpers have no drop-in TF 2 version"),
    "tf.contrib.tpu": Replacement(
        "tf.distribute.TPUStrategy with Keras Model.fit (or a custom loop)",
        "TPUEstimator and its config classes are gone; distribution is a strategy, not an estimator"),
    "tf.contrib.learn": Replacement(
        "Keras (tf.keras.Model + Model.fit) and tf.data",
        "tf.contrib.learn was a whole training framework (Experiment, learn_runner, SKCompat)"),
    "tf.contrib.learn.datasets.mnist": Replacement(
        "tf.keras.datasets.mnist.load_data()",
        "it returns numpy arrays (uint8 images 28x28, integer labels), not DataSet objects with "
        "next_batch()/one_hot: batching and scaling must be written with tf.data or numpy"),
    "tf.contrib.learn.python.learn.datasets.mnist": Replacement(
        "tf.keras.datasets.mnist.load_data()",
        "it returns numpy arrays, not DataSet objects with next_batch()/one_hot"),
    "tf.examples.tutorials.mnist": Replacement(
        "tf.keras.datasets.mnist.load_data()",
        "input_data.read_data_sets returned DataSet objects (next_batch, one_hot, float images in [0, 1]); "
        "load_data returns uint8 numpy arrays"),
    "tf.contrib.seq2seq": Replacement(
        "Keras layers (attention: tf.keras.layers.Attention/MultiHeadAttention) or tensorflow_addons.seq2seq",
        "the decoder/helper/attention-wrapper API has no TF 2 core equivalent; tensorflow_addons is in "
        "maintenance mode and does not support TF >= 2.16"),
    # legacy_seq2seq: what its building blocks compute, in core TF (facts from TF 1.x's contrib source)
    "tf.contrib.legacy_seq2seq": Replacement(
        "a Keras encoder-decoder (tf.keras.layers.LSTM/GRU, tf.keras.layers.Attention) or tf.compat.v1.nn "
        "static_rnn/dynamic_rnn loops",
        "the seq2seq model builders (embedding_attention_seq2seq, model_with_buckets...) have no TF 2 twin"),
    "tf.contrib.legacy_seq2seq.rnn_decoder": Replacement(
        "tf.compat.v1.nn.static_rnn(cell, decoder_inputs, initial_state=initial_state, "
        "scope=scope or 'rnn_decoder') when loop_function is None (the same loop, the same variable names)",
        "with a loop_function, write the loop: feed loop_function(prev_output, i) to the cell from the second "
        "step on"),
    "tf.contrib.legacy_seq2seq.sequence_loss_by_example": Replacement(
        "tf.add_n([w * tf.nn.sparse_softmax_cross_entropy_with_logits(labels=tf.reshape(t, [-1]), logits=l) "
        "for l, t, w in zip(logits, targets, weights)]), divided by tf.add_n(weights) + 1e-12 when "
        "average_across_timesteps (the default)",
        "written by hand: it reads its lists of per-step tensors twice"),
    "tf.contrib.legacy_seq2seq.sequence_loss": Replacement(
        "tf.reduce_sum of the sequence_loss_by_example expression, divided by the batch size "
        "(tf.shape(targets[0])[0]) when average_across_batch (the default)",
        "written by hand: it reads its lists of per-step tensors twice"),
    "tf.contrib.rnn": Replacement(
        "tf.compat.v1.nn.rnn_cell (core cells) or tf.keras.layers.LSTMCell/GRUCell/RNN",
        "core cells are renamed automatically; contrib-only cells (LSTMBlockCell, LayerNormBasicLSTMCell, "
        "AttentionCellWrapper...) have no core twin and Keras cells use other variable names and state "
        "layout, so checkpoints do not carry over"),
    "tf.contrib.cudnn_rnn": Replacement(
        "tf.keras.layers.LSTM / GRU (they use cuDNN automatically)",
        "the canonical weight layout and checkpoints differ"),
    "tf.contrib.distributions": Replacement(
        "tensorflow_probability.distributions (pip install tensorflow-probability matching your TF)",
        "a separate package with its own release cycle; some class names and arguments changed"),
    "tf.contrib.bayesflow": Replacement("tensorflow_probability", "a separate package; the APIs were redesigned"),
    "tf.contrib.opt": Replacement(
        "tf.keras.optimizers (AdamW, ...) or tf.compat.v1.train optimizers",
        "contrib optimizers (LazyAdam, AdamW, ScipyOptimizerInterface...) have Keras or addon versions "
        "with different arguments and update rules"),
    "tf.contrib.image": Replacement(
        "tf.image or keras layers (tf.keras.layers.RandomRotation...)",
        "rotate/transform/connected_components moved to tensorflow_addons (unsupported on TF >= 2.16)"),
    # tf.contrib.data.X -> tf.data.experimental.X where that name exists in the target
    # (parallel_interleave, shuffle_and_repeat, map_and_batch...); the rest is explained.
    "tf.contrib.data": Replacement(
        "tf.data / tf.data.experimental",
        "this function did not move into tf.data.experimental: it became a Dataset method or was removed "
        "(batch_and_drop_remainder -> .batch(n, drop_remainder=True))", new_name="tf.data.experimental"),
    # TF 1.2-1.3's tf.contrib.data classes became tf.data's in TF 1.4 (the contrib names were deprecated
    # aliases until they went): the same classes, not tf.data.experimental names
    "tf.contrib.data.Dataset": Replacement("tf.data.Dataset", new_name="tf.data.Dataset"),
    # the TF 1.x Iterator (from_structure, from_string_handle); TF 2's tf.data.Iterator is another class
    "tf.contrib.data.Iterator": Replacement("tf.compat.v1.data.Iterator", new_name="tf.compat.v1.data.Iterator"),
    "tf.contrib.data.TFRecordDataset": Replacement("tf.data.TFRecordDataset", new_name="tf.data.TFRecordDataset"),
    "tf.contrib.data.TextLineDataset": Replacement("tf.data.TextLineDataset", new_name="tf.data.TextLineDataset"),
    "tf.contrib.data.FixedLengthRecordDataset": Replacement("tf.data.FixedLengthRecordDataset",
                                                            new_name="tf.data.FixedLengthRecordDataset"),
    "tf.contrib.summary": Replacement(
        "tf.summary (TF 2: tf.summary.create_file_writer + tf.summary.scalar(name, data, step))",
        "the writer/step model differs from contrib.summary's record_summaries_every_n_global_steps"),
    "tf.contrib.eager": Replacement(
        "TF 2 itself: eager is the default (tfe.Variable -> tf.Variable, tfe.defun -> tf.function)",
        "each helper has its own TF 2 spelling"),
    "tf.contrib.keras": Replacement(
        "tf.keras (Keras 3 from TF 2.16) or the tf_keras package (Keras 2)",
        "contrib.keras was an early Keras 2 copy; Keras 3 changed many APIs"),
    "tf.contrib.lookup": Replacement(
        "tf.lookup (StaticHashTable, TextFileInitializer...)",
        "the index_table_from_* helpers became classes with different arguments"),
    "tf.contrib.crf": Replacement("tensorflow_addons.text.crf_* or a hand-written CRF layer",
                                  "not in TF core; addons is unsupported on TF >= 2.16"),
    "tf.contrib.quantize": Replacement("tensorflow_model_optimization (quantization-aware training)",
                                       "graph rewriting was replaced by Keras-model wrapping"),
    "tf.contrib.predictor": Replacement("tf.saved_model.load(...).signatures[...]",
                                        "predictor objects wrapped a Session; SavedModel loading is eager"),
    "tf.contrib.estimator": Replacement(
        "tf.estimator (TF <= 2.15 only) or Keras",
        "contrib estimator heads and wrappers were removed; tf.estimator itself is gone from TF 2.16"),
    "tf.contrib.gan": Replacement("the tensorflow_gan package", "a separate package with its own API"),
    "tf.contrib.graph_editor": Replacement("no replacement", "TF 2 has no graph editing API"),
    "tf.contrib.tensorboard": Replacement("the tensorboard package (projector plugin)",
                                          "the plugin API moved into tensorboard"),
    "tf.contrib.layers.feature_column": Replacement(
        "tf.feature_column (TF <= 2.15) or Keras preprocessing layers / tf.keras.utils.FeatureSpace",
        "Keras 3 does not consume feature columns"),
    "tf.contrib.layers.embed_sequence": Replacement("tf.keras.layers.Embedding",
                                                    "a Keras layer object with its own variable naming"),
    "tf.contrib.layers.real_valued_column": Replacement("tf.feature_column.numeric_column",
                                                        "feature columns changed arguments in TF 2"),
    "tf.contrib.layers.sparse_column_with_hash_bucket": Replacement(
        "tf.feature_column.categorical_column_with_hash_bucket", "feature columns changed arguments in TF 2"),
    "tf.contrib.layers.embedding_column": Replacement("tf.feature_column.embedding_column",
                                                      "feature columns changed arguments in TF 2"),
}


def lookup(qualname: str) -> Optional[Tuple[str, Replacement]]:
    """(matched key, replacement) for the longest key covering ``qualname``."""
    parts = qualname.split(".")
    for i in range(len(parts), 1, -1):
        key = ".".join(parts[:i])
        if key in CONTRIB:
            return key, CONTRIB[key]
    return None


def package_name(qualname: str) -> Optional[str]:
    """The name a tf.contrib name has in its replacement package (``tf_slim.conv2d``), if it moved to one."""
    found = lookup(qualname)
    if found is None or found[1].package is None or found[1].new_name is None:
        return None
    key, rep = found
    return rep.new_name + qualname[len(key):]


def explain(qualname: str, in_package: bool = True) -> Tuple[str, str]:
    """(message, hint) for a tf.contrib/tf.examples use the tool cannot convert.  ``in_package``:
    False when the replacement package lacks the name (``package_name``)."""
    found = lookup(qualname)
    if found is None:
        return (f"{qualname} was removed in TensorFlow 2.0 and has no automatic replacement",
                "find its TF 2 / Keras / addon equivalent")
    key, rep = found
    # a name its package has reaches here only where TFU320 did not convert it (safety mode, a cell
    # using an implicit `tf`, the rule not selected): the replacement alone is the whole story
    why = rep.why or ("" if in_package else "this name is not in the replacement package")
    return (f"{qualname} was removed in TensorFlow 2.0; use {rep.use}" + (f" ({why})" if why else ""),
            f"replacement for {key}: {rep.use}")
