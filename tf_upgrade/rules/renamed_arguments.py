"""Arguments TF 2 renamed without keeping the old name as an alias (not in the generated tables).

``tf.convert_to_tensor(preferred_dtype=)`` is ``dtype_hint=`` in TF 2, and
``tf.device(device_name_or_function=)`` is ``device_name=`` (a function is no
longer accepted there, which the call site cannot show).  Runs after the
generic positional->keyword rule, so positional uses arrive as keywords.
"""
from __future__ import annotations

import libcst as cst

from ..upgrader.context import keyword_arg

from ._calls import call_to, settled
from .registry import on_call, rule

RENAMED = rule(
    "TFU206", "renamed-arguments", "arguments TF 2 renamed outright: convert_to_tensor(preferred_dtype=) -> dtype_hint=",
    why="TF 2 dropped these old keyword names entirely; the generated keyword table only covers deprecated aliases "
        "TF 1.x declared.")

# v1 function -> {TF 1.x keyword: TF 2 keyword}
RENAMES = {
    "tf.convert_to_tensor": {"preferred_dtype": "dtype_hint"},
    "tf.device": {"device_name_or_function": "device_name"},
    "tf.cond": {"fn1": "true_fn", "fn2": "false_fn"},  # deprecated aliases TF 2 dropped
}


@on_call(RENAMED, *RENAMES, priority=60)
def rename_arguments(ctx, call):
    table = RENAMES[call.qualname]
    present = {a.keyword.value for a in call.node.args if a.keyword is not None}
    out = []
    changed = False
    for a in call.node.args:
        new = table.get(a.keyword.value) if a.keyword is not None else None
        if new is None:
            out.append(a)
            continue
        if new in present:
            ctx.report(RENAMED, call.original, f"{call.qualname}: both {a.keyword.value}= and {new}= given",
                       severity="error", hint=f"keep only {new}=")
            return None
        if new == "device_name" and len(call.node.args) == 1:
            a = a.with_changes(keyword=None, equal=cst.MaybeSentinel.DEFAULT)  # tf.device("/cpu:0")
        else:
            a = a.with_changes(keyword=cst.Name(new))
        out.append(a)
        changed = True
    return call.with_args(out) if changed else None


REQUIRED = rule(
    "TFU219", "new-required-arguments",
    "arguments TF 2 made required get the value TF 1.x used implicitly (dilation2d's data_format=\"NHWC\")",
    why="TF 2's tf.nn.dilation2d requires data_format; the TF 1.x function only supported NHWC.")

# v1 function -> {TF 2 parameter: the value TF 1.x always used}
NEW_REQUIRED = {
    "tf.nn.dilation2d": {"data_format": '"NHWC"'},
}


@on_call(REQUIRED, *NEW_REQUIRED, priority=60)
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

# v1 function -> (TF 2 function, TF 1.x positional parameters, {TF 1.x keyword: TF 2 keyword}, first position
# whose meaning differs in TF 2: later positionals are passed by keyword)
MOVES = {
    "tf.extract_image_patches": ("tf.image.extract_patches",
                                 ("images", "ksizes", "strides", "rates", "padding", "name", "sizes"),
                                 {"ksizes": "sizes"}, 1),
    "tf.image.extract_image_patches": ("tf.image.extract_patches",
                                       ("images", "ksizes", "strides", "rates", "padding", "name", "sizes"),
                                       {"ksizes": "sizes"}, 1),
    "tf.substr": ("tf.strings.substr", ("input", "pos", "len", "name", "unit"), {}, 3),
}


@on_call(MOVED, *MOVES, priority=60)
def moved_function(ctx, call):
    target, params, renames, first = MOVES[call.qualname]
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
