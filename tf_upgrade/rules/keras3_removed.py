"""tf.keras names Keras 2 had and Keras 3 (tf.keras from TF 2.16) does not: moved or reported.

A name that only moved (``tf.keras.layers.experimental.preprocessing.Rescaling``
is ``tf.keras.layers.Rescaling``) is renamed.  A name with no Keras 3 spelling
(the backend's session and graph functions, ``tf.keras.experimental``'s
models, the scikit-learn wrappers, ``multi_gpu_model``...) is reported with the
reason and the code to write instead, from :data:`REPORTED`.  Any other tf.keras
name that TF 1.x or 2.15 had and the target lacks is reported generically, so
nothing Keras 3 removed passes in silence.

With ``--keras tf_keras`` none of this applies: tf.keras stays Keras 2, served
by the tf_keras package, and the file's requirements say so (TFU360).
"""
from __future__ import annotations

from typing import Dict, Optional, Tuple

from . import tables
from ._keras import is_keras, keeps_keras2, keras3
from ._requirements import needs_tf_keras, tf_keras
from .registry import ONCE, SPECIFIC, Rename, Rule, on_reference, rule
from .renames import longest_known_rename

TF_KERAS = rule(
    "TFU360", "keras-target-tf-keras",
    "--keras tf_keras: tf.keras code stays Keras 2 and needs tf_keras + TF_USE_LEGACY_KERAS=1",
    min_target=(2, 16),
    why="From TF 2.16 tf.keras is Keras 3 unless the tf_keras package is installed and TF_USE_LEGACY_KERAS=1 is "
        "set before TensorFlow is imported; the requirement is recorded once per file that uses tf.keras.")
BACKEND_GRAPH = rule(
    "TFU370", "keras-backend-graph",
    "tf.keras.backend session/graph functions (get_session, placeholder, function, learning_phase...) are gone",
    fix="manual", severity="error", min_target=(2, 16),
    why="Keras 3 has no session, no placeholders and no global learning phase: TF 2 runs eagerly, models are "
        "called on data, and training mode is an argument of the call.")
EXPERIMENTAL = rule(
    "TFU371", "keras-experimental",
    "tf.keras.experimental and other experimental Keras 2 names: moved names renamed, removed ones reported",
    fix="manual", severity="error", min_target=(2, 16),
    why="Keras 3 dropped the experimental namespaces; what graduated lives under its stable name, the rest "
        "(LinearModel, WideDeepModel, SequenceFeatures, export_saved_model...) was removed.")
SKLEARN = rule(
    "TFU372", "keras-scikit-learn-wrapper",
    "tf.keras.wrappers.scikit_learn is gone: use scikeras (or tf.keras.wrappers.SKLearnClassifier)",
    fix="manual", severity="error", min_target=(2, 16),
    why="The Keras 2 scikit-learn wrappers were removed; scikeras.wrappers.KerasClassifier/KerasRegressor "
        "take the model (or a function building it) as model= instead of build_fn=.")
MULTI_GPU = rule(
    "TFU373", "keras-multi-gpu-model",
    "tf.keras.utils.multi_gpu_model is gone: build and compile the model inside a tf.distribute strategy scope",
    fix="manual", severity="error", min_target=(2, 16),
    why="multi_gpu_model was removed in TF 2.4; tf.distribute.MirroredStrategy replicates a model over GPUs.")
REMOVED = rule(
    "TFU374", "keras-removed-name",
    "a tf.keras name of Keras 2 that Keras 3 removed (reported with its replacement)",
    fix="manual", severity="error", min_target=(2, 16),
    why="Keras 3 is a rewrite; Keras 2 names without a counterpart fail with AttributeError on TF 2.16+.")
MOVED = rule(
    "TFU375", "keras-moved-name", "a Keras 2 name Keras 3 keeps under another path is renamed",
    min_target=(2, 16),
    why="Keras 3 moved graduated experimental APIs to their stable names and kept only the short aliases "
        "of the loss functions (tf.keras.losses.mse for mean_squared_error).")

_LOSS_ALIASES = {"mean_squared_error": "mse", "mean_absolute_error": "mae",
                 "mean_absolute_percentage_error": "mape", "mean_squared_logarithmic_error": "msle",
                 "kl_divergence": "kld", "log_cosh": "logcosh"}
# Keras 2 name -> Keras 3 name (applied only where the new name exists in the target).
MOVED_NAMES: Dict[str, str] = {
    "tf.keras.experimental.CosineDecay": "tf.keras.optimizers.schedules.CosineDecay",
    "tf.keras.experimental.CosineDecayRestarts": "tf.keras.optimizers.schedules.CosineDecayRestarts",
    "tf.keras.layers.experimental.EinsumDense": "tf.keras.layers.EinsumDense",
    "tf.keras.callbacks.experimental.BackupAndRestore": "tf.keras.callbacks.BackupAndRestore",
    "tf.keras.saving.load_model": "tf.keras.models.load_model",
    "tf.keras.saving.save_model": "tf.keras.models.save_model",
    **{f"tf.keras.saving.{n}": f"tf.keras.utils.{n}" for n in (
        "register_keras_serializable", "get_custom_objects", "custom_object_scope", "serialize_keras_object",
        "deserialize_keras_object", "get_registered_name", "get_registered_object")},
    **{f"tf.keras.{m}.{old}": f"tf.keras.{m}.{new}" for m in ("losses", "metrics")
       for old, new in _LOSS_ALIASES.items()},
}
_PREPROCESSING = "tf.keras.layers.experimental.preprocessing."

_SESSION_HINT = "TF 2 runs eagerly: drop the session and call the model or tensors directly (t.numpy())"
_PHASE_HINT = "pass training=True/False when calling the model or layer"
# name or module prefix -> (rule, why it is gone, what to write instead)
REPORTED: Dict[str, Tuple[Rule, str, str]] = {
    "tf.keras.backend.get_session": (BACKEND_GRAPH, "Keras 3 has no session", _SESSION_HINT),
    "tf.keras.backend.set_session": (BACKEND_GRAPH, "Keras 3 has no session",
                                     "remove it; configure devices and memory with tf.config"),
    "tf.keras.backend.get_graph": (BACKEND_GRAPH, "Keras 3 builds no global graph",
                                   "remove it; for TF 1 graph code use tf.compat.v1.get_default_graph()"),
    "tf.keras.backend.placeholder": (BACKEND_GRAPH, "Keras 3 has no placeholders",
                                     "tf.keras.Input(shape=..., dtype=...) for a model input, or pass the data"),
    "tf.keras.backend.function": (BACKEND_GRAPH, "Keras 3 has no backend function",
                                  "a sub-model tf.keras.Model(inputs, outputs) called on the data, or a "
                                  "tf.function"),
    "tf.keras.backend.learning_phase": (BACKEND_GRAPH, "Keras 3 has no global learning phase", _PHASE_HINT),
    "tf.keras.backend.set_learning_phase": (BACKEND_GRAPH, "Keras 3 has no global learning phase", _PHASE_HINT),
    "tf.keras.backend.learning_phase_scope": (BACKEND_GRAPH, "Keras 3 has no global learning phase", _PHASE_HINT),
    "tf.keras.backend.in_train_phase": (BACKEND_GRAPH, "Keras 3 has no global learning phase",
                                        "x_train if training else x_test, with training passed to call()"),
    "tf.keras.backend.in_test_phase": (BACKEND_GRAPH, "Keras 3 has no global learning phase",
                                       "x_test if not training else x_train, with training passed to call()"),
    "tf.keras.backend.manual_variable_initialization": (
        BACKEND_GRAPH, "Keras 3 variables are initialized when created", "remove the call"),
    "tf.keras.backend.print_tensor": (REMOVED, "Keras 3 removed it", "tf.print(x)"),
    "tf.keras.backend.random_binomial": (REMOVED, "Keras 3 removed it",
                                         "tf.cast(tf.random.uniform(shape) < p, dtype)"),
    "tf.keras.backend.reset_uids": (REMOVED, "Keras 3 removed it", "tf.keras.backend.clear_session()"),
    "tf.keras.backend.normalize_batch_in_training": (
        REMOVED, "Keras 3 removed it", "tf.nn.moments(x, axes) then tf.nn.batch_normalization(...)"),
    "tf.keras.backend.local_conv1d": (REMOVED, "Keras 3 removed it with the LocallyConnected layers",
                                      "a custom layer, or keep Keras 2 with --keras tf_keras"),
    "tf.keras.backend.local_conv2d": (REMOVED, "Keras 3 removed it with the LocallyConnected layers",
                                      "a custom layer, or keep Keras 2 with --keras tf_keras"),
    "tf.keras.backend.experimental": (REMOVED, "Keras 3 always uses TF's stateless random generator",
                                      "remove the call; seed with tf.keras.utils.set_random_seed(seed)"),
    "tf.keras.experimental": (EXPERIMENTAL, "tf.keras.experimental is gone from Keras 3",
                              "build the model from tf.keras.layers (LinearModel: a Dense layer; WideDeepModel: "
                              "two sub-models summed), or keep Keras 2 with --keras tf_keras"),
    "tf.keras.experimental.export_saved_model": (EXPERIMENTAL, "removed in TF 2.2",
                                                 "model.export(path) for a SavedModel, model.save('m.keras')"),
    "tf.keras.experimental.load_from_saved_model": (
        EXPERIMENTAL, "removed in TF 2.2", "tf.keras.models.load_model('m.keras') or tf.saved_model.load(path)"),
    "tf.keras.experimental.SequenceFeatures": (
        EXPERIMENTAL, "feature columns are not supported by Keras 3",
        "Keras preprocessing layers (tf.keras.layers.StringLookup...) or tf.keras.utils.FeatureSpace"),
    "tf.keras.experimental.PeepholeLSTMCell": (EXPERIMENTAL, "Keras 3 removed it", "tf.keras.layers.LSTMCell"),
    "tf.keras.layers.experimental.SyncBatchNormalization": (
        EXPERIMENTAL, "merged into BatchNormalization", "tf.keras.layers.BatchNormalization(synchronized=True)"),
    "tf.keras.layers.experimental.RandomFourierFeatures": (
        EXPERIMENTAL, "Keras 3 removed it", "a custom layer (random projection + cos), or --keras tf_keras"),
    "tf.keras.models.experimental": (EXPERIMENTAL, "SharpnessAwareMinimization was removed",
                                     "a custom train_step, or keep Keras 2 with --keras tf_keras"),
    "tf.keras.utils.experimental": (EXPERIMENTAL, "DatasetCreator was removed", "pass a tf.data.Dataset to fit()"),
    "tf.keras.dtensor": (EXPERIMENTAL, "Keras 3 distributes with tf.keras.distribution",
                         "tf.keras.distribution.ModelParallel / DataParallel"),
    "tf.keras.wrappers.scikit_learn": (
        SKLEARN, "the Keras 2 scikit-learn wrappers were removed",
        "scikeras.wrappers.KerasClassifier(model=build_fn, ...) (pip install scikeras), or "
        "tf.keras.wrappers.SKLearnClassifier(model=build_fn)"),
    "tf.keras.utils.multi_gpu_model": (
        MULTI_GPU, "multi_gpu_model was removed",
        "strategy = tf.distribute.MirroredStrategy(); with strategy.scope(): build and compile the model"),
    "tf.keras.layers.LocallyConnected1D": (REMOVED, "Keras 3 removed it", "a custom layer, or --keras tf_keras"),
    "tf.keras.layers.LocallyConnected2D": (REMOVED, "Keras 3 removed it", "a custom layer, or --keras tf_keras"),
    "tf.keras.layers.DenseFeatures": (REMOVED, "feature columns are not supported by Keras 3",
                                      "Keras preprocessing layers or tf.keras.utils.FeatureSpace"),
    "tf.keras.layers.AbstractRNNCell": (REMOVED, "Keras 3 removed it",
                                        "subclass tf.keras.layers.Layer with state_size/output_size attributes"),
    "tf.keras.callbacks.BaseLogger": (REMOVED, "Keras 3 averages metrics itself", "remove the callback"),
    "tf.keras.models.model_from_yaml": (REMOVED, "YAML model configs were removed (TF 2.6)",
                                        "tf.keras.models.model_from_json(model.to_json())"),
    "tf.keras.layers.CuDNNLSTM": (REMOVED, "Keras 3 removed it", "tf.keras.layers.LSTM (uses cuDNN itself)"),
    "tf.keras.layers.CuDNNGRU": (REMOVED, "Keras 3 removed it",
                                 "tf.keras.layers.GRU(reset_after=True) (uses cuDNN itself)"),
}


# TF 2 exports Keras's modules under short names too: tf.losses is tf.keras.losses (and so are
# tf.metrics, tf.optimizers, tf.initializers) in TF 2.0-2.21.  tf.optimizers is TF 2's alone;
# tf.losses, tf.metrics and tf.initializers also name TF 1.x modules, so a name TF 1.x had
# there (tf.losses.mean_squared_error) reads as Keras's only in a file that reads as TF 2
# (TF 1.x code gets TFU261's tf.compat.v1 rename; mixed/unknown code its TFU130 report).
KERAS_ALIASES = {"tf.losses.": "tf.keras.losses.", "tf.metrics.": "tf.keras.metrics.",
                 "tf.optimizers.": "tf.keras.optimizers.", "tf.initializers.": "tf.keras.initializers."}


def _alias(q: str) -> Optional[Tuple[str, str]]:
    for short, full in KERAS_ALIASES.items():
        if q.startswith(short) and q in tables.symbols_for((2, 15)):
            return short, full
    return None


def _keras_name(q: str, dialect: Optional[str] = None) -> Optional[str]:
    """``q`` as a tf.keras name: itself, or its Keras reading through TF 2's alias.  ``dialect``
    None (a screen, which cannot know the file) answers for any dialect."""
    if is_keras(q):
        return q
    found = _alias(q)
    if found is None:
        return None
    if dialect is not None and dialect != "tf2" and q in tables.v1_symbols():
        return None
    short, full = found
    return full + q[len(short):]


def _spelled_as(q: str, keras_new: str, target) -> str:
    """The new Keras name spelled through the alias ``q`` was written with, where the target has it."""
    found = _alias(q)
    if found is not None and keras_new.startswith(found[1]):
        short_new = found[0] + keras_new[len(found[1]):]
        if tables.availability(short_new, target) == "yes":
            return short_new
    return keras_new


def _after_rename(q: str) -> str:
    found = longest_known_rename(q)
    return found[1] + q[len(found[0]):] if found else q


def _moved(q: str, target) -> Optional[str]:
    new = MOVED_NAMES.get(q)
    if new is None and q.startswith(_PREPROCESSING) and "." not in q[len(_PREPROCESSING):]:
        new = "tf.keras.layers." + q[len(_PREPROCESSING):]
    if new is not None and tables.availability(new, target) == "yes":
        return new
    return None


def _reported(q: str) -> Optional[Tuple[str, Tuple[Rule, str, str]]]:
    parts = q.split(".")
    for i in range(len(parts), 2, -1):
        prefix = ".".join(parts[:i])
        if prefix in REPORTED:
            return prefix, REPORTED[prefix]
    return None


def _gone(q: str, target) -> bool:
    """A Keras 2 name (TF 1.x or 2.15) that the target only has with tf_keras, or not at all."""
    if not is_keras(q):
        return False
    if q not in tables.v1_symbols() and q not in tables.symbols_for((2, 15)):
        return False  # unknown names, and attributes of known objects: other rules' business
    return tables.availability(_after_rename(q), target) != "yes"


def _screen(q: str, env):
    if not keras3(env.settings, env.target):
        return is_keras(q) and keeps_keras2(env.settings, env.target) and ONCE
    k = _keras_name(q)
    return k is not None and (_moved(k, env.target) is not None or _reported(k) is not None
                              or _gone(k, env.target))


@on_reference(REMOVED, priority=SPECIFIC + 5, screen=_screen)
def removed_keras_name(ctx, ref) -> Optional[Rename]:
    q = ref.qualname
    if not is_keras(q):
        decision = getattr(ctx, "dialect", None)
        k = _keras_name(q, decision.dialect if decision is not None else "unknown")
        if k is None or not keras3(ctx.settings, ctx.target):
            return None
    else:
        k = q
    if keeps_keras2(ctx.settings, ctx.target):
        _require_tf_keras(ctx, ref)
        return None
    if not keras3(ctx.settings, ctx.target):
        return None
    new = _moved(k, ctx.target)
    if new is not None:
        return Rename(MOVED, _spelled_as(q, new, ctx.target))
    found = _reported(k)
    if found is None:
        if not _gone(k, ctx.target):
            return None
        major, minor = ctx.target
        return Rename(REMOVED, None, severity="error",
                      message=f"{q} does not exist in Keras 3 (tf.keras in TensorFlow {major}.{minor})",
                      hint="port it to a Keras 3 API, or keep Keras 2 with --keras tf_keras")
    prefix, (r, reason, replacement) = found
    major, minor = ctx.target
    return Rename(r, None, severity=r.severity,
                  message=f"{q}: {reason} (tf.keras is Keras 3 in TensorFlow {major}.{minor})", hint=replacement)


def _require_tf_keras(ctx, ref) -> None:
    if not needs_tf_keras(ctx, "keras_target_reported"):
        return
    major, minor = ctx.target
    ctx.report(TF_KERAS, ref.node, f"tf.keras stays Keras 2 (--keras tf_keras): TensorFlow {major}.{minor} "
               "serves it from the tf_keras package", severity="info",
               hint=f"pip install '{tf_keras(ctx.target)}' and set TF_USE_LEGACY_KERAS=1 before importing "
                    "tensorflow")
