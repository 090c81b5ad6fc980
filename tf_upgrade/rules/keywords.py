"""Calls whose arguments changed names or positions between TF 1.x and TF 2.

Both tables are generated (tools/gen_rules.py).  When a call passes an
argument by position that TF 2 reads differently - either TF 2 reordered its
own parameters (``tf.argmax``: ``name`` and ``output_type`` swapped) or the
call reaches a trailing TF 1.x-only parameter - every positional argument of
the call is passed by keyword with its TF 1.x name, and renamed keywords then
get their TF 2 names::

    tf.argmax(x, 1)                   -> tf.argmax(input=x, axis=1)
    tf.boolean_mask(t, m, "n", 1)     -> tf.boolean_mask(tensor=t, mask=m, name="n", axis=1)
    tf.reduce_sum(x, keep_dims=True)  -> tf.reduce_sum(x, keepdims=True)

All keywords rather than only the moved ones: a call reads the same whatever
order later releases choose, and the output matches what people (and
tf_upgrade_v2) write for these functions.
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


def _reorders(q: str, env, shape) -> bool:
    info = tables.positional().get(q)
    if not info or not shape.positional:
        return False
    return info["first_changed"] < len(info.get("v2_args", info["args"])) or shape.positional > info["first_changed"]


@on_call(POSITIONAL, "*", screen=_reorders)
def positional_to_keyword(ctx, call):
    info = tables.positional().get(call.qualname)
    if not info:
        return None
    names, first = info["args"], info["first_changed"]
    # A reorder among TF 2's own parameters affects every positional call;
    # a difference only in trailing TF 1.x parameters matters when reached.
    reordered = first < len(info.get("v2_args", names))
    positional = [a for a in call.node.args if a.keyword is None and a.star != "**"]
    if not positional or not (reordered or len(positional) > first):
        return None
    if any(a.star == "*" for a in positional) or len(positional) > len(names):
        ctx.report(AMBIGUOUS, call.original, f"{call.qualname}: the meaning of its positional arguments "
                   f"changed in TF 2 and *args hides where they land",
                   hint=f"pass {', '.join(names[:3])}... by keyword")
        return None
    out = []
    index = 0
    for a in call.node.args:
        if a.keyword is None and a.star != "**":
            out.append(keyword_arg(names[index], a.value, like=a))
            index += 1
        else:
            out.append(a)
    return call.with_args(out)


@on_call(KEYWORDS, "*", screen=lambda q, env, shape: q in tables.keyword_renames()
         and not shape.keywords.isdisjoint(tables.keyword_renames()[q]))
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
