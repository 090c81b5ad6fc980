"""Keras 2 layer, callback and compile() arguments on Keras 3 (tf.keras from TF 2.16).

* ``tf.keras.layers.CuDNNLSTM/CuDNNGRU`` become ``LSTM``/``GRU``: Keras 3 runs
  the fused cuDNN kernel itself whenever the layer keeps the defaults
  (tanh/sigmoid, no recurrent dropout, unroll=False, use_bias=True and, for
  GRU, reset_after=True, which is CuDNNGRU's formulation and is written out);
  every CuDNN* argument is an LSTM/GRU argument of the same meaning.
* Arguments Keras 3 rejects ("Unrecognized keyword arguments") are dropped
  where their value is what Keras 3 does anyway or they only chose an
  implementation (:data:`DROP`), renamed where Keras 3 spells them differently
  (:data:`RENAME`), and reported otherwise (:data:`REPORT`).
* ``"hard_sigmoid"`` changed meaning: Keras 2's was ``clip(0.2 * x + 0.5, 0, 1)``,
  Keras 3's is ``relu6(x + 3) / 6``; every use is reported with the Keras 2
  function to write.
"""
from __future__ import annotations

from typing import Dict, Optional, Tuple

import libcst as cst

from ._calls import UNKNOWN, literal, replace_arg, settled
from ._keras import keras3
from .registry import AFTER_ARGUMENTS, ARGUMENT_REWRITES, SPECIFIC, Rename, on_call, on_method, on_reference, rule
from .syntax import keyword_arg

CUDNN = rule(
    "TFU381", "keras-cudnn-rnn", "tf.keras.layers.CuDNNLSTM/CuDNNGRU become LSTM/GRU (Keras 3 picks cuDNN itself)",
    min_target=(2, 16),
    why="Keras 3 has no CuDNN* layers; LSTM and GRU with their default arguments run the same fused kernel on "
        "a GPU (and also run on a CPU). CuDNNGRU is GRU(reset_after=True). Weights saved from CuDNNLSTM "
        "(bias of 8*units) do not load into LSTM (4*units) without summing the two bias halves.")
LAYER_ARGS = rule(
    "TFU382", "keras-layer-arguments",
    "Keras 2 layer/callback/compile arguments Keras 3 rejects: dropped when inert, renamed, or reported",
    severity="warning", min_target=(2, 16),
    why="Keras 3 raises on unknown constructor arguments. fused= only chose a kernel; time_major=False, "
        "dynamic=False, sparse=False and experimental_run_tf_function were defaults; TensorBoard's batch_size and "
        "write_grads had no effect in TF 2. Arguments whose feature Keras 3 removed are reported.")
HARD_SIGMOID = rule(
    "TFU383", "keras-hard-sigmoid",
    "'hard_sigmoid' means relu6(x + 3) / 6 in Keras 3, not Keras 2's clip(0.2 * x + 0.5, 0, 1) (reported)",
    fix="manual", severity="warning", min_target=(2, 16),
    why="Keras 3 redefined hard_sigmoid with slope 1/6 instead of 0.2: a model using it computes something "
        "else with the same weights.")

CUDNN_LAYERS = {"tf.keras.layers.CuDNNLSTM": "tf.keras.layers.LSTM", "tf.keras.layers.CuDNNGRU": "tf.keras.layers.GRU"}

_RNN = ("tf.keras.layers.LSTM", "tf.keras.layers.GRU", "tf.keras.layers.SimpleRNN", "tf.keras.layers.RNN",
        "tf.keras.layers.Bidirectional")
_BN = ("tf.keras.layers.BatchNormalization",)
# (callee, keyword) -> values that are what Keras 3 does anyway (ANY: the argument never changed results)
ANY = "*"
DROP: Dict[Tuple[str, str], object] = {
    **{(c, "fused"): ANY for c in _BN},
    **{(c, "adjustment"): (None,) for c in _BN},
    **{(c, "virtual_batch_size"): (None,) for c in _BN},
    **{(c, "time_major"): (False,) for c in _RNN},
    ("tf.keras.layers.Embedding", "sparse"): (False,),
    ("tf.keras.callbacks.TensorBoard", "batch_size"): ANY,  # "no effect" since TF 2.0
    ("tf.keras.callbacks.TensorBoard", "write_grads"): ANY,
    ("tf.keras.callbacks.ModelCheckpoint", "options"): (None,),
    ("compile", "experimental_run_tf_function"): ANY,
    ("compile", "sample_weight_mode"): (None,),
    ("compile", "target_tensors"): (None,),
    ("compile", "distribute"): (None,),
}
RENAME: Dict[Tuple[str, str], str] = {
    ("tf.keras.layers.LeakyReLU", "alpha"): "negative_slope",
    ("tf.keras.activations.relu", "alpha"): "negative_slope",
    ("tf.keras.backend.relu", "alpha"): "negative_slope",
    ("tf.keras.layers.InputLayer", "input_shape"): "shape",
    ("tf.keras.layers.InputLayer", "batch_input_shape"): "batch_shape",
}
# (callee, keyword) -> what to write instead
REPORT: Dict[Tuple[str, str], str] = {
    **{(c, "time_major"): "transpose the input to batch-major (tf.transpose(x, [1, 0, 2])) and drop time_major"
       for c in _RNN},
    **{(c, "virtual_batch_size"): "remove it (ghost batch normalization is gone) or keep Keras 2 (--keras tf_keras)"
       for c in _BN},
    **{(c, "adjustment"): "remove it; Keras 3 has no adjustment hook" for c in _BN},
    ("tf.keras.layers.Embedding", "sparse"): "remove sparse=True (Keras 3 embeddings have dense gradients)",
    ("tf.keras.callbacks.ModelCheckpoint", "options"): "remove options= (Keras 3 writes .keras/.weights.h5 files)",
    ("tf.keras.callbacks.ModelCheckpoint", "period"): "save_freq='epoch' (or a number of batches)",
    ("tf.keras.callbacks.TensorBoard", "embeddings_layer_names"): "remove it (Keras 3 logs no embeddings)",
    ("tf.keras.callbacks.TensorBoard", "embeddings_data"): "remove it (Keras 3 logs no embeddings)",
    ("tf.keras.callbacks.ProgbarLogger", "count_mode"): "remove it (Keras 3 counts steps)",
    ("tf.keras.callbacks.ProgbarLogger", "stateful_metrics"): "remove it",
    ("compile", "sample_weight_mode"): "remove it; pass per-timestep sample weights of shape (batch, steps) to fit",
    ("compile", "target_tensors"): "remove it; feed the targets to fit()",
    ("compile", "distribute"): "build and compile the model inside strategy.scope()",
}
_DYNAMIC = "dynamic"  # any layer: dynamic=False dropped, dynamic=True reported


def _callees():
    names = {c for c, _ in (*DROP, *RENAME, *REPORT) if c != "compile"}
    return names


def _keywords_for(callee: str):
    return {k for c, k in (*DROP, *RENAME, *REPORT) if c == callee} | {_DYNAMIC}


@on_reference(CUDNN, priority=SPECIFIC, screen=lambda q, env: q in CUDNN_LAYERS and env.called
              and keras3(env.settings, env.target))
def cudnn_layer(ctx, ref) -> Optional[Rename]:
    # (called, with Keras 3, as the screen says: an import or isinstance() is keras3_removed's)
    return Rename(CUDNN, CUDNN_LAYERS[ref.qualname])


@on_call(CUDNN, *CUDNN_LAYERS, priority=ARGUMENT_REWRITES - 10, screen=lambda q, env, shape: keras3(env.settings, env.target))
def cudnn_arguments(ctx, call) -> Optional[cst.Call]:
    """The call as LSTM/GRU calls are written on a second run (positional->keyword), and GRU with
    CuDNNGRU's reset_after=True."""
    if call.has_star_args():
        return None
    node = call.node
    if call.qualname.endswith("GRU") and call.keyword("reset_after") is None:
        args = list(node.args)
        last = args[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT) if args else None
        node = call.with_args(([*args[:-1], last] if args else []) + [keyword_arg("reset_after", cst.Name("True"))])
    settled_node = settled(ctx, call, node, CUDNN_LAYERS[call.qualname])
    return settled_node if settled_node is not call.node else None


def _arguments(ctx, call, callee: str) -> Optional[cst.Call]:
    args = list(call.node.args)
    changed = False
    for a in list(args):
        if a.keyword is None:
            continue
        key = (callee, a.keyword.value)
        value = literal(a.value)
        if a.keyword.value == _DYNAMIC and callee != "compile":
            decision = (False,)
            key = (callee, _DYNAMIC)
            replacement = "subclass the layer and run the model eagerly (model.compile(run_eagerly=True))"
        else:
            decision = DROP.get(key)
            replacement = REPORT.get(key)
        if key in RENAME:
            args = [b.with_changes(keyword=cst.Name(RENAME[key])) if b is a else b for b in args]
            changed = True
        elif decision is ANY or (decision is not None and value is not UNKNOWN and value in decision):
            args = replace_arg(args, a, None)
            changed = True
        elif replacement is not None:
            ctx.report(LAYER_ARGS, call.original, f"{callee.rsplit('.', 1)[-1]}({a.keyword.value}="
                       f"{ctx.code(a.value).strip()}): Keras 3 has no {a.keyword.value} argument",
                       hint=replacement)
    return call.with_args(args) if changed else None


@on_call(LAYER_ARGS, *_callees(), priority=AFTER_ARGUMENTS,
         screen=lambda q, env, shape: keras3(env.settings, env.target)
         and not shape.keywords.isdisjoint(_keywords_for(q)))
def layer_arguments(ctx, call) -> Optional[cst.Call]:
    return _arguments(ctx, call, call.qualname)


@on_method(LAYER_ARGS, "compile")
def compile_arguments(ctx, call) -> Optional[cst.Call]:
    if not keras3(ctx.settings, ctx.target) or not any(
            q == "tf.keras" or q.startswith("tf.keras.") for q in ctx.resolution.all_qualnames()):
        return None
    if not any(a.keyword is not None and ("compile", a.keyword.value) in {**DROP, **REPORT} for a in call.node.args):
        return None
    return _arguments(ctx, call, "compile")


_HARD_SIGMOID_NAMES = ("tf.keras.activations.hard_sigmoid", "tf.keras.backend.hard_sigmoid")
_KERAS2_HARD_SIGMOID = "lambda x: tf.clip_by_value(0.2 * x + 0.5, 0.0, 1.0)"


@on_reference(HARD_SIGMOID, priority=SPECIFIC + 4, screen=lambda q, env: q in _HARD_SIGMOID_NAMES
              and keras3(env.settings, env.target))
def hard_sigmoid_function(ctx, ref) -> Optional[Rename]:
    return Rename(HARD_SIGMOID, None, message=f"{ref.qualname} is relu6(x + 3) / 6 in Keras 3 (Keras 2: "
                  "clip(0.2 * x + 0.5, 0, 1))", hint=f"for Keras 2's numbers write {_KERAS2_HARD_SIGMOID}")


@on_call(HARD_SIGMOID, "*", priority=AFTER_ARGUMENTS + 1,
         screen=lambda q, env, shape: q.startswith("tf.keras.layers.") and keras3(env.settings, env.target)
         and not shape.keywords.isdisjoint({"activation", "recurrent_activation"}))
def hard_sigmoid_argument(ctx, call) -> None:
    for a in call.node.args:
        if a.keyword is not None and a.keyword.value in ("activation", "recurrent_activation") \
                and literal(a.value) == "hard_sigmoid":
            ctx.report(HARD_SIGMOID, call.original, f"{a.keyword.value}=\"hard_sigmoid\" is relu6(x + 3) / 6 in "
                       "Keras 3 (Keras 2: clip(0.2 * x + 0.5, 0, 1)); the layer computes different values",
                       hint=f"{a.keyword.value}={_KERAS2_HARD_SIGMOID} keeps Keras 2's numbers")
    return None


# ---- custom layers -----------------------------------------------------------------------
ADD_WEIGHT = rule(
    "TFU384", "keras-add-weight-name",
    "self.add_weight(\"kernel\", shape, ...) passes Keras 2's positional parameters by keyword",
    min_target=(2, 16),
    why="Keras 2's Layer.add_weight/add_variable took (name, shape, dtype, initializer, regularizer, trainable, "
        "constraint); Keras 3's take (shape, initializer, dtype, trainable, ...), so a name passed first "
        "becomes the shape. A string first argument can only be Keras 2's name.")
BUILD_SHAPE = rule(
    "TFU385", "keras-build-input-shape",
    "input_shape.as_list() in a layer's build() becomes list(input_shape)",
    min_target=(2, 16),
    why="Keras 3 passes build() a tuple, which has no as_list(); list() gives the same dimensions for a "
        "TensorShape (TF 2) and a tuple.")

KERAS2_ADD_WEIGHT = ("name", "shape", "dtype", "initializer", "regularizer", "trainable", "constraint")


def _keras_file(ctx) -> bool:
    return any(q == "tf.keras" or q.startswith("tf.keras.") for q in ctx.resolution.all_qualnames())


@on_method(ADD_WEIGHT, "add_weight", "add_variable")
def add_weight_positional(ctx, call) -> Optional[cst.Call]:
    if not keras3(ctx.settings, ctx.target) or not _keras_file(ctx):
        return None
    func = call.node.func
    if not (isinstance(func.value, cst.Name) and func.value.value == "self") or call.has_star_args():
        return None
    positional = call.positional()
    if not positional or not isinstance(positional[0].value, (cst.SimpleString, cst.FormattedString,
                                                                cst.ConcatenatedString)):
        return None
    if len(positional) > len(KERAS2_ADD_WEIGHT):
        return None
    out, index = [], 0
    for a in call.node.args:
        if a.keyword is None:
            a = keyword_arg(KERAS2_ADD_WEIGHT[index], a.value, like=a)
            index += 1
        out.append(a)
    return call.with_args(out)


def _enclosing_function(ctx, node):
    while node is not None and not isinstance(node, cst.FunctionDef):
        node = ctx.parent(node)
    return node


@on_method(BUILD_SHAPE, "as_list")
def build_shape_as_list(ctx, call) -> Optional[cst.BaseExpression]:
    if not keras3(ctx.settings, ctx.target) or call.node.args or not _keras_file(ctx):
        return None
    receiver = call.original.func.value
    if not isinstance(receiver, cst.Name):
        return None
    function = _enclosing_function(ctx, call.original)
    if function is None or function.name.value != "build":
        return None
    params = function.params.params
    if len(params) < 2 or params[0].name.value != "self" or params[1].name.value != receiver.value:
        return None
    return cst.Call(func=cst.Name("list"), args=[cst.Arg(call.node.func.value)])
