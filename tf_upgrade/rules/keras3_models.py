"""Keras 2 model methods and saving on Keras 3 (tf.keras from TF 2.16).

* ``model.predict_classes(x)`` / ``predict_proba(x)`` (removed in TF 2.6) become
  the ``predict`` expression Keras 2 evaluated: for classes, the arg-max of the
  probabilities when the model has several outputs units, else ``p > 0.5`` as
  int32 (the choice Keras 2 made at run time, so the conversion makes it too);
  ``verbose=0`` is written because those methods printed nothing by default.
  ``predict_proba`` is also a scikit-learn method: only calls on a name the file
  binds to a Keras model are converted.
* ``model.save(path)`` without ``.keras``/``.h5``, ``save_format=``,
  ``save_weights`` without ``.weights.h5`` and ``load_model`` of a SavedModel
  directory are reported with the call to write: which file a program should
  write is the user's decision (and the loading side must match).
* ``fit``/``evaluate``/``predict`` lose ``workers``/``use_multiprocessing``/
  ``max_queue_size`` (loading knobs Keras 3 moved to ``PyDataset``).
* A ``Lambda`` layer in a file that saves or loads models is reported: Keras 3
  loads it back only with ``safe_mode=False``.
* ``K.set_value(optimizer.lr, v)`` / ``K.get_value(optimizer.lr)`` become
  ``optimizer.learning_rate.assign(v)`` / ``K.get_value(optimizer.learning_rate)``:
  Keras 3 optimizers have no ``lr`` and its ``set_value`` rejects their variables.
"""
from __future__ import annotations

import re
from typing import Optional, Set

import libcst as cst

from ._calls import literal, path_end, replace_arg
from ._keras import keras3
from .registry import on_call, on_method, rule
from .syntax import dotted, fix_commas, keyword_arg

PREDICT = rule(
    "TFU380", "keras-predict-classes",
    "model.predict_classes(x) / predict_proba(x) become the equivalent model.predict(x) expression",
    min_target=(2, 16),
    why="Keras removed Sequential.predict_classes and predict_proba in TF 2.6. predict_classes returned "
        "probabilities.argmax(-1) for several output units and (p > 0.5).astype('int32') for one.")
SAVE_PATH = rule(
    "TFU420", "keras-save-path",
    "model.save / save_weights / load_model with a path Keras 3 does not accept (no .keras, .h5, .weights.h5)",
    fix="manual", severity="error", min_target=(2, 16),
    why="Keras 2 wrote a TF SavedModel directory for a path without extension; Keras 3 saves only .keras (or "
        "legacy .h5) files, weights only to .weights.h5, and loads a SavedModel only as a TFSMLayer.")
SAVE_FORMAT = rule(
    "TFU421", "keras-save-format", "model.save(\"m.h5\", save_format=\"h5\"): the argument Keras 3 rejects is dropped",
    min_target=(2, 16),
    why="Keras 3 raises on save_format=; the file extension decides the format. Other save_format uses "
        "(\"tf\": a SavedModel, which is model.export(path) in Keras 3) are reported by TFU420.")
LR_VALUE = rule(
    "TFU366", "keras-optimizer-lr-value",
    "K.set_value(opt.lr, v) / K.get_value(opt.lr) become opt.learning_rate.assign(v) / K.get_value("
    "opt.learning_rate)",
    min_target=(2, 16),
    why="Keras 3 optimizers have no lr attribute, and tf.keras.backend.set_value fails on Keras 3 variables.")

MODEL_FACTORIES = {"tf.keras.Sequential", "tf.keras.models.Sequential", "tf.keras.Model", "tf.keras.models.Model",
                   "tf.keras.models.load_model", "tf.keras.models.clone_model", "tf.keras.models.model_from_json"}


def _keras_models(ctx) -> Set[str]:
    """Names (``model``, ``self.model``) the file assigns a Keras model to."""
    state = ctx.scratch
    names = state.get("keras_models")
    if names is None:
        names = set()
        for ref in ctx.resolution.references.values():
            if ref.qualname not in MODEL_FACTORIES:
                continue
            call = ctx.parent(ref.node)
            if not isinstance(call, cst.Call) or call.func is not ref.node:
                continue
            assign = ctx.parent(call)
            if isinstance(assign, cst.Assign):
                names.update(n for n in (dotted(t.target) for t in assign.targets) if n)
            elif isinstance(assign, (cst.AnnAssign, cst.AssignTarget)) and hasattr(assign, "target"):
                name = dotted(assign.target)
                if name:
                    names.add(name)
        state["keras_models"] = names
    return names


def _keras_file(ctx) -> bool:
    return any(q == "tf.keras" or q.startswith("tf.keras.") for q in ctx.resolution.all_qualnames())


@on_method(PREDICT, "predict_classes", "predict_proba")
def predict_classes(ctx, call) -> Optional[cst.BaseExpression]:
    if not keras3(ctx.settings, ctx.target) or not _keras_file(ctx):
        return None
    method = call.node.func.attr.value
    receiver = dotted(call.node.func.value)
    if method == "predict_proba" and receiver not in _keras_models(ctx):
        return None  # scikit-learn's predict_proba is not Keras's
    if any(a.star for a in call.node.args):
        ctx.report(PREDICT, call.original, f"{method}(*args/**kwargs): cannot tell whether verbose is passed",
                   severity="warning", hint=f"model.predict(x, verbose=0) (see the rule's doc for {method})")
        return None
    args = list(call.node.args)
    positional = [a for a in args if a.keyword is None]
    if len(positional) < 3 and not any(a.keyword is not None and a.keyword.value == "verbose" for a in args):
        args = fix_commas([a if a is not args[-1] else a.with_changes(comma=cst.MaybeSentinel.DEFAULT)
                           for a in args] + [keyword_arg("verbose", cst.Integer("0"))])
    predict = call.node.with_changes(func=call.node.func.with_changes(attr=cst.Name("predict")), args=args)
    if method == "predict_proba":
        return predict
    return cst.parse_expression(
        '(lambda p: p.argmax(axis=-1) if p.shape[-1] > 1 else (p > 0.5).astype("int32"))(PREDICT)'
    ).with_changes(args=[cst.Arg(predict)])


def _code(ctx, node) -> str:
    return ctx.code(node).strip()


_CHECKPOINT_LIKE = ("ckpt", "checkpoint", "saver", "manager")


def _looks_like_model(receiver: Optional[str], ctx, call) -> bool:
    """``model.save`` vs ``tf.train.Checkpoint().save``/``Saver.save``: a name the file binds to a
    Keras model, or one that says so, and no session argument."""
    if receiver is None:
        return False
    last = receiver.rsplit(".", 1)[-1].lower()
    if any(w in last for w in _CHECKPOINT_LIKE):
        return False
    return receiver in _keras_models(ctx) or "model" in last


@on_method(SAVE_PATH, "save", "save_weights", "load_weights")
def model_save(ctx, call) -> Optional[cst.BaseExpression]:
    if not keras3(ctx.settings, ctx.target) or not _keras_file(ctx):
        return None
    method = call.node.func.attr.value
    receiver = dotted(call.node.func.value)
    if not _looks_like_model(receiver, ctx, call) or not call.node.args or call.node.args[0].keyword is not None:
        return None
    return _check_save(ctx, call, method, call.node.args[0].value, receiver)


@on_call(SAVE_PATH, "tf.keras.models.save_model", "tf.keras.models.load_model",
         screen=lambda q, env, shape: keras3(env.settings, env.target))
def save_model_function(ctx, call) -> Optional[cst.BaseExpression]:
    if call.qualname.endswith("load_model"):
        path = call.find("filepath", 0)
        text = path_end(path.value) if path is not None else None
        if text is not None and not text.endswith((".keras", ".h5", ".hdf5")):
            ctx.report(SAVE_PATH, call.original, f"load_model({text!r}): Keras 3 loads .keras/.h5 files; a "
                       "SavedModel directory loads only for inference", hint=(
                           f"save the model as {text.rstrip('/')}.keras and load that, or use "
                           f"tf.keras.layers.TFSMLayer({text!r}, call_endpoint='serving_default')"))
        return None
    path = call.find("filepath", 1)
    if path is None:
        return None
    return _check_save(ctx, call, "save_model", path.value, None)


def _check_save(ctx, call, method: str, path_expr, receiver) -> Optional[cst.BaseExpression]:
    text = path_end(path_expr)
    fmt_arg = call.keyword("save_format")
    fmt = literal(fmt_arg.value) if fmt_arg is not None else None
    if method == "load_weights":
        if text is not None and not text.endswith((".weights.h5", ".h5", ".keras")):
            ctx.report(SAVE_PATH, call.original, f"load_weights({_code(ctx, path_expr)}): Keras 3 reads .weights.h5 files, not "
                       "TF checkpoints", hint="save the weights again with save_weights('name.weights.h5'); for a "
                       "TF checkpoint use tf.train.Checkpoint(model=model).restore(path)")
        return None
    if method == "save_weights":
        if text is not None and not text.endswith(".weights.h5"):
            ctx.report(SAVE_PATH, call.original, f"save_weights({_code(ctx, path_expr)}): Keras 3 requires a name ending in "
                       ".weights.h5", hint=f"{receiver or 'model'}.save_weights("
                       f"{_suggest(path_expr, text, '.weights.h5', ctx)})")
        return None
    who = f"{receiver}.save" if receiver else "tf.keras.models.save_model"
    if fmt_arg is not None:
        if fmt in ("h5", "keras") and text is not None and text.endswith((".h5", ".hdf5", ".keras")):
            return None  # TFU421 drops it
        ctx.report(SAVE_PATH, call.original, f"{who}(..., save_format={_code(ctx, fmt_arg.value)}): Keras 3 "
                       "has no save_format", hint=(
                       f"{receiver or 'model'}.export({_code(ctx, path_expr)}) for a SavedModel (serving), or "
                       f"{receiver or 'model'}.save({_suggest(path_expr, text or '', '.keras', ctx)}) "
                       "to reload with load_model"))
        return None
    if text is not None and not text.endswith((".keras", ".h5", ".hdf5")):
        ctx.report(SAVE_PATH, call.original, f"{who}({_code(ctx, path_expr)}): Keras 3 saves only .keras or .h5 files (Keras 2 "
                   "wrote a SavedModel directory here)", hint=(
                       f"{receiver or 'model'}.save({_suggest(path_expr, text, '.keras', ctx)}) (and load that "
                       f"file), or {receiver or 'model'}.export({_code(ctx, path_expr)}) for a SavedModel"))
    return None


@on_method(SAVE_FORMAT, "save")
def drop_save_format(ctx, call) -> Optional[cst.BaseExpression]:
    if not keras3(ctx.settings, ctx.target) or not _keras_file(ctx):
        return None
    receiver = dotted(call.node.func.value)
    fmt_arg = call.keyword("save_format")
    if fmt_arg is None or not call.node.args or not _looks_like_model(receiver, ctx, call):
        return None
    text = path_end(call.node.args[0].value)
    if literal(fmt_arg.value) in ("h5", "keras") and text is not None and text.endswith((".h5", ".hdf5", ".keras")):
        return call.with_args(replace_arg(list(call.node.args), fmt_arg, None))
    return None


def _suggest(path_expr, text: str, suffix: str, ctx) -> str:
    value = literal(path_expr)
    if isinstance(value, str):
        stem = value.rstrip("/")
        for old in (".h5", ".hdf5"):
            if suffix == ".weights.h5" and stem.endswith(old):
                stem = stem[:-len(old)]
        return repr(stem + suffix)
    return f"{_code(ctx, path_expr)} + {suffix!r}"


@on_call(LR_VALUE, "tf.keras.backend.set_value", "tf.keras.backend.get_value",
         screen=lambda q, env, shape: keras3(env.settings, env.target))
def optimizer_lr_value(ctx, call) -> Optional[cst.BaseExpression]:
    first = call.find("x", 0)
    if first is None or not isinstance(first.value, cst.Attribute) \
            or first.value.attr.value not in ("lr", "learning_rate"):
        return None
    if isinstance(first.value.value, cst.Name) and ctx.qualname(call.original.args[0].value) is not None:
        return None  # a TF name, not an optimizer
    learning_rate = first.value.with_changes(attr=cst.Name("learning_rate"))
    if call.qualname.endswith("get_value"):
        if first.value.attr.value == "learning_rate":
            return None
        return call.with_args([a.with_changes(value=learning_rate) if a is first else a for a in call.node.args])
    value = call.find("value", 1)
    if value is None or len(call.node.args) != 2:
        return None
    return cst.Call(func=cst.Attribute(value=learning_rate, attr=cst.Name("assign")),
                    args=[value.with_changes(keyword=None, equal=cst.MaybeSentinel.DEFAULT,
                                             comma=cst.MaybeSentinel.DEFAULT)])


LAMBDA_SAVED = rule(
    "TFU422", "keras-lambda-saved",
    "a Lambda layer in a file that saves or loads models: Keras 3 loads it only with safe_mode=False (reported)",
    fix="manual", severity="warning", min_target=(2, 16),
    why="A .keras file stores a Lambda layer's function as Python bytecode; Keras 3's load_model refuses to "
        "deserialize it unless safe_mode=False (which runs that code), and the bytecode only loads on the same "
        "Python version. Keras 2's SavedModel/h5 formats loaded such models silently.")
_SAVES = re.compile(r"\.save\(|save_model\(|load_model\(")


@on_call(LAMBDA_SAVED, "tf.keras.layers.Lambda", screen=lambda q, env, shape: keras3(env.settings, env.target))
def lambda_in_saved_model(ctx, call) -> None:
    if not _SAVES.search(ctx.text):
        return None
    ctx.report(LAMBDA_SAVED, call.original, "this file saves or loads models and builds a Lambda layer: Keras 3 "
               "loads it back only with load_model(..., safe_mode=False)",
               hint="replace the Lambda with a small subclassed layer registered with "
                    "@tf.keras.utils.register_keras_serializable(), or pass safe_mode=False when loading "
                    "a file you trust")
    return None


LOADING = rule(
    "TFU386", "keras-fit-loading-arguments",
    "fit/evaluate/predict(workers=, use_multiprocessing=, max_queue_size=) lose the arguments Keras 3 removed",
    min_target=(2, 16),
    why="Keras 3's fit/evaluate/predict raise on these; they only tuned how a generator or Sequence was read "
        "(Keras 3 takes them on keras.utils.PyDataset(workers=..., use_multiprocessing=...)).")
LOADING_ONLY = ("workers", "use_multiprocessing", "max_queue_size")


@on_method(LOADING, "fit", "evaluate", "predict")
def loading_arguments(ctx, call) -> Optional[cst.BaseExpression]:
    if not keras3(ctx.settings, ctx.target) or not _keras_file(ctx):
        return None
    args = list(call.node.args)
    for a in list(args):
        if a.keyword is not None and a.keyword.value in LOADING_ONLY:
            args = replace_arg(args, a, None)
    return call.with_args(args) if len(args) != len(call.node.args) else None
