"""``model.save(path)`` / ``tf.keras.models.save_model(model, path)`` without a file extension.

TF 1.x's tf.keras wrote an HDF5 file to such a path.  On TensorFlow 2.21 the
same call either raises (Keras 3: only ``.keras`` and ``.h5`` names) or, with
tf_keras, silently writes a SavedModel *directory* that an HDF5 reader (or
``load_model`` of old code expecting a file) does not understand.  The tool
cannot know which file the rest of the pipeline expects, so it warns with the
spelling that keeps TF 1.x's file on both setups: ``path + ".h5"``.
With Keras 3 as the target's Keras, ``keras3_models``' save-path rule reports
these calls; this one speaks for tf_keras (``--keras tf_keras``).  Receivers are matched by name (``model``, ``self.model``, ``keras_model``...;
checkpoint/saver objects are excluded): ``save`` is too common a method name to
match every object.
"""
from __future__ import annotations

import libcst as cst

from ._calls import literal, path_end
from ._keras import keras3
from .registry import on_call, on_method, rule
from .syntax import dotted

SAVE_PATH = rule(
    "TFU406", "keras-save-without-extension",
    "model.save(path) / save_model(model, path) with no .h5/.keras extension: TF 1.x wrote HDF5 there",
    fix="manual", severity="warning",
    why="TF 1.x's tf.keras saved HDF5 whatever the name; Keras 3 refuses a path without .keras/.h5 and tf_keras "
        "writes a SavedModel directory instead, so the file the rest of the program reads changes or the call "
        "fails.",
    meaning_differs=True)

EXTENSIONS = (".h5", ".hdf5", ".keras")
_NOT_MODELS = ("ckpt", "checkpoint", "saver", "manager", "writer", "builder")


def _warn(ctx, call, who: str, path: cst.BaseExpression) -> None:
    text = path_end(path)
    if text is None or text.endswith(EXTENSIONS) or text.endswith("/"):
        return
    code = ctx.code(path).strip()
    value = literal(path)
    fixed = repr(value + ".h5") if isinstance(value, str) else f"{code} + \".h5\""
    ctx.report(SAVE_PATH, call.original, f"{who}({code}): TF 1.x wrote an HDF5 file here; Keras 3 refuses a "
               "name without .keras/.h5 and tf_keras writes a SavedModel directory instead",
               hint=f"save to {fixed} to keep the HDF5 file (loads with load_model on both), or to a .keras "
                    "file for Keras 3's format")


@on_method(SAVE_PATH, "save")
def model_save(ctx, call) -> None:
    if keras3(ctx.settings, ctx.target):
        return None  # keras3_models' save-path rule says what Keras 3 needs
    receiver = dotted(call.node.func.value)
    if receiver is None or not call.node.args or call.node.args[0].keyword not in (None,) \
            or call.node.args[0].star:
        return None
    last = receiver.rsplit(".", 1)[-1].lower()
    if "model" not in last or any(w in last for w in _NOT_MODELS):
        return None
    if any(a.keyword is not None and a.keyword.value == "save_format" for a in call.node.args):
        return None  # the format is chosen explicitly
    _warn(ctx, call, f"{receiver}.save", call.node.args[0].value)
    return None


@on_call(SAVE_PATH, "tf.keras.models.save_model", "tf.keras.experimental.export_saved_model")
def save_model_function(ctx, call) -> None:
    if keras3(ctx.settings, ctx.target) or call.qualname != "tf.keras.models.save_model" \
            or call.has_star_args() or call.keyword("save_format"):
        return None
    path = call.find("filepath", 1)
    if path is not None:
        _warn(ctx, call, "tf.keras.models.save_model", path.value)
    return None
