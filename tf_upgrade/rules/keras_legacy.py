"""TF 1.x layers and RNN cells on TensorFlow >= 2.16, where Keras 3 is ``tf.keras``.

``tf.compat.v1.layers.*``, ``tf.compat.v1.nn.rnn_cell.*`` (and the Keras 2
``tf.compat.v1.keras``) load from 2.16 on only when the ``tf_keras`` package
is installed and ``TF_USE_LEGACY_KERAS=1`` is set.  That keeps TF 1 graph code
working unchanged, so it is the default: the compat.v1 spelling stays and the
requirement is recorded (generated ``symbols/<version>+tf_keras.txt`` says
which names need it).  Rewriting to Keras layer objects is offered only as an
unsafe fix, for the layer functions whose arguments map one to one.
"""
from __future__ import annotations

from typing import Optional

import libcst as cst

from . import tables
from ._requirements import require_tf_keras
from .registry import ONCE, SPECIFIC, Rename, on_call, on_module, on_reference, rule
from .renames import longest_known_rename
from .syntax import build_dotted, dotted, fix_commas

NEEDS_TF_KERAS = rule(
    "TFU301", "needs-tf-keras",
    "a TF 1 layer/RNN-cell name that the target TensorFlow loads only with tf_keras (+TF_USE_LEGACY_KERAS=1)",
    fix="safe", severity="info",
    why="From TF 2.16 tf.keras is Keras 3, which has no TF 1 layers; tf.compat.v1.layers and "
        "tf.compat.v1.nn.rnn_cell are served by the tf_keras package when TF_USE_LEGACY_KERAS=1. "
        "That variable also makes tf.keras itself Keras 2 for the whole program.")
KERAS_LAYER = rule(
    "TFU302", "keras-layer-object",
    "tf.layers.dense(x, n, ...) becomes tf.keras.layers.Dense(n, ...)(x) (likewise conv2d, pooling, flatten)",
    fix="unsafe", severity="warning", min_target=(2, 16),
    why="Keras layer objects do not put their variables into TF 1 collections (tf.trainable_variables, "
        "Saver) and do not reuse variables by scope; Keras 3 layers do not accept graph-mode tensors.")
CONTRIB_RNN = rule(
    "TFU303", "contrib-rnn-cell",
    "tf.contrib.rnn cells and static RNN functions become their tf.compat.v1.nn equivalents",
    why="tf.contrib.rnn re-exported the core RNN cells; tf.contrib was removed in TF 2.0.")

# tf.contrib.rnn names that were the core objects under another path (checked
# against the v1 symbol set before use).
CONTRIB_RNN_NAMES = {
    **{f"tf.contrib.rnn.{c}": f"tf.compat.v1.nn.rnn_cell.{c}" for c in (
        "BasicLSTMCell", "BasicRNNCell", "DeviceWrapper", "DropoutWrapper", "GRUCell", "LSTMCell",
        "LSTMStateTuple", "MultiRNNCell", "RNNCell", "ResidualWrapper")},
    "tf.contrib.rnn.static_rnn": "tf.compat.v1.nn.static_rnn",
    "tf.contrib.rnn.static_bidirectional_rnn": "tf.compat.v1.nn.static_bidirectional_rnn",
    "tf.contrib.rnn.static_state_saving_rnn": "tf.compat.v1.nn.static_state_saving_rnn",
}


def _target_name(qualname: str) -> str:
    found = longest_known_rename(qualname)
    return found[1] + qualname[len(found[0]):] if found else qualname


def _core_name(qualname: str, target) -> Optional[str]:
    for old, new in CONTRIB_RNN_NAMES.items():
        if qualname == old or qualname.startswith(old + "."):
            full = new + qualname[len(old):]
            return full if tables.availability(full, target) != "no" else None
    return None


def _import_only_feeds_core_names(ctx, binding) -> bool:
    """``from tensorflow.contrib import rnn`` whose every use becomes a core name: the import can go."""
    if binding.statement is None or binding.qualname != "tf.contrib.rnn":
        return False
    uses = [r for r in ctx.resolution.references.values() if r.binding is binding and r.node is not binding.alias]
    return bool(uses) and all(_core_name(r.qualname, ctx.target) for r in uses)


@on_reference(CONTRIB_RNN, priority=SPECIFIC + 10, screen=lambda q, env: env.imported
              or _core_name(q, env.target) is not None)
def contrib_rnn(ctx, ref) -> Optional[Rename]:
    q = ref.qualname
    if ref.node is ref.binding.alias and _import_only_feeds_core_names(ctx, ref.binding):
        ctx.scratch.setdefault("dropped_imports", set()).add(ref.binding.name)
        return Rename(CONTRIB_RNN, None)  # removed below, once its uses are rewritten
    full = _core_name(q, ctx.target)
    if full is None:
        return None  # a contrib-only cell: the contrib table explains it
    if tables.availability(full, ctx.target) == "tf_keras":
        require_tf_keras(ctx, NEEDS_TF_KERAS, ref.node, full)
    return Rename(CONTRIB_RNN, full)


def _needs_tf_keras_screen(q: str, env):
    if q.startswith("tf.contrib") or tables.availability(_target_name(q), env.target) != "tf_keras":
        return False
    if _target_name(q) != q or (env.settings.unsafe_fixes and _layer_function(q) is not None):
        return True  # a rename, or a layer the unsafe rewrite may take over (then the report moves on)
    return ONCE  # otherwise only the file's first such use reports; the requirement is recorded there too


@on_reference(NEEDS_TF_KERAS, priority=SPECIFIC + 20, screen=_needs_tf_keras_screen)
def needs_tf_keras(ctx, ref) -> Optional[Rename]:
    q = ref.qualname
    if q.startswith("tf.contrib"):
        return None
    new = _target_name(q)
    if tables.availability(new, ctx.target) != "tf_keras":
        return None
    if not _rewrite_expected(ctx, q):
        require_tf_keras(ctx, NEEDS_TF_KERAS, ref.node, new)
    return Rename(NEEDS_TF_KERAS, new if new != q else None)


# ---- the unsafe Keras-layer rewrite ---------------------------------------
# tf.layers function -> (Keras class, positional parameters of the function
# after `inputs`, keywords the Keras constructor accepts with the same meaning).
_COMMON = ("activation", "use_bias", "kernel_initializer", "bias_initializer", "kernel_regularizer",
           "bias_regularizer", "activity_regularizer", "kernel_constraint", "bias_constraint",
           "trainable", "name")
LAYER_CLASSES = {
    "dense": ("Dense", ("units",), _COMMON),
    "conv2d": ("Conv2D", ("filters", "kernel_size", "strides", "padding", "data_format", "dilation_rate"),
               _COMMON),
    "max_pooling2d": ("MaxPooling2D", ("pool_size", "strides", "padding", "data_format"), ("name",)),
    "average_pooling2d": ("AveragePooling2D", ("pool_size", "strides", "padding", "data_format"), ("name",)),
    "flatten": ("Flatten", (), ("name", "data_format")),
}
_PREFIXES = ("tf.layers.", "tf.compat.v1.layers.")


def _layer_function(qualname: str) -> Optional[str]:
    for p in _PREFIXES:
        if qualname.startswith(p) and qualname[len(p):] in LAYER_CLASSES:
            return qualname[len(p):]
    return None


def _rewrite_expected(ctx, qualname: str) -> bool:
    return (ctx.settings.unsafe_fixes and ctx.settings.enabled(KERAS_LAYER.id)
            and KERAS_LAYER.applies_to(ctx.target) and _layer_function(qualname) is not None)


def _keras_layer_args(call, fn: str):
    """(inputs, constructor args) when every argument maps one to one, else None."""
    cls, positional, keywords = LAYER_CLASSES[fn]
    if call.has_star_args():
        return None
    pos = call.positional()
    inputs = call.find("inputs", 0)
    if inputs is None or len(pos) > 1 + len(positional):
        return None
    ctor = list(pos[1:])  # same order in the Keras constructor
    allowed = set(positional) | set(keywords)
    for a in call.node.args:
        if a.keyword is None or a is inputs:
            continue
        if a.keyword.value not in allowed:
            return None  # reuse=..., or anything without a Keras twin
        ctor.append(a)
    return inputs, ctor


@on_call(KERAS_LAYER, *(p + f for p in _PREFIXES for f in LAYER_CLASSES))
def keras_layer_object(ctx, call):
    fn = _layer_function(call.qualname)
    parsed = _keras_layer_args(call, fn)
    if parsed is None:
        if _rewrite_expected(ctx, call.qualname):
            require_tf_keras(ctx, NEEDS_TF_KERAS, call.original, _target_name(call.qualname))
        return None
    inputs, ctor = parsed
    name = f"tf.keras.layers.{LAYER_CLASSES[fn][0]}"
    # Without --unsafe-fixes this only becomes the suggestion text: spelling it
    # for real could add an import to the file.
    cls = ctx.spell(name, near=call.reference_binding) if ctx.settings.unsafe_fixes else build_dotted(name)
    ctor = [a.with_changes(comma=cst.MaybeSentinel.DEFAULT) for a in ctor]
    layer = cst.Call(func=cls, args=fix_commas(ctor))
    return cst.Call(func=layer, args=[inputs.with_changes(keyword=None, equal=cst.MaybeSentinel.DEFAULT,
                                                          comma=cst.MaybeSentinel.DEFAULT)])


@on_module(CONTRIB_RNN)
def drop_unused_contrib_rnn_import(ctx, module: cst.Module) -> cst.Module:
    names = ctx.scratch.get("dropped_imports")
    if not names:
        return module
    return module.visit(_DropImportedNames(names))


class _DropImportedNames(cst.CSTTransformer):
    """Removes ``from tensorflow.contrib import rnn`` (only the names given) whose uses are gone."""

    def __init__(self, names):
        self.names = names

    def leave_ImportFrom(self, original, updated):
        if isinstance(updated.names, cst.ImportStar) or updated.module is None \
                or not (dotted(updated.module) or "").startswith("tensorflow.contrib"):
            return updated
        keep = [a for a in updated.names
                if (a.asname.name.value if a.asname else dotted(a.name)) not in self.names]
        return _keep_aliases(updated, keep)

    def leave_Import(self, original, updated):
        keep = [a for a in updated.names if not (a.asname and a.asname.name.value in self.names
                                                 and dotted(a.name).startswith("tensorflow.contrib"))]
        return _keep_aliases(updated, keep)


def _keep_aliases(statement, keep):
    """``statement`` importing only ``keep`` (removed when empty; unchanged when all kept)."""
    if len(keep) == len(statement.names):
        return statement
    if not keep:
        return cst.RemoveFromParent()
    keep[-1] = keep[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
    return statement.with_changes(names=keep)
