"""Arguments TF 2 renamed without keeping the old name as an alias, and names TF 2 moved.

``tf.convert_to_tensor(preferred_dtype=)`` is ``dtype_hint=`` in TF 2, and
``tf.device(device_name_or_function=)`` is ``device_name=`` (a function is no
longer accepted there, which the call site cannot show).  TensorFlow's metadata
does not state these renames: they are declared in ``tools/rule_overrides.py``
and generated into ``keywords.json`` with the others (its ``declared`` part).
Runs after the generic positional->keyword rule, so positional uses arrive as
keywords.
"""
from __future__ import annotations

from typing import Mapping, NamedTuple, Optional

import libcst as cst

from . import tables
from ._calls import call_to, keywordize, settled
from .keywords import first_moved, renamed_keywords
from .registry import AFTER_ARGUMENTS, SPECIFIC, Rename, on_call, on_reference, rule
from .syntax import keyword_arg

RENAMED = rule(
    "TFU206", "renamed-arguments", "arguments TF 2 renamed outright: convert_to_tensor(preferred_dtype=) -> dtype_hint=",
    why="TF 2 dropped these old keyword names entirely, and TensorFlow's metadata does not state the renames: "
        "they are declared in tools/rule_overrides.py (the keyword table's declared part).")


def _passes_declared(q: str, env, shape) -> bool:
    table = tables.declared_keyword_renames().get(q)
    return table is not None and not shape.keywords.isdisjoint(table)


@on_call(RENAMED, "*", priority=AFTER_ARGUMENTS, screen=_passes_declared)
def rename_arguments(ctx, call):
    table = tables.declared_keyword_renames().get(call.qualname)
    if not table:
        return None
    args = renamed_keywords(call, table)
    if isinstance(args, tuple):
        old, new = args
        ctx.report(RENAMED, call.original, f"{call.qualname}: both {old}= and {new}= given",
                   severity="error", hint=f"keep only {new}=")
        return None
    if args is None:
        return None
    if len(args) == 1 and args[0].keyword is not None and args[0].keyword.value == "device_name":
        args = [args[0].with_changes(keyword=None, equal=cst.MaybeSentinel.DEFAULT)]  # tf.device("/cpu:0")
    return call.with_args(args)


REQUIRED = rule(
    "TFU219", "new-required-arguments",
    "arguments TF 2 made required get the value TF 1.x used implicitly (dilation2d's data_format=\"NHWC\")",
    why="TF 2's tf.nn.dilation2d requires data_format; the TF 1.x function only supported NHWC.")

# v1 function -> {TF 2 parameter: the value TF 1.x always used}
NEW_REQUIRED = {
    "tf.nn.dilation2d": {"data_format": '"NHWC"'},
}


@on_call(REQUIRED, *NEW_REQUIRED, priority=AFTER_ARGUMENTS)
def add_required(ctx, call):
    present = {a.keyword.value for a in call.node.args if a.keyword is not None}
    missing = [(k, v) for k, v in NEW_REQUIRED[call.qualname].items() if k not in present]
    if not missing:
        return None
    if any(a.star for a in call.node.args):
        ctx.report(REQUIRED, call.original, f"{call.qualname}: TF 2 requires {', '.join(k for k, _ in missing)}, "
                   "which *args/**kwargs may or may not pass", severity="warning",
                   hint=", ".join(f"{k}={v}" for k, v in missing) + " is what TF 1.x used")
        return None
    args = list(call.node.args)
    if args and isinstance(args[-1].comma, cst.Comma):
        tail = args[-1].comma
        args[-1] = args[-1].with_changes(comma=cst.MaybeSentinel.DEFAULT)
    else:
        tail = cst.MaybeSentinel.DEFAULT
    args += [keyword_arg(k, cst.parse_expression(v)) for k, v in missing]
    args[-1] = args[-1].with_changes(comma=tail)
    return call.with_args(args)


MOVED = rule(
    "TFU222", "moved-with-renamed-arguments",
    "functions TF 2 moved and whose arguments it renamed: tf.extract_image_patches(ksizes=) -> "
    "tf.image.extract_patches(sizes=)",
    why="The TF 2 function computes the same op, but the symbol table cannot map it: its signature differs, so "
        "the table falls back to tf.compat.v1.")


class Move(NamedTuple):
    target: str  # the TF 2 function
    renames: Mapping[str, str]  # TF 1.x keyword -> TF 2 keyword (only with the move: tf.compat.v1 keeps the old)
    first: int  # first TF 1.x position whose meaning differs in TF 2: later positionals are passed by keyword


# v1 function -> its move; its TF 1.x positional parameters come from the signature table
MOVES = {
    "tf.extract_image_patches": Move("tf.image.extract_patches", {"ksizes": "sizes"}, 1),
    "tf.image.extract_image_patches": Move("tf.image.extract_patches", {"ksizes": "sizes"}, 1),
    "tf.substr": Move("tf.strings.substr", {}, 3),
    "tf.depth_to_space": Move("tf.nn.depth_to_space", {}, 2),
    "tf.space_to_depth": Move("tf.nn.space_to_depth", {}, 2),
    "tf.sparse_matmul": Move("tf.linalg.matmul", {}, 4),
}


@on_call(MOVED, *MOVES, priority=AFTER_ARGUMENTS)
def moved_function(ctx, call):
    target, renames, first = MOVES[call.qualname]
    params = tables.v1_args(call.qualname)
    if not ctx.exists(target):
        return None  # the table's tf.compat.v1 spelling stays
    if call.has_star_args():
        ctx.report(MOVED, call.original, f"{call.qualname}(*args/**kwargs): arguments cannot be renamed for "
                   f"{target}; kept tf.compat.v1", severity="info", hint=f"pass them by keyword to use {target}")
        return None
    args = []
    index = 0
    for a in call.node.args:
        if a.keyword is None:
            if index >= len(params):
                return None
            if index >= first:
                a = keyword_arg(renames.get(params[index], params[index]), a.value, like=a)
            index += 1
        elif a.keyword.value in renames:
            a = a.with_changes(keyword=cst.Name(renames[a.keyword.value]))
        args.append(a)
    return settled(ctx, call, call_to(ctx, call, target, args), target)


ALIAS = rule(
    "TFU223", "v2-equivalents", "TF 1.x names with an identical TF 2 spelling the symbol table does not know: "
    "tf.VERSION -> tf.version.VERSION, tf.gfile.Exists -> tf.io.gfile.exists, saved_model constants...",
    why="These names have the same value or the same function (same positional parameters) under another TF 2 "
        "name; the generated table, which matches symbols by identity, can only offer tf.compat.v1.")

# TF 1.x name -> TF 2 name: same value, or a function with the same positional parameters
# (their keyword renames are declared in tools/rule_overrides.py).
ALIASES = {
    "tf.VERSION": "tf.version.VERSION", "tf.GIT_VERSION": "tf.version.GIT_VERSION",
    "tf.COMPILER_VERSION": "tf.version.COMPILER_VERSION", "tf.GRAPH_DEF_VERSION": "tf.version.GRAPH_DEF_VERSION",
    "tf.GRAPH_DEF_VERSION_MIN_CONSUMER": "tf.version.GRAPH_DEF_VERSION_MIN_CONSUMER",
    "tf.GRAPH_DEF_VERSION_MIN_PRODUCER": "tf.version.GRAPH_DEF_VERSION_MIN_PRODUCER",
    "tf.CXX11_ABI_FLAG": "tf.sysconfig.CXX11_ABI_FLAG", "tf.MONOLITHIC_BUILD": "tf.sysconfig.MONOLITHIC_BUILD",
    "tf.CXX_VERSION": "tf.sysconfig.CXX_VERSION",
    "tf.gfile.Copy": "tf.io.gfile.copy", "tf.gfile.DeleteRecursively": "tf.io.gfile.rmtree",
    "tf.gfile.Exists": "tf.io.gfile.exists", "tf.gfile.Glob": "tf.io.gfile.glob",
    "tf.gfile.IsDirectory": "tf.io.gfile.isdir", "tf.gfile.ListDirectory": "tf.io.gfile.listdir",
    "tf.gfile.MakeDirs": "tf.io.gfile.makedirs", "tf.gfile.MkDir": "tf.io.gfile.mkdir",
    "tf.gfile.Remove": "tf.io.gfile.remove", "tf.gfile.Rename": "tf.io.gfile.rename",
    "tf.gfile.Stat": "tf.io.gfile.stat", "tf.gfile.Walk": "tf.io.gfile.walk",
    "tf.arg_max": "tf.argmax", "tf.arg_min": "tf.argmin", "tf.floor_div": "tf.math.floordiv",
    "tf.manip.reshape": "tf.reshape", "tf.batch_to_space_nd": "tf.batch_to_space",
    "tf.manip.batch_to_space_nd": "tf.batch_to_space",
    "tf.random.stateless_multinomial": "tf.random.stateless_categorical",
}
# tf.saved_model.<module>.NAME -> tf.saved_model.NAME (the same string constants)
SAVED_MODEL_CONSTANTS = ("tf.saved_model.constants.", "tf.saved_model.signature_constants.",
                         "tf.saved_model.tag_constants.")


@on_reference(ALIAS, priority=SPECIFIC + 20, screen=lambda q, env: q in ALIASES or q.startswith(SAVED_MODEL_CONSTANTS))
def v2_equivalent(ctx, ref) -> Optional[Rename]:
    q = ref.qualname
    new = ALIASES.get(q)
    if new is None:
        for prefix in SAVED_MODEL_CONSTANTS:
            if q.startswith(prefix) and "." not in q[len(prefix):]:
                new = "tf.saved_model." + q[len(prefix):]
    if new is None or not ctx.exists(new):
        return None
    return Rename(ALIAS, new)


@on_call(ALIAS, "*", priority=AFTER_ARGUMENTS + 5, screen=lambda q, env, shape: q in ALIASES
         or (q.endswith("_v2") and q in tables.symbol_renames()))
def settle_aliased_call(ctx, call):
    """A call of an alias reads like a TF 1.x call of its new name on the next run: normalise it now.

    Also for the table's ``tf.X_v2 -> tf.X`` renames (``max_pool_v2``, ``saved_model.load_v2``): the
    ``_v2`` functions already had TF 2's signature, which TF 1.x's ``tf.X`` may not share.
    """
    new = ALIASES.get(call.qualname)
    if new is None and call.qualname.endswith("_v2"):
        new = tables.symbol_renames().get(call.qualname)
    if new == call.qualname:
        return None
    info = tables.positional().get(new)
    if not ctx.exists(new) or info is None or any(a.star == "*" for a in call.node.args):
        return None
    # The alias takes TF 2's positional parameters, but the new name's TF 1.x signature (which the
    # generic rule reads on a second run of TF 1.x code) may not: pass those from the first position
    # the two bind differently by their TF 2 names (earlier ones mean the same: left as written).
    args = keywordize(call, info.v2_args, start=first_moved(new))
    if args is None:
        return None
    return settled(ctx, call, call.with_args(args), new)
