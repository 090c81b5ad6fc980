"""Initializers and regularizers whose TF 2 spelling needs different values.

* TF 2 kept ``tf.random_normal_initializer`` / ``tf.random_uniform_initializer``
  (and ``tf.initializers.random_normal``...) but changed their defaults
  (stddev 1.0 -> 0.05, [0, 1) -> [-0.05, 0.05)): TF 1.x defaults are written out.
  ``tf.initializers.variance_scaling``'s ``distribution="normal"`` is spelled
  ``"truncated_normal"`` (TF 2 rejects the old alias).
* Random initializers that can reach ``get_variable`` / ``tf.Variable`` keep TF 1.x's
  draws (TFU228): a Keras 3 initializer fixes its seed when it is built, so one
  unseeded instance shared by several variables (an ``arg_scope``, a module-level
  ``init = ...``) gives them identical values where TF 1.x drew fresh ones.
  ``tf.initializers.*`` and the ``tf.keras.initializers.*`` of TF 1.x code become
  their ``tf.compat.v1`` twins (Keras' own defaults written out), contrib ones
  ``tf_slim``'s (the same functions).  Only an argument of a Keras layer, which
  rebuilds its initializer from config, takes the Keras form:
* there, ``tf.contrib.layers`` initializers (and everywhere, regularizers) become Keras ones with the
  values they need: ``xavier_initializer`` -> ``GlorotUniform``/``GlorotNormal``,
  ``variance_scaling_initializer(factor, mode, uniform)`` -> ``VarianceScaling
  (scale, mode.lower(), distribution)``, ``l2_regularizer(s)`` ->
  ``tf.keras.regularizers.l2(0.5 * s)`` (contrib used ``s * sum(w**2) / 2``).
"""
from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Optional

import libcst as cst

from . import tables
from ._calls import call_to, hidden, literal, locate, parenthesize, replace_arg, with_value
from ._requirements import TF_SLIM
from .registry import AFTER_ARGUMENTS, ARGUMENT_REWRITES, SPECIFIC, Rename, on_call, on_reference, rule
from .syntax import keyword_arg

DEFAULTS = rule(
    "TFU209", "initializer-defaults",
    "initializers whose TF 2 defaults changed get their TF 1.x values written out (stddev=1.0...)",
    why="tf.random_normal_initializer() draws with stddev 0.05 in TF 2 but 1.0 in TF 1.x; unchanged code "
        "would silently train from a different starting point.",
    meaning_differs=True)
CONTRIB = rule(
    "TFU210", "contrib-initializers",
    "tf.contrib.layers xavier/variance_scaling initializers and l1/l2 regularizers become Keras equivalents",
    why="tf.contrib is gone; Keras has the same initializers and regularizers, with different argument names "
        "and (for l2) a factor 2 in the scale.")

FRESH = rule(
    "TFU228", "initializer-fresh-draws",
    "random initializers that can reach get_variable/tf.Variable become tf.compat.v1 (or tf_slim) ones, "
    "not Keras ones",
    why="A Keras 3 initializer fixes its seed when it is built: one unseeded instance reused for several "
        "variables gives them all the same values, where TF 1.x drew fresh ones per variable. The "
        "tf.compat.v1 initializers (and tf_slim's contrib ones) keep TF 1.x's draws. Keras layers rebuild "
        "their initializers from config, so arguments of a Keras layer keep the Keras form.",
    meaning_differs=True)


class _Fresh:
    """Where a TF 1.x random initializer goes, and the defaults its new name lacks."""

    def __init__(self, new: str, defaults=None, keras_only_file: bool = False):
        self.new = new
        self.defaults = defaults or {}  # parameter -> TF 1.x value, written when absent
        self.keras_only_file = keras_only_file  # a tf.keras name: converted only in files using get_variable


def _keras(new, defaults=None):
    return _Fresh(new, defaults, keras_only_file=True)


_V1 = "tf.compat.v1."
# TF 1.x name -> its tf.compat.v1 twin (same positional parameters)
FRESH_TABLE = {
    **{f"tf.initializers.{n}": _Fresh(f"{_V1}initializers.{n}") for n in (
        "glorot_uniform", "glorot_normal", "he_normal", "he_uniform", "lecun_normal", "lecun_uniform",
        "variance_scaling", "orthogonal", "random_normal", "random_uniform", "truncated_normal")},
    # TF 1.x's tf.keras.initializers were the graph-mode init_ops classes with Keras' defaults
    **{f"tf.keras.initializers.{n}": _keras(f"{_V1}glorot_uniform_initializer")
       for n in ("GlorotUniform", "glorot_uniform")},
    **{f"tf.keras.initializers.{n}": _keras(f"{_V1}glorot_normal_initializer")
       for n in ("GlorotNormal", "glorot_normal")},
    **{f"tf.keras.initializers.{k}": _keras(f"{_V1}initializers.{n}") for k, n in (
        ("HeNormal", "he_normal"), ("he_normal", "he_normal"), ("HeUniform", "he_uniform"),
        ("he_uniform", "he_uniform"), ("LecunNormal", "lecun_normal"), ("lecun_normal", "lecun_normal"),
        ("LecunUniform", "lecun_uniform"), ("lecun_uniform", "lecun_uniform"))},
    "tf.keras.initializers.VarianceScaling": _keras(f"{_V1}variance_scaling_initializer"),
    **{f"tf.keras.initializers.{n}": _keras(f"{_V1}orthogonal_initializer") for n in ("Orthogonal", "orthogonal")},
    **{f"tf.keras.initializers.{n}": _keras(f"{_V1}random_normal_initializer", {"stddev": "0.05"})
       for n in ("RandomNormal", "random_normal", "normal")},
    **{f"tf.keras.initializers.{n}": _keras(f"{_V1}random_uniform_initializer", {"minval": "-0.05",
                                                                                  "maxval": "0.05"})
       for n in ("RandomUniform", "random_uniform", "uniform")},
    **{f"tf.keras.initializers.{n}": _keras(f"{_V1}truncated_normal_initializer", {"stddev": "0.05"})
       for n in ("TruncatedNormal", "truncated_normal")},
    # the same functions, with the same arguments
    **{f"tf.contrib.layers.{n}": _Fresh(f"tf_slim.{n}") for n in (
        "xavier_initializer", "xavier_initializer_conv2d", "variance_scaling_initializer")},
}
# A file that creates variables the TF 1.x way: a tf.keras initializer in it can reach them.
_VARIABLE_CREATORS = ("tf.get_variable", "tf.compat.v1.get_variable", "tf.variable_scope",
                      "tf.compat.v1.variable_scope", "tf.layers.", "tf.compat.v1.layers.", "tf.contrib.layers.",
                      "tf.contrib.slim", "tf.contrib.framework.model_variable", "tf.contrib.framework.variable")


def _creates_tf1_variables(ctx) -> bool:
    state = ctx.scratch
    if "tf1_variables" not in state:
        state["tf1_variables"] = any(q.startswith(_VARIABLE_CREATORS) for q in ctx.resolution.all_qualnames())
    return state["tf1_variables"]


def _keras_argument(ctx, node) -> bool:
    """Is the ORIGINAL ``node`` (an initializer expression) an argument of a Keras call (a layer)?"""
    arg = ctx.parent(node)
    if not isinstance(arg, cst.Arg):
        return False
    call = ctx.parent(arg)
    return isinstance(call, cst.Call) and (ctx.qualname(call.func) or "").startswith("tf.keras.")


def _fresh_target(ctx, qualname: str, node) -> Optional[_Fresh]:
    """The non-Keras initializer for this use, or None (a Keras layer's argument, a TF 2 file...)."""
    fresh = FRESH_TABLE.get(qualname)
    if fresh is None or not ctx.settings.enabled(FRESH.id):
        return None
    if fresh.keras_only_file and not _creates_tf1_variables(ctx):
        return None
    if _keras_argument(ctx, node):
        return None
    if fresh.new.startswith("tf.") and not ctx.exists(fresh.new):
        return None
    return fresh


@on_reference(FRESH, priority=SPECIFIC + 5, screen=lambda q, env: q in FRESH_TABLE)
def fresh_initializer_reference(ctx, ref) -> Optional[Rename]:
    called = ctx.is_called(ref.node)
    fresh = _fresh_target(ctx, ref.qualname, ctx.parent(ref.node) if called else ref.node)
    if fresh is None:
        return None
    if called:
        return Rename(FRESH, None)  # the call hook below writes the call
    if fresh.defaults:
        return None  # passed around uncalled: its defaults cannot be written
    if not fresh.new.startswith("tf."):
        ctx.require_package(TF_SLIM)
    return Rename(FRESH, fresh.new)


@on_call(FRESH, *FRESH_TABLE, priority=ARGUMENT_REWRITES + 5)
def fresh_initializer(ctx, call):
    fresh = _fresh_target(ctx, call.qualname, call.original)
    if fresh is None:
        return None
    args = list(call.node.args)
    if fresh.defaults:
        names = tables.v1_args("tf." + fresh.new[len(_V1):])  # where the defaults are written
        if call.has_star_args() and any(hidden(call, names, p) for p in fresh.defaults):
            ctx.report(FRESH, call.original, f"{call.qualname}(*args/**kwargs): its TF 1.x defaults cannot be "
                       f"written for {fresh.new}", severity="warning",
                       hint=", ".join(f"{p}={v}" for p, v in fresh.defaults.items()) + " unless passed")
            return None
        for param, value in fresh.defaults.items():
            if locate(call, names, param) is None:
                args.append(keyword_arg(param, cst.parse_expression(value)))
    if not fresh.new.startswith("tf."):
        ctx.require_package(TF_SLIM)
    return call_to(ctx, call, fresh.new, args)


# name -> {parameter: TF 1.x default written when the call does not pass it}
CHANGED_DEFAULTS = {
    "tf.random_normal_initializer": {"stddev": "1.0"},
    "tf.initializers.random_normal": {"stddev": "1.0"},
    "tf.random_uniform_initializer": {"minval": "0.0", "maxval": "1.0"},
    "tf.initializers.random_uniform": {"minval": "0.0", "maxval": "1.0"},
    "tf.initializers.truncated_normal": {"stddev": "1.0"},
}
POSITIONS = {
    "tf.random_normal_initializer": ("mean", "stddev", "seed", "dtype"),
    "tf.initializers.random_normal": ("mean", "stddev", "seed", "dtype"),
    "tf.initializers.truncated_normal": ("mean", "stddev", "seed", "dtype"),
    "tf.random_uniform_initializer": ("minval", "maxval", "seed", "dtype"),
    "tf.initializers.random_uniform": ("minval", "maxval", "seed", "dtype"),
    "tf.initializers.variance_scaling": ("scale", "mode", "distribution", "seed", "dtype"),
}


@on_call(DEFAULTS, *CHANGED_DEFAULTS, priority=AFTER_ARGUMENTS)
def changed_defaults(ctx, call):
    names = POSITIONS[call.qualname]
    if call.has_star_args():
        if any(hidden(call, names, p) for p in CHANGED_DEFAULTS[call.qualname]):
            ctx.report(DEFAULTS, call.original, f"{call.qualname}(*args/**kwargs): TF 2 changed its defaults and "
                       "the tool cannot see which are passed", severity="warning",
                       hint=", ".join(f"{p}={v}" for p, v in CHANGED_DEFAULTS[call.qualname].items()) + " in TF 1.x")
        return None
    args = list(call.node.args)
    for param, value in CHANGED_DEFAULTS[call.qualname].items():
        arg = locate(call, names, param)
        if arg is None:
            args.append(keyword_arg(param, cst.parse_expression(value)))
        elif param == "maxval" and literal(arg.value) is None:
            args = replace_arg(args, arg, with_value(arg, cst.parse_expression(value)))
    return call.with_args(args) if args != list(call.node.args) else None


@on_call(DEFAULTS, "tf.initializers.variance_scaling", priority=AFTER_ARGUMENTS)
def distribution_name(ctx, call):
    arg = locate(call, POSITIONS[call.qualname], "distribution")
    if arg is None or literal(arg.value) != "normal":
        return None
    quote = arg.value.value[0] if isinstance(arg.value, cst.SimpleString) else '"'
    return call.with_args(replace_arg(call.node.args, arg,
                                      with_value(arg, cst.SimpleString(f"{quote}truncated_normal{quote}"))))


# ---- tf.contrib.layers ------------------------------------------------------
CONTRIB_ARGS = {
    "tf.contrib.layers.xavier_initializer": ("uniform", "seed", "dtype"),
    "tf.contrib.layers.xavier_initializer_conv2d": ("uniform", "seed", "dtype"),
    "tf.contrib.layers.variance_scaling_initializer": ("factor", "mode", "uniform", "seed", "dtype"),
    "tf.contrib.layers.l1_regularizer": ("scale", "scope"),
    "tf.contrib.layers.l2_regularizer": ("scale", "scope"),
    "tf.contrib.layers.l1_l2_regularizer": ("scale_l1", "scale_l2", "scope"),
}


@on_reference(CONTRIB, priority=SPECIFIC + 10, screen=lambda q, env: q in CONTRIB_ARGS)
def contrib_calls_are_converted(ctx, ref) -> Optional[Rename]:
    """Called contrib initializers are converted by the call hook below (which
    reports what it cannot convert); other uses fall through to tf.contrib's error."""
    if ctx.is_called(ref.node):
        return Rename(CONTRIB, None)
    return None


def _refuse(ctx, call, why: str, hint: str) -> None:
    ctx.report(CONTRIB, call.original, f"{call.qualname} was removed with tf.contrib and {why}",
               severity="error", hint=hint)


def _scaled(expr: cst.BaseExpression, factor: str) -> cst.BaseExpression:
    """``factor * expr``, computed when ``expr`` is a number literal."""
    value = literal(expr)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        try:
            text = str(Decimal(factor) * Decimal(cst.Module(body=[]).code_for_node(expr).strip()))
        except InvalidOperation:
            text = None
        if text is not None:
            return cst.parse_expression(repr(float(text)))  # shortest spelling: 0.05, 5e-05
    return cst.parse_expression(f"{factor} * {cst.Module(body=[]).code_for_node(parenthesize(expr))}")


def _kw(name, value):
    return keyword_arg(name, value if isinstance(value, cst.BaseExpression) else cst.parse_expression(value))


@on_call(CONTRIB, *CONTRIB_ARGS, priority=AFTER_ARGUMENTS)
def contrib_initializer(ctx, call):
    names = CONTRIB_ARGS[call.qualname]
    short = call.qualname.rsplit(".", 1)[1]
    if call.has_star_args():
        _refuse(ctx, call, "its arguments are hidden by *args/**kwargs", "convert this call by hand")
        return None
    arg = {n: locate(call, names, n) for n in names}
    dtype = arg.get("dtype")
    if dtype is not None and ctx.qualname(_original_value(call, dtype)) != "tf.float32":
        _refuse(ctx, call, "Keras initializers take the dtype from the variable, not the constructor",
                "drop dtype= if the variable is float32, else pass dtype to the variable")
        return None
    seed = [_kw("seed", arg["seed"].value)] if arg.get("seed") is not None else []
    if "xavier" in short:
        uniform = True if arg["uniform"] is None else literal(arg["uniform"].value)
        if uniform is True or uniform is False:
            cls = "GlorotUniform" if uniform else "GlorotNormal"
            return call_to(ctx, call, f"tf.keras.initializers.{cls}", seed)
        distribution = cst.parse_expression(
            f'"uniform" if {ctx.code(arg["uniform"].value)} else "truncated_normal"')
        return call_to(ctx, call, "tf.keras.initializers.VarianceScaling",
                       [_kw("scale", "1.0"), _kw("mode", '"fan_avg"'), _kw("distribution", distribution)] + seed)
    if short == "variance_scaling_initializer":
        scale = arg["factor"].value if arg["factor"] is not None else "2.0"
        mode = arg["mode"]
        if mode is None:
            mode_expr = '"fan_in"'
        elif isinstance(literal(mode.value), str):
            mode_expr = '"' + literal(mode.value).lower() + '"'
        else:
            mode_expr = cst.parse_expression(f"{ctx.code(parenthesize(mode.value))}.lower()")
        uniform = False if arg["uniform"] is None else literal(arg["uniform"].value)
        if uniform is True or uniform is False:
            distribution = '"uniform"' if uniform else '"truncated_normal"'
        else:
            distribution = cst.parse_expression(
                f'"uniform" if {ctx.code(arg["uniform"].value)} else "truncated_normal"')
        return call_to(ctx, call, "tf.keras.initializers.VarianceScaling",
                       [_kw("scale", scale), _kw("mode", mode_expr), _kw("distribution", distribution)] + seed)
    # regularizers; `scope` only named the ops
    if short == "l1_l2_regularizer":
        l1 = arg["scale_l1"].value if arg["scale_l1"] is not None else cst.Float("1.0")
        l2 = arg["scale_l2"].value if arg["scale_l2"] is not None else cst.Float("1.0")
        return call_to(ctx, call, "tf.keras.regularizers.l1_l2", [_kw("l1", l1), _kw("l2", _scaled(l2, "0.5"))])
    if arg["scale"] is None:
        return None  # TF 1.x raised without scale
    scale = arg["scale"].value
    value = _scaled(scale, "0.5") if short == "l2_regularizer" else scale
    return call_to(ctx, call, f"tf.keras.regularizers.{short[:2]}", [cst.Arg(value)])


def _original_value(call, arg: cst.Arg):
    """The original-tree node of ``arg``'s value (for name resolution)."""
    for a in call.original.args:
        if a.keyword is not None and arg.keyword is not None and a.keyword.value == arg.keyword.value:
            return a.value
    positional_new = [a for a in call.node.args if a.keyword is None and not a.star]
    positional_old = [a for a in call.original.args if a.keyword is None and not a.star]
    if arg in positional_new and len(positional_old) == len(positional_new):
        return positional_old[positional_new.index(arg)].value
    return arg.value


UNIT_SCALING = rule(
    "TFU215", "uniform-unit-scaling", "tf.uniform_unit_scaling_initializer(factor) becomes "
    "VarianceScaling(scale=factor**2, mode=\"fan_in\", distribution=\"uniform\")",
    fix="unsafe",
    why="Deprecated since TF 1.x and kept only under tf.compat.v1 (which the default conversion uses). "
        "VarianceScaling draws the same values for 2-D and larger shapes, but for 1-D shapes it scales by the "
        "length where uniform_unit_scaling used 1, so the fix is unsafe.")


@on_call(UNIT_SCALING, "tf.uniform_unit_scaling_initializer", "tf.initializers.uniform_unit_scaling", priority=AFTER_ARGUMENTS)
def uniform_unit_scaling(ctx, call):
    if call.has_star_args():
        return None
    factor, seed, dtype = (locate(call, tables.v1_args(call.qualname), n) for n in ("factor", "seed", "dtype"))
    if dtype is not None and ctx.qualname(_original_value(call, dtype)) != "tf.float32":
        return None  # the compat.v1 spelling keeps the constructor dtype
    if factor is None:
        scale = cst.Float("1.0")
    else:
        value = literal(factor.value)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            exact = Decimal(ctx.code(factor.value).strip()) ** 2  # 1.43 -> 2.0449, not 2.0448999999999997
            scale = cst.parse_expression(repr(float(exact)))
        else:
            scale = cst.parse_expression(f"{ctx.code(parenthesize(factor.value))} ** 2")
    args = [_kw("scale", scale), _kw("mode", '"fan_in"'), _kw("distribution", '"uniform"')]
    if seed is not None:
        args.append(_kw("seed", seed.value))
    return call_to(ctx, call, "tf.keras.initializers.VarianceScaling", args)


KERAS_DTYPE = rule(
    "TFU224", "keras-initializer-dtype", "tf.keras.initializers.*(dtype=tf.float32): the dtype argument is dropped",
    why="Keras initializers take the dtype when called (from the variable); Keras 3 (tf.keras in TF 2.16+) "
        "rejects dtype= in the constructor. float32 was the default, so dropping it keeps the values.")


@on_call(KERAS_DTYPE, "*", priority=AFTER_ARGUMENTS, screen=lambda q, env, shape: q.startswith("tf.keras.initializers.")
         and "dtype" in shape.keywords)
def keras_initializer_dtype(ctx, call):
    if "dtype" not in tables.removed_keywords().get(call.qualname, ()):
        return None
    dtype = call.keyword("dtype")
    if dtype is None:
        return None
    if ctx.qualname(_original_value(call, dtype)) != "tf.float32":
        ctx.report(KERAS_DTYPE, call.original, f"{call.qualname}(dtype=...): Keras initializers no longer take a "
                   "dtype", severity="warning", hint="drop dtype= and give the variable that dtype")
        return None
    return call.with_args(replace_arg(call.node.args, dtype, None))
