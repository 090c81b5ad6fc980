"""Calls whose arguments changed names or positions between TF 1.x and TF 2.

Both tables are generated (tools/gen_rules.py).  Positional arguments at or
after the first position whose meaning changed become keywords with their
TF 1.x names, then renamed keywords get their TF 2 names:
``tf.argmax(x, 1, "n")`` -> ``tf.argmax(x, 1, name="n")`` and
``tf.reduce_sum(x, keep_dims=True)`` -> ``tf.reduce_sum(x, keepdims=True)``.
"""
from __future__ import annotations

import libcst as cst

from ..upgrader.context import fix_commas, keyword_arg
from . import tables
from .registry import on_call, rule

POSITIONAL = rule(
    "TFU103", "positional-to-keyword",
    "positional arguments whose position changed meaning in TF 2 are passed by keyword",
    why="TF 2 reordered some parameters (tf.argmax's name moved after output_type): by position they'd bind wrongly.")
KEYWORDS = rule(
    "TFU102", "keyword-rename", "renamed keyword arguments get their TF 2 names (keep_dims -> keepdims)",
    why="TF 2 removed the deprecated aliases of many arguments.")
AMBIGUOUS = rule(
    "TFU106", "hidden-arguments", "a call whose *args/**kwargs hide arguments that changed in TF 2",
    fix="manual", severity="warning",
    why="The tool cannot see which parameters *args or **kwargs fill, so it cannot rename or reorder them.")


@on_call(POSITIONAL, "*")
def positional_to_keyword(ctx, call):
    info = tables.positional().get(call.qualname)
    if not info:
        return None
    names, first = info["args"], info["first_changed"]
    args = list(call.node.args)
    out = []
    index = 0
    changed = False
    for a in args:
        if a.keyword is not None or a.star == "**":
            out.append(a)
            continue
        if a.star == "*":
            if index <= first or len(call.positional()) > first:
                ctx.report(AMBIGUOUS, call.original, f"{call.qualname}(*args): arguments from position "
                           f"{first + 1} on changed meaning in TF 2 and cannot be located",
                           hint=f"pass {', '.join(names[first:first + 3])}... by keyword")
            return None
        if index >= first and index < len(names):
            out.append(keyword_arg(names[index], a.value, like=a))
            changed = True
        else:
            out.append(a)
        index += 1
    return call.with_args(out) if changed else None


@on_call(KEYWORDS, "*")
def rename_keywords(ctx, call):
    table = tables.keyword_renames().get(call.qualname)
    if not table:
        return None
    present = {a.keyword.value for a in call.node.args if a.keyword is not None}
    out = []
    changed = False
    for a in call.node.args:
        old = a.keyword.value if a.keyword is not None else None
        if old in table:
            new = table[old]
            if new in present:
                ctx.report(AMBIGUOUS, call.original, f"{call.qualname}: both {old}= and {new}= given; "
                           f"TF 2 only accepts {new}=", severity="error", hint=f"remove {old}=")
                return None
            out.append(a.with_changes(keyword=cst.Name(new)))
            changed = True
        else:
            out.append(a)
    return call.with_args(fix_commas(out)) if changed else None
